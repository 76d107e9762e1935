/**
 * Scaled voxel values (NIfTI `scl_slope` / `scl_inter`) as floating point.
 * @module
 */
import type { Volume } from "./volume.ts";
import { InvalidArgumentError } from "./errors.ts";

/** Options of {@link scaledData}. */
export interface ScaledDataOptions<F extends "float32" | "float64" = "float32"> {
  /** Output type. `"float32"` (default) computes in float32 like nibabel's `get_fdata(dtype=np.float32)`; `"float64"` computes in double like `get_fdata()`. */
  dtype?: F;
  /** Array to write into (length = voxel count × components); allocated when omitted. */
  out?: F extends "float64" ? Float64Array : Float32Array;
}

/**
 * The voxel values with the volume's scaling applied, `raw × slope + intercept`,
 * as `Float32Array` (default) or `Float64Array`. Values equal nibabel's
 * `img.get_fdata(dtype=...)` bit for bit: float32 output is computed in
 * float32 arithmetic (one rounding after the product, one after the sum),
 * float64 output in double; int16 CT goes straight to float32 with no float64
 * detour. Unscaled volumes are converted as they are. Complex data keep their
 * interleaved (re, im) layout with both parts scaled by the slope and the
 * intercept added to the real part; RGB data are converted unscaled.
 *
 * @param volume - Any volume.
 * @param options - Output dtype and optional `out` array.
 * @returns The scaled values in storage order.
 * @throws {@link InvalidArgumentError} when `out` has the wrong length.
 * @example
 * ```ts
 * import { createVolume, scaledData } from "flarekit";
 * const v = createVolume(new Int16Array([0, 10]), [2, 1, 1], { scaling: { slope: 0.5, intercept: -1 } });
 * Array.from(scaledData(v)); // [-1, 4]
 * ```
 */
export function scaledData(volume: Volume, options?: ScaledDataOptions<"float32">): Float32Array;
export function scaledData(volume: Volume, options: ScaledDataOptions<"float64">): Float64Array;
export function scaledData(
  volume: Volume,
  options: { dtype?: "float32" | "float64"; out?: Float32Array | Float64Array } = {},
): Float32Array | Float64Array {
  const f64 = options.dtype === "float64";
  const n = volume.data.length;
  const out = options.out ?? (f64 ? new Float64Array(n) : new Float32Array(n));
  if (out.length !== n) throw new InvalidArgumentError("out.length", out.length, String(n));
  if ((f64 && !(out instanceof Float64Array)) || (!f64 && !(out instanceof Float32Array))) {
    throw new InvalidArgumentError("out", Object.prototype.toString.call(out), f64 ? "a Float64Array" : "a Float32Array");
  }
  const raw = volume.data;
  const rgb = volume.dtype === "rgb24" || volume.dtype === "rgba32";
  const sc = rgb ? undefined : volume.scaling;
  if (raw instanceof BigInt64Array || raw instanceof BigUint64Array) {
    for (let i = 0; i < n; i++) out[i] = Number(raw[i]);
    if (sc) applyInPlace(out, sc.slope, sc.intercept, f64, volume.components);
    return out;
  }
  if (!sc || (sc.slope === 1 && sc.intercept === 0)) {
    out.set(raw as ArrayLike<number>);
    return out;
  }
  const s = sc.slope;
  const b = sc.intercept;
  const src = raw as ArrayLike<number>;
  if (volume.components === 2) {
    // complex: slope on both parts, intercept on the real part
    if (f64) {
      for (let i = 0; i < n; i += 2) {
        out[i] = src[i] * s + b;
        out[i + 1] = src[i + 1] * s;
      }
    } else {
      const sf = Math.fround(s);
      const bf = Math.fround(b);
      for (let i = 0; i < n; i += 2) {
        out[i] = Math.fround(src[i] * sf) + bf;
        out[i + 1] = src[i + 1] * sf;
      }
    }
    return out;
  }
  if (f64) {
    if (b === 0) for (let i = 0; i < n; i++) out[i] = src[i] * s;
    else for (let i = 0; i < n; i++) out[i] = src[i] * s + b;
  } else {
    const sf = Math.fround(s);
    const bf = Math.fround(b);
    // Float32Array stores round each result to float32: the same two roundings as numpy float32 arithmetic.
    if (bf === 0) for (let i = 0; i < n; i++) out[i] = src[i] * sf;
    else for (let i = 0; i < n; i++) out[i] = Math.fround(src[i] * sf) + bf;
  }
  return out;
}

function applyInPlace(out: Float32Array | Float64Array, s: number, b: number, f64: boolean, components: number): void {
  const sf = f64 ? s : Math.fround(s);
  const bf = f64 ? b : Math.fround(b);
  for (let i = 0; i < out.length; i++) {
    const p = f64 ? out[i] * sf : Math.fround(out[i] * sf);
    out[i] = components === 2 && i % 2 === 1 ? p : p + bf;
  }
}
