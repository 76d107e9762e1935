/**
 * `flarekit merge a.csv b.csv … --out eval.csv`: combines partial evaluation CSVs (shards).
 * @internal
 * @module
 */
import { readFileSync } from "node:fs";
import { FLARE21_LABELS } from "../../../metrics/evaluate-case.ts";
import { formatEvaluationCsv, parseEvaluationCsv, summarizeEvaluation, type EvaluationRecord } from "../../../metrics/evaluation-table.ts";
import { parseCliArgs } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";
import { printSummary, writeTextAtomic } from "./eval.ts";

/** `flarekit merge`. */
export const mergeCommand: CliCommand = {
  name: "merge",
  summary: "Combine partial evaluation CSVs (from `flarekit eval --shard`) into one CSV and summary",
  help: `Usage: flarekit merge <part.csv>… [--out eval.csv] [--summary summary.json] [--quiet]

Reads evaluation CSVs (the official FLARE21 format written by \`flarekit eval\`,
one per shard), checks they have the same columns and no case twice, sorts the
rows by case name like the official script, and writes one CSV (values re-written
at full precision, column types as pandas would give for the whole table) and,
with --summary, the mean / std / median / min / max per organ and overall.

Options:
  --out <file>       merged CSV; default: stdout
  --summary <file>   summary JSON
  --quiet            do not print the summary table on stderr

Example:
  flarekit merge part0.csv part1.csv part2.csv part3.csv --out eval.csv --summary summary.json
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      out: { type: "string" },
      summary: { type: "string" },
      quiet: { type: "boolean" },
    });
    if (positionals.length === 0) throw new UsageError("give at least one CSV file to merge");
    const records: EvaluationRecord[] = [];
    const seen = new Map<string, string>();
    let columns: string | undefined;
    for (const file of positionals) {
      const text = readFileSync(file, "utf8");
      const header = text.split(/\r?\n/, 1)[0];
      const rows = parseEvaluationCsv(text);
      const cols = header.trim();
      if (columns === undefined) columns = cols;
      else if (cols !== columns) throw new UsageError(`${file} has columns "${cols}" but the first file has "${columns}"`);
      for (const r of rows) {
        const before = seen.get(r.name);
        if (before !== undefined) throw new UsageError(`case ${r.name} appears in both ${before} and ${file}`);
        seen.set(r.name, file);
        records.push(r);
      }
    }
    records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const csv = records.length > 0 ? formatEvaluationCsv(records) : `${columns}\n`;
    if (typeof values.out === "string") writeTextAtomic(values.out, csv);
    else io.stdout.write(csv);
    const summary = summarizeEvaluation(records, FLARE21_LABELS);
    if (typeof values.summary === "string") {
      writeTextAtomic(values.summary, JSON.stringify({ summary }, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2) + "\n");
    }
    if (!values.quiet) printSummary(io, summary);
    return 0;
  },
};
