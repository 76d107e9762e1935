import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFlarekitError } from "../../src/core/errors.ts";
import { createVolume, type Volume } from "../../src/core/volume.ts";
import { histogram, percentile } from "../../src/intensity/index.ts";

/**
 * numpy.percentile(a, q) with the default method "linear", written from numpy's source (numpy/lib/function_base.py:
 * virtual index (n − 1)·q/100, `_lerp(a, b, t) = a + (b − a)·t`, or `b − (b − a)·(1 − t)` when t ≥ 0.5), on a full sort.
 */
function numpyPercentile(values: number[], q: number): number {
  const a = [...values].sort((x, y) => x - y);
  const n = a.length;
  const h = (n - 1) * (q / 100);
  const lo = Math.floor(h);
  if (lo >= n - 1) return a[n - 1];
  const t = h - lo;
  const d = a[lo + 1] - a[lo];
  return t >= 0.5 ? a[lo + 1] - d * (1 - t) : a[lo] + d * t;
}

/** numpy.histogram with equal-width bins, written from the definition (edges from linspace, last bin closed). */
function numpyHistogram(values: number[], bins: number, range?: [number, number]): { counts: number[]; edges: number[] } {
  let [first, last] = range ?? [Math.min(...values), Math.max(...values)];
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const step = (last - first) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => i * step + first);
  edges[bins] = last;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (!(v >= first && v <= last)) continue;
    let b = bins - 1;
    for (let i = 0; i < bins; i++) {
      if (v < edges[i + 1]) {
        b = i;
        break;
      }
    }
    counts[b]++;
  }
  return { counts, edges };
}

const vol = (values: number[], f32: boolean): Volume =>
  f32 ? createVolume(Float32Array.from(values), [values.length, 1, 1]) : createVolume(Int16Array.from(values), [values.length, 1, 1]);

describe("percentile", () => {
  it("percentile([1, 2, 3, 4], q) hand values: 50 → 2.5, 33.3 → 1.999, 0 → 1, 100 → 4", () => {
    const v = vol([4, 1, 3, 2], false);
    expect(percentile(v, 50)).toBe(2.5);
    expect(percentile(v, 33.3)).toBeCloseTo(1.999, 12);
    expect(percentile(v, [0, 100])).toEqual([1, 4]);
  });

  it("equals numpy's linear method on random int16 volumes (counting path), with and without a mask", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.integer(),
        (values, qs, seed) => {
          const v = vol(values, false);
          const got = percentile(v, qs);
          qs.forEach((q, i) => expect(got[i] === numpyPercentile(values, q)).toBe(true));
          const mask = Uint8Array.from(values, (_, i) => ((seed >>> (i % 31)) & 1) | (i === 0 ? 1 : 0));
          const kept = values.filter((_, i) => mask[i]);
          qs.forEach((q) => expect(percentile(v, q, { mask }) === numpyPercentile(kept, q)).toBe(true));
        },
      ),
    );
  });

  it("equals numpy's linear method on random float volumes (quickselect path)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 300 }), fc.double({ min: 0, max: 100, noNaN: true }), (raw, q) => {
        const values = Array.from(Float32Array.from(raw));
        // === (not Object.is): numpy does not distinguish the sign of a zero result either
        expect(percentile(vol(values, true), q) === numpyPercentile(values, q)).toBe(true);
        const f64 = createVolume(Float64Array.from(raw), [raw.length, 1, 1]);
        expect(percentile(f64, q) === numpyPercentile(raw, q)).toBe(true);
      }),
    );
  });

  it("infinite values as numpy 1.24: percentile([1, ∞], 0) is NaN (∞ · 0 in the lerp), [1, ∞, 5] at 0 is 1, [−∞, 1] at 100 is 1", () => {
    const f = (values: number[], q: number) => percentile(createVolume(Float64Array.from(values), [values.length, 1, 1]), q);
    expect(f([1, Infinity], 0)).toBeNaN();
    expect(f([1, Infinity, 5], 0)).toBe(1);
    expect(f([-Infinity, 1], 100)).toBe(1);
    expect(f([1, 2, Infinity], 50)).toBeNaN();
  });

  it("applies scaling, including a negative slope (order reversed)", () => {
    const v = createVolume(Int16Array.from([0, 1, 2, 3, 10]), [5, 1, 1], { scaling: { slope: -2, intercept: 5 } });
    const hu = [5, 3, 1, -1, -15];
    for (const q of [0, 10, 50, 73.5, 100]) expect(percentile(v, q)).toBe(numpyPercentile(hu, q));
  });

  it("a mask volume on the same grid selects voxels; an empty mask throws INVALID_ARGUMENT; NaN gives NaN", () => {
    const v = vol([10, 20, 30, 40], false);
    const m = createVolume(Uint8Array.from([0, 1, 1, 0]), [4, 1, 1]);
    expect(percentile(v, 50, { mask: m })).toBe(25);
    let caught: unknown;
    try {
      percentile(v, 50, { mask: new Uint8Array(4) });
    } catch (err) {
      caught = err;
    }
    expect(isFlarekitError(caught, "INVALID_ARGUMENT")).toBe(true);
    expect(() => percentile(v, 50, { mask: createVolume(new Uint8Array(6), [6, 1, 1]) })).toThrow(/Shape mismatch/);
    expect(() => percentile(v, 101)).toThrow(/q/);
    expect(percentile(vol([1, NaN, 3], true), 50)).toBeNaN();
  });
});

describe("histogram", () => {
  it("histogram([0, 1, 2, 3, 4], bins 2) → counts [2, 3], edges [0, 2, 4] (last bin closed)", () => {
    const h = histogram(vol([0, 1, 2, 3, 4], false), { bins: 2 });
    expect([...h.counts]).toEqual([2, 3]);
    expect([...h.edges]).toEqual([0, 2, 4]);
  });

  it("a constant volume gets the range [v − 0.5, v + 0.5]", () => {
    const h = histogram(vol([7, 7, 7], false), { bins: 1 });
    expect([...h.edges]).toEqual([6.5, 7.5]);
    expect([...h.counts]).toEqual([3]);
  });

  it("equals numpy's binning on random data, with and without a range", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2000, max: 3000, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.tuple(fc.double({ min: -3000, max: 0, noNaN: true }), fc.double({ min: 0, max: 4000, noNaN: true }))),
        (raw, bins, range) => {
          const values = Array.from(Float64Array.from(raw));
          const v = createVolume(Float64Array.from(values), [values.length, 1, 1]);
          const got = histogram(v, range ? { bins, range } : { bins });
          const want = numpyHistogram(values, bins, range ?? undefined);
          expect([...got.counts]).toEqual(want.counts);
          const unsigned = (x: number): number => (x === 0 ? 0 : x); // the sign of a zero edge is immaterial
          expect([...got.edges].map(unsigned)).toEqual(want.edges.map(unsigned));
        },
      ),
    );
  });

  it("values on interior edges go to the upper bin; values outside the range are not counted", () => {
    const h = histogram(vol([-1, 0, 10, 20, 30, 31], false), { bins: 3, range: [0, 30] });
    expect([...h.counts]).toEqual([1, 1, 2]);
    expect(() => histogram(vol([1], false), { bins: 0 })).toThrow(/bins/);
  });
});
