/**
 * Dataset summaries (the FLARE21 dataset card's tables) from a folder or any
 * iterable of cases, streamed through worker threads.
 * @module
 */
import { availableParallelism } from "node:os";
import { InvalidArgumentError } from "../core/errors.ts";
import { DatasetSummaryBuilder, type DatasetSummary } from "../stats/dataset-summary-builder.ts";
import { summarizeCase, type CaseSummary, type DatasetCase } from "../stats/summarize-case.ts";
import { findDatasetCases } from "./summary/find-dataset-cases.ts";
import type { DatasetCaseFiles } from "./summary/summarize-case-files.ts";
import { runTasks } from "./worker-pool.ts";

/** Options of {@link datasetSummary}. */
export interface DatasetSummaryOptions {
  /**
   * Label value → organ name.
   * @defaultValue FLARE21: 1 liver, 2 kidney, 3 spleen, 4 pancreas
   */
  names?: Readonly<Record<number, string>>;
  /**
   * Worker threads reading and summarising cases from files; `1` works in this
   * thread. In-memory cases are always summarised in this thread.
   * @defaultValue the number of cores (`os.availableParallelism()`)
   */
  workers?: number;
  /** Called after each case with the number done, the total (when known) and the case id. */
  onProgress?: (done: number, total: number | undefined, caseId: string) => void;
}

/** Where {@link datasetSummary} reads cases: a folder, or cases given as files or as volumes. */
export type DatasetSource = string | Iterable<DatasetCase | DatasetCaseFiles> | AsyncIterable<DatasetCase | DatasetCaseFiles>;

/**
 * Summarises a dataset like the FLARE21 dataset card: cases per split;
 * spacing and size (min / median / max per axis); per organ the cases
 * containing it, coverage, and maximum, mean, median and minimum volume in
 * cm³; per organ and for all organs the foreground HU statistics nnU-Net uses
 * for CT normalisation (mean, std, 0.5th and 99.5th percentile, over every
 * labelled voxel). Render it with `datasetSummaryMarkdown` (flarekit/stats).
 *
 * Cases stream: file cases are read and summarised on `workers` threads one
 * case per worker at a time (each worker holds one CT and its labels),
 * in batches (64 cases or more) whose results are folded into the summary;
 * in-memory cases are taken one at a time from the iterable. Cases that
 * cannot be read or do not match (different grids, non-integer labels, labels
 * without image) are listed in `failures` and left out of every statistic.
 *
 * @param source - An nnU-Net / FLARE layout folder (see `findDatasetCases`), or an iterable (sync or async) of {@link DatasetCaseFiles} and / or {@link DatasetCase}.
 * @param options - Label table, worker count, progress callback.
 * @returns The summary.
 * @throws `IoError` when the folder cannot be read.
 * @throws `InvalidArgumentError` when the folder holds no case, or `workers` is not a positive integer.
 * @example
 * ```ts
 * import { datasetSummary } from "flarekit/node";
 * import { datasetSummaryMarkdown } from "flarekit/stats";
 * const summary = await datasetSummary("FLARE21", { workers: 2, onProgress: (done, total) => console.log(`${done}/${total}`) });
 * console.log(datasetSummaryMarkdown(summary)); // | Liver | 361 | 100.00 % | …
 * ```
 * @see J. Ma et al., "Fast and Low-GPU-memory abdomen CT organ segmentation: The FLARE challenge", MedIA 2022; F. Isensee et al., nnU-Net, Nature Methods 18, 2021.
 */
export async function datasetSummary(source: DatasetSource, options: DatasetSummaryOptions = {}): Promise<DatasetSummary> {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new InvalidArgumentError("options.workers", workers, "a positive integer");
  const builder = new DatasetSummaryBuilder(options.names ? { names: options.names } : {});
  let total: number | undefined;
  let items: Iterable<DatasetCase | DatasetCaseFiles> | AsyncIterable<DatasetCase | DatasetCaseFiles>;
  if (typeof source === "string") {
    const listing = await findDatasetCases(source);
    for (const f of listing.failures) builder.addFailure(f);
    items = listing.cases;
    total = listing.cases.length;
  } else {
    items = source;
    if (Array.isArray(source)) total = source.length;
  }
  let done = 0;
  const progress = (id: string): void => options.onProgress?.(++done, total, id);
  // Workers start once per batch (about 0.1 s each), so batches are large; a batch's results are small
  // (tens of KiB per case), so holding one batch between folds keeps memory bounded.
  const batchSize = Math.max(64, workers * 32);
  let pending: DatasetCaseFiles[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const results = await runTasks<DatasetCaseFiles, CaseSummary>("stats.summarizeCase", batch, {
      concurrency: workers,
      onProgress: (_d, _t, index) => progress(batch[index].id),
    });
    results.forEach((r, i) => {
      const c = batch[i];
      if (r.ok) builder.add(r.value);
      else {
        const paths = [c.imagePath, c.labelsPath].filter((p): p is string => p !== undefined);
        builder.addFailure({ id: c.id, split: c.split, paths, message: r.error.message, ...(r.error.code ? { code: r.error.code } : {}) });
      }
    });
  };
  for await (const item of items as AsyncIterable<DatasetCase | DatasetCaseFiles>) {
    if ("imagePath" in item || "labelsPath" in item) {
      pending.push(item as DatasetCaseFiles);
      if (pending.length >= batchSize) await flush();
      continue;
    }
    await flush(); // keep the cases in input order
    const c = item as DatasetCase;
    try {
      builder.add(summarizeCase(c));
    } catch (err) {
      const e = err as { message?: string; code?: string };
      builder.addFailure({ id: c.id, split: c.split, message: String(e?.message ?? err), ...(typeof e?.code === "string" ? { code: e.code } : {}) });
    }
    progress(c.id);
  }
  await flush();
  return builder.result();
}
