/**
 * nnU-Net's CTNormalization.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { type Volume, volumeLike } from "../core/volume.ts";
import type { CTNormalizationStats } from "./ct-normalization-stats.ts";
import { checkScalar, floatOut, scalingOf } from "./values.ts";

/** Options of {@link normalizeCT}. */
export interface NormalizeCTOptions {
  /** Array to write into (`Float32Array` of the voxel count). */
  out?: Float32Array;
}

/**
 * nnU-Net's CTNormalization: clip scaled values (HU) to [lowerHu, upperHu], subtract meanHu, divide by
 * max(stdHu, 1e−8) — each step rounded to float32 as nnU-Net's in-place numpy float32 operations do.
 *
 * @param volume - A scalar CT volume.
 * @param stats - Dataset statistics, usually from `ctNormalizationStats`.
 * @param options - Optional `out`.
 * @returns A float32 volume on the same grid.
 * @throws {@link InvalidArgumentError} for non-finite statistics, lowerHu > upperHu, a bad `out`, or a
 *   complex / RGB / 64-bit volume.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { normalizeCT } from "flarekit/intensity";
 * const ct = createVolume(new Int16Array([-1000, 50, 2000]), [3, 1, 1]);
 * Array.from(normalizeCT(ct, { meanHu: 50, stdHu: 100, lowerHu: -100, upperHu: 250 }).data); // [-1.5, 0, 2]
 * ```
 * @see nnU-Net v2 `nnunetv2/preprocessing/normalization/default_normalization_schemes.py` (CTNormalization).
 */
export function normalizeCT(volume: Volume, stats: CTNormalizationStats, options: NormalizeCTOptions = {}): Volume<"float32"> {
  checkScalar(volume);
  const { meanHu, stdHu, lowerHu, upperHu } = stats ?? ({} as CTNormalizationStats);
  for (const [k, v] of [["meanHu", meanHu], ["stdHu", stdHu], ["lowerHu", lowerHu], ["upperHu", upperHu]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new InvalidArgumentError(`stats.${k}`, v, "a finite number (HU)");
  }
  if (lowerHu > upperHu) throw new InvalidArgumentError("stats.lowerHu", lowerHu, `a value ≤ upperHu (${upperHu})`);
  const n = volume.voxelCount;
  const out = floatOut(options.out, n);
  const [slope, intercept] = scalingOf(volume);
  const src = volume.data as ArrayLike<number>;
  const lo = Math.fround(lowerHu);
  const hi = Math.fround(upperHu);
  const mean = Math.fround(meanHu);
  const sd = Math.fround(Math.max(stdHu, 1e-8));
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    let v = f(src[i] * slope + intercept);
    v = v < lo ? lo : v > hi ? hi : v;
    out[i] = f(v - mean) / sd;
  }
  return volumeLike<"float32">(volume, out, { dtype: "float32" });
}
