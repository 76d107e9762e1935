/**
 * Orientation: axis codes and reorientation to the closest canonical (RAS+)
 * layout, with nibabel's semantics (`nibabel.orientations.io_orientation`,
 * `aff2axcodes`, `inv_ornt_aff`, `apply_orientation`,
 * `nibabel.funcs.as_closest_canonical`).
 * @module
 */
import { multiplyAffines, type Affine } from "../core/affine.ts";
import { DTYPES, type DType, type DTypeArrayMap } from "../core/dtypes.ts";
import { Volume } from "../core/volume.ts";

/** For each voxel axis: the world axis it runs along (0 = x, 1 = y, 2 = z) and its direction (+1 or −1); `null` for an axis with no direction. */
export type Orientation = ([number, 1 | -1] | null)[];

/**
 * Which world axis each voxel axis runs along, and in which direction — nibabel's
 * `io_orientation`: the affine's columns are normalised, the nearest orthogonal
 * matrix is taken (polar decomposition; nibabel uses the SVD, which gives the same
 * factor), and axes are assigned greedily by the largest absolute entry.
 *
 * @param affine - Voxel → world affine.
 * @returns One `[worldAxis, sign]` per voxel axis (three).
 * @example
 * ```ts
 * import { ioOrientation, diagonalAffine } from "flarekit/nifti";
 * ioOrientation(diagonalAffine([-1, 1, 1])); // [[0, -1], [1, 1], [2, 1]]
 * ```
 */
export function ioOrientation(affine: Affine): Orientation {
  const rs: number[][] = [0, 1, 2].map((r) => [0, 1, 2].map((c) => affine[r][c]));
  for (let c = 0; c < 3; c++) {
    let z = Math.hypot(rs[0][c], rs[1][c], rs[2][c]);
    if (z === 0) z = 1;
    for (let r = 0; r < 3; r++) rs[r][c] /= z;
  }
  const R = polar(rs);
  const out: Orientation = [null, null, null];
  for (let inAx = 0; inAx < 3; inAx++) {
    const col = [R[0][inAx], R[1][inAx], R[2][inAx]];
    if (col.every((v) => Math.abs(v) <= 1e-8)) continue;
    let outAx = 0;
    for (let r = 1; r < 3; r++) if (Math.abs(col[r]) > Math.abs(col[outAx])) outAx = r;
    out[inAx] = [outAx, col[outAx] < 0 ? -1 : 1];
    for (let c = 0; c < 3; c++) R[outAx][c] = 0;
  }
  return out;
}

/** Orthogonal polar factor of a 3×3 matrix (Newton: Q ← (Q + Q^-T)/2); falls back to the input for singular matrices. */
function polar(m: number[][]): number[][] {
  let q = m.map((r) => r.slice());
  for (let it = 0; it < 100; it++) {
    const [[a, b, c], [d, e, f], [g, h, i]] = q;
    const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
    const det = a * A + b * B + c * C;
    if (!(Math.abs(det) > 1e-12)) return q;
    // inverse transpose = cofactor matrix / det
    const cof = [
      [A, B, C],
      [-(b * i - c * h), a * i - c * g, -(a * h - b * g)],
      [b * f - c * e, -(a * f - c * d), a * e - b * d],
    ];
    let diff = 0;
    const nq = q.map((row, r) => row.map((v, col) => {
      const nv = 0.5 * (v + cof[r][col] / det);
      diff += Math.abs(nv - v);
      return nv;
    }));
    q = nq;
    if (diff < 1e-14) break;
  }
  return q;
}

const LABELS: [string, string][] = [
  ["L", "R"],
  ["P", "A"],
  ["I", "S"],
];

/**
 * Axis codes of an affine, like nibabel's `aff2axcodes`: for each voxel axis the
 * anatomical direction it increases towards (R/L, A/P, S/I).
 *
 * @param affine - Voxel → world affine.
 * @returns For example `"RAS"` or `"LPS"`; `"?"` for an axis without direction.
 * @example
 * ```ts
 * import { axisCodes, diagonalAffine } from "flarekit/nifti";
 * axisCodes(diagonalAffine([-0.8, -0.8, 2.5])); // "LPS"
 * ```
 */
export function axisCodes(affine: Affine): string {
  return ioOrientation(affine)
    .map((o) => (o === null ? "?" : LABELS[o[0]][o[1] === 1 ? 1 : 0]))
    .join("");
}

/**
 * The affine that maps voxel indices of the reoriented array back to the
 * original's (nibabel's `inv_ornt_aff`), so `newAffine = affine · inv`.
 */
function invOrientationAffine(ornt: [number, 1 | -1][], shape: readonly number[]): Affine {
  const m: Affine = [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 1],
  ];
  // undo_flip · undo_reorder: original axis a = flip(new axis ornt[a][0])
  for (let a = 0; a < 3; a++) {
    const [outAx, sign] = ornt[a];
    m[a][outAx] = sign;
    const n = shape[a] ?? 1;
    m[a][3] = sign === -1 ? n - 1 : 0;
  }
  return m;
}

/**
 * Reorders and flips a volume's first three axes so that they run as close as
 * possible to R, A, S (nibabel's `as_closest_canonical`): the data are
 * permuted and flipped (raw values and scaling kept), and the affine is
 * updated so every voxel keeps its world position. A volume already in RAS
 * order is returned as is. Axes beyond the third are carried along.
 *
 * @param volume - Any volume of at least 3 axes (fewer are padded with size 1).
 * @returns The reoriented volume (a new array) or `volume` itself when already canonical.
 * @example
 * ```ts
 * import { createVolume, diagonalAffine } from "flarekit";
 * import { reorientToCanonical, axisCodes } from "flarekit/nifti";
 * const v = createVolume(new Uint8Array([1, 2]), [2, 1, 1], { affine: diagonalAffine([-1, 1, 1]) });
 * const c = reorientToCanonical(v);
 * [axisCodes(c.affine), Array.from(c.data)]; // ["RAS", [2, 1]]
 * ```
 */
export function reorientToCanonical<D extends DType>(volume: Volume<D>): Volume<D> {
  const ornt = ioOrientation(volume.affine);
  if (ornt.some((o) => o === null)) return volume; // degenerate affine: nibabel refuses; keep as is
  const o = ornt as [number, 1 | -1][];
  if (o.every(([ax, s], i) => ax === i && s === 1)) return volume;
  const shape3 = [0, 1, 2].map((i) => volume.shape[i] ?? 1);
  const rest = volume.shape.slice(3);
  const newShape3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) newShape3[o[a][0]] = shape3[a];
  const data = reorderData(volume.data, volume.dtype, shape3, rest, o, newShape3);
  const affine = multiplyAffines(volume.affine, invOrientationAffine(o, shape3));
  const newShape = volume.shape.length >= 3 ? [...newShape3, ...rest] : newShape3;
  const spacing: number[] = [0, 0, 0];
  for (let a = 0; a < 3; a++) spacing[o[a][0]] = volume.spacing[a];
  return new Volume<D>(data, newShape, {
    dtype: volume.dtype,
    spacing,
    affine,
    ...(volume.scaling ? { scaling: volume.scaling } : {}),
    ...(volume.nifti ? { nifti: volume.nifti } : {}),
  });
}

function reorderData<D extends DType>(
  src: DTypeArrayMap[D],
  dtype: D,
  shape: number[],
  rest: readonly number[],
  ornt: [number, 1 | -1][],
  newShape: number[],
): DTypeArrayMap[D] {
  const comps = DTYPES[dtype].components;
  const out = new DTYPES[dtype].arrayType(src.length) as DTypeArrayMap[D];
  const newStride = [comps, comps * newShape[0], comps * newShape[0] * newShape[1]];
  // Output step for a unit step along each input axis, and the output offset of input voxel 0.
  const step = [0, 0, 0];
  let base = 0;
  for (let a = 0; a < 3; a++) {
    const [outAx, sign] = ornt[a];
    step[a] = sign * newStride[outAx];
    if (sign === -1) base += (shape[a] - 1) * newStride[outAx];
  }
  const vol3 = shape[0] * shape[1] * shape[2] * comps;
  const frames = rest.reduce((x, y) => x * y, 1);
  const s = src as unknown as { [i: number]: number | bigint };
  const d = out as unknown as { [i: number]: number | bigint };
  for (let f = 0; f < frames; f++) {
    const fo = f * vol3;
    let i = fo;
    for (let z = 0; z < shape[2]; z++) {
      for (let y = 0; y < shape[1]; y++) {
        let p = fo + base + z * step[2] + y * step[1];
        for (let x = 0; x < shape[0]; x++, p += step[0]) {
          for (let c = 0; c < comps; c++) d[p + c] = s[i++];
        }
      }
    }
  }
  return out;
}
