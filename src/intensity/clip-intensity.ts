/**
 * Clipping of scaled values.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { type Volume, volumeLike } from "../core/volume.ts";
import { checkScalar, floatOut, scalingOf } from "./values.ts";

/** Options of {@link clipIntensity}. */
export interface ClipIntensityOptions {
  /** Lower bound in scaled units (HU); none when omitted. */
  min?: number;
  /** Upper bound in scaled units (HU); none when omitted. */
  max?: number;
  /** Array to write into (`Float32Array` of the voxel count). */
  out?: Float32Array;
}

/**
 * Clips scaled values (HU) to [min, max] and returns them as float32 (`numpy.clip` semantics; NaN stays NaN).
 *
 * @param volume - A scalar volume.
 * @param options - Bounds (either may be omitted) and an optional `out`.
 * @returns A float32 volume on the same grid.
 * @throws {@link InvalidArgumentError} for a NaN bound, min > max, a bad `out`, or a complex / RGB / 64-bit volume.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { clipIntensity } from "flarekit/intensity";
 * const ct = createVolume(new Int16Array([-1024, 0, 3000]), [3, 1, 1]);
 * Array.from(clipIntensity(ct, { min: -1000, max: 1000 }).data); // [-1000, 0, 1000]
 * ```
 * @see numpy.clip
 */
export function clipIntensity(volume: Volume, options: ClipIntensityOptions = {}): Volume<"float32"> {
  checkScalar(volume);
  const lo = options.min ?? -Infinity;
  const hi = options.max ?? Infinity;
  if (typeof lo !== "number" || Number.isNaN(lo)) throw new InvalidArgumentError("min", lo, "a number");
  if (typeof hi !== "number" || Number.isNaN(hi)) throw new InvalidArgumentError("max", hi, "a number");
  if (lo > hi) throw new InvalidArgumentError("min", lo, `a value ≤ max (${hi})`);
  const n = volume.voxelCount;
  const out = floatOut(options.out, n);
  const [slope, intercept] = scalingOf(volume);
  const src = volume.data as ArrayLike<number>;
  for (let i = 0; i < n; i++) {
    const v = src[i] * slope + intercept;
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return volumeLike<"float32">(volume, out, { dtype: "float32" });
}
