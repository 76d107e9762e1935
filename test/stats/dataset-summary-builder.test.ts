import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createVolume } from "../../src/core/volume.ts";
import { datasetSummary } from "../../src/node/index.ts";
import { type DatasetCase, DatasetSummaryBuilder, summarizeCase } from "../../src/stats/index.ts";
import { numpyMedian, numpyPercentile } from "./oracle.ts";

/** A random small case: labels 0–3 and int16 HU, shape up to 4×4×3, spacing from a short list. */
const caseArb = fc
  .record({
    nx: fc.integer({ min: 1, max: 4 }),
    ny: fc.integer({ min: 1, max: 4 }),
    nz: fc.integer({ min: 1, max: 3 }),
    s: fc.constantFrom(0.5, 0.8, 1, 2.5),
    seed: fc.integer({ min: 0, max: 1e9 }),
  })
  .map(({ nx, ny, nz, s, seed }) => {
    const n = nx * ny * nz;
    let state = seed;
    const rand = (): number => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const labels = Uint8Array.from({ length: n }, () => Math.floor(rand() * 4));
    const hu = Int16Array.from({ length: n }, () => Math.floor((rand() - 0.5) * 400));
    const opts = { spacing: [s, s, 2 * s] };
    return { labels: createVolume(labels, [nx, ny, nz], opts), image: createVolume(hu, [nx, ny, nz], opts) };
  });

describe("DatasetSummaryBuilder", () => {
  it("DatasetSummaryBuilder.result() equals a brute-force oracle over the pooled voxels and per-case volumes (property)", () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 5 }), (cases) => {
        const builder = new DatasetSummaryBuilder();
        cases.forEach((c, i) => builder.add(summarizeCase({ id: `c${i}`, split: "train", ...c })));
        const s = builder.result();
        const pooled: number[] = [];
        for (const label of [1, 2, 3]) {
          const values: number[] = [];
          const volumes: number[] = [];
          for (const c of cases) {
            const [sx, sy, sz] = c.labels.spacing;
            let count = 0;
            c.labels.data.forEach((l, i) => {
              if (l === label) {
                count++;
                values.push(c.image.data[i] as number);
              }
            });
            if (count > 0) volumes.push((count * (sx * sy * sz)) / 1000); // voxels × product of the spacing, in cm³
          }
          pooled.push(...values);
          const o = s.organs[label - 1];
          expect(o.cases).toBe(volumes.length);
          expect(o.coveragePercent).toBe((volumes.length / cases.length) * 100);
          if (volumes.length === 0) {
            expect(o.volumeCm3).toBeNull();
            expect(o.hu).toBeNull();
            continue;
          }
          expect(o.volumeCm3!.max).toBe(Math.max(...volumes));
          expect(o.volumeCm3!.min).toBe(Math.min(...volumes));
          expect(o.volumeCm3!.median).toBe(numpyMedian(volumes));
          expect(o.volumeCm3!.mean).toBeCloseTo(volumes.reduce((a, b) => a + b, 0) / volumes.length, 12);
          expect(o.hu!.voxelCount).toBe(values.length);
          expect(o.hu!.percentile0_5).toBe(numpyPercentile(values, 0.5));
          expect(o.hu!.percentile99_5).toBe(numpyPercentile(values, 99.5));
          expect(o.hu!.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
        }
        if (pooled.length > 0) {
          expect(s.foregroundHu!.percentile0_5).toBe(numpyPercentile(pooled, 0.5));
          expect(s.foregroundHu!.percentile99_5).toBe(numpyPercentile(pooled, 99.5));
        } else {
          expect(s.foregroundHu).toBeNull();
        }
      }),
      { numRuns: 100 },
    );
  });

  it("DatasetSummaryBuilder.result() does not depend on the order cases are added, except the case list (property)", () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 2, maxLength: 5 }), fc.integer({ min: 1, max: 4 }), (cases, shift) => {
        const run = (order: number[]) => {
          const b = new DatasetSummaryBuilder();
          for (const i of order) b.add(summarizeCase({ id: `c${i}`, split: "train", ...cases[i] }));
          const { cases: _list, ...rest } = b.result();
          return rest;
        };
        const order = cases.map((_, i) => i);
        const rotated = order.map((_, i) => order[(i + shift) % order.length]);
        const a = run(order);
        const b = run(rotated);
        expect(b.spacingMm).toEqual(a.spacingMm);
        expect(b.size).toEqual(a.size);
        expect(b.organs.map((o) => [o.cases, o.volumeCm3?.max, o.volumeCm3?.median, o.hu?.percentile0_5, o.hu?.percentile99_5])).toEqual(
          a.organs.map((o) => [o.cases, o.volumeCm3?.max, o.volumeCm3?.median, o.hu?.percentile0_5, o.hu?.percentile99_5]),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("datasetSummary(asyncIterable) takes cases one at a time from an async generator", async () => {
    let live = 0;
    let maxLive = 0;
    async function* cases(): AsyncGenerator<DatasetCase> {
      for (let i = 0; i < 4; i++) {
        live++;
        maxLive = Math.max(maxLive, live);
        yield { id: `c${i}`, split: i < 3 ? "train" : "test", labels: createVolume(new Uint8Array([1, i % 2 ? 0 : 3]), [2, 1, 1], { spacing: [10, 10, 10] }) };
        live--;
      }
    }
    const s = await datasetSummary(cases(), { workers: 1 });
    expect(maxLive).toBe(1);
    expect(s.casesBySplit).toEqual({ train: 3, validation: 0, test: 1 });
    expect(s.organs[2]).toMatchObject({ name: "spleen", cases: 2, coveragePercent: 50 });
  });
});
