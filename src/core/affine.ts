/**
 * 4×4 affine helpers. An {@link Affine} maps voxel indices (i, j, k) to world
 * coordinates (x, y, z) in millimetres in NIfTI's RAS+ space (+x towards the
 * patient's Right, +y Anterior, +z Superior), exactly as nibabel reports it.
 * @module
 */

/** A 4×4 row-major matrix: `affine[row][col]`, last row `[0, 0, 0, 1]`. */
export type Affine = number[][];

/**
 * The 4×4 identity, or a diagonal scaling affine.
 *
 * @param spacingMm - Optional voxel size along i, j, k in mm (default 1, 1, 1).
 * @example
 * ```ts
 * import { diagonalAffine } from "flarekit";
 * diagonalAffine([0.8, 0.8, 2.5])[2][2]; // 2.5
 * ```
 */
export function diagonalAffine(spacingMm: readonly number[] = [1, 1, 1]): Affine {
  return [
    [spacingMm[0] ?? 1, 0, 0, 0],
    [0, spacingMm[1] ?? 1, 0, 0],
    [0, 0, spacingMm[2] ?? 1, 0],
    [0, 0, 0, 1],
  ];
}

/**
 * Matrix product `a · b` of two 4×4 affines.
 * @example
 * ```ts
 * import { multiplyAffines, diagonalAffine } from "flarekit";
 * multiplyAffines(diagonalAffine([2, 2, 2]), diagonalAffine([3, 1, 1]))[0][0]; // 6
 * ```
 */
export function multiplyAffines(a: Affine, b: Affine): Affine {
  const out: Affine = [[], [], [], []];
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[r][k] * b[k][c];
      out[r][c] = s;
    }
  }
  return out;
}

/**
 * Inverse of a 4×4 affine (general Gauss–Jordan with partial pivoting).
 *
 * @throws RangeError when the matrix is singular.
 * @example
 * ```ts
 * import { invertAffine, diagonalAffine } from "flarekit";
 * invertAffine(diagonalAffine([2, 4, 8]))[1][1]; // 0.25
 * ```
 */
export function invertAffine(a: Affine): Affine {
  const m = a.map((row, r) => [...row.slice(0, 4), ...[0, 0, 0, 0].map((_, c) => (c === r ? 1 : 0))]);
  for (let col = 0; col < 4; col++) {
    let piv = col;
    for (let r = col + 1; r < 4; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r;
    if (Math.abs(m[piv][col]) < 1e-300) throw new RangeError("Affine is singular and cannot be inverted.");
    [m[col], m[piv]] = [m[piv], m[col]];
    const p = m[col][col];
    for (let c = 0; c < 8; c++) m[col][c] /= p;
    for (let r = 0; r < 4; r++) {
      if (r === col) continue;
      const f = m[r][col];
      if (f !== 0) for (let c = 0; c < 8; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row) => row.slice(4));
}

/**
 * Maps a voxel position (fractional indices allowed) to world mm.
 *
 * @param affine - Voxel → world affine.
 * @param ijk - Voxel indices.
 * @param out - Optional array to write into.
 * @returns `[x, y, z]` in mm.
 * @example
 * ```ts
 * import { applyAffine, diagonalAffine } from "flarekit";
 * applyAffine(diagonalAffine([0.5, 0.5, 2]), [10, 10, 3]); // [5, 5, 6]
 * ```
 */
export function applyAffine(affine: Affine, ijk: readonly number[], out: number[] = [0, 0, 0]): number[] {
  const i = ijk[0] ?? 0;
  const j = ijk[1] ?? 0;
  const k = ijk[2] ?? 0;
  const x = affine[0][0] * i + affine[0][1] * j + affine[0][2] * k + affine[0][3];
  const y = affine[1][0] * i + affine[1][1] * j + affine[1][2] * k + affine[1][3];
  const z = affine[2][0] * i + affine[2][1] * j + affine[2][2] * k + affine[2][3];
  out[0] = x;
  out[1] = y;
  out[2] = z;
  return out;
}

/**
 * Voxel sizes implied by an affine: the Euclidean norms of its first three columns, in mm.
 * @example
 * ```ts
 * import { spacingFromAffine, diagonalAffine } from "flarekit";
 * spacingFromAffine(diagonalAffine([-0.8, 0.8, 2.5])); // [0.8, 0.8, 2.5]
 * ```
 */
export function spacingFromAffine(affine: Affine): [number, number, number] {
  const s: number[] = [];
  for (let c = 0; c < 3; c++) s.push(Math.hypot(affine[0][c], affine[1][c], affine[2][c]));
  return s as [number, number, number];
}

/** A deep copy of an affine as plain arrays. */
export function copyAffine(a: Affine): Affine {
  return a.map((row) => row.slice());
}

/**
 * Whether two affines are equal within an absolute tolerance.
 * @param toleranceMm - Largest allowed absolute difference of any entry (default 1e-5, about float32 precision of header fields).
 * @example
 * ```ts
 * import { affinesClose, diagonalAffine } from "flarekit";
 * affinesClose(diagonalAffine(), diagonalAffine([1, 1, 1 + 1e-7])); // true
 * ```
 */
export function affinesClose(a: Affine, b: Affine, toleranceMm = 1e-5): boolean {
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) if (!(Math.abs(a[r][c] - b[r][c]) <= toleranceMm)) return false;
  return true;
}
