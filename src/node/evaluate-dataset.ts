/**
 * FLARE21 evaluation of a folder of predictions against a folder of ground truths, on worker threads.
 * @module
 */
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError, IoError } from "../core/errors.ts";
import { FLARE21_LABELS, type CaseMetrics, type EvaluateCaseOptions } from "../metrics/evaluate-case.ts";
import {
  evaluationRecord,
  formatEvaluationCsv,
  summarizeEvaluation,
  type EvaluationRecord,
  type EvaluationSummary,
} from "../metrics/evaluation-table.ts";
import type { EvaluateCaseFilesPayload, EvaluateCaseFilesResult } from "./evaluate/evaluate-case-files.ts";
import { runTasks } from "./worker-pool.ts";

/** A part of a dataset: every `count`-th case starting at `index` (0-based). */
export interface DatasetShard {
  /** 0 ≤ index < count. */
  index: number;
  /** Number of shards (≥ 1). */
  count: number;
}

/** Options of {@link evaluateDataset}. */
export interface EvaluateDatasetOptions {
  /**
   * Organ name → label value.
   * @defaultValue FLARE21: liver 1, kidney 2, spleen 3, pancreas 4
   */
  labels?: Readonly<Record<string, number>>;
  /**
   * NSD tolerance in mm.
   * @defaultValue 1
   */
  toleranceMm?: number;
  /**
   * Also compute HD95, HD and the average surface distances (adds `HD95_N` CSV columns).
   * @defaultValue false
   */
  hd95?: boolean;
  /**
   * Worker threads, one case each at a time; `1` evaluates in this thread.
   * @defaultValue the number of cores (`os.availableParallelism()`)
   */
  concurrency?: number;
  /** Evaluate only every `count`-th case starting at `index` (for Slurm arrays, Kubernetes Jobs, CI matrices); a string `"k/n"` works too. */
  shard?: DatasetShard | string;
  /** Called after each case with the number done, the total and the case name. */
  onProgress?: (done: number, total: number, name: string) => void;
}

/** One evaluated case. */
export interface DatasetCaseEvaluation {
  /** Case name (the prediction's file name). */
  name: string;
  /** Whether the prediction file was missing (scored as an empty prediction). */
  missingPrediction: boolean;
  /** The case's metrics. */
  metrics: CaseMetrics;
}

/** Result of {@link evaluateDataset}. */
export interface DatasetEvaluation {
  /** Evaluated cases, sorted by name (failures left out). */
  cases: DatasetCaseEvaluation[];
  /** Table rows of the evaluated cases, in the same order. */
  records: EvaluationRecord[];
  /** The official CSV (`Name,DSC_1,NSD-1mm_1,…`, full precision) of the evaluated cases. */
  csv: string;
  /** Mean, std, median, min, max per organ and overall. */
  summary: EvaluationSummary;
  /** Ground truths without a prediction (scored as empty predictions). */
  missingPredictions: string[];
  /** Predictions without a ground truth (not scored). */
  unmatchedPredictions: string[];
  /** Cases that could not be evaluated (unreadable file, shape mismatch …), with the reason. */
  failures: { name: string; message: string; code?: string }[];
  /** The shard evaluated, when sharded. */
  shard?: DatasetShard;
}

const NIFTI = /\.nii(\.gz)?$/i;

/**
 * Evaluates a folder of predictions against a folder of ground truths by the
 * FLARE21 rules (`evaluateCase` of flarekit/metrics), with results
 * identical to the official `DSC_NSD_eval.py`.
 *
 * Pairing follows the official script: every `.nii.gz` / `.nii` prediction,
 * in sorted order, is matched with the ground truth of the same name (or,
 * for nnU-Net style `case_0000.nii.gz`, `case.nii.gz`). A ground truth
 * without a prediction is listed in `missingPredictions` and scored like an
 * empty prediction (0 for its organs; 1 for organs absent from it); a
 * prediction without a ground truth is listed in `unmatchedPredictions`.
 * Cases run on `concurrency` worker threads, one case per worker at a time
 * (memory: two volumes plus the work arrays of one case per worker); a case
 * that fails is reported in `failures` and the others go on.
 *
 * @param gtDir - Folder of ground-truth label maps.
 * @param predDir - Folder of predictions.
 * @param options - Labels, tolerance, HD95, concurrency, shard, progress callback.
 * @returns Cases, CSV, summary and what was missing or failed.
 * @throws `IoError` when a folder cannot be read; `InvalidArgumentError` for a bad shard or concurrency.
 * @example
 * ```ts
 * import { evaluateDataset } from "flarekit/node";
 * import { writeFileSync } from "node:fs";
 * const r = await evaluateDataset("labelsTs", "predictions", { concurrency: 2, shard: "0/4" });
 * writeFileSync("eval.csv", r.csv); // Name,DSC_1,NSD-1mm_1,…
 * r.summary.overall.dsc.mean; // e.g. 0.9123
 * ```
 * @see JunMa11/FLARE `FLARE21/Evaluation/DSC_NSD_eval.py`.
 */
export async function evaluateDataset(gtDir: string, predDir: string, options: EvaluateDatasetOptions = {}): Promise<DatasetEvaluation> {
  const concurrency = options.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InvalidArgumentError("concurrency", concurrency, "a positive integer");
  const shard = parseShard(options.shard);
  const gtFiles = listNifti(gtDir, "ground-truth");
  const predFiles = listNifti(predDir, "prediction");
  const gtSet = new Set(gtFiles);
  const matchedGt = new Set<string>();
  const pairs: { name: string; gt: string; pred: string | null }[] = [];
  const unmatchedPredictions: string[] = [];
  for (const name of predFiles) {
    const gt = gtSet.has(name) ? name : gtSet.has(name.replace(/_0000(\.nii(\.gz)?)$/i, "$1")) ? name.replace(/_0000(\.nii(\.gz)?)$/i, "$1") : undefined;
    if (gt === undefined || matchedGt.has(gt)) {
      unmatchedPredictions.push(name);
      continue;
    }
    matchedGt.add(gt);
    pairs.push({ name, gt, pred: name });
  }
  const missingPredictions = gtFiles.filter((g) => !matchedGt.has(g));
  for (const g of missingPredictions) pairs.push({ name: g, gt: g, pred: null });
  pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const selected = shard ? pairs.filter((_, i) => i % shard.count === shard.index) : pairs;
  const caseOptions: EvaluateCaseOptions = { labels: options.labels ?? FLARE21_LABELS, toleranceMm: options.toleranceMm ?? 1, hd95: options.hd95 ?? false };
  const payloads: EvaluateCaseFilesPayload[] = selected.map((p) => ({
    name: p.name,
    gtPath: join(gtDir, p.gt),
    predPath: p.pred === null ? null : join(predDir, p.pred),
    options: caseOptions,
  }));
  const results = await runTasks<EvaluateCaseFilesPayload, EvaluateCaseFilesResult>("metrics.evaluateCase", payloads, {
    concurrency,
    onProgress: (done, total, index) => options.onProgress?.(done, total, payloads[index].name),
  });
  const cases: DatasetCaseEvaluation[] = [];
  const failures: DatasetEvaluation["failures"] = [];
  results.forEach((r, i) => {
    const p = selected[i];
    if (r.ok) cases.push({ name: p.name, missingPrediction: p.pred === null, metrics: r.value.metrics });
    else failures.push({ name: p.name, message: r.error.message, ...(r.error.code ? { code: r.error.code } : {}) });
  });
  const records = cases.map((c) => evaluationRecord(c.name, c.metrics));
  const labelsByName = caseOptions.labels as Readonly<Record<string, number>>;
  const out: DatasetEvaluation = {
    cases,
    records,
    csv: records.length > 0 ? formatEvaluationCsv(records) : csvHeader(labelsByName, caseOptions.hd95 === true),
    summary: summarizeEvaluation(records, labelsByName),
    missingPredictions,
    unmatchedPredictions,
    failures,
  };
  if (shard) out.shard = shard;
  return out;
}

function csvHeader(labels: Readonly<Record<string, number>>, hd95: boolean): string {
  const values = Object.values(labels);
  const cols = ["Name", ...values.flatMap((l) => [`DSC_${l}`, `NSD-1mm_${l}`])];
  if (hd95) cols.push(...values.map((l) => `HD95_${l}`));
  return cols.join(",") + "\n";
}

/**
 * Parses a shard given as `{ index, count }` or `"k/n"` (0 ≤ k < n).
 * @internal
 */
export function parseShard(shard: DatasetShard | string | undefined): DatasetShard | undefined {
  if (shard === undefined) return undefined;
  let index: number;
  let count: number;
  if (typeof shard === "string") {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(shard);
    if (!m) throw new InvalidArgumentError("shard", shard, '"k/n" with 0 ≤ k < n, for example "0/4"');
    index = Number(m[1]);
    count = Number(m[2]);
  } else {
    index = shard.index;
    count = shard.count;
  }
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index >= count) {
    throw new InvalidArgumentError("shard", typeof shard === "string" ? shard : `${index}/${count}`, "k/n with integers 0 ≤ k < n (k is 0-based)");
  }
  return { index, count };
}

function listNifti(dir: string, what: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new IoError(dir, `Cannot read the ${what} folder ${dir}: ${(err as Error).message}`, { cause: err });
  }
  return names
    .filter((n) => NIFTI.test(n) && !n.startsWith("."))
    .filter((n) => {
      try {
        return statSync(join(dir, n)).isFile();
      } catch {
        return false;
      }
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
