import type { DType, DTypeArrayMap } from "../core/dtypes.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import { fillHoles } from "./fill-holes.ts";
import { keepLargest } from "./keep-largest.ts";
import type { LabelFill, LabelRemoval } from "./types.ts";

/**
 * Components kept per FLARE21 label by the winning post-processing: liver 1,
 * kidneys 2 (both kidneys share label 2), spleen 1, pancreas 1.
 *
 * @example
 * ```ts
 * import { FLARE21_KEEP_K } from "flarekit/components";
 * FLARE21_KEEP_K[2]; // 2
 * ```
 * @see {@link postprocessFlare} for the source.
 */
export const FLARE21_KEEP_K: Readonly<Record<number, number>> = Object.freeze({ 1: 1, 2: 2, 3: 1, 4: 1 });

/**
 * Smallest component volume kept by the FLARE21 winning post-processing, in mm³
 * (components of exactly this volume stay).
 *
 * @example
 * ```ts
 * import { FLARE21_MIN_VOLUME_MM3 } from "flarekit/components";
 * FLARE21_MIN_VOLUME_MM3 / (1 * 1 * 2.5); // 800 (voxels at 1×1×2.5 mm)
 * ```
 * @see {@link postprocessFlare} for the source.
 */
export const FLARE21_MIN_VOLUME_MM3: number = 2000;

/** Options of {@link postprocessFlare}. */
export interface PostprocessFlareOptions<D extends DType = DType> {
  /** Fill the holes of every organ afterwards (`fillHoles`, 3D); not part of the published rule. @defaultValue false */
  fillHoles?: boolean;
  /** Array to write into: same type and length as `labels.data`, or `labels.data` itself to work in place. */
  out?: DTypeArrayMap[D];
  /** Called once with what was removed per label value (ascending). */
  onSummary?: (removed: LabelRemoval[]) => void;
  /** With `fillHoles`: called once with what was filled per label value. */
  onFill?: (filled: LabelFill[]) => void;
}

/**
 * The FLARE21 winner's post-processing as a preset: per organ keep the k
 * largest 26-connected components, k = {@link FLARE21_KEEP_K} (liver 1,
 * kidneys 2, spleen 1, pancreas 1), and only components of at least
 * {@link FLARE21_MIN_VOLUME_MM3} mm³ (2000). Equal to
 * `keepLargest(labels, { k: FLARE21_KEEP_K, minVolumeMm3: 2000, connectivity: 26 })`.
 * Label values other than 1–4 lose their components below 2000 mm³ and keep the rest.
 *
 * @param labels - A FLARE21-labelled map (0 background, 1 liver, 2 kidneys, 3 spleen, 4 pancreas), any integer dtype.
 * @param options - Optional hole filling afterwards, `out`, summaries.
 * @returns The cleaned map, same grid and dtype.
 * @throws `InvalidArgumentError` for the input errors of `labelComponents` and a wrong `out`.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { postprocessFlare } from "flarekit/components";
 * // 1 mm voxels: a 3000 mm³ liver block and a 1-voxel liver speck
 * const data = new Uint8Array(40 * 10 * 10);
 * data.fill(1, 0, 3000);
 * data[3999] = 1;
 * const cleaned = postprocessFlare(createVolume(data, [40, 10, 10]));
 * cleaned.data[3999]; // 0
 * ```
 * @see F. Zhang, Y. Wang, H. Yang, "Efficient Context-Aware Network for Abdominal Multi-organ
 *   Segmentation", MICCAI FLARE 2021 (arXiv:2109.10601), the challenge's first-ranked method;
 *   J. Ma et al., "Fast and Low-GPU-memory abdomen CT organ segmentation: The FLARE challenge",
 *   Medical Image Analysis 82 (2022) 102616.
 */
export function postprocessFlare<D extends DType>(labels: Volume<D>, options: PostprocessFlareOptions<D> = {}): Volume<D> {
  if (options.fillHoles !== undefined && typeof options.fillHoles !== "boolean") {
    throw new InvalidArgumentError("fillHoles", options.fillHoles, "true or false");
  }
  const kept = keepLargest(labels, {
    k: FLARE21_KEEP_K,
    minVolumeMm3: FLARE21_MIN_VOLUME_MM3,
    connectivity: 26,
    ...(options.out !== undefined ? { out: options.out } : {}),
    ...(options.onSummary !== undefined ? { onSummary: options.onSummary } : {}),
  });
  if (!options.fillHoles) return kept;
  return fillHoles(kept, { out: kept.data, ...(options.onFill !== undefined ? { onSummary: options.onFill } : {}) });
}
