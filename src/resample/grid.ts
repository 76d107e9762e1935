/**
 * Grid conventions, input checks and output geometry shared by the resampling functions.
 * @internal
 * @module
 */
import type { Affine } from "../core/affine.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import type { GridConvention } from "./types.ts";

/** The three spatial sizes of a volume that must be 3D and scalar (trailing axes of size 1 are allowed). */
export function spatialShape(volume: Volume, what = "volume"): [number, number, number] {
  const s = volume.shape;
  if (s.slice(3).some((n) => n !== 1)) {
    throw new InvalidArgumentError(`${what}.shape`, [...s], "a 3D volume (axes beyond the third of size 1)", "Split 4D series into 3D volumes first.");
  }
  if (volume.components !== 1) {
    throw new InvalidArgumentError(`${what}.dtype`, volume.dtype, "a scalar dtype (not complex or RGB)");
  }
  return [s[0] ?? 1, s[1] ?? 1, s[2] ?? 1];
}

/** Checks three finite positive numbers. */
export function checkTriple(name: string, v: readonly number[], integer: boolean): [number, number, number] {
  const ok = v.length === 3 && v.every((x) => typeof x === "number" && Number.isFinite(x) && x > 0 && (!integer || Number.isInteger(x)));
  if (!ok) {
    throw new InvalidArgumentError(name, Array.isArray(v) ? [...v] : v, integer ? "three positive integers" : "three finite positive numbers (mm)");
  }
  return [v[0], v[1], v[2]];
}

/** Rounds half to even, as Python's `round` and `numpy.round` do. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Output size per axis: m = round(n·s_in/s_out), at least 1, evaluated as nnU-Net's `compute_new_shape`
 * does — `(s_in/s_out)·n`, rounded half to even (Python `round`; MONAI uses `numpy.round`, the same rule).
 */
export function shapeForSpacing(n: readonly number[], spacingIn: readonly number[], spacingOut: readonly number[]): [number, number, number] {
  return [0, 1, 2].map((a) => Math.max(1, roundHalfEven((spacingIn[a] / spacingOut[a]) * n[a]))) as [number, number, number];
}

/**
 * Source index of each output index along one axis under a convention: `"extent"` computes
 * `(o + 0.5)·n/m − 0.5`, `"center"` computes `o·num/den` (num/den = s_out/s_in, or n/m for a target shape),
 * evaluated left to right as numpy does for these expressions, so ties round as they do there.
 */
export function conventionCoordinates(n: number, m: number, convention: GridConvention, num: number, den: number): Float64Array {
  const x = new Float64Array(m);
  if (convention === "extent") {
    for (let o = 0; o < m; o++) x[o] = ((o + 0.5) * n) / m - 0.5;
  } else {
    for (let o = 0; o < m; o++) x[o] = (o * num) / den;
  }
  return x;
}

/** The output affine: column a scaled by `scale[a]`, origin moved to the source position `offset` (voxel units). */
export function scaledAffine(affine: Affine, scale: readonly number[], offset: readonly number[]): Affine {
  const out: Affine = affine.map((r) => r.slice());
  for (let r = 0; r < 3; r++) {
    out[r][3] = affine[r][3] + affine[r][0] * offset[0] + affine[r][1] * offset[1] + affine[r][2] * offset[2];
    for (let c = 0; c < 3; c++) out[r][c] = affine[r][c] * scale[c];
  }
  return out;
}

/** Smallest and largest value of an array (NaN ignored); [0, 0] when empty. */
export function minMax(a: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}
