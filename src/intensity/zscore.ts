/**
 * Z-score normalisation.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { type Volume, volumeLike } from "../core/volume.ts";
import { checkScalar, floatOut, type MaskInput, maskArray, scalingOf } from "./values.ts";

/** Options of {@link zscore}. */
export interface ZscoreOptions {
  /** Compute mean and standard deviation only over voxels where the mask is nonzero. */
  mask?: MaskInput;
  /**
   * What happens to voxels outside the mask: `"normalize"` them with the same mean and std, or set them to `"zero"`
   * (nnU-Net's `ZScoreNormalization` with `use_mask_for_norm`).
   * @defaultValue `"normalize"`
   */
  outside?: "normalize" | "zero";
  /** Array to write into (`Float32Array` of the voxel count). */
  out?: Float32Array;
}

/**
 * Z-score normalisation of scaled values: `(x − mean) / max(std, 1e−8)` with the mean and the population
 * standard deviation (numpy `std`, ddof = 0) of all voxels or of the masked ones, computed in double with
 * two passes. Memory: the output only.
 *
 * @param volume - A scalar volume.
 * @param options - Optional mask, handling of outside voxels, `out`.
 * @returns A float32 volume on the same grid.
 * @throws {@link InvalidArgumentError} for an empty mask, a bad `out`, or a complex / RGB / 64-bit volume;
 *   {@link ShapeMismatchError} for a mask on another grid.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { zscore } from "flarekit/intensity";
 * const v = createVolume(new Float32Array([1, 2, 3, 4]), [4, 1, 1]);
 * Array.from(zscore(v).data).map((x) => x.toFixed(4)); // ["-1.3416", "-0.4472", "0.4472", "1.3416"]
 * ```
 * @see nnU-Net `ZScoreNormalization` (Isensee et al., Nature Methods 2021); MONAI `NormalizeIntensity`.
 */
export function zscore(volume: Volume, options: ZscoreOptions = {}): Volume<"float32"> {
  checkScalar(volume);
  const mask = maskArray(volume, options.mask);
  const outside = options.outside ?? "normalize";
  if (outside !== "normalize" && outside !== "zero") throw new InvalidArgumentError("outside", outside, '"normalize" or "zero"');
  const n = volume.voxelCount;
  const out = floatOut(options.out, n);
  const [slope, intercept] = scalingOf(volume);
  const src = volume.data as ArrayLike<number>;
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    sum += src[i] * slope + intercept;
    count++;
  }
  if (count === 0) {
    throw new InvalidArgumentError("mask", "no voxel inside", "at least one nonzero mask voxel", "Mean and std of an empty selection are undefined.");
  }
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const d = src[i] * slope + intercept - mean;
    ss += d * d;
  }
  const sd = Math.max(Math.sqrt(ss / count), 1e-8);
  for (let i = 0; i < n; i++) {
    out[i] = mask && !mask[i] && outside === "zero" ? 0 : (src[i] * slope + intercept - mean) / sd;
  }
  return volumeLike<"float32">(volume, out, { dtype: "float32" });
}
