/**
 * `flarekit postprocess in.nii.gz out.nii.gz [--keep …] [--min-volume …] [--min-voxels …] [--fill-holes]`:
 * connected-component clean-up of a label map, printing what was removed per label.
 * @internal
 * @module
 */
import { fillHoles } from "../../../components/fill-holes.ts";
import { keepLargest, type KeepCount } from "../../../components/keep-largest.ts";
import { FLARE21_KEEP_K, FLARE21_MIN_VOLUME_MM3 } from "../../../components/postprocess-flare.ts";
import { removeSmallComponents } from "../../../components/remove-small-components.ts";
import type { Connectivity, LabelFill, LabelRemoval } from "../../../components/types.ts";
import type { Volume } from "../../../core/volume.ts";
import { readNiftiFile, writeNiftiFile } from "../../nifti-files.ts";
import { inputOutputFiles, numberOption, parseCliArgs } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";

function parseKeep(text: string): KeepCount {
  if (/^\d+$/.test(text)) return Number(text);
  const map: Record<number, number> = {};
  for (const part of text.split(",")) {
    const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(part);
    if (!m || Number(m[1]) < 1) {
      throw new UsageError(`--keep expects "label:count,…" (for example 1:1,2:2,3:1,4:1) or one count, got "${text}"`);
    }
    map[Number(m[1])] = Number(m[2]);
  }
  return map;
}

/** Adds the removals of a second filter to those of the first (componentsBefore stays the first's). */
function merge(first: LabelRemoval[], second: LabelRemoval[]): LabelRemoval[] {
  const byLabel = new Map(first.map((r) => [r.label, { ...r }]));
  for (const r of second) {
    const s = byLabel.get(r.label);
    if (!s) byLabel.set(r.label, { ...r });
    else {
      s.componentsRemoved += r.componentsRemoved;
      s.voxelsRemoved += r.voxelsRemoved;
      s.volumeRemovedMm3 += r.volumeRemovedMm3;
    }
  }
  return [...byLabel.values()].sort((a, b) => a.label - b.label);
}

function report(removed: LabelRemoval[], filled: LabelFill[] | undefined): string {
  const fills = new Map((filled ?? []).map((f) => [f.label, f]));
  const labels = [...new Set([...removed.map((r) => r.label), ...fills.keys()])].sort((a, b) => a - b);
  const head = ["Label", "Components", "Removed", "Voxels removed", "Removed (mL)"];
  if (filled) head.push("Voxels filled", "Filled (mL)");
  const rows = labels.map((label) => {
    const r = removed.find((x) => x.label === label);
    const row = [
      String(label),
      String(r?.componentsBefore ?? 0),
      String(r?.componentsRemoved ?? 0),
      String(r?.voxelsRemoved ?? 0),
      ((r?.volumeRemovedMm3 ?? 0) / 1000).toFixed(3),
    ];
    if (filled) {
      const f = fills.get(label);
      row.push(String(f?.voxelsFilled ?? 0), ((f?.volumeFilledMm3 ?? 0) / 1000).toFixed(3));
    }
    return row;
  });
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((x, c) => x.padStart(width[c])).join("  ");
  return [line(head), line(width.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

/** `flarekit postprocess`. */
export const postprocessCommand: CliCommand = {
  name: "postprocess",
  summary: "Clean a label map: keep the k largest components per label, drop small ones, fill holes",
  help: `Usage: flarekit postprocess <in.nii[.gz]> <out.nii[.gz]> [--keep 1:1,2:2,3:1,4:1]
                           [--min-volume <mm³>] [--min-voxels <n>] [--fill-holes]
                           [--connectivity 6|18|26] [--json]

Connected-component clean-up of a multilabel map (0 = background). With no
--keep, --min-volume or --min-voxels it applies the FLARE21 winner's rule:
per organ keep the k largest 26-connected components, k = 1:1,2:2,3:1,4:1
(liver 1, both kidneys 2, spleen 1, pancreas 1), and only components of at
least 2000 mm³. Prints, per label, the components found and what was removed.
The output keeps the input's dtype and header.

Options:
  --keep <spec>         components to keep per label, "label:count,…", or one
                        count for every label; labels not listed are kept as is
  --min-volume <mm³>    remove components below this volume (mm³, from pixdim)
  --min-voxels <n>      remove components with fewer voxels than n
  --fill-holes          then fill each label's 3D holes (background only)
  --connectivity <c>    6, 18 or 26 (default 26; scipy's default is 6)
  --json                print the per-label report as JSON

Examples:
  flarekit postprocess pred.nii.gz pred_clean.nii.gz
  flarekit postprocess pred.nii.gz clean.nii.gz --keep 1:1,2:2,3:1,4:1 --min-volume 2000 --fill-holes
  flarekit postprocess pred.nii.gz clean.nii.gz --min-voxels 8 --connectivity 6
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      keep: { type: "string" },
      "min-volume": { type: "string" },
      "min-voxels": { type: "string" },
      "fill-holes": { type: "boolean" },
      connectivity: { type: "string" },
      json: { type: "boolean" },
    });
    const [input, output] = inputOutputFiles(positionals);
    const connectivity = numberOption("connectivity", values.connectivity, 26) as number;
    if (connectivity !== 6 && connectivity !== 18 && connectivity !== 26) {
      throw new UsageError(`--connectivity expects 6, 18 or 26, got ${connectivity}`);
    }
    const minVolume = numberOption("min-volume", values["min-volume"]);
    const minVoxels = numberOption("min-voxels", values["min-voxels"]);
    if (minVolume !== undefined && minVolume < 0) throw new UsageError(`--min-volume expects a number ≥ 0, got ${minVolume}`);
    if (minVoxels !== undefined && (minVoxels < 0 || !Number.isInteger(minVoxels))) {
      throw new UsageError(`--min-voxels expects an integer ≥ 0, got ${minVoxels}`);
    }
    if (minVolume !== undefined && minVoxels !== undefined) throw new UsageError("give one of --min-volume and --min-voxels");
    let keep = values.keep === undefined ? undefined : parseKeep(values.keep as string);
    let minVolumeMm3 = minVolume;
    if (keep === undefined && minVolume === undefined && minVoxels === undefined) {
      keep = FLARE21_KEEP_K;
      minVolumeMm3 = FLARE21_MIN_VOLUME_MM3;
    }
    const c = connectivity as Connectivity;
    const labels = await readNiftiFile(input);
    let removed: LabelRemoval[] = [];
    let result: Volume = labels;
    if (keep !== undefined) {
      result = keepLargest(labels, {
        k: keep,
        connectivity: c,
        ...(minVolumeMm3 !== undefined ? { minVolumeMm3 } : {}),
        onSummary: (s) => (removed = s),
      });
      if (minVoxels !== undefined) {
        removeSmallComponents(result, { minVoxels, connectivity: c, out: result.data, onSummary: (s) => (removed = merge(removed, s)) });
      }
    } else {
      result = removeSmallComponents(labels, {
        connectivity: c,
        ...(minVoxels !== undefined ? { minVoxels } : { minVolumeMm3: minVolumeMm3 as number }),
        onSummary: (s) => (removed = s),
      });
    }
    let filled: LabelFill[] | undefined;
    if (values["fill-holes"]) fillHoles(result, { out: result.data, onSummary: (s) => (filled = s) });
    await writeNiftiFile(output, result);
    if (values.json) {
      io.stdout.write(JSON.stringify({ input, output, connectivity, removed, ...(filled ? { filled } : {}) }, null, 2) + "\n");
    } else {
      const total = removed.reduce((a, r) => a + r.componentsRemoved, 0);
      io.stdout.write(`${input} → ${output} (${connectivity}-connected): removed ${total} component(s)\n`);
      io.stdout.write(report(removed, filled));
    }
    return 0;
  },
};
