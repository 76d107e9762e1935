// evaluateDataset over a small folder: pairing, missing / unmatched / failing cases, shards, workers.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateCase, evaluationRecord, formatEvaluationCsv } from "../../src/metrics/index.ts";
import { evaluateDataset } from "../../src/node/index.ts";
import { isFlarekitError } from "../../src/core/errors.ts";
import { makeDataset, SHAPE, SPACING } from "./dataset-fixture.ts";

let ds: Awaited<ReturnType<typeof makeDataset>>;
beforeAll(async () => {
  ds = await makeDataset();
});
afterAll(() => rmSync(ds.root, { recursive: true, force: true }));

const inMemory = (gt: Uint8Array, pred: Uint8Array) => evaluateCase({ data: gt, shape: SHAPE, spacing: SPACING }, { data: pred, shape: SHAPE });

describe("evaluateDataset", () => {
  it("evaluateDataset(gtDir, predDir) pairs by name, scores a missing prediction as empty, reports unmatched and failing cases", async () => {
    const seen: string[] = [];
    const r = await evaluateDataset(ds.gtDir, ds.predDir, { concurrency: 1, onProgress: (done, total, name) => seen.push(`${done}/${total} ${name}`) });
    expect(r.cases.map((c) => c.name)).toEqual(["a.nii.gz", "b_0000.nii.gz", "c.nii.gz"]);
    expect(r.missingPredictions).toEqual(["c.nii.gz"]);
    expect(r.unmatchedPredictions).toEqual(["x.nii.gz"]);
    expect(r.failures.map((f) => [f.name, f.code])).toEqual([["d.nii.gz", "SHAPE_MISMATCH"]]);
    expect(r.failures[0].message).toContain("24×20×11");
    expect(seen).toEqual(["1/4 a.nii.gz", "2/4 b_0000.nii.gz", "3/4 c.nii.gz", "4/4 d.nii.gz"]);
    const expected = [
      inMemory(ds.gt.a, ds.pred.a),
      inMemory(ds.gt.b, ds.pred.b),
      inMemory(ds.gt.c, new Uint8Array(ds.gt.c.length)),
    ];
    // files carry affines (equal here), the in-memory images none; the missing prediction has none either
    expect(r.cases.map((c) => c.metrics.affineMismatch)).toEqual([false, false, undefined]);
    expect(r.cases.map((c) => ({ ...c.metrics, affineMismatch: undefined }))).toEqual(expected);
    expect(r.cases[2].missingPrediction).toBe(true);
    expect(r.cases[1].metrics.labels[2].branch).toBe("pred-empty");
    expect(r.csv).toBe(formatEvaluationCsv(["a.nii.gz", "b_0000.nii.gz", "c.nii.gz"].map((n, i) => evaluationRecord(n, expected[i]))));
    expect(r.csv.split("\n")[0]).toBe("Name,DSC_1,NSD-1mm_1,DSC_2,NSD-1mm_2,DSC_3,NSD-1mm_3,DSC_4,NSD-1mm_4");
    expect(r.summary.cases).toBe(3);
    expect(r.summary.labels[0].name).toBe("liver");
    const meanDsc = expected.reduce((s, m) => s + m.meanDsc, 0) / 3;
    expect(r.summary.overall.dsc.mean).toBeCloseTo(meanDsc, 15);
  });

  it("evaluateDataset shards k/n partition the cases; two workers give the same results as one", async () => {
    const full = await evaluateDataset(ds.gtDir, ds.predDir, { concurrency: 1 });
    const s0 = await evaluateDataset(ds.gtDir, ds.predDir, { concurrency: 1, shard: "0/2" });
    const s1 = await evaluateDataset(ds.gtDir, ds.predDir, { concurrency: 1, shard: { index: 1, count: 2 } });
    expect(s0.cases.map((c) => c.name)).toEqual(["a.nii.gz", "c.nii.gz"]);
    expect(s1.cases.map((c) => c.name)).toEqual(["b_0000.nii.gz"]);
    expect(s1.failures.map((f) => f.name)).toEqual(["d.nii.gz"]);
    expect(s0.shard).toEqual({ index: 0, count: 2 });
    const merged = [...s0.cases, ...s1.cases].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(merged).toEqual(full.cases);
    const parallel = await evaluateDataset(ds.gtDir, ds.predDir, { concurrency: 2, hd95: true });
    const serial = await evaluateDataset(ds.gtDir, ds.predDir, { concurrency: 1, hd95: true });
    expect(parallel.cases).toEqual(serial.cases);
    expect(parallel.csv).toBe(serial.csv);
    expect(parallel.csv.split("\n")[0].endsWith("HD95_1,HD95_2,HD95_3,HD95_4")).toBe(true);
  });

  it("evaluateDataset refuses a bad shard, bad concurrency and a missing folder with typed errors", async () => {
    for (const [opts, code] of [
      [{ shard: "2/2" }, "INVALID_ARGUMENT"],
      [{ shard: "a/b" }, "INVALID_ARGUMENT"],
      [{ concurrency: 0 }, "INVALID_ARGUMENT"],
    ] as const) {
      await expect(evaluateDataset(ds.gtDir, ds.predDir, opts)).rejects.toSatisfy((e: unknown) => isFlarekitError(e, code));
    }
    await expect(evaluateDataset(`${ds.root}/nope`, ds.predDir)).rejects.toSatisfy((e: unknown) => isFlarekitError(e, "IO_ERROR"));
  });
});
