/**
 * `flarekit/node`: files, folders, native zlib, worker threads and the CLI's
 * building blocks — the only entry that imports `node:*` modules.
 * @module
 */
export { readNiftiFile, readNiftiFileSync, readNiftiHeaderFile, writeNiftiFile, writeNiftiFileSync } from "./nifti-files.ts";
export type { ReadNiftiFileOptions, WriteNiftiFileOptions } from "./nifti-files.ts";
export { runTasks } from "./worker-pool.ts";
export type { RunTasksOptions, TaskResult } from "./worker-pool.ts";
