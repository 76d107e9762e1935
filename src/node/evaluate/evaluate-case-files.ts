/**
 * Worker task `metrics.evaluateCase`: reads one ground-truth / prediction pair and evaluates it.
 * @internal
 * @module
 */
import { evaluateCase, type CaseMetrics, type EvaluateCaseOptions } from "../../metrics/evaluate-case.ts";
import { readNiftiFileSyncReusing } from "../nifti-files.ts";
import { warmUpLabelPair } from "../warm-up.ts";
import { ReusableBuffer } from "../reusable-buffer.ts";

/** This thread's read buffers, reused from case to case. */
const gtBuffer = new ReusableBuffer();
const predBuffer = new ReusableBuffer();
/** The compressed bytes of the file being read. */
const fileBuffer = new ReusableBuffer();

/** Payload of the `metrics.evaluateCase` task (structured-clone-able). */
export interface EvaluateCaseFilesPayload {
  /** Case name (the prediction's file name). */
  name: string;
  /** Ground-truth file. */
  gtPath: string;
  /** Prediction file; `null` scores the case as an empty prediction. */
  predPath: string | null;
  /** Options passed to `evaluateCase`. */
  options: EvaluateCaseOptions;
}

/** Result of the `metrics.evaluateCase` task. */
export interface EvaluateCaseFilesResult {
  name: string;
  metrics: CaseMetrics;
  /** Seconds spent reading both files. */
  readS: number;
  /** Seconds spent evaluating. */
  evaluateS: number;
}

let warmedUp = false;

/**
 * Evaluates a small synthetic pair once per thread with the task's options,
 * so that the first real case runs optimised code (see `warm-up.ts`).
 */
function warmUp(options: EvaluateCaseOptions): void {
  if (warmedUp) return;
  warmedUp = true;
  const labels = Object.values(options.labels ?? { liver: 1, kidney: 2, spleen: 3, pancreas: 4 });
  const { gt, pred, shape, spacing } = warmUpLabelPair(labels);
  evaluateCase({ data: gt, shape, spacing }, { data: pred, shape }, options);
}

/** Reads the pair (one case in memory at a time) and evaluates it by the FLARE21 rules. */
export function evaluateCaseFiles(payload: EvaluateCaseFilesPayload): EvaluateCaseFilesResult {
  warmUp(payload.options);
  const t0 = performance.now();
  const gt = readNiftiFileSyncReusing(payload.gtPath, gtBuffer.into, fileBuffer);
  const pred = payload.predPath === null ? { data: new Uint8Array(gt.voxelCount), shape: gt.shape } : readNiftiFileSyncReusing(payload.predPath, predBuffer.into, fileBuffer);
  const t1 = performance.now();
  const metrics = evaluateCase(gt, pred, payload.options);
  const t2 = performance.now();
  // the metrics are plain numbers: the voxels' buffers can take the next case
  gtBuffer.adopt(gt.data);
  predBuffer.adopt(pred.data);
  return { name: payload.name, metrics, readS: (t1 - t0) / 1000, evaluateS: (t2 - t1) / 1000 };
}

/** Drops this thread's read buffers (after a run in the calling thread, so that they do not outlive it). */
export function releaseBuffers(): void {
  gtBuffer.release();
  predBuffer.release();
  fileBuffer.release();
}
