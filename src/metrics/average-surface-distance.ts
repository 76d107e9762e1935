/**
 * Average surface distances (both directions) and the average symmetric surface distance.
 * @module
 */
import { numpySum } from "./numpy-sum.ts";
import { surfaceDistances } from "./surface-distances.ts";
import type { SurfaceDistances } from "./surfel-distances.ts";
import type { AssdOptions, AverageSurfaceDistance, LabelImage, MaskOptions } from "./types.ts";

/**
 * The two directed average surface distances (mm) from precomputed surface
 * distances: `Σ d·a / Σ a` per direction, as surface-distance's
 * `compute_average_surface_distance` (sums in numpy's order).
 *
 * @param distances - From {@link surfaceDistances}.
 * @returns Both directions; `Infinity` towards an empty surface, `NaN` from an empty one.
 * @example
 * ```ts
 * import { surfaceDistances, averageSurfaceDistanceFromDistances } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([0, 1, 1, 0]), shape: [4, 1, 1] };
 * const pred = { data: new Uint8Array([0, 1, 1, 1]), shape: [4, 1, 1] };
 * averageSurfaceDistanceFromDistances(surfaceDistances(gt, pred)); // { gtToPredMm: 0, predToGtMm: 0.11720618915746055 }
 * ```
 * @see google-deepmind/surface-distance `compute_average_surface_distance`.
 */
export function averageSurfaceDistanceFromDistances(distances: SurfaceDistances): AverageSurfaceDistance {
  return {
    gtToPredMm: directedMean(distances.distancesGtToPredMm, distances.surfelAreasGtMm2),
    predToGtMm: directedMean(distances.distancesPredToGtMm, distances.surfelAreasPredMm2),
  };
}

/**
 * Directed average surface distances (mm) between two masks, both directions,
 * identical to surface-distance's `compute_average_surface_distance`.
 *
 * @param gt - Ground truth label map or mask.
 * @param pred - Prediction on the same grid.
 * @param options - `label` (default non-zero), `spacingMm` (default `gt.spacing`).
 * @returns `{ gtToPredMm, predToGtMm }`.
 * @throws {@link ShapeMismatchError} when the shapes differ; {@link InvalidArgumentError} for bad inputs.
 * @example
 * ```ts
 * import { averageSurfaceDistance } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([0, 1, 1, 0]), shape: [4, 1, 1] };
 * const pred = { data: new Uint8Array([0, 1, 1, 1]), shape: [4, 1, 1] };
 * averageSurfaceDistance(gt, pred).predToGtMm; // 0.11720618915746055
 * ```
 * @see google-deepmind/surface-distance `compute_average_surface_distance`.
 */
export function averageSurfaceDistance(gt: LabelImage, pred: LabelImage, options: MaskOptions = {}): AverageSurfaceDistance {
  return averageSurfaceDistanceFromDistances(surfaceDistances(gt, pred, options));
}

/**
 * Average symmetric surface distance (mm) from precomputed surface distances.
 *
 * @param distances - From {@link surfaceDistances}.
 * @param mode - `"mean-of-directions"` (default): the mean of the two directed
 *   averages; `"area-weighted"`: `(Σ d·a over both surfaces) / (Σ a over both)`.
 * @returns ASSD in mm (`Infinity` / `NaN` with an empty surface, as the directed values).
 * @example
 * ```ts
 * import { surfaceDistances, assdFromDistances } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([0, 1, 1, 0]), shape: [4, 1, 1] };
 * const pred = { data: new Uint8Array([0, 1, 1, 1]), shape: [4, 1, 1] };
 * assdFromDistances(surfaceDistances(gt, pred)); // 0.05860309457873027
 * ```
 * @see Heimann et al., "Comparison and evaluation of methods for liver segmentation from CT datasets", IEEE TMI 28(8), 2009.
 */
export function assdFromDistances(distances: SurfaceDistances, mode: AssdOptions["mode"] = "mean-of-directions"): number {
  if (mode === "area-weighted") {
    const num = weightedSum(distances.distancesGtToPredMm, distances.surfelAreasGtMm2) + weightedSum(distances.distancesPredToGtMm, distances.surfelAreasPredMm2);
    return num / (numpySum(distances.surfelAreasGtMm2) + numpySum(distances.surfelAreasPredMm2));
  }
  const { gtToPredMm, predToGtMm } = averageSurfaceDistanceFromDistances(distances);
  return (gtToPredMm + predToGtMm) / 2;
}

/**
 * Average symmetric surface distance (ASSD, mm) between two masks.
 *
 * @param gt - Ground truth label map or mask.
 * @param pred - Prediction on the same grid.
 * @param options - `mode` (default `"mean-of-directions"`), `label`, `spacingMm`.
 * @returns ASSD in mm.
 * @throws {@link ShapeMismatchError} when the shapes differ; {@link InvalidArgumentError} for bad inputs.
 * @example
 * ```ts
 * import { assd } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([0, 1, 1, 0]), shape: [4, 1, 1] };
 * const pred = { data: new Uint8Array([0, 1, 1, 1]), shape: [4, 1, 1] };
 * assd(gt, pred, { mode: "area-weighted" }); // 0.0724744871391589
 * ```
 * @see Heimann et al., IEEE TMI 28(8), 2009; google-deepmind/surface-distance.
 */
export function assd(gt: LabelImage, pred: LabelImage, options: AssdOptions = {}): number {
  return assdFromDistances(surfaceDistances(gt, pred, options), options.mode ?? "mean-of-directions");
}

function weightedSum(distances: Float64Array, areas: Float64Array): number {
  const products = new Float64Array(distances.length);
  for (let i = 0; i < products.length; i++) products[i] = distances[i] * areas[i];
  return numpySum(products);
}

function directedMean(distances: Float64Array, areas: Float64Array): number {
  return weightedSum(distances, areas) / numpySum(areas);
}
