/**
 * MONAI's ScaleIntensityRange.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { type Volume, volumeLike } from "../core/volume.ts";
import { checkScalar, floatOut, scalingOf } from "./values.ts";

/** Options of {@link scaleIntensityRange} (MONAI `ScaleIntensityRange` parameters, scaled units). */
export interface ScaleIntensityRangeOptions {
  /** Input value mapped to `bMin` (HU). */
  aMin: number;
  /** Input value mapped to `bMax` (HU). */
  aMax: number;
  /** Output value at `aMin`; when `bMin` or `bMax` is omitted the result is `(x − aMin)/(aMax − aMin)` unshifted. */
  bMin?: number;
  /** Output value at `aMax`. */
  bMax?: number;
  /**
   * Clip the result to [bMin, bMax] (requires both).
   * @defaultValue `false`
   */
  clip?: boolean;
  /** Array to write into (`Float32Array` of the voxel count). */
  out?: Float32Array;
}

/**
 * Linearly maps scaled values (HU) from [aMin, aMax] to [bMin, bMax], with MONAI's semantics: values outside
 * [aMin, aMax] are extrapolated unless `clip` is true; when `aMax = aMin` the result is `x − aMin` (+ bMin).
 * Computed in double, stored as float32. Memory: the output only.
 *
 * @param volume - A scalar volume.
 * @param options - aMin, aMax, bMin, bMax, clip, out.
 * @returns A float32 volume on the same grid.
 * @throws {@link InvalidArgumentError} for non-finite bounds, `clip` without both b bounds, a bad `out`,
 *   or a complex / RGB / 64-bit volume.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { scaleIntensityRange } from "flarekit/intensity";
 * const ct = createVolume(new Int16Array([-1000, -175, 250, 600]), [4, 1, 1]);
 * Array.from(scaleIntensityRange(ct, { aMin: -175, aMax: 250, bMin: 0, bMax: 1, clip: true }).data); // [0, 0, 1, 1]
 * ```
 * @see MONAI `monai.transforms.ScaleIntensityRange`.
 */
export function scaleIntensityRange(volume: Volume, options: ScaleIntensityRangeOptions): Volume<"float32"> {
  checkScalar(volume);
  const { aMin, aMax, bMin, bMax } = options ?? ({} as ScaleIntensityRangeOptions);
  for (const [k, v] of [["aMin", aMin], ["aMax", aMax]] as const) if (typeof v !== "number" || !Number.isFinite(v)) throw new InvalidArgumentError(k, v, "a finite number");
  for (const [k, v] of [["bMin", bMin], ["bMax", bMax]] as const) if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) throw new InvalidArgumentError(k, v, "a finite number or undefined");
  const clip = options.clip ?? false;
  if (clip && (bMin === undefined || bMax === undefined)) throw new InvalidArgumentError("clip", true, "bMin and bMax to be given when clipping");
  const n = volume.voxelCount;
  const out = floatOut(options.out, n);
  const [slope, intercept] = scalingOf(volume);
  const src = volume.data as ArrayLike<number>;
  const hasB = bMin !== undefined && bMax !== undefined;
  if (aMax === aMin) {
    const shift = bMin ?? 0;
    for (let i = 0; i < n; i++) out[i] = src[i] * slope + intercept - aMin + shift;
  } else {
    const range = aMax - aMin;
    const span = hasB ? (bMax as number) - (bMin as number) : 1;
    const base = hasB ? (bMin as number) : 0;
    for (let i = 0; i < n; i++) out[i] = ((src[i] * slope + intercept - aMin) / range) * span + base;
  }
  if (clip) {
    const lo = Math.min(bMin as number, bMax as number);
    const hi = Math.max(bMin as number, bMax as number);
    for (let i = 0; i < n; i++) {
      const v = out[i];
      out[i] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  return volumeLike<"float32">(volume, out, { dtype: "float32" });
}
