/**
 * Shared driver: from per-axis source coordinates (axis-aligned case) or a voxel → voxel affine (general
 * case) to the resampled data of a new {@link Volume}.
 * @internal
 * @module
 */
import type { Affine } from "../core/affine.ts";
import { DTYPES } from "../core/dtypes.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import { Volume } from "../core/volume.ts";
import type { Scaling } from "../core/volume.ts";
import { cubicWeights, prefilterRows, SPLINE_PAD } from "./bspline.ts";
import { minMax } from "./grid.ts";
import { labelsLinearSeparable, pickLabel } from "./labels-linear.ts";
import { type AxisKind, type AxisPlan, gatherNearest, nearestIndex, planAxis, resampleSeparable } from "./separable.ts";
import type { Interpolation, ResampleFloatDType } from "./types.ts";

type Num = ArrayLike<number> & { [i: number]: number };

/** What the driver needs besides the data. */
export interface EngineRequest {
  interpolation: Interpolation;
  /** Output dtype for linear / cubic. */
  floatDType: ResampleFloatDType;
  /** Output geometry. */
  affine: Affine;
  spacing: readonly number[];
  /** Axis resampled with nearest under nnU-Net's separate-z rule, or −1. */
  nearestAxis: number;
  /** Fill for out-of-source voxels (scaled units), when any axis has an `inside` mask. */
  fill?: number | undefined;
}

const INTERPOLATIONS: readonly Interpolation[] = ["nearest", "linear", "cubic", "labels-linear"];

/** Validates the interpolation name and the dtype it needs. */
export function checkInterpolation(volume: Volume, interpolation: unknown): Interpolation {
  if (!INTERPOLATIONS.includes(interpolation as Interpolation)) {
    throw new InvalidArgumentError("interpolation", interpolation, INTERPOLATIONS.map((s) => `"${s}"`).join(", "));
  }
  if (interpolation !== "nearest" && (volume.dtype === "int64" || volume.dtype === "uint64")) {
    throw new InvalidArgumentError("volume.dtype", volume.dtype, `a dtype other than int64/uint64 for "${String(interpolation)}"`, 'Use interpolation "nearest" or convert the data first.');
  }
  return interpolation as Interpolation;
}

/** The raw stored value that represents scaled value `v` in the volume's dtype. */
function rawFill(volume: Volume, v: number): number | bigint {
  const s = volume.scaling;
  let raw = s ? (v - s.intercept) / s.slope : v;
  const info = DTYPES[volume.dtype];
  if (info.integer) {
    raw = Math.round(raw);
    if (volume.dtype === "int64" || volume.dtype === "uint64") return BigInt(raw);
    const bits = info.bytesPerElement * 8;
    const signed = volume.dtype.startsWith("int");
    const lo = signed ? -(2 ** (bits - 1)) : 0;
    const hi = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    raw = Math.min(hi, Math.max(lo, raw));
  }
  return raw;
}

/** The default fill: the image minimum in scaled units (0 for "labels-linear"). */
export function defaultFill(volume: Volume, interpolation: Interpolation): number {
  if (interpolation === "labels-linear") return 0;
  const data = volume.data;
  let lo: number;
  let hi: number;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    let a = data.length ? data[0] : 0n;
    let b = a;
    for (const v of data) {
      if (v < a) a = v;
      if (v > b) b = v;
    }
    lo = Number(a);
    hi = Number(b);
  } else {
    [lo, hi] = minMax(data as ArrayLike<number>);
  }
  const s = volume.scaling;
  if (!s) return lo;
  return s.slope >= 0 ? lo * s.slope + s.intercept : hi * s.slope + s.intercept;
}

function makeVolume(volume: Volume, data: Volume["data"], shape: number[], req: EngineRequest, keepScaling: boolean, dtype: Volume["dtype"]): Volume {
  const opts: { spacing: readonly number[]; affine: Affine; dtype: Volume["dtype"]; scaling?: Scaling } = {
    spacing: req.spacing,
    affine: req.affine,
    dtype,
  };
  if (keepScaling && volume.scaling) opts.scaling = volume.scaling;
  // Header codes, descrip and extensions carry over; the writer recomputes dims, datatype and geometry.
  return new Volume(data, shape, volume.nifti ? { ...opts, nifti: volume.nifti } : opts);
}

/**
 * Axis-aligned resampling: `coords[a][o]` is the source index of output index `o` along axis `a`;
 * `inside[a]` (optional) marks output indices whose centre lies within the source extent.
 */
export function resampleAxisAligned(
  volume: Volume,
  dims: readonly [number, number, number],
  coords: readonly [Float64Array, Float64Array, Float64Array],
  inside: readonly (Uint8Array | undefined)[] | undefined,
  req: EngineRequest,
): Volume {
  const interp = req.interpolation;
  const shape = [coords[0].length, coords[1].length, coords[2].length];
  const total = shape[0] * shape[1] * shape[2];
  const kindFor = (a: number): AxisKind =>
    a === req.nearestAxis || interp === "nearest" ? "nearest" : interp === "cubic" ? "cubic" : "linear";
  const plans = [0, 1, 2].map((a) => planAxis(coords[a], dims[a], kindFor(a))) as [AxisPlan, AxisPlan, AxisPlan];
  let out: Volume;
  if (interp === "nearest") {
    const data = new DTYPES[volume.dtype].arrayType(total) as Num;
    gatherNearest(volume.data as unknown as Num, dims[0], dims[1], nearestIndex(plans[0]), nearestIndex(plans[1]), nearestIndex(plans[2]), data);
    out = makeVolume(volume, data as unknown as Volume["data"], shape, req, true, volume.dtype);
    if (inside && req.fill !== undefined) applyFill(out.data as unknown as Num, shape, inside, rawFill(volume, req.fill) as number);
  } else if (interp === "labels-linear") {
    const data = new DTYPES[volume.dtype].arrayType(total) as Num;
    labelsLinearSeparable(volume.data as unknown as Num, plans, data);
    out = makeVolume(volume, data as unknown as Volume["data"], shape, req, true, volume.dtype);
    if (inside && req.fill !== undefined) applyFill(out.data as unknown as Num, shape, inside, rawFill(volume, req.fill) as number);
  } else {
    const data = req.floatDType === "float64" ? new Float64Array(total) : new Float32Array(total);
    const s = volume.scaling;
    resampleSeparable(volume.data as unknown as Num, plans, data, s ? s.slope : 1, s ? s.intercept : 0);
    out = makeVolume(volume, data, shape, req, false, req.floatDType);
    if (inside && req.fill !== undefined) applyFill(data, shape, inside, req.fill);
  }
  return out;
}

/** Writes `fill` wherever any axis's `inside` flag is 0. */
function applyFill(data: Num, shape: readonly number[], inside: readonly (Uint8Array | undefined)[], fill: number): void {
  const [m0, m1, m2] = shape;
  const ix = inside[0];
  const iy = inside[1];
  const iz = inside[2];
  let p = 0;
  for (let k = 0; k < m2; k++) {
    for (let j = 0; j < m1; j++) {
      if ((iz && !iz[k]) || (iy && !iy[j])) {
        for (let i = 0; i < m0; i++) data[p++] = fill;
      } else if (ix) {
        for (let i = 0; i < m0; i++, p++) if (!ix[i]) data[p] = fill;
      } else {
        p += m0;
      }
    }
  }
}

/**
 * General resampling through a voxel → voxel affine `m` (output index → source index), for grids that
 * are rotated or permuted relative to each other. Voxels whose centre maps outside the source extent
 * (beyond half a voxel from the edge centres) get `req.fill`.
 */
export function resampleGeneral(volume: Volume, dims: readonly [number, number, number], m: Affine, shape: readonly [number, number, number], req: EngineRequest): Volume {
  const interp = req.interpolation;
  const [n0, n1, n2] = dims;
  const n01 = n0 * n1;
  const total = shape[0] * shape[1] * shape[2];
  const eps = 1e-6;
  const fill = req.fill ?? 0;
  const src = volume.data as unknown as Num;
  const s = volume.scaling;
  const slope = s ? s.slope : 1;
  const intercept = s ? s.intercept : 0;
  let data: Num;
  let dtype: Volume["dtype"];
  let keepScaling: boolean;
  if (interp === "nearest" || interp === "labels-linear") {
    data = new DTYPES[volume.dtype].arrayType(total) as Num;
    dtype = volume.dtype;
    keepScaling = true;
  } else {
    data = req.floatDType === "float64" ? new Float64Array(total) : new Float32Array(total);
    dtype = req.floatDType;
    keepScaling = false;
  }
  const fillValue = keepScaling ? (rawFill(volume, fill) as number) : fill;
  // Cubic: prefiltered coefficients of the edge-padded volume (float32, (n0+24)(n1+24)(n2+24) values).
  let coef: Float32Array | undefined;
  const P = SPLINE_PAD;
  const N0 = n0 + 2 * P;
  const N1 = n1 + 2 * P;
  const N2 = n2 + 2 * P;
  if (interp === "cubic") {
    coef = new Float32Array(N0 * N1 * N2);
    let q = 0;
    for (let k = 0; k < N2; k++) {
      const sk = Math.min(n2 - 1, Math.max(0, k - P)) * n01;
      for (let j = 0; j < N1; j++) {
        const sj = sk + Math.min(n1 - 1, Math.max(0, j - P)) * n0;
        for (let i = 0; i < N0; i++) coef[q++] = src[sj + Math.min(n0 - 1, Math.max(0, i - P))];
      }
    }
    for (let l = 0; l < N1 * N2; l++) prefilterRows(coef, l * N0, N0, 1);
    for (let k = 0; k < N2; k++) prefilterRows(coef, k * N0 * N1, N1, N0);
    prefilterRows(coef, 0, N2, N0 * N1);
  }
  const wx = new Float64Array(4);
  const wy = new Float64Array(4);
  const wz = new Float64Array(4);
  const labels = new Float64Array(8);
  const sums = new Float64Array(8);
  const clamp = (i: number, len: number): number => (i < 0 ? 0 : i >= len ? len - 1 : i);
  let p = 0;
  for (let k = 0; k < shape[2]; k++) {
    for (let j = 0; j < shape[1]; j++) {
      const bx = m[0][1] * j + m[0][2] * k + m[0][3];
      const by = m[1][1] * j + m[1][2] * k + m[1][3];
      const bz = m[2][1] * j + m[2][2] * k + m[2][3];
      for (let i = 0; i < shape[0]; i++, p++) {
        const x = m[0][0] * i + bx;
        const y = m[1][0] * i + by;
        const z = m[2][0] * i + bz;
        if (x < -0.5 - eps || x > n0 - 0.5 + eps || y < -0.5 - eps || y > n1 - 0.5 + eps || z < -0.5 - eps || z > n2 - 0.5 + eps) {
          data[p] = fillValue;
          continue;
        }
        if (interp === "nearest") {
          data[p] = src[clamp(Math.floor(x + 0.5), n0) + clamp(Math.floor(y + 0.5), n1) * n0 + clamp(Math.floor(z + 0.5), n2) * n01];
          continue;
        }
        if (interp === "cubic") {
          const cx = x + P;
          const cy = y + P;
          const cz = z + P;
          const fx = Math.floor(cx);
          const fy = Math.floor(cy);
          const fz = Math.floor(cz);
          cubicWeights(cx - fx, wx, 0);
          cubicWeights(cy - fy, wy, 0);
          cubicWeights(cz - fz, wz, 0);
          let acc = 0;
          for (let c = 0; c < 4; c++) {
            const oz = clamp(fz - 1 + c, N2) * N0 * N1;
            let accY = 0;
            for (let b = 0; b < 4; b++) {
              const oy = oz + clamp(fy - 1 + b, N1) * N0;
              let accX = 0;
              for (let a = 0; a < 4; a++) accX += wx[a] * (coef as Float32Array)[oy + clamp(fx - 1 + a, N0)];
              accY += wy[b] * accX;
            }
            acc += wz[c] * accY;
          }
          data[p] = acc * slope + intercept;
          continue;
        }
        const fx = Math.floor(x);
        const fy = Math.floor(y);
        const fz = Math.floor(z);
        wx[0] = 1 - (x - fx);
        wx[1] = 1 - wx[0];
        wy[0] = 1 - (y - fy);
        wy[1] = 1 - wy[0];
        wz[0] = 1 - (z - fz);
        wz[1] = 1 - wz[0];
        if (interp === "linear") {
          let acc = 0;
          for (let a = 0; a < 2; a++) {
            const ia = clamp(fx + a, n0);
            for (let b = 0; b < 2; b++) {
              const iab = ia + clamp(fy + b, n1) * n0;
              for (let c = 0; c < 2; c++) acc += src[iab + clamp(fz + c, n2) * n01] * wx[a] * wy[b] * wz[c];
            }
          }
          data[p] = acc * slope + intercept;
        } else {
          let nl = 0;
          for (let a = 0; a < 2; a++) {
            const ia = clamp(fx + a, n0);
            for (let b = 0; b < 2; b++) {
              const iab = ia + clamp(fy + b, n1) * n0;
              const wab = wx[a] * wy[b];
              for (let c = 0; c < 2; c++) {
                const label = src[iab + clamp(fz + c, n2) * n01];
                const w = wab * wz[c];
                let q = 0;
                while (q < nl && labels[q] !== label) q++;
                if (q === nl) {
                  labels[nl] = label;
                  sums[nl++] = w;
                } else sums[q] += w;
              }
            }
          }
          data[p] = pickLabel(labels, sums, nl);
        }
      }
    }
  }
  return makeVolume(volume, data as unknown as Volume["data"], [...shape], req, keepScaling, dtype);
}
