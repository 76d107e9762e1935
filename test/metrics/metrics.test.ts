// Hand-computed values, edge cases and bad input of the metric functions.
import { describe, expect, it } from "vitest";
import { isFlarekitError } from "../../src/core/errors.ts";
import {
  assd,
  averageSurfaceDistance,
  dice,
  evaluateCase,
  hausdorff,
  surfaceAreas,
  surfaceDice,
  surfaceDistances,
} from "../../src/metrics/index.ts";
import { numpySum, pairwiseSum } from "../../src/metrics/numpy-sum.ts";

const SQRT3_8 = Math.sqrt(3) / 8; // area of a corner of an isolated unit voxel, mm²

/** A zero volume with some voxels set. */
function image(shape: [number, number, number], voxels: [number, number, number, number?][], spacing?: number[]) {
  const data = new Uint8Array(shape[0] * shape[1] * shape[2]);
  for (const [i, j, k, v] of voxels) data[i + shape[0] * (j + shape[1] * k)] = v ?? 1;
  return spacing ? { data, shape, spacing } : { data, shape };
}

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (err) {
    expect(isFlarekitError(err)).toBe(true);
    expect((err as { code: string }).code).toBe(code);
    return;
  }
  throw new Error("expected a flarekit error");
}

describe("dice", () => {
  it("dice(gt, pred) is 2|G∩P| / (|G| + |P|) and NaN for two empty masks", () => {
    const gt = image([4, 1, 1], [[0, 0, 0], [1, 0, 0]]);
    const pred = image([4, 1, 1], [[1, 0, 0], [2, 0, 0], [3, 0, 0]]);
    expect(dice(gt, pred)).toBe(2 / 5);
    expect(dice(gt, gt)).toBe(1);
    expect(dice(image([2, 1, 1], []), image([2, 1, 1], []))).toBeNaN();
  });

  it("dice(gt, pred, { label }) compares one label exactly, non-zero by default", () => {
    const gt = image([3, 1, 1], [[0, 0, 0, 1], [1, 0, 0, 2], [2, 0, 0, 2]]);
    const pred = image([3, 1, 1], [[0, 0, 0, 2], [1, 0, 0, 2], [2, 0, 0, 2]]);
    expect(dice(gt, pred, { label: 2 })).toBe(4 / 5);
    expect(dice(gt, pred, { label: 1 })).toBe(0);
    expect(dice(gt, pred)).toBe(1);
  });
});

describe("surface distances (hand-computed)", () => {
  it("surfaceAreas of one voxel is 8 corners of √3/8 mm², scaled by the spacing", () => {
    const one = image([3, 3, 3], [[1, 1, 1]]);
    expect(surfaceAreas(one.data, one.shape, [1, 1, 1], [1, 5]).get(1)).toBeCloseTo(8 * SQRT3_8, 14);
    expect(surfaceAreas(one.data, one.shape, [1, 1, 1], [1, 5]).get(5)).toBe(0);
    // normal (nx·sy·sz, ny·sx·sz, nz·sx·sy) with n = (1, 1, 1)/8 and spacing (3, 2, 1): |(2, 3, 6)|/8 = 7/8
    expect(surfaceAreas(one.data, one.shape, [3, 2, 1], [1]).get(1)).toBeCloseTo(7, 14);
  });

  it("two single voxels 2 mm apart along z (spacing 3×2×1): NSD(1 mm) = 0.5, HD = 2, ASD = 1.5 (the official test case)", () => {
    const gt = image([5, 5, 6], [[2, 2, 1]], [3, 2, 1]);
    const pred = image([5, 5, 6], [[2, 2, 3]]);
    const d = surfaceDistances(gt, pred);
    expect(Array.from(d.distancesGtToPredMm)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from(d.distancesPredToGtMm)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from(d.surfelAreasGtMm2)).toEqual(new Array(8).fill(7 / 8));
    expect(surfaceDice(gt, pred)).toBe(0.5);
    expect(surfaceDice(gt, pred, { toleranceMm: 2 })).toBe(1);
    expect(surfaceDice(gt, pred, { toleranceMm: 0.999 })).toBe(0);
    expect(hausdorff(gt, pred)).toBe(2);
    expect(hausdorff(gt, pred, { percentile: 50 })).toBe(1);
    expect(averageSurfaceDistance(gt, pred)).toEqual({ gtToPredMm: 1.5, predToGtMm: 1.5 });
    expect(assd(gt, pred)).toBe(1.5);
    expect(dice(gt, pred)).toBe(0);
  });

  it("a slab one voxel thicker: the extra face is one spacing away along x", () => {
    // gt: x 0..1, pred: x 0..2 of a 4×3×3 grid at spacing 2×1×1 → the gt's right face is 2 mm from the prediction's
    const vox = (n: number) => {
      const v: [number, number, number][] = [];
      for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) v.push([i, j, k]);
      return v;
    };
    const gt = image([4, 3, 3], vox(2), [2, 1, 1]);
    const pred = image([4, 3, 3], vox(3));
    expect(hausdorff(gt, pred)).toBe(2);
    expect(surfaceDice(gt, pred, { toleranceMm: 2 })).toBe(1);
    expect(surfaceDice(gt, pred, { toleranceMm: 1 })).toBeLessThan(1);
    expect(dice(gt, pred)).toBe((2 * 18) / (18 + 27));
  });

  it("empty masks: empty directions, Infinity towards an empty surface, NaN from one", () => {
    const gt = image([3, 3, 3], [[1, 1, 1]]);
    const empty = image([3, 3, 3], []);
    const d = surfaceDistances(gt, empty);
    expect(d.distancesGtToPredMm.length).toBe(8);
    expect(Array.from(d.distancesGtToPredMm).every((x) => x === Infinity)).toBe(true);
    expect(d.distancesPredToGtMm.length).toBe(0);
    expect(surfaceDice(gt, empty)).toBe(0);
    expect(hausdorff(gt, empty)).toBe(Infinity);
    expect(averageSurfaceDistance(gt, empty).predToGtMm).toBeNaN();
    expect(surfaceDice(empty, empty)).toBeNaN();
    expect(surfaceDistances(empty, empty).distancesGtToPredMm.length).toBe(0);
  });
});

describe("2-D variant (one slice)", () => {
  it("surfaceAreas of a 2-D image is the contour length: 4 corners of ½·√(sx² + sy²) for one pixel, 2·(w·sx + h·sy) for a box", () => {
    const one = new Uint8Array(9);
    one[4] = 1;
    expect(surfaceAreas(one, [3, 3], [3, 4], [1]).get(1)).toBe(4 * 0.5 * 5);
    const box = new Uint8Array(8 * 6);
    for (let y = 1; y <= 3; y++) for (let x = 2; x <= 5; x++) box[x + 8 * y] = 1;
    // straight edges 2·(4 − 1)·sx + 2·(3 − 1)·sy plus 4 corner elements of ½·√(sx² + sy²)
    const [sx, sy] = [0.5, 2];
    expect(surfaceAreas(box, [8, 6], [sx, sy], [1]).get(1)).toBeCloseTo(2 * 3 * sx + 2 * 2 * sy + 4 * 0.5 * Math.hypot(sx, sy), 12);
  });

  it("surfaceDistances of 2-D images: a pixel two pixels away along y is 2·sy from every corner pair", () => {
    const gt = { data: new Uint8Array(5 * 6), shape: [5, 6], spacing: [1, 0.5] };
    const pred = { data: new Uint8Array(5 * 6), shape: [5, 6] };
    gt.data[2 + 5 * 1] = 1;
    pred.data[2 + 5 * 3] = 1;
    const d = surfaceDistances(gt, pred);
    expect(Array.from(d.distancesGtToPredMm)).toEqual([0.5, 0.5, 1, 1]);
    expect(Array.from(d.surfelAreasGtMm2)).toEqual(new Array(4).fill(0.5 * Math.hypot(1, 0.5)));
    expect(surfaceDice(gt, pred, { toleranceMm: 0.5 })).toBe(0.5);
    expect(hausdorff(gt, pred)).toBe(1);
    expect(evaluateCase(gt, pred, { labels: { a: 1 }, toleranceMm: 0.5 }).labels[0].nsd).toBe(0.5);
    expect(evaluateCase(gt, pred, { labels: { a: 1 } }).labels[0].nsd).toBe(1);
  });
});

describe("numpy summation order", () => {
  /** numpy's pairwise_sum, written from its definition. */
  function oracle(a: number[]): number {
    const n = a.length;
    if (n < 8) return a.reduce((s, x) => s + x, 0);
    if (n <= 128) {
      const r = a.slice(0, 8);
      let i = 8;
      for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[i + j];
      let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
      for (; i < n; i++) res += a[i];
      return res;
    }
    let n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    return oracle(a.slice(0, n2)) + oracle(a.slice(n2));
  }

  it("pairwiseSum follows numpy's pairwise_sum and numpySum adds blocks of 8192", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 1000;
    for (const n of [0, 3, 8, 13, 128, 129, 1000, 8192, 8193, 20000]) {
      const a = Array.from({ length: n }, rnd);
      const f = Float64Array.from(a);
      expect(pairwiseSum(f, 0, n)).toBe(oracle(a));
      let blocks = 0;
      for (let s = 0; s < n; s += 8192) blocks += oracle(a.slice(s, s + 8192));
      expect(numpySum(f)).toBe(blocks);
    }
  });

  it("numpySum differs from a left-to-right sum where numpy's does", () => {
    const a = Float64Array.from([1e16, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // left to right every 1 is lost; numpy's eight accumulators add 1 + 1 first
    expect(a.reduce((s, x) => s + x, 0)).toBe(1e16);
    expect(numpySum(a)).toBe(1e16 + 8);
  });
});

describe("evaluateCase", () => {
  const shape: [number, number, number] = [6, 5, 4];
  const n = 6 * 5 * 4;

  it("evaluateCase applies the FLARE21 branches: both empty 1/1, GT empty 0/0, prediction empty 0/0", () => {
    const gt = image(shape, [[1, 1, 1, 1], [2, 2, 2, 3]], [1, 1, 1]);
    const pred = image(shape, [[1, 1, 1, 1], [3, 3, 3, 2]]);
    const r = evaluateCase(gt, pred);
    expect(r.labels.map((l) => [l.name, l.branch, l.dsc, l.nsd])).toEqual([
      ["liver", "computed", 1, 1],
      ["kidney", "gt-empty", 0, 0],
      ["spleen", "pred-empty", 0, 0],
      ["pancreas", "both-empty", 1, 1],
    ]);
    expect(r.meanDsc).toBe(0.5);
    expect(r.meanNsd).toBe(0.5);
    expect(r.affineMismatch).toBeUndefined();
  });

  it("evaluateCase casts the GT to uint8 (truncation, wrap) and compares the prediction exactly", () => {
    const g = new Int16Array(n);
    const p = new Float32Array(n);
    g[0] = 257; // uint8 → 1
    g[1] = 1;
    p[0] = 1;
    p[1] = 1.5; // not label 1
    const r = evaluateCase({ data: g, shape }, { data: p, shape }, { labels: { liver: 1 } });
    expect(r.labels[0].gtVoxels).toBe(2);
    expect(r.labels[0].predVoxels).toBe(1);
    expect(r.labels[0].dsc).toBe(2 / 3);
    const scaled = evaluateCase({ data: new Uint8Array(n).fill(2), shape, scaling: { slope: 0.5, intercept: 0 } }, { data: new Uint8Array(n).fill(1), shape }, { labels: { liver: 1 } });
    expect(scaled.labels[0].dsc).toBe(1);
    const big = new BigInt64Array(n);
    big[0] = 1n;
    big[1] = 1n;
    expect(evaluateCase({ data: big, shape }, { data: p, shape }, { labels: { liver: 1 } }).labels[0].dsc).toBe(2 / 3);
  });

  it("evaluateCase uses the GT spacing, with hd95 adds the distance figures, and reports affine mismatches", () => {
    const gt = { ...image(shape, [[1, 1, 1, 1]], [2, 2, 2]), affine: [[2, 0, 0, 0], [0, 2, 0, 0], [0, 0, 2, 0], [0, 0, 0, 1]] };
    const pred = { ...image(shape, [[1, 1, 2, 1]], [1, 1, 1]), affine: [[2, 0, 0, 5], [0, 2, 0, 0], [0, 0, 2, 0], [0, 0, 0, 1]] };
    const r = evaluateCase(gt, pred, { labels: { liver: 1 }, hd95: true });
    expect(r.spacingMm).toEqual([2, 2, 2]);
    // adjacent voxels along z at 2 mm: 4 shared corners (0 mm) and 4 corners 2 mm away on each side
    expect(r.labels[0].hdMm).toBe(2);
    expect(r.labels[0].hd95Mm).toBe(2);
    expect(r.labels[0].nsd).toBe(0.5);
    expect(r.labels[0].assdMm).toBe(1);
    expect(r.affineMismatch).toBe(true);
    expect(evaluateCase(gt, pred, { labels: { liver: 1 }, toleranceMm: 2 }).labels[0].nsd).toBe(1);
    expect(evaluateCase(gt, pred, { labels: { liver: 1 }, spacingMm: [1, 1, 1], hd95: true }).labels[0].hdMm).toBe(1);
    expectCode(() => evaluateCase(gt, pred, { affineCheck: "error" }), "INVALID_ARGUMENT");
    expect(evaluateCase(gt, { ...pred, affine: gt.affine }).affineMismatch).toBe(false);
  });

  it("evaluateCase refuses different shapes with a message naming both", () => {
    try {
      evaluateCase(image([6, 5, 4], []), image([6, 5, 3], []));
      throw new Error("no error");
    } catch (err) {
      expect(isFlarekitError(err, "SHAPE_MISMATCH")).toBe(true);
      expect((err as Error).message).toContain("6×5×3");
      expect((err as Error).message).toContain("6×5×4");
    }
  });

  it("bad input gets typed errors", () => {
    const a = image([2, 2, 2], []);
    expectCode(() => dice(a, image([2, 2, 1], [])), "SHAPE_MISMATCH");
    expectCode(() => surfaceDice(a, a, { toleranceMm: -1 }), "INVALID_ARGUMENT");
    expectCode(() => hausdorff(a, a, { percentile: 101 }), "INVALID_ARGUMENT");
    expectCode(() => surfaceDistances(a, a, { spacingMm: [1, 0, 1] }), "INVALID_ARGUMENT");
    expectCode(() => surfaceDistances({ data: new Uint8Array(7), shape: [2, 2, 2] }, a), "INVALID_ARGUMENT");
    expectCode(() => surfaceAreas(new Uint8Array(8), [2, 2, 2, 2], [1, 1, 1], [1]), "INVALID_ARGUMENT");
    expectCode(() => evaluateCase(a, a, { labels: { liver: 300 } }), "INVALID_ARGUMENT");
    expectCode(() => evaluateCase(a, a, { labels: {} }), "INVALID_ARGUMENT");
  });
});
