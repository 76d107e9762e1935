/**
 * `flarekit eval --gt DIR --pred DIR`: the FLARE21 evaluation of a folder of predictions.
 * @internal
 * @module
 */
import { writeFileSync, renameSync } from "node:fs";
import { evaluateDataset, parseShard } from "../../evaluate-dataset.ts";
import { numberOption, parseCliArgs, positiveIntegerOption } from "../args.ts";
import { type CliCommand, type CliIO, UsageError } from "../command.ts";
import { progressBar } from "../progress.ts";
import type { EvaluationSummary } from "../../../metrics/evaluation-table.ts";

/** Writes a file atomically (temporary file + rename). */
export function writeTextAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Prints a short per-organ summary table. */
export function printSummary(io: CliIO, summary: EvaluationSummary): void {
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : String(x));
  const rows = summary.labels.map((l) => [l.name ?? `label_${l.label}`, f(l.dsc.mean), f(l.dsc.std), f(l.nsd.mean), f(l.nsd.std)]);
  rows.push(["mean", f(summary.overall.dsc.mean), f(summary.overall.dsc.std), f(summary.overall.nsd.mean), f(summary.overall.nsd.std)]);
  const head = ["organ", "DSC mean", "DSC std", "NSD mean", "NSD std"];
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((x, c) => (c === 0 ? x.padEnd(width[c]) : x.padStart(width[c]))).join("  ");
  io.stderr.write([`${summary.cases} case(s)`, line(head), ...rows.map(line)].join("\n") + "\n");
}

/** `flarekit eval`. */
export const evalCommand: CliCommand = {
  name: "eval",
  summary: "FLARE21 evaluation (DSC, NSD at 1 mm, optional HD95) of a folder of predictions, identical to the official code",
  help: `Usage: flarekit eval --gt <dir> --pred <dir> [--out eval.csv] [--summary summary.json]
                     [--hd95] [--concurrency N] [--shard k/n] [--quiet]

Evaluates every .nii.gz / .nii prediction against the ground truth of the same
name (case_0000.nii.gz also matches case.nii.gz) by the FLARE21 rules: spacing
from the ground truth, labels 1 liver, 2 kidney, 3 spleen, 4 pancreas, DSC and
NSD at 1 mm identical to the official DSC_NSD_eval.py. A ground truth without
a prediction scores like an empty prediction; a prediction without a ground
truth is reported. Cases run on worker threads; a failing case is reported and
the others go on (exit code 1 when any failed).

Options:
  --gt <dir>         ground-truth folder (required)
  --pred <dir>       prediction folder (required)
  --out <file>       write the official CSV (Name,DSC_1,NSD-1mm_1,…) here; default: stdout
  --summary <file>   write mean / std / median / min / max per organ and overall as JSON
  --hd95             also compute HD95 (adds HD95_N columns)
  --tolerance <mm>   NSD tolerance (default 1)
  --concurrency <n>  worker threads (default: the number of cores)
  --shard <k/n>      evaluate only every n-th case starting at k (0 ≤ k < n), for
                     Slurm arrays, Kubernetes Jobs or CI matrices; combine with
                     \`flarekit merge\`
  --quiet            no progress bar

Example:
  flarekit eval --gt labelsTs --pred predictions --out eval.csv --summary summary.json
  flarekit eval --gt labelsTs --pred predictions --shard 0/4 --out part0.csv
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      gt: { type: "string" },
      pred: { type: "string" },
      out: { type: "string" },
      summary: { type: "string" },
      hd95: { type: "boolean" },
      tolerance: { type: "string" },
      concurrency: { type: "string" },
      shard: { type: "string" },
      quiet: { type: "boolean" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (typeof values.gt !== "string" || typeof values.pred !== "string") throw new UsageError("--gt <dir> and --pred <dir> are required");
    const concurrency = positiveIntegerOption("concurrency", values.concurrency);
    const toleranceMm = numberOption("tolerance", values.tolerance, 1);
    if (toleranceMm === undefined || toleranceMm < 0) throw new UsageError(`--tolerance expects a number ≥ 0, got "${String(values.tolerance)}"`);
    let shard;
    try {
      shard = parseShard(values.shard as string | undefined);
    } catch {
      throw new UsageError(`--shard expects k/n with 0 ≤ k < n, got "${String(values.shard)}"`);
    }
    const bar = progressBar("eval", io, !values.quiet);
    const result = await evaluateDataset(values.gt, values.pred, {
      hd95: values.hd95 === true,
      toleranceMm,
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(shard ? { shard } : {}),
      onProgress: (done, total, name) => bar.update(done, total, name),
    });
    bar.finish();
    if (typeof values.out === "string") writeTextAtomic(values.out, result.csv);
    else io.stdout.write(result.csv);
    if (typeof values.summary === "string") {
      const json = {
        summary: result.summary,
        missingPredictions: result.missingPredictions,
        unmatchedPredictions: result.unmatchedPredictions,
        failures: result.failures,
        ...(result.shard ? { shard: result.shard } : {}),
      };
      writeTextAtomic(values.summary, JSON.stringify(json, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2) + "\n");
    }
    for (const m of result.missingPredictions) io.stderr.write(`flarekit eval: no prediction for ${m}; scored as an empty prediction\n`);
    for (const m of result.unmatchedPredictions) io.stderr.write(`flarekit eval: no ground truth for prediction ${m}; not scored\n`);
    for (const f of result.failures) io.stderr.write(`flarekit eval: ${f.name} failed: ${f.message}\n`);
    const moved = result.cases.filter((c) => c.metrics.affineMismatch === true).map((c) => c.name);
    if (moved.length > 0) io.stderr.write(`flarekit eval: the affine of ${moved.length} prediction(s) differs from the ground truth's (compared voxel by voxel anyway, as the official code does): ${moved.join(", ")}\n`);
    if (!values.quiet) printSummary(io, result.summary);
    return result.failures.length > 0 ? 1 : 0;
  },
};
