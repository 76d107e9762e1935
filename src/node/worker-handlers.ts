/**
 * Task handlers the worker pool can run, by kind. Each handler takes a
 * structured-clone-able payload and returns a structured-clone-able result.
 * Add one entry per task kind.
 * @internal
 * @module
 */

import { summarizeCaseFiles, type DatasetCaseFiles } from "./summary/summarize-case-files.ts";
import { evaluateCaseFiles, type EvaluateCaseFilesPayload } from "./evaluate/evaluate-case-files.ts";

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
  "stats.summarizeCase": (payload: unknown) => summarizeCaseFiles(payload as DatasetCaseFiles),
  /** FLARE21 evaluation (issue 3): reads one ground-truth / prediction pair and returns its CaseMetrics. */
  "metrics.evaluateCase": (payload: unknown) => evaluateCaseFiles(payload as EvaluateCaseFilesPayload),
};
