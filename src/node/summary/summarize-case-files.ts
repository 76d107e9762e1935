/**
 * Worker task: read one case's NIfTI files and summarise it.
 * @internal
 * @module
 */
import { summarizeCase, type CaseSummary, type DatasetCase, type DatasetSplit } from "../../stats/summarize-case.ts";
import { readNiftiFileSyncReusing } from "../nifti-files.ts";
import { ReusableBuffer } from "../reusable-buffer.ts";

/** This thread's read buffers, reused from case to case. */
const imageBuffer = new ReusableBuffer();
const labelsBuffer = new ReusableBuffer();
/** The compressed bytes of the file being read. */
const fileBuffer = new ReusableBuffer();

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
export function summarizeCaseFiles(payload: DatasetCaseFiles): CaseSummary {
  const input: DatasetCase = { id: payload.id, split: payload.split };
  if (payload.imagePath !== undefined) input.image = readNiftiFileSyncReusing(payload.imagePath, imageBuffer.into, fileBuffer);
  if (payload.labelsPath !== undefined) input.labels = readNiftiFileSyncReusing(payload.labelsPath, labelsBuffer.into, fileBuffer);
  const summary = summarizeCase(input);
  // the summary holds plain numbers only: the voxels' buffers can take the next case
  if (input.image) imageBuffer.adopt(input.image.data);
  if (input.labels) labelsBuffer.adopt(input.labels.data);
  return summary;
}

/** Drops this thread's read buffers (after a run in the calling thread, so that they do not outlive it). */
export function releaseBuffers(): void {
  imageBuffer.release();
  labelsBuffer.release();
  fileBuffer.release();
}
