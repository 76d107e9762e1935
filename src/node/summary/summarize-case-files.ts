/**
 * Worker task: read one case's NIfTI files and summarise it.
 * @internal
 * @module
 */
import { summarizeCase, type CaseSummary, type DatasetCase, type DatasetSplit } from "../../stats/summarize-case.ts";
import { readNiftiFile } from "../nifti-files.ts";
import { ReusableBuffer } from "../reusable-buffer.ts";

/** This thread's read buffers, reused from case to case. */
const imageBuffer = new ReusableBuffer();
const labelsBuffer = new ReusableBuffer();

/** One case of a dataset on disk. */
export interface DatasetCaseFiles {
  /** Case identifier, for example `"train_000"`. */
  id: string;
  /** The split it belongs to. */
  split: DatasetSplit;
  /** Path of the CT (`.nii` or `.nii.gz`). */
  imagePath?: string;
  /** Path of the label map. */
  labelsPath?: string;
}

/**
 * Reads a case's image and labels (one after the other, so at most one case
 * is in memory) and returns its {@link CaseSummary}.
 */
export async function summarizeCaseFiles(payload: DatasetCaseFiles): Promise<CaseSummary> {
  const input: DatasetCase = { id: payload.id, split: payload.split };
  const into = (b: ReusableBuffer) => (b.into ? { into: b.into } : {});
  if (payload.imagePath !== undefined) input.image = await readNiftiFile(payload.imagePath, into(imageBuffer));
  if (payload.labelsPath !== undefined) input.labels = await readNiftiFile(payload.labelsPath, into(labelsBuffer));
  const summary = summarizeCase(input);
  // the summary holds plain numbers only: the voxels' buffers can take the next case
  if (input.image) imageBuffer.adopt(input.image.data);
  if (input.labels) labelsBuffer.adopt(input.labels.data);
  return summary;
}
