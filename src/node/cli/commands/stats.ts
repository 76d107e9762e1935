/**
 * `flarekit stats labels.nii.gz [--image ct.nii.gz] [--json | --csv | --totalseg]`: per-organ statistics.
 * @internal
 * @module
 */
import { labelStatistics, type OrganStatistics } from "../../../stats/label-statistics.ts";
import { totalSegmentatorStatistics } from "../../../stats/total-segmentator-statistics.ts";
import { readNiftiFile } from "../../nifti-files.ts";
import { parseCliArgs } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";

const CSV_COLUMNS = [
  "label", "name", "voxels", "volume_mm3", "volume_ml", "surface_area_mm2",
  "bbox_min_i", "bbox_min_j", "bbox_min_k", "bbox_max_i", "bbox_max_j", "bbox_max_k",
  "extent_x_mm", "extent_y_mm", "extent_z_mm",
  "centroid_i", "centroid_j", "centroid_k", "centroid_x_mm", "centroid_y_mm", "centroid_z_mm",
  "hu_mean", "hu_std", "hu_min", "hu_max", "hu_median", "hu_p05", "hu_p95",
];

function csvRow(o: OrganStatistics): (string | number)[] {
  const t = (a: readonly number[] | null): (number | string)[] => (a ? [...a] : ["", "", ""]);
  const h = o.hu;
  return [
    o.label, o.name, o.voxelCount, o.volumeMm3, o.volumeMl, o.surfaceAreaMm2 ?? "",
    ...t(o.bboxMin), ...t(o.bboxMax), ...t(o.extentMm), ...t(o.centroidVoxel), ...t(o.centroidWorldMm),
    ...(h ? [h.mean, h.std, h.min, h.max, h.median, h.percentile5, h.percentile95] : ["", "", "", "", "", "", ""]),
  ];
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table(stats: OrganStatistics[], withHu: boolean): string {
  const head = ["Label", "Organ", "Voxels", "Volume (mL)", "Surface (cm²)", "Extent (mm)", "Centroid (mm, RAS)"];
  if (withHu) head.push("HU mean ± std", "HU median", "HU p5–p95");
  const rows = stats.map((o) => {
    const r = [
      String(o.label),
      o.name,
      String(o.voxelCount),
      o.volumeMl.toFixed(2),
      o.surfaceAreaMm2 === null ? "–" : (o.surfaceAreaMm2 / 100).toFixed(2),
      o.extentMm ? o.extentMm.map((x) => x.toFixed(1)).join(" × ") : "–",
      o.centroidWorldMm ? o.centroidWorldMm.map((x) => x.toFixed(1)).join(", ") : "–",
    ];
    if (withHu) {
      const h = o.hu;
      r.push(h ? `${h.mean.toFixed(1)} ± ${h.std.toFixed(1)}` : "–", h ? h.median.toFixed(1) : "–", h ? `${h.percentile5.toFixed(1)} … ${h.percentile95.toFixed(1)}` : "–");
    }
    return r;
  });
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((x, c) => (c <= 1 ? x.padEnd(width[c]) : x.padStart(width[c]))).join("  ").trimEnd();
  return [line(head), line(width.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

/** `flarekit stats`. */
export const statsCommand: CliCommand = {
  name: "stats",
  summary: "Per-organ volume, bounding box, centroid, surface area and HU statistics of a label map",
  help: `Usage: flarekit stats <labels.nii[.gz]> [--image <ct.nii[.gz]>] [--json | --csv | --totalseg]

Computes, for every organ of a label map (FLARE21 names: 1 liver, 2 kidney,
3 spleen, 4 pancreas; other labels as label_<n>): voxel count, volume in mm³
and mL, inclusive bounding box and its extent in mm, centroid in voxels and
in world mm (RAS), surface area in mm², and with --image the HU mean,
population std, min, max, median, 5th and 95th percentile (numpy's linear
percentile). Absent FLARE organs are listed with 0 voxels.

Options:
  --image <file>        the CT on the same grid as the labels
  --json                print JSON (one object per organ)
  --csv                 print CSV with a header row
  --totalseg            print TotalSegmentator's statistics.json layout
                        ({"liver": {"volume": mm³, "intensity": mean HU}}; needs --image)
  --median              with --totalseg: median instead of mean intensity
  --include-incomplete  with --totalseg: keep organs touching the first or last
                        3 slices of an axis (TotalSegmentator zeroes them)
  --no-surface          skip the surface area (one pass fewer)

Examples:
  flarekit stats labelsTr/train_000.nii.gz --image imagesTr/train_000_0000.nii.gz
  flarekit stats seg.nii.gz --image ct.nii.gz --totalseg > statistics.json
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      image: { type: "string" },
      json: { type: "boolean" },
      csv: { type: "boolean" },
      totalseg: { type: "boolean" },
      median: { type: "boolean" },
      "include-incomplete": { type: "boolean" },
      "no-surface": { type: "boolean" },
    });
    if (positionals.length !== 1) throw new UsageError(`expected one label file, got ${positionals.length}`);
    const formats = ["json", "csv", "totalseg"].filter((f) => values[f]);
    if (formats.length > 1) throw new UsageError(`choose one of --json, --csv, --totalseg (got ${formats.map((f) => `--${f}`).join(", ")})`);
    if ((values.median || values["include-incomplete"]) && !values.totalseg) throw new UsageError("--median and --include-incomplete go with --totalseg");
    const imagePath = values.image as string | undefined;
    if (values.totalseg && imagePath === undefined) throw new UsageError("--totalseg needs --image <ct.nii.gz>");
    const labels = await readNiftiFile(positionals[0]);
    const image = imagePath === undefined ? undefined : await readNiftiFile(imagePath);
    if (values.totalseg && image) {
      const out = totalSegmentatorStatistics(labels, image, {
        metric: values.median ? "median" : "mean",
        excludeMasksAtBorder: !values["include-incomplete"],
      });
      io.stdout.write(JSON.stringify(out, null, 4) + "\n");
      return 0;
    }
    const stats = labelStatistics(labels, { ...(image ? { image } : {}), surfaceArea: !values["no-surface"] });
    if (values.json) io.stdout.write(JSON.stringify(stats, null, 2) + "\n");
    else if (values.csv) io.stdout.write([CSV_COLUMNS, ...stats.map(csvRow)].map((r) => r.map(csvCell).join(",")).join("\n") + "\n");
    else io.stdout.write(table(stats, image !== undefined));
    return 0;
  },
};
