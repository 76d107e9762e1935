/**
 * Task handlers the worker pool can run, by kind. Each handler takes a
 * structured-clone-able payload and returns a structured-clone-able result.
 * Add one entry per task kind.
 * @internal
 * @module
 */

import type { DatasetCaseFiles } from "./summary/summarize-case-files.ts";
import type { EvaluateCaseFilesPayload } from "./evaluate/evaluate-case-files.ts";

// Each kind's code is imported on its first task, so that a worker starts without loading (and
// compiling) the code of the other kinds.

/** A task handler. */
export type WorkerHandler = (payload: unknown) => Promise<unknown> | unknown;

/** Registered handlers by task kind. */
export const handlers: Record<string, WorkerHandler> = {
  /** Test hook: echoes its payload after `payload.delayMs`. */
  echo: async (payload: unknown) => {
    const p = payload as { delayMs?: number; fail?: boolean };
    if (p.delayMs) await new Promise((r) => setTimeout(r, p.delayMs));
    if (p.fail) throw new Error("echo failure requested");
    return payload;
  },
  /** Dataset summaries (issue 6): reads one case's NIfTI files and returns its CaseSummary. */
  "stats.summarizeCase": async (payload: unknown) => (await import("./summary/summarize-case-files.ts")).summarizeCaseFiles(payload as DatasetCaseFiles),
  /** FLARE21 evaluation (issue 3): reads one ground-truth / prediction pair and returns its CaseMetrics. */
  "metrics.evaluateCase": async (payload: unknown) => (await import("./evaluate/evaluate-case-files.ts")).evaluateCaseFiles(payload as EvaluateCaseFilesPayload),
};

/**
 * Per kind, what to let go after a run in the calling thread (`concurrency` 1): the buffers a task
 * keeps from case to case. Worker threads free theirs when they end.
 */
export const releases: Record<string, () => Promise<void>> = {
  "stats.summarizeCase": async () => (await import("./summary/summarize-case-files.ts")).releaseBuffers(),
  "metrics.evaluateCase": async () => (await import("./evaluate/evaluate-case-files.ts")).releaseBuffers(),
};
