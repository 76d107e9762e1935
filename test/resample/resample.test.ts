import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyAffine, type Affine } from "../../src/core/affine.ts";
import { isFlarekitError } from "../../src/core/errors.ts";
import { scaledData } from "../../src/core/scaled-data.ts";
import { createVolume, type Volume } from "../../src/core/volume.ts";
import { resampleLike, resampleToShape, resampleToSpacing, type Interpolation } from "../../src/resample/index.ts";
import { coordinatesFor, naiveLabelsLinear, naiveResample, type Order } from "./oracle.ts";

const INTERPOLATIONS: Interpolation[] = ["nearest", "linear", "cubic", "labels-linear"];

/** A random small int16 volume with a non-trivial affine (arbitrary data, not only labels). */
const smallVolume = fc
  .record({
    n: fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 })),
    spacing: fc.tuple(fc.double({ min: 0.5, max: 4, noNaN: true }), fc.double({ min: 0.5, max: 4, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true })),
    seed: fc.integer(),
    labels: fc.boolean(),
  })
  .map(({ n, spacing, seed, labels }) => {
    const count = n[0] * n[1] * n[2];
    let s = seed >>> 0;
    const rand = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const data = labels ? Uint8Array.from({ length: count }, () => Math.floor(rand() * 4)) : Int16Array.from({ length: count }, () => Math.round(rand() * 3000 - 1024));
    const affine: Affine = [
      [-spacing[0], 0, 0, 12.5],
      [0, -spacing[1], 0, -3],
      [0, 0, spacing[2], 40],
      [0, 0, 0, 1],
    ];
    return createVolume(data, [...n], { spacing, affine });
  });

const targetSpacing = fc.tuple(fc.double({ min: 0.4, max: 5, noNaN: true }), fc.double({ min: 0.4, max: 5, noNaN: true }), fc.double({ min: 0.4, max: 6, noNaN: true }));

function expectThrowsCode(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isFlarekitError(caught)).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
}

describe("resampleToSpacing — bad input", () => {
  const v = createVolume(new Int16Array(8), [2, 2, 2]);
  it("resampleToSpacing(v, [0, 1, 1]) throws INVALID_ARGUMENT", () => expectThrowsCode(() => resampleToSpacing(v, [0, 1, 1]), "INVALID_ARGUMENT"));
  it("resampleToSpacing(v, [-1, 1, 1]) throws INVALID_ARGUMENT", () => expectThrowsCode(() => resampleToSpacing(v, [-1, 1, 1]), "INVALID_ARGUMENT"));
  it("resampleToSpacing(v, [NaN, 1, 1]) throws INVALID_ARGUMENT", () => expectThrowsCode(() => resampleToSpacing(v, [NaN, 1, 1]), "INVALID_ARGUMENT"));
  it("resampleToSpacing(v, [1, 1]) throws INVALID_ARGUMENT", () => expectThrowsCode(() => resampleToSpacing(v, [1, 1]), "INVALID_ARGUMENT"));
  it("resampleToSpacing(v, Float64Array [2, 2, 2]) accepts a typed array", () => expect([...resampleToSpacing(v, new Float64Array([2, 2, 2])).shape]).toEqual([1, 1, 1]));
  it("resampleToSpacing(v4d, …) throws INVALID_ARGUMENT naming the shape", () => {
    const v4 = createVolume(new Int16Array(16), [2, 2, 2, 2]);
    expect(() => resampleToSpacing(v4, [1, 1, 1])).toThrow(/shape/);
    expectThrowsCode(() => resampleToSpacing(v4, [1, 1, 1]), "INVALID_ARGUMENT");
  });
  it("a trailing axis of size 1 is accepted", () => {
    const v4 = createVolume(new Int16Array([1, 2, 3, 4, 5, 6, 7, 8]), [2, 2, 2, 1]);
    expect([...resampleToSpacing(v4, [1, 1, 1], { interpolation: "nearest" }).data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it("unknown interpolation / convention / anisotropic values throw INVALID_ARGUMENT", () => {
    expectThrowsCode(() => resampleToSpacing(v, [1, 1, 1], { interpolation: "bicubic" as Interpolation }), "INVALID_ARGUMENT");
    expectThrowsCode(() => resampleToSpacing(v, [1, 1, 1], { convention: "corner" as "center" }), "INVALID_ARGUMENT");
    expectThrowsCode(() => resampleToSpacing(v, [1, 1, 1], { anisotropic: "z" as "none" }), "INVALID_ARGUMENT");
  });
  it("resampleToShape(v, [1.5, 2, 2]) and [0, 2, 2] throw INVALID_ARGUMENT", () => {
    expectThrowsCode(() => resampleToShape(v, [1.5, 2, 2]), "INVALID_ARGUMENT");
    expectThrowsCode(() => resampleToShape(v, [0, 2, 2]), "INVALID_ARGUMENT");
  });
  it("linear resampling of RGB data throws INVALID_ARGUMENT", () => {
    const rgb = createVolume(new Uint8Array(24), [2, 2, 2], { dtype: "rgb24" });
    expectThrowsCode(() => resampleToSpacing(rgb, [1, 1, 1]), "INVALID_ARGUMENT");
  });
});

describe("resampleToSpacing — identity", () => {
  it("resampleToSpacing(v, v.spacing) returns v's values for every interpolation and convention", () => {
    fc.assert(
      fc.property(smallVolume, fc.constantFrom(...INTERPOLATIONS), fc.constantFrom("extent" as const, "center" as const), (v, interpolation, convention) => {
        const out = resampleToSpacing(v, v.spacing, { interpolation, convention });
        expect([...out.shape]).toEqual([...v.shape]);
        if (interpolation === "nearest" || interpolation === "labels-linear") {
          expect(out.dtype).toBe(v.dtype);
          expect(Array.from(out.data as ArrayLike<number>)).toEqual(Array.from(v.data as ArrayLike<number>));
        } else {
          expect(Array.from(out.data as ArrayLike<number>)).toEqual([...scaledData(v)]);
        }
        for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) expect(out.affine[r][c]).toBeCloseTo(v.affine[r][c], 12);
      }),
      { numRuns: 60 },
    );
  });

  it("resampleLike(v, v) is the identity for every interpolation", () => {
    fc.assert(
      fc.property(smallVolume, fc.constantFrom(...INTERPOLATIONS), (v, interpolation) => {
        const out = resampleLike(v, v, { interpolation });
        if (interpolation === "nearest" || interpolation === "labels-linear") expect(Array.from(out.data as ArrayLike<number>)).toEqual(Array.from(v.data as ArrayLike<number>));
        else expect(Array.from(out.data as ArrayLike<number>)).toEqual([...scaledData(v)]);
        expect(out.affine).toEqual(v.affine);
      }),
      { numRuns: 40 },
    );
  });

  it("scaled int16 input keeps its scaling under nearest and returns HU under linear", () => {
    const v = createVolume(new Int16Array([0, 1, 2, 3]), [4, 1, 1], { scaling: { slope: 2, intercept: -1024 } });
    const near = resampleToSpacing(v, [1, 1, 1], { interpolation: "nearest" });
    expect(near.scaling).toEqual({ slope: 2, intercept: -1024 });
    const lin = resampleToShape(v, [8, 1, 1], { interpolation: "linear" });
    expect(lin.scaling).toBeUndefined();
    // center convention: x = o·4/8; HU = 2·x − 1024, clamped past the last voxel centre.
    expect([...lin.data]).toEqual([-1024, -1023, -1022, -1021, -1020, -1019, -1018, -1018]);
  });
});

describe("resampleToSpacing — against per-voxel oracles", () => {
  it("nearest equals the round-half-up oracle exactly (both conventions)", () => {
    fc.assert(
      fc.property(smallVolume, targetSpacing, fc.constantFrom("extent" as const, "center" as const), (v, s, convention) => {
        const out = resampleToSpacing(v, s, { interpolation: "nearest", convention });
        const coords = [0, 1, 2].map((a) => coordinatesFor(v.shape[a], out.shape[a], convention, v.spacing[a], s[a]));
        expect(Array.from(out.data as ArrayLike<number>)).toEqual([...naiveResample(v.data as ArrayLike<number>, v.shape, coords, [0, 0, 0])]);
      }),
      { numRuns: 60 },
    );
  });

  it("linear equals the trilinear oracle within 1e-3 HU", () => {
    fc.assert(
      fc.property(smallVolume, targetSpacing, fc.constantFrom("extent" as const, "center" as const), (v, s, convention) => {
        const out = resampleToSpacing(v, s, { interpolation: "linear", convention });
        const coords = [0, 1, 2].map((a) => coordinatesFor(v.shape[a], out.shape[a], convention, v.spacing[a], s[a]));
        const want = naiveResample(v.data as ArrayLike<number>, v.shape, coords, [1, 1, 1]);
        const got = out.data as Float32Array;
        for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-3);
      }),
      { numRuns: 60 },
    );
  });

  it("labels-linear equals nnU-Net's per-label loop exactly (ties included)", () => {
    const labelVolume = smallVolume.filter((v) => v.dtype === "uint8");
    fc.assert(
      fc.property(labelVolume, targetSpacing, fc.constantFrom("extent" as const, "center" as const), (v, s, convention) => {
        const out = resampleToSpacing(v, s, { interpolation: "labels-linear", convention });
        const coords = [0, 1, 2].map((a) => coordinatesFor(v.shape[a], out.shape[a], convention, v.spacing[a], s[a]));
        expect(Array.from(out.data as ArrayLike<number>)).toEqual([...naiveLabelsLinear(v.data as ArrayLike<number>, v.shape, coords, [1, 1, 1])]);
      }),
      { numRuns: 60 },
    );
  });

  it("a 0/1 step halved by 'extent' gives exact 0.5 ties that labels-linear resolves to the label", () => {
    // 2 voxels → 1: x = (0.5·2)/1 − 0.5 = 0.5, so the one-hot of label 1 is exactly 0.5 → label 1 (≥ 0.5, later label wins).
    const v = createVolume(new Uint8Array([0, 1]), [2, 1, 1]);
    expect([...resampleToShape(v, [1, 1, 1], { interpolation: "labels-linear", convention: "extent" }).data]).toEqual([1]);
    // nearest rounds x = 0.5 half up → index 1.
    expect([...resampleToShape(v, [1, 1, 1], { interpolation: "nearest", convention: "extent" }).data]).toEqual([1]);
  });

  it("cubic reproduces a constant volume and stays within the data range on a step edge's plateaus", () => {
    const c = createVolume(new Int16Array(5 * 4 * 3).fill(-250), [5, 4, 3]);
    for (const x of resampleToSpacing(c, [0.7, 0.6, 0.9], { interpolation: "cubic" }).data as Float32Array) expect(x).toBeCloseTo(-250, 3);
  });

  it("cubic on a 1D signal equals a direct B-spline solve (hand-checked: interpolation at the knots is exact)", () => {
    const v = createVolume(new Float64Array([3, -1, 4, 1, -5, 9, 2, -6]), [8, 1, 1]);
    // center convention with s_out = s_in / 2: even outputs sit on the knots and must equal the samples.
    const out = resampleToSpacing(v, [0.5, 1, 1], { interpolation: "cubic", dtype: "float64" }).data as Float64Array;
    expect(out.length).toBe(16);
    for (let i = 0; i < 8; i++) expect(out[2 * i]).toBeCloseTo([3, -1, 4, 1, -5, 9, 2, -6][i], 9);
  });

  it("anisotropic 'separate-z' resamples the slice axis with nearest (nnU-Net rule, spacing ratio > 3)", () => {
    fc.assert(
      fc.property(smallVolume, (v0) => {
        const v = createVolume(v0.data, v0.shape, { spacing: [0.8, 0.8, 4] });
        const s = [0.6, 0.7, 1.5];
        const out = resampleToSpacing(v, s, { interpolation: "linear", convention: "extent", anisotropic: "separate-z" });
        const coords = [0, 1, 2].map((a) => coordinatesFor(v.shape[a], out.shape[a], "extent", v.spacing[a], s[a]));
        const want = naiveResample(v.data as ArrayLike<number>, v.shape, coords, [1, 1, 0] as Order[]);
        const got = out.data as Float32Array;
        for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-3);
        // below the threshold nothing changes
        const iso = createVolume(v0.data, v0.shape, { spacing: [1, 1, 2] });
        const a = resampleToSpacing(iso, s, { anisotropic: "separate-z" }).data;
        const b = resampleToSpacing(iso, s).data;
        expect([...a]).toEqual([...b]);
      }),
      { numRuns: 30 },
    );
  });
});

describe("output geometry", () => {
  const v = createVolume(new Int16Array(10 * 8 * 6), [10, 8, 6], {
    affine: [
      [-0.8, 0, 0, 100],
      [0, -0.8, 0, 50],
      [0, 0, 2.5, -30],
      [0, 0, 0, 1],
    ],
  });
  it("'center' keeps the first voxel centre and scales the columns to the new spacing", () => {
    const out = resampleToSpacing(v, [1.5, 1.5, 1.5], { convention: "center" });
    expect([...out.shape]).toEqual([5, 4, 10]);
    expect(out.affine[0][3]).toBe(100);
    expect(out.affine[0][0]).toBeCloseTo(-1.5, 12);
    expect(out.affine[2][2]).toBeCloseTo(1.5, 12);
    expect([...out.spacing]).toEqual([1.5, 1.5, 1.5]);
  });
  it("'extent' keeps the outer voxel edges: output voxel o sits at source index (o + 0.5)·n/m − 0.5", () => {
    const out = resampleToSpacing(v, [1.5, 1.5, 1.5], { convention: "extent" });
    for (const o of [
      [0, 0, 0],
      [4, 3, 9],
      [2, 1, 5],
    ]) {
      const x = o.map((oi, a) => ((oi + 0.5) * v.shape[a]) / out.shape[a] - 0.5);
      const want = applyAffine(v.affine, x);
      const got = applyAffine(out.affine, o);
      for (let r = 0; r < 3; r++) expect(got[r]).toBeCloseTo(want[r], 10);
    }
    // The world extent (outer edges) is unchanged: 10 × 0.8 = 8 mm along x.
    expect(Math.abs(out.affine[0][0]) * out.shape[0]).toBeCloseTo(8, 10);
    expect(out.spacing[0]).toBeCloseTo(1.6, 12);
  });
  it("output size m = round(n·s_in/s_out) rounds exact ties to even (Python round / numpy.round)", () => {
    const line = (n: number) => createVolume(new Int16Array(n), [n, 1, 1]);
    expect(resampleToSpacing(line(5), [2, 1, 1]).shape[0]).toBe(2); // 2.5 → 2
    expect(resampleToSpacing(line(3), [2, 1, 1]).shape[0]).toBe(2); // 1.5 → 2
    expect(resampleToSpacing(line(7), [2, 1, 1]).shape[0]).toBe(4); // 3.5 → 4
    expect(resampleToSpacing(line(1), [4, 1, 1]).shape[0]).toBe(1); // 0.25 → at least 1
  });
  it("resampleToShape gives spacing s_in·n/m and the convention's affine", () => {
    const out = resampleToShape(v, [20, 4, 3], { convention: "center" });
    expect(out.spacing[0]).toBeCloseTo(0.4, 12);
    expect(out.spacing[1]).toBeCloseTo(1.6, 12);
    expect(out.spacing[2]).toBeCloseTo(5, 12);
    expect(out.affine[1][3]).toBe(50);
  });
});

describe("resampleLike", () => {
  const data = Int16Array.from({ length: 4 * 3 * 2 }, (_, i) => i * 10 - 50);
  const v = createVolume(data, [4, 3, 2], { spacing: [2, 2, 3] });
  const at = (vol: Volume, i: number, j: number, k: number): number => (vol.data as ArrayLike<number>)[i + vol.shape[0] * (j + vol.shape[1] * k)];

  it("outside the source extent writes the fill value (default: the image minimum)", () => {
    const ref = { shape: [6, 3, 2], affine: [[2, 0, 0, -4], [0, 2, 0, 0], [0, 0, 3, 0], [0, 0, 0, 1]] };
    const out = resampleLike(v, ref, { interpolation: "nearest" });
    expect(at(out, 0, 1, 1)).toBe(-50);
    expect(at(out, 1, 1, 1)).toBe(-50);
    expect(at(out, 2, 1, 1)).toBe(at(v, 0, 1, 1));
    expect(at(out, 5, 1, 1)).toBe(at(v, 3, 1, 1));
    const filled = resampleLike(v, ref, { interpolation: "linear", fill: -1024 });
    expect(at(filled, 0, 0, 0)).toBe(-1024);
    expect(at(filled, 3, 2, 1)).toBe(at(v, 1, 2, 1));
    expect(filled.affine).toEqual(ref.affine);
  });

  it("labels-linear fills with 0 by default", () => {
    const lab = createVolume(new Uint8Array(24).fill(3), [4, 3, 2], { spacing: [2, 2, 3] });
    const ref = { shape: [6, 3, 2], affine: [[2, 0, 0, -4], [0, 2, 0, 0], [0, 0, 3, 0], [0, 0, 0, 1]] };
    const out = resampleLike(lab, ref, { interpolation: "labels-linear" });
    expect([at(out, 0, 0, 0), at(out, 1, 0, 0), at(out, 2, 0, 0), at(out, 5, 2, 1)]).toEqual([0, 0, 3, 3]);
  });

  it("onto an x-flipped grid (axis-aligned path with descending coordinates) every interpolation reproduces the flipped data", () => {
    const A = v.affine;
    const far = applyAffine(A, [3, 0, 0]);
    const ref = {
      shape: [4, 3, 2],
      affine: [
        [-A[0][0], A[0][1], A[0][2], far[0]],
        [-A[1][0], A[1][1], A[1][2], far[1]],
        [-A[2][0], A[2][1], A[2][2], far[2]],
        [0, 0, 0, 1],
      ],
    };
    for (const interpolation of INTERPOLATIONS) {
      const out = resampleLike(v, ref, { interpolation });
      for (let k = 0; k < 2; k++)
        for (let j = 0; j < 3; j++)
          for (let i = 0; i < 4; i++) expect(at(out, i, j, k)).toBeCloseTo(at(v, 3 - i, j, k), interpolation === "cubic" ? 3 : 9);
    }
  });

  it("onto a flipped and axis-permuted grid (general path) nearest and linear reproduce the permuted data", () => {
    // reference voxel (a, b, c) = source voxel (n0 − 1 − b, a, c): columns permuted and one flipped.
    const A = v.affine;
    const col = (c: number): number[] => [A[0][c], A[1][c], A[2][c]];
    const c0 = col(1);
    const c1 = col(0).map((x) => -x);
    const c2 = col(2);
    const origin = applyAffine(A, [3, 0, 0]);
    const ref = {
      shape: [3, 4, 2],
      affine: [
        [c0[0], c1[0], c2[0], origin[0]],
        [c0[1], c1[1], c2[1], origin[1]],
        [c0[2], c1[2], c2[2], origin[2]],
        [0, 0, 0, 1],
      ],
    };
    for (const interpolation of ["nearest", "linear", "cubic", "labels-linear"] as const) {
      const out = resampleLike(v, ref, { interpolation });
      for (let c = 0; c < 2; c++)
        for (let b = 0; b < 4; b++)
          for (let a = 0; a < 3; a++) expect(at(out, a, b, c)).toBeCloseTo(at(v, 3 - b, a, c), interpolation === "cubic" ? 3 : 9);
    }
  });

  it("onto a rotated grid (general path) nearest and linear equal a per-voxel map_coordinates oracle", () => {
    fc.assert(
      fc.property(smallVolume, fc.double({ min: -1.5, max: 1.5, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }), (vol, theta, zoom) => {
        // reference = source affine · (rotation about z by theta, scaled by zoom, shifted by half a voxel)
        const R = [
          [Math.cos(theta) * zoom, -Math.sin(theta) * zoom, 0, 0.5],
          [Math.sin(theta) * zoom, Math.cos(theta) * zoom, 0, 0.25],
          [0, 0, zoom, 0.1],
          [0, 0, 0, 1],
        ];
        const A = vol.affine;
        const ref = { shape: [vol.shape[0] + 1, vol.shape[1] + 1, vol.shape[2]], affine: A.map((row) => [0, 1, 2, 3].map((c) => row[0] * R[0][c] + row[1] * R[1][c] + row[2] * R[2][c] + row[3] * R[3][c])) };
        const n = vol.shape;
        const data = vol.data as ArrayLike<number>;
        const clamp = (i: number, len: number) => Math.min(len - 1, Math.max(0, i));
        const near = resampleLike(vol, ref, { interpolation: "nearest", fill: 7 }).data as ArrayLike<number>;
        const lin = resampleLike(vol, ref, { interpolation: "linear", fill: 7 }).data as ArrayLike<number>;
        let p = 0;
        for (let k = 0; k < ref.shape[2]; k++)
          for (let j = 0; j < ref.shape[1]; j++)
            for (let i = 0; i < ref.shape[0]; i++, p++) {
              const x = [0, 1, 2].map((r) => R[r][0] * i + R[r][1] * j + R[r][2] * k + R[r][3]);
              if (x.some((xa, a) => xa < -0.5 - 1e-6 || xa > n[a] - 0.5 + 1e-6)) {
                expect(near[p]).toBe(7);
                expect(lin[p]).toBe(7);
                continue;
              }
              const r = x.map((xa, a) => clamp(Math.floor(xa + 0.5), n[a]));
              // skip voxels within 1e-7 of a rounding tie, where the two computations may legitimately differ
              // (grids within 1e-9 of axis-aligned take the separable path, which drops the tiny rotation)
              if (!x.some((xa) => Math.abs(xa - Math.floor(xa) - 0.5) < 1e-7)) expect(near[p]).toBe(data[r[0] + n[0] * (r[1] + n[1] * r[2])]);
              const f = x.map(Math.floor);
              let acc = 0;
              for (let a = 0; a < 2; a++)
                for (let b = 0; b < 2; b++)
                  for (let c = 0; c < 2; c++) {
                    const w = (a ? x[0] - f[0] : 1 - (x[0] - f[0])) * (b ? x[1] - f[1] : 1 - (x[1] - f[1])) * (c ? x[2] - f[2] : 1 - (x[2] - f[2]));
                    acc += w * data[clamp(f[0] + a, n[0]) + n[0] * (clamp(f[1] + b, n[1]) + n[1] * clamp(f[2] + c, n[2]))];
                  }
              expect(Math.abs(lin[p] - acc)).toBeLessThanOrEqual(1e-3);
            }
      }),
      { numRuns: 40 },
    );
  });

  it("resampleLike onto a finer axis-aligned grid agrees with resampleToSpacing('center')", () => {
    fc.assert(
      // Linear only: nearest and labels-linear can flip at exact ties, and the two paths compute the
      // coordinates in different (equally valid) floating-point orders.
      fc.property(smallVolume, targetSpacing, fc.constant("linear" as const), (vol, s, interpolation) => {
        const a = resampleToSpacing(vol, s, { interpolation, convention: "center" });
        const b = resampleLike(vol, a, { interpolation, fill: 7 });
        const da = a.data as ArrayLike<number>;
        const db = b.data as ArrayLike<number>;
        // Grid points beyond the source's last voxel edge are filled by resampleLike but clamped by resampleToSpacing.
        const n = vol.shape;
        for (let k = 0; k < a.shape[2]; k++)
          for (let j = 0; j < a.shape[1]; j++)
            for (let i = 0; i < a.shape[0]; i++) {
              const x = [(i * s[0]) / vol.spacing[0], (j * s[1]) / vol.spacing[1], (k * s[2]) / vol.spacing[2]];
              const inside = x.every((xi, ax) => xi <= n[ax] - 0.5 + 1e-6);
              const p = i + a.shape[0] * (j + a.shape[1] * k);
              if (inside) expect(Math.abs(db[p] - da[p])).toBeLessThanOrEqual(1e-3);
              else expect(db[p]).toBe(7);
            }
      }),
      { numRuns: 40 },
    );
  });
});
