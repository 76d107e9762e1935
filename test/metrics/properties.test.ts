// Invariants of the surface metrics on small random masks and spacings (fast-check), with brute-force oracles.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dice, hausdorff, surfaceDice, surfaceDistances, type LabelImage } from "../../src/metrics/index.ts";

const SPACINGS = [0.5, 0.7421875, 0.800000011920929, 1, 1.3, 2.5, 3];

interface Pair {
  shape: [number, number, number];
  spacing: [number, number, number];
  gt: Uint8Array;
  pred: Uint8Array;
}

const pairArb: fc.Arbitrary<Pair> = fc
  .record({
    nx: fc.integer({ min: 1, max: 7 }),
    ny: fc.integer({ min: 1, max: 7 }),
    nz: fc.integer({ min: 1, max: 6 }),
    spacing: fc.tuple(fc.constantFrom(...SPACINGS), fc.constantFrom(...SPACINGS), fc.constantFrom(...SPACINGS)),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    density: fc.double({ min: 0, max: 0.8, noNaN: true }),
    flip: fc.double({ min: 0, max: 0.5, noNaN: true }),
  })
  .map(({ nx, ny, nz, spacing, seed, density, flip }) => {
    let s = seed;
    const rnd = () => ((s = (s * 48271) % 2147483647) / 2147483647);
    const n = nx * ny * nz;
    const gt = new Uint8Array(n);
    const pred = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      gt[i] = rnd() < density ? 1 : 0;
      pred[i] = rnd() < flip ? (rnd() < density ? 1 : 0) : gt[i];
    }
    return { shape: [nx, ny, nz] as [number, number, number], spacing, gt, pred };
  });

const img = (data: Uint8Array, shape: readonly number[], spacing?: readonly number[]): LabelImage => (spacing ? { data, shape, spacing } : { data, shape });
const any = (a: Uint8Array): boolean => a.some((v) => v !== 0);

/** Surface corners of a mask from the definition: corners whose 2×2×2 neighbourhood is mixed, in world mm. */
function borderCorners(mask: Uint8Array, [nx, ny, nz]: readonly number[]): [number, number, number][] {
  const at = (i: number, j: number, k: number): number => (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz ? 0 : mask[i + nx * (j + ny * k)]);
  const out: [number, number, number][] = [];
  for (let k = 0; k <= nz; k++)
    for (let j = 0; j <= ny; j++)
      for (let i = 0; i <= nx; i++) {
        let ones = 0;
        for (let d = 0; d < 8; d++) ones += at(i - (d & 1), j - ((d >> 1) & 1), k - ((d >> 2) & 1));
        if (ones > 0 && ones < 8) out.push([i, j, k]);
      }
  return out;
}

/** 2-D border corners from the definition (2×2 neighbourhood mixed). */
function borderCorners2d(mask: Uint8Array, [nx, ny]: readonly number[]): [number, number][] {
  const at = (i: number, j: number): number => (i < 0 || j < 0 || i >= nx || j >= ny ? 0 : mask[i + nx * j]);
  const out: [number, number][] = [];
  for (let j = 0; j <= ny; j++)
    for (let i = 0; i <= nx; i++) {
      const ones = at(i, j) + at(i - 1, j) + at(i, j - 1) + at(i - 1, j - 1);
      if (ones > 0 && ones < 4) out.push([i, j]);
    }
  return out;
}

describe("surface metrics: properties", () => {
  it("2-D images: surfel counts and distances match a brute-force oracle; embedding in a larger image changes nothing", () => {
    fc.assert(
      fc.property(pairArb, fc.nat(3), fc.nat(3), ({ shape, spacing, gt, pred }, ox, oy) => {
        const [nx, ny] = [shape[0], shape[1] * shape[2]]; // reuse the random data as a 2-D image
        const s2 = [spacing[0], spacing[1]];
        const d = surfaceDistances(img(gt, [nx, ny], s2), img(pred, [nx, ny]));
        const bg = borderCorners2d(gt, [nx, ny]);
        const bp = borderCorners2d(pred, [nx, ny]);
        expect(d.distancesGtToPredMm.length).toBe(bg.length);
        const expected = bg
          .map(([i, j]) => {
            let best = Infinity;
            for (const [a, b] of bp) {
              const x = (a - i) * s2[0];
              const y = (b - j) * s2[1];
              best = Math.min(best, x * x + y * y);
            }
            return Math.sqrt(best);
          })
          .sort((u, v) => u - v);
        expected.forEach((e, k) => {
          if (e === Infinity) expect(d.distancesGtToPredMm[k]).toBe(Infinity);
          else expect(Math.abs(d.distancesGtToPredMm[k] - e)).toBeLessThanOrEqual(1e-12 * Math.max(1, e));
        });
        const big = [nx + ox + 2, ny + oy + 1];
        const embed = (m: Uint8Array): Uint8Array => {
          const out = new Uint8Array(big[0] * big[1]);
          for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) out[i + ox + big[0] * (j + oy)] = m[i + nx * j];
          return out;
        };
        expect(surfaceDistances(img(embed(gt), big, s2), img(embed(pred), big))).toEqual(d);
      }),
      { numRuns: 80 },
    );
  });

  it("dice and surfaceDice are symmetric and in [0, 1] (NaN only for two empty masks)", () => {
    fc.assert(
      fc.property(pairArb, ({ shape, spacing, gt, pred }) => {
        const a = img(gt, shape, spacing);
        const b = img(pred, shape, spacing);
        const d1 = dice(a, b);
        const n1 = surfaceDice(a, b);
        expect(dice(b, a)).toBe(d1);
        expect(surfaceDice(b, a)).toBe(n1);
        if (!any(gt) && !any(pred)) {
          expect(d1).toBeNaN();
          expect(n1).toBeNaN();
        } else {
          expect(d1 >= 0 && d1 <= 1).toBe(true);
          expect(n1 >= 0 && n1 <= 1).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("identical non-empty masks give dice 1 and surfaceDice 1; a tolerance above the Hausdorff distance gives 1", () => {
    fc.assert(
      fc.property(pairArb, ({ shape, spacing, gt, pred }) => {
        fc.pre(any(gt) && any(pred));
        const a = img(gt, shape, spacing);
        expect(dice(a, img(gt, shape))).toBe(1);
        expect(surfaceDice(a, img(gt, shape), { toleranceMm: 0 })).toBe(1);
        const hd = hausdorff(a, img(pred, shape));
        expect(surfaceDice(a, img(pred, shape), { toleranceMm: hd })).toBe(1);
        expect(surfaceDice(a, img(pred, shape), { toleranceMm: hd * 1.01 + 1e-9 })).toBe(1);
      }),
      { numRuns: 100 },
    );
  });

  it("shifting a mask by one voxel along an axis of spacing s gives surface distances ≤ s", () => {
    fc.assert(
      fc.property(pairArb, fc.integer({ min: 0, max: 2 }), ({ shape, spacing, gt }, axis) => {
        fc.pre(any(gt));
        const big = shape.map((n, a) => n + (a === axis ? 1 : 0)) as [number, number, number];
        const a = new Uint8Array(big[0] * big[1] * big[2]);
        const b = new Uint8Array(a.length);
        const step = [1, big[0], big[0] * big[1]][axis];
        for (let k = 0; k < shape[2]; k++)
          for (let j = 0; j < shape[1]; j++)
            for (let i = 0; i < shape[0]; i++) {
              if (!gt[i + shape[0] * (j + shape[1] * k)]) continue;
              const p = i + big[0] * (j + big[1] * k);
              a[p] = 1;
              b[p + step] = 1;
            }
        const d = surfaceDistances(img(a, big, spacing), img(b, big));
        const s = spacing[axis];
        for (const x of d.distancesGtToPredMm) expect(x).toBeLessThanOrEqual(s);
        for (const x of d.distancesPredToGtMm) expect(x).toBeLessThanOrEqual(s);
      }),
      { numRuns: 100 },
    );
  });

  it("results do not depend on where the masks sit in a larger empty volume (bit for bit)", () => {
    fc.assert(
      fc.property(pairArb, fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)), fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)), ({ shape, spacing, gt, pred }, lo, hi) => {
        const big = shape.map((n, a) => n + lo[a] + hi[a]) as [number, number, number];
        const embed = (m: Uint8Array): Uint8Array => {
          const out = new Uint8Array(big[0] * big[1] * big[2]);
          for (let k = 0; k < shape[2]; k++)
            for (let j = 0; j < shape[1]; j++)
              for (let i = 0; i < shape[0]; i++) out[i + lo[0] + big[0] * (j + lo[1] + big[1] * (k + lo[2]))] = m[i + shape[0] * (j + shape[1] * k)];
          return out;
        };
        const small = surfaceDistances(img(gt, shape, spacing), img(pred, shape));
        const large = surfaceDistances(img(embed(gt), big, spacing), img(embed(pred), big));
        expect(large).toEqual(small);
        expect(Object.is(dice(img(embed(gt), big), img(embed(pred), big)), dice(img(gt, shape), img(pred, shape)))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("surfaceDistances matches a brute-force oracle: surfel counts and exact nearest-corner distances", () => {
    fc.assert(
      fc.property(pairArb, ({ shape, spacing, gt, pred }) => {
        const d = surfaceDistances(img(gt, shape, spacing), img(pred, shape));
        const bg = borderCorners(gt, shape);
        const bp = borderCorners(pred, shape);
        expect(d.distancesGtToPredMm.length).toBe(bg.length);
        expect(d.distancesPredToGtMm.length).toBe(bp.length);
        const nearest = (from: [number, number, number][], to: [number, number, number][]): number[] =>
          from
            .map(([i, j, k]) => {
              if (to.length === 0) return Infinity;
              let best = Infinity;
              for (const [a, b, c] of to) {
                const x = (a - i) * spacing[0];
                const y = (b - j) * spacing[1];
                const z = (c - k) * spacing[2];
                best = Math.min(best, x * x + y * y + z * z);
              }
              return Math.sqrt(best);
            })
            .sort((u, v) => u - v);
        const expectAll = (actual: Float64Array, expected: number[]): void => {
          expected.forEach((e, i) => {
            if (e === Infinity) expect(actual[i]).toBe(Infinity);
            else expect(Math.abs(actual[i] - e)).toBeLessThanOrEqual(1e-12 * Math.max(1, e));
          });
        };
        expectAll(d.distancesGtToPredMm, nearest(bg, bp));
        expectAll(d.distancesPredToGtMm, nearest(bp, bg));
        // ascending by (distance, area)
        for (let i = 1; i < d.distancesGtToPredMm.length; i++) {
          const [d0, d1] = [d.distancesGtToPredMm[i - 1], d.distancesGtToPredMm[i]];
          expect(d0 < d1 || (d0 === d1 && d.surfelAreasGtMm2[i - 1] <= d.surfelAreasGtMm2[i])).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });
});
