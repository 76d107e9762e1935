/**
 * The axis-aligned resampling engine: per-axis tap tables and separable passes.
 *
 * When the output grid is an axis-aligned scaling/shift of the source grid (always the case for
 * `resampleToSpacing` / `resampleToShape`), trilinear and tricubic-B-spline interpolation are tensor
 * products of 1D operators, so they are computed as three 1D passes: x then y on each slice (one slice of
 * scratch), then z over the whole volume. Out-of-range coordinates are clamped (scipy `mode="nearest"`).
 *
 * Memory: one float32 intermediate of `m0·m1·n2` values (the in-plane-resampled slices), one slice of
 * `m0·n1` float32 values, and for cubic a float64 scratch of `(n + 24)` rows by at most 4096 columns.
 * @internal
 * @module
 */
import { cubicWeights, prefilterRows, SPLINE_GAIN, SPLINE_PAD } from "./bspline.ts";

/** How one axis is resampled. */
export type AxisKind = "copy" | "nearest" | "linear" | "cubic";

/** Source index for each output index along one axis, and the taps derived from it. */
export interface AxisPlan {
  /** Source length. */
  n: number;
  /** Output length. */
  m: number;
  kind: AxisKind;
  /** Taps per output index (1, 2 or 4; 0 for copy). */
  k: number;
  /** Source indices (for cubic: indices into the line padded by {@link SPLINE_PAD} on each side), `m·k`. */
  index: Int32Array;
  /** Weights, `m·k`. */
  weight: Float64Array;
}

/** Whether `coords` is exactly the identity map 0, 1, …, n − 1 (within 1e−9 voxel). */
export function isIdentityMap(coords: Float64Array, n: number): boolean {
  if (coords.length !== n) return false;
  for (let o = 0; o < n; o++) if (Math.abs(coords[o] - o) > 1e-9) return false;
  return true;
}

/** Builds the tap table of one axis (scipy.ndimage conventions: order 0 rounds half up, order 1 weights 1 − t and 1 − (1 − t)). */
export function planAxis(coords: Float64Array, n: number, kind: AxisKind): AxisPlan {
  const m = coords.length;
  // An identity axis is copied: every interpolation here reproduces the samples at integer positions.
  if (kind === "copy" || isIdentityMap(coords, n)) {
    return { n, m, kind: "copy", k: 0, index: new Int32Array(0), weight: new Float64Array(0) };
  }
  const k = kind === "nearest" ? 1 : kind === "linear" ? 2 : 4;
  const index = new Int32Array(m * k);
  const weight = new Float64Array(m * k);
  const clamp = (i: number, len: number): number => (i < 0 ? 0 : i >= len ? len - 1 : i);
  for (let o = 0; o < m; o++) {
    const x = coords[o];
    if (kind === "nearest") {
      index[o] = clamp(Math.floor(x + 0.5), n);
      weight[o] = 1;
    } else if (kind === "linear") {
      const f = Math.floor(x);
      const w0 = 1 - (x - f);
      index[2 * o] = clamp(f, n);
      index[2 * o + 1] = clamp(f + 1, n);
      weight[2 * o] = w0;
      weight[2 * o + 1] = 1 - w0;
    } else {
      const cc = x + SPLINE_PAD;
      const f = Math.floor(cc);
      const len = n + 2 * SPLINE_PAD;
      for (let q = 0; q < 4; q++) index[4 * o + q] = clamp(f - 1 + q, len);
      cubicWeights(cc - f, weight, 4 * o);
    }
  }
  return { n, m, kind, k, index, weight };
}

type Num = ArrayLike<number> & { [i: number]: number };
type FloatOut = Float32Array | Float64Array;

/** Lines prefiltered together by the cubic line pass. */
const LINE_GROUP = 8;

/** Resamples `lines` contiguous lines of `plan.n` values (from `src[srcOff]`) to lines of `plan.m` values at `dst[dstOff]`. */
function linePass(src: Num, srcOff: number, lines: number, plan: AxisPlan, dst: FloatOut, dstOff: number, buf: Float64Array): void {
  const { n, m, k, index, weight } = plan;
  if (plan.kind === "cubic") {
    // Lines are filtered LINE_GROUP at a time, interleaved, so the recursive filters of independent lines
    // overlap in the CPU pipeline instead of waiting on one long dependency chain.
    const len = n + 2 * SPLINE_PAD;
    for (let l0 = 0; l0 < lines; l0 += LINE_GROUP) {
      const g = Math.min(LINE_GROUP, lines - l0);
      for (let q = 0; q < g; q++) {
        const s = srcOff + (l0 + q) * n;
        const first = src[s] * SPLINE_GAIN;
        const lastV = src[s + n - 1] * SPLINE_GAIN;
        for (let p = 0; p < SPLINE_PAD; p++) {
          buf[p * g + q] = first;
          buf[(SPLINE_PAD + n + p) * g + q] = lastV;
        }
        for (let i = 0, b = SPLINE_PAD * g + q; i < n; i++, b += g) buf[b] = src[s + i] * SPLINE_GAIN;
      }
      prefilterRows(buf, 0, len, g, true);
      for (let q = 0; q < g; q++) {
        const d = dstOff + (l0 + q) * m;
        for (let o = 0, t = 0; o < m; o++, t += 4) {
          dst[d + o] =
            weight[t] * buf[index[t] * g + q] +
            weight[t + 1] * buf[index[t + 1] * g + q] +
            weight[t + 2] * buf[index[t + 2] * g + q] +
            weight[t + 3] * buf[index[t + 3] * g + q];
        }
      }
    }
    return;
  }
  if (k === 2) {
    for (let l = 0; l < lines; l++) {
      const s = srcOff + l * n;
      const d = dstOff + l * m;
      for (let o = 0, t = 0; o < m; o++, t += 2) {
        dst[d + o] = weight[t] * src[s + index[t]] + weight[t + 1] * src[s + index[t + 1]];
      }
    }
    return;
  }
  for (let l = 0; l < lines; l++) {
    const s = srcOff + l * n;
    const d = dstOff + l * m;
    for (let o = 0; o < m; o++) dst[d + o] = src[s + index[o]];
  }
}

/** Largest number of columns processed at once by the cubic row pass (bounds its scratch). */
export const ROW_CHUNK = 4096;

/**
 * Resamples along the row index: `plan.n` rows of `width` values (row r at `src[srcOff + r·width]`)
 * become `plan.m` rows at `dst[dstOff + o·width]`.
 */
function rowPass(src: Num, srcOff: number, width: number, plan: AxisPlan, dst: FloatOut, dstOff: number, scratch: Float64Array): void {
  const { n, m, k, index, weight } = plan;
  if (plan.kind === "cubic") {
    const len = n + 2 * SPLINE_PAD;
    for (let c0 = 0; c0 < width; c0 += ROW_CHUNK) {
      const w = Math.min(ROW_CHUNK, width - c0);
      for (let r = 0; r < len; r++) {
        const sr = r < SPLINE_PAD ? 0 : r >= SPLINE_PAD + n ? n - 1 : r - SPLINE_PAD;
        const s = srcOff + sr * width + c0;
        const d = r * w;
        for (let c = 0; c < w; c++) scratch[d + c] = src[s + c] * SPLINE_GAIN;
      }
      prefilterRows(scratch, 0, len, w, true);
      for (let o = 0, t = 0; o < m; o++, t += 4) {
        const a0 = index[t] * w;
        const a1 = index[t + 1] * w;
        const a2 = index[t + 2] * w;
        const a3 = index[t + 3] * w;
        const w0 = weight[t];
        const w1 = weight[t + 1];
        const w2 = weight[t + 2];
        const w3 = weight[t + 3];
        const d = dstOff + o * width + c0;
        for (let c = 0; c < w; c++) {
          dst[d + c] = w0 * scratch[a0 + c] + w1 * scratch[a1 + c] + w2 * scratch[a2 + c] + w3 * scratch[a3 + c];
        }
      }
    }
    return;
  }
  if (k === 2) {
    for (let o = 0, t = 0; o < m; o++, t += 2) {
      const a = srcOff + index[t] * width;
      const b = srcOff + index[t + 1] * width;
      const w0 = weight[t];
      const w1 = weight[t + 1];
      const d = dstOff + o * width;
      for (let c = 0; c < width; c++) dst[d + c] = w0 * src[a + c] + w1 * src[b + c];
    }
    return;
  }
  for (let o = 0; o < m; o++) {
    const a = srcOff + index[o] * width;
    const d = dstOff + o * width;
    for (let c = 0; c < width; c++) dst[d + c] = src[a + c];
  }
}

/**
 * Separable resampling of a 3D scalar array (`src`, dims n0×n1×n2, x fastest) into `out`
 * (m0×m1×m2), then `value·slope + intercept` when a scaling is given (float32 rounding as `scaledData`).
 */
export function resampleSeparable(
  src: Num,
  plans: readonly [AxisPlan, AxisPlan, AxisPlan],
  out: FloatOut,
  slope: number,
  intercept: number,
): void {
  const [px, py, pz] = plans;
  const n0 = px.n;
  const n1 = py.n;
  const n2 = pz.n;
  const m0 = px.m;
  const m1 = py.m;
  const cubicLen = (p: AxisPlan): number => (p.kind === "cubic" ? p.n + 2 * SPLINE_PAD : 0);
  const lineBuf = new Float64Array(cubicLen(px) * LINE_GROUP);
  const rowScratch = new Float64Array(Math.max(cubicLen(py) * Math.min(m0, ROW_CHUNK), cubicLen(pz) * Math.min(m0 * m1, ROW_CHUNK)));
  // In-plane stage: each slice z → B[z] (m0×m1). B is `out` itself when z is copied.
  let B: Num;
  if (px.kind === "copy" && py.kind === "copy") {
    B = src;
  } else {
    const Bf: FloatOut = pz.kind === "copy" ? out : new Float32Array(m0 * m1 * n2);
    const slice = px.kind !== "copy" && py.kind !== "copy" ? new Float32Array(m0 * n1) : undefined;
    for (let z = 0; z < n2; z++) {
      const sOff = z * n0 * n1;
      const bOff = z * m0 * m1;
      if (px.kind === "copy") {
        rowPass(src, sOff, n0, py, Bf, bOff, rowScratch);
      } else if (py.kind === "copy") {
        linePass(src, sOff, n1, px, Bf, bOff, lineBuf);
      } else {
        linePass(src, sOff, n1, px, slice as Float32Array, 0, lineBuf);
        rowPass(slice as Float32Array, 0, m0, py, Bf, bOff, rowScratch);
      }
    }
    B = Bf;
  }
  if (pz.kind !== "copy") {
    rowPass(B, 0, m0 * m1, pz, out, 0, rowScratch);
  } else if (B === src) {
    for (let i = 0; i < out.length; i++) out[i] = src[i];
  }
  if (slope !== 1 || intercept !== 0) {
    if (out instanceof Float32Array) {
      const sf = Math.fround(slope);
      const bf = Math.fround(intercept);
      for (let i = 0; i < out.length; i++) out[i] = Math.fround(out[i] * sf) + bf;
    } else {
      for (let i = 0; i < out.length; i++) out[i] = out[i] * slope + intercept;
    }
  }
}

/** Nearest-neighbour gather along three axes with per-axis index tables (any typed array, one pass). */
export function gatherNearest<T extends Num>(src: T, n0: number, n1: number, ix: Int32Array, iy: Int32Array, iz: Int32Array, out: T): void {
  const m0 = ix.length;
  const m1 = iy.length;
  const m2 = iz.length;
  const n01 = n0 * n1;
  const offY = new Int32Array(m1);
  for (let j = 0; j < m1; j++) offY[j] = iy[j] * n0;
  let p = 0;
  for (let k = 0; k < m2; k++) {
    const bz = iz[k] * n01;
    for (let j = 0; j < m1; j++) {
      const b = bz + offY[j];
      for (let i = 0; i < m0; i++) out[p++] = src[b + ix[i]];
    }
  }
}

/** Index table of a nearest plan, or the identity for a copy plan. */
export function nearestIndex(plan: AxisPlan): Int32Array {
  if (plan.kind === "copy") {
    const id = new Int32Array(plan.m);
    for (let i = 0; i < plan.m; i++) id[i] = i;
    return id;
  }
  return plan.index;
}
