// `flarekit eval` and `flarekit merge` as a user runs them: spawns the built dist/cli.js.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEvaluationCsv } from "../../src/metrics/index.ts";
import { evaluateDataset } from "../../src/node/index.ts";
import { REPO_ROOT } from "../helpers/shared.ts";
import { makeDataset } from "./dataset-fixture.ts";

const CLI = join(REPO_ROOT, "dist", "cli.js");
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let ds: Awaited<ReturnType<typeof makeDataset>>;
beforeAll(async () => {
  ds = await makeDataset();
});
afterAll(() => rmSync(ds.root, { recursive: true, force: true }));

describe("flarekit eval / merge", () => {
  it("eval writes the official CSV and a JSON summary, reports missing, unmatched and failed cases (exit 1)", async () => {
    const out = join(ds.root, "eval.csv");
    const summary = join(ds.root, "summary.json");
    const r = cli("eval", "--gt", ds.gtDir, "--pred", ds.predDir, "--out", out, "--summary", summary, "--concurrency", "2");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("no prediction for c.nii.gz; scored as an empty prediction");
    expect(r.stderr).toContain("no ground truth for prediction x.nii.gz");
    expect(r.stderr).toContain("d.nii.gz failed: Shape mismatch");
    const api = await evaluateDataset(ds.gtDir, ds.predDir, { concurrency: 1 });
    expect(readFileSync(out, "utf8")).toBe(api.csv);
    const s = JSON.parse(readFileSync(summary, "utf8"));
    expect(s.summary.cases).toBe(3);
    expect(s.summary.overall.nsd.mean).toBeCloseTo(api.summary.overall.nsd.mean, 14);
    expect(s.missingPredictions).toEqual(["c.nii.gz"]);
    expect(s.failures[0].name).toBe("d.nii.gz");
  });

  it("eval --shard 0/2 and 1/2 merged with flarekit merge equal the unsharded CSV", () => {
    const full = cli("eval", "--gt", ds.gtDir, "--pred", ds.predDir, "--quiet", "--concurrency", "1");
    const p0 = join(ds.root, "p0.csv");
    const p1 = join(ds.root, "p1.csv");
    expect(cli("eval", "--gt", ds.gtDir, "--pred", ds.predDir, "--shard", "1/2", "--out", p1, "--quiet").status).toBe(1); // d fails in shard 1
    expect(cli("eval", "--gt", ds.gtDir, "--pred", ds.predDir, "--shard", "0/2", "--out", p0, "--quiet").status).toBe(0);
    expect(parseEvaluationCsv(readFileSync(p0, "utf8")).map((r) => r.name)).toEqual(["a.nii.gz", "c.nii.gz"]);
    const merged = join(ds.root, "merged.csv");
    const m = cli("merge", p1, p0, "--out", merged, "--summary", join(ds.root, "m.json"));
    expect(m.status).toBe(0);
    expect(m.stderr).toContain("3 case(s)");
    expect(readFileSync(merged, "utf8")).toBe(full.stdout);
  });

  it("bad usage exits 2 with a pointer to --help; merging the same case twice is refused", () => {
    const noPred = cli("eval", "--gt", ds.gtDir);
    expect(noPred.status).toBe(2);
    expect(noPred.stderr).toContain("--gt <dir> and --pred <dir> are required");
    expect(cli("eval", "--gt", ds.gtDir, "--pred", ds.predDir, "--shard", "3/2").status).toBe(2);
    const badConcurrency = cli("eval", "--gt", ds.gtDir, "--pred", ds.predDir, "--concurrency", "1.5");
    expect(badConcurrency.status).toBe(2);
    expect(badConcurrency.stderr).toContain('--concurrency expects a positive integer, got "1.5"');
    const p0 = join(ds.root, "dup.csv");
    cli("eval", "--gt", ds.gtDir, "--pred", ds.predDir, "--shard", "0/2", "--out", p0, "--quiet");
    const dup = cli("merge", p0, p0);
    expect(dup.status).toBe(2);
    expect(dup.stderr).toContain("appears in both");
    expect(cli("eval", "--help").stdout).toContain("Example:");
  });
});
