import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFlarekitError } from "../../src/core/errors.ts";
import { createVolume } from "../../src/core/volume.ts";
import { clipIntensity, ctNormalizationStats, CTNormalizationAccumulator, normalizeCT, percentile, scaleIntensityRange, zscore } from "../../src/intensity/index.ts";

const v1 = (values: number[]) => createVolume(Int16Array.from(values), [values.length, 1, 1]);

describe("scaleIntensityRange (MONAI semantics)", () => {
  it("maps [aMin, aMax] → [bMin, bMax] and extrapolates outside unless clip", () => {
    const v = v1([-1000, -175, 250, 600]);
    const r = scaleIntensityRange(v, { aMin: -175, aMax: 250, bMin: 0, bMax: 1 });
    expect([...r.data]).toEqual([(-1000 + 175) / 425, 0, 1, (600 + 175) / 425].map(Math.fround));
    expect([...scaleIntensityRange(v, { aMin: -175, aMax: 250, bMin: 0, bMax: 1, clip: true }).data]).toEqual([0, 0, 1, 1]);
    expect([...scaleIntensityRange(v, { aMin: -175, aMax: 250, bMin: -1, bMax: 1 }).data].slice(1, 3)).toEqual([-1, 1]);
  });
  it("without bMin/bMax returns (x − aMin)/(aMax − aMin); aMax = aMin returns x − aMin (+ bMin)", () => {
    expect([...scaleIntensityRange(v1([0, 50, 100]), { aMin: 0, aMax: 100 }).data]).toEqual([0, 0.5, 1]);
    expect([...scaleIntensityRange(v1([0, 50, 100]), { aMin: 50, aMax: 50, bMin: 1, bMax: 2 }).data]).toEqual([-49, 1, 51]);
  });
  it("clip without bMin/bMax throws INVALID_ARGUMENT", () => {
    expect(() => scaleIntensityRange(v1([0]), { aMin: 0, aMax: 1, clip: true })).toThrow(/bMin/);
  });
});

describe("clipIntensity", () => {
  it("clips scaled values; either bound may be omitted", () => {
    const v = createVolume(Int16Array.from([0, 1000, 5000]), [3, 1, 1], { scaling: { slope: 1, intercept: -1024 } });
    expect([...clipIntensity(v, { min: -1000, max: 1000 }).data]).toEqual([-1000, -24, 1000]);
    expect([...clipIntensity(v, { max: 0 }).data]).toEqual([-1024, -24, 0]);
    expect(() => clipIntensity(v, { min: 5, max: 1 })).toThrow(/min/);
  });
});

describe("zscore", () => {
  it("matches (x − mean)/std (population std) on random data, optionally within a mask", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1024, max: 3000 }), { minLength: 2, maxLength: 100 }), fc.integer(), (values, seed) => {
        const mask = Uint8Array.from(values, (_, i) => ((seed >>> (i % 31)) & 1) | (i === 0 ? 1 : 0));
        const sel = values.filter((_, i) => mask[i]);
        const mean = sel.reduce((a, b) => a + b, 0) / sel.length;
        const sd = Math.max(Math.sqrt(sel.reduce((a, b) => a + (b - mean) ** 2, 0) / sel.length), 1e-8);
        const got = zscore(v1(values), { mask }).data;
        values.forEach((x, i) => {
          const want = (x - mean) / sd;
          expect(Math.abs(got[i] - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
        });
        const zero = zscore(v1(values), { mask, outside: "zero" }).data;
        values.forEach((_, i) => {
          if (!mask[i]) expect(zero[i]).toBe(0);
        });
      }),
    );
  });
  it("a constant image divides by 1e-8 (nnU-Net's floor) and gives zeros; an empty mask throws", () => {
    expect([...zscore(v1([5, 5, 5])).data]).toEqual([0, 0, 0]);
    let caught: unknown;
    try {
      zscore(v1([1, 2]), { mask: new Uint8Array(2) });
    } catch (err) {
      caught = err;
    }
    expect(isFlarekitError(caught, "INVALID_ARGUMENT")).toBe(true);
  });
});

describe("normalizeCT (nnU-Net CTNormalization)", () => {
  it("clips to [lower, upper], subtracts the mean, divides by max(std, 1e-8) in float32 steps", () => {
    const stats = { meanHu: 61.3, stdHu: 47.9, lowerHu: -58.5, upperHu: 243.7 };
    const values = [-1024, -58, 0, 61, 100, 243, 900];
    const got = normalizeCT(v1(values), stats).data;
    const f = Math.fround;
    values.forEach((x, i) => {
      const c = Math.min(f(stats.upperHu), Math.max(f(stats.lowerHu), x));
      expect(got[i]).toBe(f(f(c - f(stats.meanHu)) / f(stats.stdHu)));
    });
    expect([...normalizeCT(v1([3]), { meanHu: 1, stdHu: 0, lowerHu: 0, upperHu: 10 }).data]).toEqual([f(2 / f(1e-8))]);
  });
});

describe("ctNormalizationStats", () => {
  it("equals mean / std / numpy percentiles over the pooled foreground voxels of all cases (exact mode)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.integer({ min: -1024, max: 2000 }), { minLength: 1, maxLength: 40 }), fc.integer()), { minLength: 1, maxLength: 4 }),
        (raw) => {
          const cases = raw.map(([values, seed]) => {
            const labels = Uint8Array.from(values, (_, i) => ((seed >>> (i % 29)) % 3) | (i === 0 ? 1 : 0));
            return { image: v1(values), labels: createVolume(labels, [values.length, 1, 1]) };
          });
          const fg: number[] = [];
          for (const c of cases) (c.image.data as Int16Array).forEach((x, i) => (c.labels.data as Uint8Array)[i] > 0 && fg.push(x));
          const r = ctNormalizationStats(cases);
          const mean = fg.reduce((a, b) => a + b, 0) / fg.length;
          expect(r.voxelCount).toBe(fg.length);
          expect(r.meanHu).toBeCloseTo(mean, 9);
          expect(r.stdHu).toBeCloseTo(Math.sqrt(fg.reduce((a, b) => a + (b - mean) ** 2, 0) / fg.length), 9);
          const pooled = v1(fg);
          expect(r.lowerHu).toBe(percentile(pooled, 0.5));
          expect(r.upperHu).toBe(percentile(pooled, 99.5));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("hand values: foreground {40, 60} → mean 50, std 10, p0.5 = 40.1, p99.5 = 59.9", () => {
    const image = v1([-1000, 40, 60]);
    const labels = createVolume(Uint8Array.from([0, 1, 2]), [3, 1, 1]);
    const r = ctNormalizationStats([{ image, labels }]);
    expect(r).toMatchObject({ meanHu: 50, stdHu: 10, voxelCount: 2 });
    expect(r.lowerHu).toBeCloseTo(40.1, 12);
    expect(r.upperHu).toBeCloseTo(59.9, 12);
  });

  it("sampling draws samplesPerCase voxels per case, deterministically for a seed", () => {
    const image = v1(Array.from({ length: 500 }, (_, i) => i));
    const labels = createVolume(Uint8Array.from({ length: 500 }, (_, i) => (i % 2 ? 1 : 0)), [500, 1, 1]);
    const a = ctNormalizationStats([{ image, labels }, { image, labels }], { samplesPerCase: 100, seed: 7 });
    const b = ctNormalizationStats([{ image, labels }, { image, labels }], { samplesPerCase: 100, seed: 7 });
    const c = ctNormalizationStats([{ image, labels }, { image, labels }], { samplesPerCase: 100, seed: 8 });
    expect(a.voxelCount).toBe(200);
    expect(a).toEqual(b);
    expect(a.meanHu).not.toBe(c.meanHu);
    expect(a.lowerHu).toBeGreaterThanOrEqual(1);
  });

  it("the accumulator streams cases; no foreground throws INVALID_ARGUMENT; grids must match", () => {
    const acc = new CTNormalizationAccumulator();
    expect(() => acc.result()).toThrow(/foreground/);
    expect(() => acc.add(v1([1, 2]), createVolume(new Uint8Array(3), [3, 1, 1]))).toThrow(/Shape mismatch/);
    acc.add(v1([1, 2]), createVolume(Uint8Array.from([1, 1]), [2, 1, 1]));
    expect(acc.result().meanHu).toBe(1.5);
  });
});
