/**
 * `flarekit/node`: files, folders, native zlib, worker threads and the CLI's
 * building blocks — the only entry that imports `node:*` modules.
 * @module
 */
export { readNiftiFile, readNiftiFileSync, readNiftiHeaderFile, writeNiftiFile, writeNiftiFileSync } from "./nifti-files.ts";
export type { ReadNiftiFileOptions, WriteNiftiFileOptions } from "./nifti-files.ts";
export { runTasks } from "./worker-pool.ts";
export type { RunTasksOptions, TaskResult } from "./worker-pool.ts";
export { datasetSummary } from "./dataset-summary.ts";
export type { DatasetSummaryOptions, DatasetSource } from "./dataset-summary.ts";
export { findDatasetCases } from "./summary/find-dataset-cases.ts";
export type { DatasetListing } from "./summary/find-dataset-cases.ts";
export type { DatasetCaseFiles } from "./summary/summarize-case-files.ts";
export { evaluateDataset } from "./evaluate-dataset.ts";
export type { DatasetCaseEvaluation, DatasetEvaluation, DatasetShard, EvaluateDatasetOptions } from "./evaluate-dataset.ts";
