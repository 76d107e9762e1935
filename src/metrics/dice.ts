/**
 * The Sørensen–Dice coefficient.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { scaledValues } from "./masks.ts";
import type { LabelImage, MaskOptions } from "./types.ts";
import { checkLength, checkSameShape, spatialShape } from "./validate.ts";

/**
 * Dice similarity coefficient `2|G ∩ P| / (|G| + |P|)` of two masks, computed
 * exactly as the official FLARE21 `compute_dice_coefficient` (integer counts,
 * one division), so the result is bit-identical to it.
 *
 * Both masks empty gives `NaN`, as in the official function; the FLARE21
 * case rules (both empty → 1) are applied by {@link evaluateCase}.
 *
 * @param gt - Ground truth label map or mask.
 * @param pred - Prediction on the same grid.
 * @param options - `label` to compare (default: every non-zero voxel). Spacing is not used.
 * @returns The Dice coefficient in [0, 1], or `NaN` when both masks are empty.
 * @throws {@link ShapeMismatchError} when the shapes differ; {@link InvalidArgumentError} for bad inputs.
 * @example
 * ```ts
 * import { dice } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([1, 1, 0, 0]), shape: [4, 1, 1] };
 * const pred = { data: new Uint8Array([0, 1, 1, 0]), shape: [4, 1, 1] };
 * dice(gt, pred); // 0.5
 * ```
 * @see Dice, "Measures of the amount of ecologic association between species", Ecology 26(3), 1945; JunMa11/FLARE `FLARE21/Evaluation/SurfaceDice.py`.
 */
export function dice(gt: LabelImage, pred: LabelImage, options: MaskOptions = {}): number {
  const dims = spatialShape(gt?.shape ?? [], "gt.shape");
  spatialShape(pred?.shape ?? [], "pred.shape");
  checkSameShape(gt.shape, pred.shape, "the prediction");
  checkLength(gt.data, dims, "gt.data");
  checkLength(pred.data, dims, "pred.data");
  const label = options.label;
  if (label !== undefined && (typeof label !== "number" || Number.isNaN(label))) {
    throw new InvalidArgumentError("label", label, "a number");
  }
  const g = scaledValues(gt);
  const p = scaledValues(pred);
  const [nG, nP, nI] = label === undefined ? countNonzero(g, p) : countLabel(g, p, label);
  const sum = nG + nP;
  if (sum === 0) return NaN;
  return (2 * nI) / sum;
}

function countLabel(g: ArrayLike<number>, p: ArrayLike<number>, label: number): [number, number, number] {
  let nG = 0;
  let nP = 0;
  let nI = 0;
  for (let i = 0, n = g.length; i < n; i++) {
    const a = g[i] === label;
    const b = p[i] === label;
    if (a) nG++;
    if (b) {
      nP++;
      if (a) nI++;
    }
  }
  return [nG, nP, nI];
}

function countNonzero(g: ArrayLike<number>, p: ArrayLike<number>): [number, number, number] {
  let nG = 0;
  let nP = 0;
  let nI = 0;
  for (let i = 0, n = g.length; i < n; i++) {
    const a = g[i] !== 0;
    const b = p[i] !== 0;
    if (a) nG++;
    if (b) {
      nP++;
      if (a) nI++;
    }
  }
  return [nG, nP, nI];
}
