/**
 * (Robust) Hausdorff distance.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { numpySum } from "./numpy-sum.ts";
import { surfaceDistances } from "./surface-distances.ts";
import type { SurfaceDistances } from "./surfel-distances.ts";
import type { HausdorffOptions, LabelImage } from "./types.ts";

/**
 * Robust Hausdorff distance (mm) from precomputed surface distances, by the
 * rule of surface-distance's `compute_robust_hausdorff`: in each direction,
 * the cumulative area fraction (running sum over the sorted elements divided
 * by the total) is searched for the first element reaching `percentile / 100`;
 * the result is the larger of the two directions' distances there.
 *
 * @param distances - From {@link surfaceDistances}.
 * @param percentile - 0–100; 100 is the Hausdorff distance, 95 is HD95.
 * @returns The distance in mm; `Infinity` when either surface is empty.
 * @throws {@link InvalidArgumentError} when the percentile is outside 0–100.
 * @example
 * ```ts
 * import { surfaceDistances, hausdorffFromDistances } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([0, 1, 1, 0]), shape: [4, 1, 1] };
 * const pred = { data: new Uint8Array([0, 1, 1, 1]), shape: [4, 1, 1] };
 * hausdorffFromDistances(surfaceDistances(gt, pred), 100); // 1
 * ```
 * @see google-deepmind/surface-distance `compute_robust_hausdorff`; Huttenlocher, Klanderman & Rucklidge, "Comparing images using the Hausdorff distance", IEEE TPAMI 15(9), 1993.
 */
export function hausdorffFromDistances(distances: SurfaceDistances, percentile: number = 100): number {
  checkPercentile(percentile);
  const fraction = percentile / 100;
  return Math.max(
    directedPercentile(distances.distancesGtToPredMm, distances.surfelAreasGtMm2, fraction),
    directedPercentile(distances.distancesPredToGtMm, distances.surfelAreasPredMm2, fraction),
  );
}

/**
 * Hausdorff distance (percentile 100) or robust Hausdorff distance (for
 * example percentile 95, "HD95") in mm between the surfaces of two masks,
 * identical to surface-distance's `compute_robust_hausdorff`.
 *
 * @param gt - Ground truth label map or mask.
 * @param pred - Prediction on the same grid.
 * @param options - `percentile` (default 100), `label` (default non-zero), `spacingMm` (default `gt.spacing`).
 * @returns The distance in mm; `Infinity` when either mask is empty.
 * @throws {@link ShapeMismatchError} when the shapes differ; {@link InvalidArgumentError} for bad inputs.
 * @example
 * ```ts
 * import { hausdorff } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([0, 1, 1, 0]), shape: [4, 1, 1], spacing: [2, 1, 1] };
 * const pred = { data: new Uint8Array([0, 1, 1, 1]), shape: [4, 1, 1] };
 * hausdorff(gt, pred); // 2
 * ```
 * @see google-deepmind/surface-distance `compute_robust_hausdorff`.
 */
export function hausdorff(gt: LabelImage, pred: LabelImage, options: HausdorffOptions = {}): number {
  const percentile = options.percentile ?? 100;
  checkPercentile(percentile);
  return hausdorffFromDistances(surfaceDistances(gt, pred, options), percentile);
}

function checkPercentile(percentile: number): void {
  if (typeof percentile !== "number" || !(percentile >= 0 && percentile <= 100)) {
    throw new InvalidArgumentError("percentile", percentile, "a number from 0 to 100");
  }
}

/** `distances[min(searchsorted(cumsum(areas) / sum(areas), fraction), n − 1)]`, `Infinity` when empty. */
function directedPercentile(distances: Float64Array, areas: Float64Array, fraction: number): number {
  const n = distances.length;
  if (n === 0) return Infinity;
  const total = numpySum(areas);
  let running = 0;
  for (let i = 0; i < n; i++) {
    running += areas[i];
    if (running / total >= fraction) return distances[i];
  }
  return distances[n - 1];
}
