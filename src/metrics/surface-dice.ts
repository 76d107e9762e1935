/**
 * Normalized surface Dice (NSD) at a tolerance.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { numpySum } from "./numpy-sum.ts";
import { surfaceDistances } from "./surface-distances.ts";
import type { SurfaceDistances } from "./surfel-distances.ts";
import type { LabelImage, SurfaceDiceOptions } from "./types.ts";

/**
 * Normalized surface Dice at a tolerance, from precomputed surface distances:
 * `(Σ area_gt[d ≤ τ] + Σ area_pred[d ≤ τ]) / (Σ area_gt + Σ area_pred)`, each
 * sum in numpy's order over the (distance, area)-sorted elements, so the
 * value is bit-identical to the official `compute_surface_dice_at_tolerance`.
 *
 * @param distances - From {@link surfaceDistances}.
 * @param toleranceMm - Tolerance τ in mm (≥ 0).
 * @returns NSD in [0, 1]; `NaN` when both surfaces are empty.
 * @throws {@link InvalidArgumentError} when the tolerance is negative or not a number.
 * @example
 * ```ts
 * import { surfaceDistances, surfaceDiceFromDistances } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([0, 1, 1, 0]), shape: [4, 1, 1] };
 * const pred = { data: new Uint8Array([0, 1, 1, 1]), shape: [4, 1, 1] };
 * const d = surfaceDistances(gt, pred);
 * surfaceDiceFromDistances(d, 1); // 1
 * surfaceDiceFromDistances(d, 0.5); // 0.9275255128608412
 * ```
 * @see Nikolov et al., arXiv:1809.04430 (2018).
 */
export function surfaceDiceFromDistances(distances: SurfaceDistances, toleranceMm: number = 1): number {
  checkTolerance(toleranceMm);
  const dg = distances.distancesGtToPredMm;
  const dp = distances.distancesPredToGtMm;
  const ag = distances.surfelAreasGtMm2;
  const ap = distances.surfelAreasPredMm2;
  const overlap = numpySum(ag, prefixWithin(dg, toleranceMm)) + numpySum(ap, prefixWithin(dp, toleranceMm));
  return overlap / (numpySum(ag) + numpySum(ap));
}

/**
 * Normalized surface Dice (NSD) of two masks at a tolerance in mm — the
 * FLARE21 "NSD-1mm" with the default tolerance — identical to the official
 * `compute_surface_dice_at_tolerance(compute_surface_distances(…), τ)`.
 *
 * @param gt - Ground truth label map or mask.
 * @param pred - Prediction on the same grid.
 * @param options - `toleranceMm` (default 1, `d <= τ` counts), `label` (default non-zero), `spacingMm` (default `gt.spacing`).
 * @returns NSD in [0, 1]; `NaN` when both masks are empty (see {@link evaluateCase} for the FLARE21 rules).
 * @throws {@link ShapeMismatchError} when the shapes differ; {@link InvalidArgumentError} for bad inputs.
 * @example
 * ```ts
 * import { surfaceDice } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([0, 1, 1, 0]), shape: [4, 1, 1] };
 * const pred = { data: new Uint8Array([0, 1, 1, 1]), shape: [4, 1, 1] };
 * surfaceDice(gt, pred, { toleranceMm: 0.5 }); // 0.9275255128608412
 * ```
 * @see Nikolov et al., "Clinically applicable segmentation of head and neck anatomy for radiotherapy", arXiv:1809.04430 (2018); JunMa11/FLARE `FLARE21/Evaluation`.
 */
export function surfaceDice(gt: LabelImage, pred: LabelImage, options: SurfaceDiceOptions = {}): number {
  const tolerance = options.toleranceMm ?? 1;
  checkTolerance(tolerance);
  return surfaceDiceFromDistances(surfaceDistances(gt, pred, options), tolerance);
}

function checkTolerance(toleranceMm: number): void {
  if (typeof toleranceMm !== "number" || Number.isNaN(toleranceMm) || toleranceMm < 0) {
    throw new InvalidArgumentError("toleranceMm", toleranceMm, "a number ≥ 0 (mm)");
  }
}

/** Number of leading elements `≤ tolerance` of an ascending array. @internal */
export function prefixWithin(sorted: Float64Array, tolerance: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= tolerance) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
