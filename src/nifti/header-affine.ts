/**
 * The affines a NIfTI / Analyze header defines, with nibabel's rules
 * (nibabel.nifti1.Nifti1Header.get_qform / get_sform / get_best_affine,
 * nibabel.analyze.AnalyzeHeader.get_base_affine, nibabel.spm99analyze
 * SpmAnalyzeHeader.get_origin_affine), and the inverse: a quaternion
 * representation of an affine for writing the qform (nifti1_io.c
 * `nifti_mat44_to_quatern`, after Shoemake's matrix-to-quaternion method).
 * @module
 */
import type { Affine } from "../core/affine.ts";
import type { AffineSource, NiftiHeader } from "./header-types.ts";

/** The header's spatial voxel sizes as nibabel's affines use them: |pixdim[1..3]|, 0 (or non-finite) read as 1. */
export function headerZooms(header: NiftiHeader): [number, number, number] {
  const out: number[] = [];
  for (let i = 1; i <= 3; i++) {
    const v = Math.abs(header.pixdim[i]);
    out.push(v > 0 && Number.isFinite(v) ? v : 1);
  }
  return out as [number, number, number];
}

/**
 * The qform affine: rotation from the quaternion (b, c, d) with a = √(1 − b² − c² − d²)
 * (a clamped to 0 when rounding makes it imaginary, so the result is never NaN),
 * voxel sizes from pixdim[1..3] (zero read as 1) with qfac = pixdim[0] (−1 flips k; anything but −1 counts as 1),
 * offsets qoffset_x/y/z.
 *
 * @param header - A parsed header.
 * @returns The 4×4 affine (computed in double from the stored values).
 * @example
 * ```ts
 * import { qformAffine } from "flarekit/nifti";
 * // with header from readNiftiHeader(bytes).header
 * ```
 */
export function qformAffine(header: NiftiHeader): Affine {
  let b = header.quatern_b;
  let c = header.quatern_c;
  let d = header.quatern_d;
  if (!Number.isFinite(b)) b = 0;
  if (!Number.isFinite(c)) c = 0;
  if (!Number.isFinite(d)) d = 0;
  const w2 = 1 - (b * b + c * c + d * d);
  const a = w2 > 0 ? Math.sqrt(w2) : 0;
  // nibabel quaternions.quat2mat: normalise by the squared norm, identity for a null quaternion.
  const nq = a * a + b * b + c * c + d * d;
  let r: number[][];
  if (nq < 2.220446049250313e-16) {
    r = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
  } else {
    const s = 2 / nq;
    const X = b * s, Y = c * s, Z = d * s;
    const wX = a * X, wY = a * Y, wZ = a * Z;
    const xX = b * X, xY = b * Y, xZ = b * Z;
    const yY = c * Y, yZ = c * Z, zZ = d * Z;
    r = [
      [1 - (yY + zZ), xY - wZ, xZ + wY],
      [xY + wZ, 1 - (xX + zZ), yZ - wX],
      [xZ - wY, yZ + wX, 1 - (xX + yY)],
    ];
  }
  const [sx, sy, sz0] = headerZooms(header);
  const qfac = header.pixdim[0] === -1 ? -1 : 1;
  const sz = sz0 * qfac;
  const off = [header.qoffset_x, header.qoffset_y, header.qoffset_z].map((v) => (Number.isFinite(v) ? v : 0));
  return [
    [r[0][0] * sx, r[0][1] * sy, r[0][2] * sz, off[0]],
    [r[1][0] * sx, r[1][1] * sy, r[1][2] * sz, off[1]],
    [r[2][0] * sx, r[2][1] * sy, r[2][2] * sz, off[2]],
    [0, 0, 0, 1],
  ];
}

/** The sform affine: the srow_x / srow_y / srow_z rows as stored. */
export function sformAffine(header: NiftiHeader): Affine {
  return [[...header.srow_x], [...header.srow_y], [...header.srow_z], [0, 0, 0, 1]];
}

/**
 * nibabel's fallback ("base") affine for headers with neither code set: voxel
 * sizes on the diagonal with x negated (radiological LAS), the array centre at
 * the world origin: `aff[:3, 3] = −(shape − 1) / 2 × zooms`.
 */
export function fallbackAffine(header: NiftiHeader): Affine {
  const zooms = headerZooms(header);
  const shape = [1, 2, 3].map((i) => (i <= header.dim[0] ? Math.max(1, header.dim[i]) : 1));
  const z = [-zooms[0], zooms[1], zooms[2]];
  return [
    [z[0], 0, 0, (-(shape[0] - 1) / 2) * z[0]],
    [0, z[1], 0, (-(shape[1] - 1) / 2) * z[1]],
    [0, 0, z[2], (-(shape[2] - 1) / 2) * z[2]],
    [0, 0, 0, 1],
  ];
}

/**
 * SPM's Analyze affine (what `nibabel.load` uses for a .hdr without NIfTI
 * magic): the fallback, but centred on the `originator` voxel (1-based) when
 * it is set and plausible.
 */
export function analyzeAffine(header: NiftiHeader): Affine {
  const zooms = headerZooms(header);
  const z = [-zooms[0], zooms[1], zooms[2]];
  const dims = [1, 2, 3].map((i) => (i <= header.dim[0] ? header.dim[i] : 1));
  const o = header.originator ?? [0, 0, 0];
  const origin3 = [o[0], o[1], o[2]];
  const plausible = origin3.some((v) => v !== 0) && origin3.every((v, k) => v > -dims[k] && v < dims[k] * 2);
  const origin = plausible ? origin3.map((v) => v - 1) : dims.map((d) => (d - 1) / 2);
  return [
    [z[0], 0, 0, -origin[0] * z[0]],
    [0, z[1], 0, -origin[1] * z[1]],
    [0, 0, z[2], -origin[2] * z[2]],
    [0, 0, 0, 1],
  ];
}

/**
 * nibabel's `get_best_affine`: the sform when `sform_code > 0`, else the qform
 * when `qform_code > 0`, else the fallback; Analyze headers use SPM's origin affine.
 *
 * @param header - A parsed header.
 * @returns The affine and which rule produced it.
 */
export function bestAffine(header: NiftiHeader): { affine: Affine; source: AffineSource } {
  if (header.magic === "") return { affine: analyzeAffine(header), source: "analyze" };
  if (header.sform_code > 0 && header.srow_x.concat(header.srow_y, header.srow_z).every(Number.isFinite)) {
    return { affine: sformAffine(header), source: "sform" };
  }
  if (header.qform_code > 0) return { affine: qformAffine(header), source: "qform" };
  return { affine: fallbackAffine(header), source: "fallback" };
}

/**
 * Decomposes an affine into the qform parameters (quaternion b, c, d, offsets,
 * voxel sizes and qfac). Non-orthogonal parts (shear) cannot be represented in
 * a qform and are dropped by taking the nearest rotation (polar decomposition).
 * Follows nifti1_io.c `nifti_mat44_to_quatern`.
 */
export function affineToQuaternion(affine: Affine): {
  quatern_b: number;
  quatern_c: number;
  quatern_d: number;
  qoffset_x: number;
  qoffset_y: number;
  qoffset_z: number;
  pixdim: [number, number, number];
  qfac: 1 | -1;
} {
  let r11 = affine[0][0], r12 = affine[0][1], r13 = affine[0][2];
  let r21 = affine[1][0], r22 = affine[1][1], r23 = affine[1][2];
  let r31 = affine[2][0], r32 = affine[2][1], r33 = affine[2][2];
  let xd = Math.hypot(r11, r21, r31);
  let yd = Math.hypot(r12, r22, r32);
  let zd = Math.hypot(r13, r23, r33);
  if (xd === 0) { r11 = 1; r21 = r31 = 0; xd = 1; }
  if (yd === 0) { r22 = 1; r12 = r32 = 0; yd = 1; }
  if (zd === 0) { r33 = 1; r13 = r23 = 0; zd = 1; }
  const pixdim: [number, number, number] = [xd, yd, zd];
  r11 /= xd; r21 /= xd; r31 /= xd;
  r12 /= yd; r22 /= yd; r32 /= yd;
  r13 /= zd; r23 /= zd; r33 /= zd;
  // Nearest orthogonal matrix (polar decomposition) by Newton iteration Q ← (Q + Q^-T) / 2.
  let q = [[r11, r12, r13], [r21, r22, r23], [r31, r32, r33]];
  for (let it = 0; it < 50; it++) {
    const inv = inverse3(q);
    if (!inv) break;
    let diff = 0;
    const nq = q.map((row, i) => row.map((v, j) => { const nv = 0.5 * (v + inv[j][i]); diff += Math.abs(nv - v); return nv; }));
    q = nq;
    if (diff < 1e-15) break;
  }
  [[r11, r12, r13], [r21, r22, r23], [r31, r32, r33]] = q;
  let det = r11 * r22 * r33 - r11 * r32 * r23 - r21 * r12 * r33 + r21 * r32 * r13 + r31 * r12 * r23 - r31 * r22 * r13;
  let qfac: 1 | -1 = 1;
  if (det < 0) {
    qfac = -1;
    r13 = -r13; r23 = -r23; r33 = -r33;
    det = -det;
  }
  let a = r11 + r22 + r33 + 1;
  let b: number, c: number, d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r32 - r23)) / a;
    c = (0.25 * (r13 - r31)) / a;
    d = (0.25 * (r21 - r12)) / a;
  } else {
    const xx = 1 + r11 - (r22 + r33);
    const yy = 1 + r22 - (r11 + r33);
    const zz = 1 + r33 - (r11 + r22);
    if (xx > 1) {
      b = 0.5 * Math.sqrt(xx);
      c = (0.25 * (r12 + r21)) / b;
      d = (0.25 * (r13 + r31)) / b;
      a = (0.25 * (r32 - r23)) / b;
    } else if (yy > 1) {
      c = 0.5 * Math.sqrt(yy);
      b = (0.25 * (r12 + r21)) / c;
      d = (0.25 * (r23 + r32)) / c;
      a = (0.25 * (r13 - r31)) / c;
    } else {
      d = 0.5 * Math.sqrt(zz);
      b = (0.25 * (r13 + r31)) / d;
      c = (0.25 * (r23 + r32)) / d;
      a = (0.25 * (r21 - r12)) / d;
    }
    if (a < 0) { b = -b; c = -c; d = -d; }
  }
  return {
    quatern_b: b,
    quatern_c: c,
    quatern_d: d,
    qoffset_x: affine[0][3],
    qoffset_y: affine[1][3],
    qoffset_z: affine[2][3],
    pixdim,
    qfac,
  };
}

function inverse3(m: number[][]): number[][] | null {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-300) return null;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}
