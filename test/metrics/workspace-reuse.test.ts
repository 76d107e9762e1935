// evaluateCase keeps its work arrays between calls (and reuses them across labels): a sequence of cases of
// different sizes and label sets must give, for every label, exactly what the stand-alone functions give
// (they use fresh work arrays every time).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dice, evaluateCase, hausdorff, surfaceDice } from "../../src/metrics/index.ts";

const SPACINGS = [0.5, 0.7421875, 0.800000011920929, 1, 2.5];

const caseArb = fc
  .record({
    nx: fc.integer({ min: 1, max: 12 }),
    ny: fc.integer({ min: 1, max: 10 }),
    nz: fc.integer({ min: 1, max: 8 }),
    spacing: fc.tuple(fc.constantFrom(...SPACINGS), fc.constantFrom(...SPACINGS), fc.constantFrom(...SPACINGS)),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    density: fc.constantFrom(0.03, 0.1, 0.3, 0.6, 0.9),
    flip: fc.double({ min: 0, max: 0.5, noNaN: true }),
  })
  .map(({ nx, ny, nz, spacing, seed, density, flip }) => {
    let s = seed;
    const rnd = () => ((s = (s * 48271) % 2147483647) / 2147483647);
    const n = nx * ny * nz;
    const gt = new Uint8Array(n);
    const pred = new Uint8Array(n);
    // labels 1–3 in blocks along x, so that their boxes differ
    for (let i = 0; i < n; i++) {
      const label = 1 + Math.floor(((i % nx) * 3) / nx);
      gt[i] = rnd() < density ? label : 0;
      pred[i] = rnd() < flip ? (rnd() < density ? label : 0) : gt[i];
    }
    return { shape: [nx, ny, nz], spacing, gt, pred };
  });

describe("evaluateCase: work arrays kept between calls", () => {
  it("every label of every case in a sequence equals dice / surfaceDice / hausdorff computed afresh (bit for bit)", () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 2, maxLength: 5 }), (cases) => {
        for (const { shape, spacing, gt, pred } of cases) {
          const labels = { a: 1, b: 2, c: 3 };
          const r = evaluateCase({ data: gt, shape, spacing }, { data: pred, shape }, { labels, hd95: true });
          for (const l of r.labels) {
            const g = { data: gt, shape, spacing };
            const p = { data: pred, shape };
            if (l.branch !== "computed") continue; // the FLARE21 conventions are tested elsewhere
            expect(Object.is(l.dsc, dice(g, p, { label: l.label }))).toBe(true);
            expect(Object.is(l.nsd, surfaceDice(g, p, { label: l.label, toleranceMm: 1 }))).toBe(true);
            expect(Object.is(l.hd95Mm, hausdorff(g, p, { label: l.label, percentile: 95 }))).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
