/**
 * The compact per-case record a dataset summary is built from.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import { accumulateLabels, spatialShape } from "./internal/accumulate-labels.ts";

/** The split a case belongs to (nnU-Net `imagesTr` → `"train"`, `imagesVal` → `"validation"`, `imagesTs` → `"test"`). */
export type DatasetSplit = "train" | "validation" | "test";

/** One case of a dataset held in memory. */
export interface DatasetCase {
  /** Case identifier, for example `"train_000"`. */
  id: string;
  /** The split it belongs to. */
  split: DatasetSplit;
  /** The CT; gives spacing and size and, with labels, the organs' HU values. */
  image?: Volume;
  /** The label map; gives the organs' volumes. */
  labels?: Volume;
}

/** HU values under one label of one case, as distinct values with counts. */
export interface LabelValueCounts {
  /** The label value. */
  label: number;
  /** Distinct scaled image values (HU), ascending. */
  values: Float64Array;
  /** How many voxels hold each value. */
  counts: Float64Array;
}

/** Volume of one label in one case. */
export interface CaseOrganVolume {
  /** The label value. */
  label: number;
  /** Voxels holding it. */
  voxelCount: number;
  /** Its volume in mL (= cm³). */
  volumeMl: number;
}

/** What a dataset summary keeps of one case (small: no voxel data). */
export interface CaseSummary {
  /** Case identifier. */
  id: string;
  /** Its split. */
  split: DatasetSplit;
  /** Spatial size `[nx, ny, nz]` (of the image, else of the labels). */
  shape: [number, number, number];
  /** Voxel spacing in mm (of the image, else of the labels). */
  spacingMm: [number, number, number];
  /** Whether the case has a label map. */
  labelled: boolean;
  /** Every non-zero label present, ascending. Empty when unlabelled. */
  organs: CaseOrganVolume[];
  /** HU values under each present label, when both the image and the labels were given. */
  huValueCounts: LabelValueCounts[];
}

/**
 * Summarises one case for {@link DatasetSummaryBuilder}: its size and
 * spacing, each organ's voxel count and volume, and the distribution of HU
 * values under each organ (distinct values with counts: for a 16-bit CT at
 * most 65 536 pairs per organ, usually a few hundred).
 *
 * @param input - The case's image and / or labels.
 * @returns A small structured-clone-able record.
 * @throws {@link InvalidArgumentError} when the case has neither image nor labels, or its labels are not integers.
 * @throws {@link ShapeMismatchError} when image and labels have different shapes.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { summarizeCase } from "flarekit/stats";
 * const labels = createVolume(new Uint8Array([1, 1, 0, 2]), [2, 2, 1], { spacing: [10, 10, 10] });
 * summarizeCase({ id: "case_1", split: "train", labels }).organs[0]; // { label: 1, voxelCount: 2, volumeMl: 2 }
 * ```
 */
export function summarizeCase(input: DatasetCase): CaseSummary {
  const { image, labels } = input;
  const reference = image ?? labels;
  if (!reference) throw new InvalidArgumentError(`case ${input.id}`, "no image and no labels", "an image, a label map or both");
  const shape = spatialShape(reference, image ? "image" : "labels");
  const [sx, sy, sz] = reference.spacing;
  const summary: CaseSummary = {
    id: input.id,
    split: input.split,
    shape,
    spacingMm: [sx, sy, sz],
    labelled: labels !== undefined,
    organs: [],
    huValueCounts: [],
  };
  if (!labels) return summary;
  const pass = accumulateLabels(labels, image);
  const [lx, ly, lz] = labels.spacing;
  const voxelMm3 = lx * ly * lz;
  pass.labels.forEach((label, s) => {
    const n = pass.counts[s];
    summary.organs.push({ label, voxelCount: n, volumeMl: (n * voxelMm3) / 1000 });
    if (pass.valueCounts) {
      const vc = pass.valueCounts(s);
      summary.huValueCounts.push({ label, values: vc.values, counts: vc.counts });
    }
  });
  return summary;
}
