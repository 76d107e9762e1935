/**
 * Turns two label images and mask options into the engine's inputs.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { labelBoxes, unionBox, type VoxelBox } from "./neighbour-codes.ts";
import type { LabelImage, MaskOptions } from "./types.ts";
import { checkLength, checkSameShape, checkSpacing, spatialShape } from "./validate.ts";

/** Both masks ready for the engine. */
export interface PreparedMasks {
  gt: ArrayLike<number>;
  pred: ArrayLike<number>;
  label: number;
  dims: [number, number, number];
  spacing: [number, number, number];
  gtCount: number;
  predCount: number;
  box: VoxelBox | undefined;
  /** Whether the images are 2-D (`shape` has two axes): the 2-D variant applies. */
  twoD: boolean;
}

/** The values of an image after its scaling, if any (the data itself otherwise). */
export function scaledValues(image: LabelImage): ArrayLike<number> {
  const s = image.scaling;
  const raw = image.data;
  const data: ArrayLike<number> =
    raw instanceof BigInt64Array || raw instanceof BigUint64Array ? Float64Array.from(raw as ArrayLike<bigint>, (v) => Number(v)) : (raw as ArrayLike<number>);
  if (!s || (s.slope === 1 && s.intercept === 0)) return data;
  const n = data.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = data[i] * s.slope + s.intercept;
  return out;
}

function nonzeroMask(values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (values[i] !== 0) out[i] = 1;
  return out;
}

/** Validates two images and prepares the masks `=== label` (or non-zero). */
/**
 * Checks that `gt` and `pred` are label images on the same grid and resolves the spacing
 * (`spacingMm` when given, else the ground truth's): the one validation every metric entry shares.
 */
export function validatePair(gt: LabelImage, pred: LabelImage, spacingMm: readonly number[] | undefined): { dims: [number, number, number]; spacing: [number, number, number] } {
  if (!gt || !pred || typeof gt !== "object" || typeof pred !== "object") {
    throw new InvalidArgumentError("gt/pred", typeof gt === "object" ? typeof pred : typeof gt, "two label images ({ data, shape })");
  }
  const dims = spatialShape(gt.shape, "gt.shape");
  spatialShape(pred.shape, "pred.shape");
  checkSameShape(gt.shape, pred.shape, "the prediction");
  checkLength(gt.data, dims, "gt.data");
  checkLength(pred.data, dims, "pred.data");
  const spacing = checkSpacing(spacingMm ?? gt.spacing, spacingMm ? "spacingMm" : "gt.spacing");
  return { dims, spacing };
}

export function prepareMasks(gt: LabelImage, pred: LabelImage, options: MaskOptions = {}): PreparedMasks {
  const { dims, spacing } = validatePair(gt, pred, options.spacingMm);
  const label = options.label;
  if (label !== undefined && (typeof label !== "number" || Number.isNaN(label))) {
    throw new InvalidArgumentError("label", label, "a number");
  }
  let gtValues = scaledValues(gt);
  let predValues = scaledValues(pred);
  let used = label;
  if (label === undefined) {
    gtValues = nonzeroMask(gtValues);
    predValues = nonzeroMask(predValues);
    used = 1;
  }
  const g = labelBoxes(gtValues, dims, [used as number]);
  const p = labelBoxes(predValues, dims, [used as number]);
  return {
    gt: gtValues,
    pred: predValues,
    label: used as number,
    dims,
    spacing,
    gtCount: g.counts[0],
    predCount: p.counts[0],
    box: unionBox(g.boxes[0], p.boxes[0]),
    twoD: gt.shape.length === 2,
  };
}
