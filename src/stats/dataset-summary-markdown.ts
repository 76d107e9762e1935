/**
 * Markdown rendering of a dataset summary, laid out like the FLARE21 dataset card.
 * @module
 */
import type { AxisRange, DatasetSummary, ForegroundHuStatistics } from "./dataset-summary-builder.ts";

/** Options of {@link datasetSummaryMarkdown}. */
export interface DatasetSummaryMarkdownOptions {
  /**
   * Heading over the tables (`#` level 2); none when empty.
   * @defaultValue "Dataset summary"
   */
  title?: string;
  /**
   * Decimals of volumes (cm³), spacings (mm) and HU.
   * @defaultValue 2
   */
  decimals?: number;
}

/**
 * The summary as Markdown tables laid out like the FLARE21 dataset card:
 * cases per split; spacing and size (min / median / max per axis); per organ
 * the number of cases containing it, coverage, and maximum, average, median
 * and minimum volume in cm³; the foreground HU statistics used for CT
 * normalisation; and the list of unreadable cases.
 *
 * @param summary - From `datasetSummary` (flarekit/node) or {@link DatasetSummaryBuilder.result}.
 * @param options - Title and number of decimals.
 * @returns Markdown text ending with a newline.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { DatasetSummaryBuilder, datasetSummaryMarkdown, summarizeCase } from "flarekit/stats";
 * const builder = new DatasetSummaryBuilder();
 * builder.add(summarizeCase({ id: "a", split: "train", labels: createVolume(new Uint8Array([1, 1]), [2, 1, 1], { spacing: [10, 10, 10] }) }));
 * datasetSummaryMarkdown(builder.result()).includes("| Liver | 1 | 100.00 % | 2.00 | 2.00 | 2.00 | 2.00 |"); // true
 * ```
 * @see J. Ma et al., "Fast and Low-GPU-memory abdomen CT organ segmentation: The FLARE challenge", MedIA 2022.
 */
export function datasetSummaryMarkdown(summary: DatasetSummary, options: DatasetSummaryMarkdownOptions = {}): string {
  const d = options.decimals ?? 2;
  const f = (x: number): string => x.toFixed(d);
  const title = options.title ?? "Dataset summary";
  const lines: string[] = [];
  if (title) lines.push(`## ${title}`, "");
  const s = summary.casesBySplit;
  lines.push(
    "| Split | Cases |",
    "| --- | ---: |",
    `| Training | ${s.train} |`,
    `| Validation | ${s.validation} |`,
    `| Testing | ${s.test} |`,
    `| Total | ${summary.caseCount} |`,
    "",
  );
  if (summary.spacingMm && summary.size) {
    const range = (r: AxisRange, fmt: (x: number) => string): string => `${fmt(r.min)} / ${fmt(r.median)} / ${fmt(r.max)}`;
    lines.push("| Axis | Spacing (mm) min / median / max | Size (voxels) min / median / max |", "| --- | --- | --- |");
    ["x", "y", "z"].forEach((axis, a) => {
      lines.push(`| ${axis} | ${range(summary.spacingMm![a], f)} | ${range(summary.size![a], (x) => x.toFixed(x % 1 === 0 ? 0 : 1))} |`);
    });
    lines.push("");
  }
  lines.push(
    `| Organ | Cases | Coverage | Max volume (cm³) | Average volume (cm³) | Median volume (cm³) | Min volume (cm³) |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const o of summary.organs) {
    const v = o.volumeCm3;
    const cells = v ? [f(v.max), f(v.mean), f(v.median), f(v.min)] : ["–", "–", "–", "–"];
    lines.push(`| ${capitalise(o.name)} | ${o.cases} | ${o.coveragePercent.toFixed(2)} % | ${cells.join(" | ")} |`);
  }
  lines.push("", `Coverage: share of the ${summary.labelledCount} labelled cases that contain the organ.`, "");
  const huRows = summary.organs.filter((o) => o.hu);
  if (summary.foregroundHu || huRows.length > 0) {
    const row = (name: string, h: ForegroundHuStatistics): string =>
      `| ${name} | ${h.voxelCount} | ${f(h.mean)} | ${f(h.std)} | ${f(h.percentile0_5)} | ${f(h.percentile99_5)} |`;
    lines.push("| Foreground HU | Voxels | Mean | Std | 0.5th percentile | 99.5th percentile |", "| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const o of huRows) lines.push(row(capitalise(o.name), o.hu!));
    if (summary.foregroundHu) lines.push(row("All organs", summary.foregroundHu));
    lines.push("");
  }
  if (summary.failures.length > 0) {
    lines.push(`Unreadable cases (${summary.failures.length}, left out of every statistic):`, "");
    for (const x of summary.failures) lines.push(`- ${x.id} (${x.split}): ${x.message.replace(/\s+/g, " ")}`);
    lines.push("");
  }
  return lines.join("\n");
}

function capitalise(name: string): string {
  return name.length > 0 ? name[0].toUpperCase() + name.slice(1) : name;
}
