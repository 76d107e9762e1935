/**
 * Evaluation tables: the official FLARE21 CSV, its parsing, and summaries.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import type { CaseMetrics } from "./evaluate-case.ts";

/** One label of one row of an evaluation table. */
export interface EvaluationLabelRecord {
  /** Label value (the `_N` suffix of the CSV columns). */
  label: number;
  /** Dice similarity coefficient. */
  dsc: number;
  /** Normalized surface Dice at 1 mm (the official column `NSD-1mm_N`). */
  nsd: number;
  /** HD95 in mm, when evaluated with `hd95`. */
  hd95Mm?: number;
  /**
   * Whether DSC and NSD come from the integer rules (both masks empty, or
   * ground truth empty): pandas then writes them as integers when the whole
   * column is, exactly like the official CSV.
   */
  integerRule: boolean;
}

/** One row (case) of an evaluation table. */
export interface EvaluationRecord {
  /** Case name: the prediction's file name, as in the official CSV. */
  name: string;
  /** Per-label values, in column order. */
  labels: EvaluationLabelRecord[];
}

/** Mean, population standard deviation (numpy's default `ddof=0`), median, minimum and maximum. */
export interface SummaryStats {
  /** Arithmetic mean. */
  mean: number;
  /** Population standard deviation (divides by n). */
  std: number;
  /** Median (mean of the two middle values for even n). */
  median: number;
  /** Smallest value. */
  min: number;
  /** Largest value. */
  max: number;
}

/** Summary of an evaluation table, per label and overall. */
export interface EvaluationSummary {
  /** Number of cases (rows). */
  cases: number;
  /** Per label: statistics over the cases. */
  labels: { label: number; name?: string; dsc: SummaryStats; nsd: SummaryStats; hd95Mm?: SummaryStats }[];
  /** Statistics over the cases of each case's mean over the labels. */
  overall: { dsc: SummaryStats; nsd: SummaryStats };
}

/**
 * Turns {@link evaluateCase} output into a table row named after the case.
 *
 * @param name - Case name (for the official CSV: the prediction's file name).
 * @param metrics - The case's metrics.
 * @returns The row.
 * @example
 * ```ts
 * import { evaluateCase, evaluationRecord } from "flarekit/metrics";
 * const gt = { data: new Uint8Array([0, 1]), shape: [2, 1, 1] };
 * const r = evaluationRecord("case_001.nii.gz", evaluateCase(gt, gt));
 * r.labels[0]; // { label: 1, dsc: 1, nsd: 1, integerRule: false }
 * ```
 */
export function evaluationRecord(name: string, metrics: CaseMetrics): EvaluationRecord {
  return {
    name,
    labels: metrics.labels.map((l) => {
      const rec: EvaluationLabelRecord = { label: l.label, dsc: l.dsc, nsd: l.nsd, integerRule: l.branch === "both-empty" || l.branch === "gt-empty" };
      if (l.hd95Mm !== undefined) rec.hd95Mm = l.hd95Mm;
      return rec;
    }),
  };
}

/**
 * Formats rows as the official FLARE21 CSV (`pandas.DataFrame.to_csv(index=False)`):
 * `Name,DSC_1,NSD-1mm_1,…` with every value at full precision in Python's
 * `repr` (`0.8894117647058823`, `1.0`, `1e-05`; integers when a whole column
 * comes from the integer rules; NaN as an empty field), one row per case,
 * `\n` line ends. HD95 columns `HD95_N` follow when present.
 *
 * @param records - Rows; all must have the same labels in the same order.
 * @returns The CSV text (ending with a newline).
 * @throws {@link InvalidArgumentError} when the rows have different labels.
 * @example
 * ```ts
 * import { formatEvaluationCsv } from "flarekit/metrics";
 * formatEvaluationCsv([{ name: "a.nii.gz", labels: [{ label: 1, dsc: 0.5, nsd: 1, integerRule: false }] }]);
 * // "Name,DSC_1,NSD-1mm_1\na.nii.gz,0.5,1.0\n"
 * ```
 * @see JunMa11/FLARE `FLARE21/Evaluation/DSC_NSD_eval.py`.
 */
export function formatEvaluationCsv(records: readonly EvaluationRecord[]): string {
  const labels = columnLabels(records);
  const withHd = records.some((r) => r.labels.some((l) => l.hd95Mm !== undefined));
  const header = ["Name", ...labels.flatMap((l) => [`DSC_${l}`, `NSD-1mm_${l}`])];
  if (withHd) header.push(...labels.map((l) => `HD95_${l}`));
  const intColumn = labels.map((_, i) => records.length > 0 && records.every((r) => r.labels[i].integerRule));
  const lines = [header.join(",")];
  for (const r of records) {
    const cells = [csvField(r.name)];
    r.labels.forEach((l, i) => {
      cells.push(intColumn[i] ? String(l.dsc) : pythonRepr(l.dsc), intColumn[i] ? String(l.nsd) : pythonRepr(l.nsd));
    });
    if (withHd) for (const l of r.labels) cells.push(l.hd95Mm === undefined ? "" : pythonRepr(l.hd95Mm));
    lines.push(cells.join(","));
  }
  return lines.join("\n") + "\n";
}

/**
 * Parses an evaluation CSV written by {@link formatEvaluationCsv}, by the
 * official script, or by `flarekit eval` (columns `Name`, `DSC_N`,
 * `NSD-1mm_N`, optionally `HD95_N`; other columns are ignored).
 *
 * @param text - The CSV text.
 * @returns The rows, in file order.
 * @throws {@link InvalidArgumentError} when the header has no `Name` column or no DSC/NSD pair, or a value is not a number.
 * @example
 * ```ts
 * import { parseEvaluationCsv } from "flarekit/metrics";
 * parseEvaluationCsv("Name,DSC_1,NSD-1mm_1\na.nii.gz,0.5,1\n")[0].labels[0];
 * // { label: 1, dsc: 0.5, nsd: 1, integerRule: false }
 * ```
 */
export function parseEvaluationCsv(text: string): EvaluationRecord[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new InvalidArgumentError("csv", "", "a header line `Name,DSC_1,NSD-1mm_1,…`");
  const header = splitCsvLine(lines[0]);
  const nameCol = header.indexOf("Name");
  const labels: number[] = [];
  const cols = new Map<number, { dsc?: number; nsd?: number; hd?: number }>();
  header.forEach((h, i) => {
    const m = /^(DSC|NSD-1mm|HD95)_(\d+)$/.exec(h.trim());
    if (!m) return;
    const label = Number(m[2]);
    if (!cols.has(label)) {
      cols.set(label, {});
      labels.push(label);
    }
    const c = cols.get(label)!;
    if (m[1] === "DSC") c.dsc = i;
    else if (m[1] === "NSD-1mm") c.nsd = i;
    else c.hd = i;
  });
  const complete = labels.filter((l) => cols.get(l)!.dsc !== undefined && cols.get(l)!.nsd !== undefined);
  if (nameCol < 0 || complete.length === 0) {
    throw new InvalidArgumentError("csv header", lines[0], "a `Name` column and at least one `DSC_N`, `NSD-1mm_N` pair");
  }
  return lines.slice(1).map((line, row) => {
    const cells = splitCsvLine(line);
    const value = (i: number): [number, boolean] => {
      const raw = (cells[i] ?? "").trim();
      const v = parsePythonFloat(raw);
      if (v === undefined) throw new InvalidArgumentError(`csv row ${row + 2} column ${header[i]}`, raw, "a number (Python float syntax)");
      return [v, /^-?\d+$/.test(raw)];
    };
    return {
      name: cells[nameCol] ?? "",
      labels: complete.map((label) => {
        const c = cols.get(label)!;
        const [dsc, dscInt] = value(c.dsc!);
        const [nsd, nsdInt] = value(c.nsd!);
        const rec: EvaluationLabelRecord = { label, dsc, nsd, integerRule: dscInt && nsdInt };
        if (c.hd !== undefined && (cells[c.hd] ?? "").trim() !== "") rec.hd95Mm = value(c.hd)[0];
        return rec;
      }),
    };
  });
}

/**
 * Summarises an evaluation table: per label and overall (each case's mean
 * over its labels) the mean, population standard deviation, median, minimum
 * and maximum over the cases.
 *
 * @param records - Rows (same labels in the same order).
 * @param names - Optional label → organ name map, copied into the summary.
 * @returns The summary; statistics of zero cases are `NaN`.
 * @throws {@link InvalidArgumentError} when the rows have different labels.
 * @example
 * ```ts
 * import { summarizeEvaluation } from "flarekit/metrics";
 * const rows = [0.8, 0.9, 1].map((dsc, i) => ({ name: `c${i}`, labels: [{ label: 1, dsc, nsd: dsc, integerRule: false }] }));
 * summarizeEvaluation(rows).labels[0].dsc.median; // 0.9
 * ```
 */
export function summarizeEvaluation(records: readonly EvaluationRecord[], names?: Readonly<Record<string, number>>): EvaluationSummary {
  const labels = columnLabels(records);
  const nameOf = new Map(Object.entries(names ?? {}).map(([n, l]) => [l, n]));
  return {
    cases: records.length,
    labels: labels.map((label, i) => {
      const entry: EvaluationSummary["labels"][number] = {
        label,
        dsc: stats(records.map((r) => r.labels[i].dsc)),
        nsd: stats(records.map((r) => r.labels[i].nsd)),
      };
      const name = nameOf.get(label);
      if (name !== undefined) entry.name = name;
      if (records.length > 0 && records.every((r) => r.labels[i].hd95Mm !== undefined)) entry.hd95Mm = stats(records.map((r) => r.labels[i].hd95Mm as number));
      return entry;
    }),
    overall: {
      dsc: stats(records.map((r) => mean(r.labels.map((l) => l.dsc)))),
      nsd: stats(records.map((r) => mean(r.labels.map((l) => l.nsd)))),
    },
  };
}

function columnLabels(records: readonly EvaluationRecord[]): number[] {
  if (records.length === 0) return [];
  const labels = records[0].labels.map((l) => l.label);
  for (const r of records) {
    if (r.labels.length !== labels.length || r.labels.some((l, i) => l.label !== labels[i])) {
      throw new InvalidArgumentError(`labels of ${r.name}`, r.labels.map((l) => l.label), `the labels of the first row [${labels.join(", ")}]`);
    }
  }
  return labels;
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function stats(values: readonly number[]): SummaryStats {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN, median: NaN, min: NaN, max: NaN };
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  const sorted = [...values].sort((a, b) => a - b);
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { mean: m, std: Math.sqrt(ss / n), median, min: sorted[0], max: sorted[n - 1] };
}

/** Python's `repr(float)` (shortest round-trip digits; exponent form below 1e-4 and from 1e16), NaN as pandas' empty field. @internal */
export function pythonRepr(x: number): string {
  if (Number.isNaN(x)) return "";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exp] = x.toExponential().split("e");
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function parsePythonFloat(raw: string): number | undefined {
  if (raw === "" || /^nan$/i.test(raw)) return NaN;
  if (/^[+-]?inf(inity)?$/i.test(raw)) return raw.startsWith("-") ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return undefined;
  return Number(raw);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
