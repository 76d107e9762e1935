/**
 * `flarekit demo [outdir]`: the whole mission on the built-in phantom, in seconds.
 * @internal
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { postprocessFlare } from "../../../components/postprocess-flare.ts";
import type { LabelFill, LabelRemoval } from "../../../components/types.ts";
import { IoError } from "../../../core/errors.ts";
import { volumeLike } from "../../../core/volume.ts";
import { applyWindow } from "../../../intensity/apply-window.ts";
import { evaluateCase } from "../../../metrics/evaluate-case.ts";
import { makePhantom } from "../../../phantom/make-phantom.ts";
import { perturbLabels } from "../../../phantom/perturb-labels.ts";
import { encodePng } from "../../../render/encode-png.ts";
import { montage } from "../../../render/montage.ts";
import { renderSlice } from "../../../render/render-slice.ts";
import { resampleToSpacing } from "../../../resample/resample-to-spacing.ts";
import { labelStatistics } from "../../../stats/label-statistics.ts";
import { writeNiftiFile } from "../../nifti-files.ts";
import { numberOption, parseCliArgs } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";

function triple(name: string, text: unknown, integer: boolean): [number, number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = String(text).split(",").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))) {
    throw new UsageError(`--${name} expects three ${integer ? "positive integers" : "positive numbers"} separated by commas, got "${String(text)}"`);
  }
  return parts as [number, number, number];
}

function table(head: string[], rows: string[][]): string {
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((x, c) => (c === 0 ? x.padEnd(width[c]) : x.padStart(width[c]))).join("  ");
  return [line(head), line(width.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

/** `flarekit demo`. */
export const demoCommand: CliCommand = {
  name: "demo",
  summary: "Run the whole pipeline on the built-in phantom (files, tables, PNG) in seconds",
  help: `Usage: flarekit demo [outdir] [--seed <n>] [--shape nx,ny,nz] [--spacing sx,sy,sz] [--json]

Makes the built-in abdominal CT phantom with FLARE21 labels (1 liver,
2 kidneys, 3 spleen, 4 pancreas) and a fake prediction (shifted organs,
ragged boundaries, specks, holes), then:
  1. writes ct.nii.gz, labels.nii.gz and prediction.nii.gz,
  2. windows the CT (abdomen preset, L40/W350 HU) and resamples CT and labels to 2 mm,
  3. postprocesses the prediction (FLARE21 keep-largest, ≥ 2000 mm³, fill holes),
  4. prints organ volumes and the FLARE21 metrics (DSC, NSD at 1 mm) before
     and after postprocessing,
  5. writes montage.png: axial slices with the ground truth, the prediction
     before and after postprocessing, and a coronal slice.
No download needed; the default grid is 256 × 256 × 64 at 1.5 × 1.5 × 2.5 mm.

Options:
  --seed <n>            phantom and prediction seed (default 0)
  --shape <nx,ny,nz>    phantom grid (default 256,256,64)
  --spacing <sx,sy,sz>  voxel size in mm (default 1.5,1.5,2.5)
  --json                print the results as JSON instead of tables

Examples:
  npx flarekit demo
  npx flarekit demo out/demo --seed 3
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      seed: { type: "string" },
      shape: { type: "string" },
      spacing: { type: "string" },
      json: { type: "boolean" },
    });
    if (positionals.length > 1) throw new UsageError(`expected at most one output folder, got ${positionals.length}`);
    const seed = numberOption("seed", values.seed, 0) as number;
    if (!Number.isInteger(seed)) throw new UsageError(`--seed expects an integer, got ${seed}`);
    const shape = triple("shape", values.shape, true);
    const spacing = triple("spacing", values.spacing, false);
    const outdir = positionals[0] ?? "flarekit-demo";
    const t0 = Date.now();
    const log = (s: string): void => {
      if (!values.json) io.stdout.write(s);
    };
    try {
      await mkdir(outdir, { recursive: true });
    } catch (err) {
      throw new IoError(outdir, `Cannot create ${outdir}: ${(err as Error).message}`, { cause: err });
    }
    const files: string[] = [];
    const save = async (name: string, volume: Parameters<typeof writeNiftiFile>[1]): Promise<void> => {
      await writeNiftiFile(join(outdir, name), volume);
      files.push(name);
    };

    // 1. Phantom, fake prediction, files.
    const { ct, labels } = makePhantom({ seed, ...(shape ? { shape } : {}), ...(spacing ? { spacing } : {}) });
    const body = volumeLike(ct, Uint8Array.from(ct.data, (hu) => (hu > -500 ? 1 : 0)));
    // A plausible model output: ragged edges, false-positive specks and holes (the two errors
    // FLARE-style postprocessing repairs); organs are not shifted here, as a shift of one 2.5 mm
    // slice alone would dominate NSD at 1 mm.
    const prediction = perturbLabels(labels, {
      seed: seed + 1,
      shiftVoxels: 0,
      boundaryFlipProbability: 0.15,
      specks: 30,
      speckMask: body,
      speckRadiusVoxels: 2,
      holes: 6,
      holeRadiusVoxels: 3,
    });
    log(`flarekit demo: phantom ${String(ct)}, seed ${seed} → ${outdir}\n`);
    await save("ct.nii.gz", ct);
    await save("labels.nii.gz", labels);
    await save("prediction.nii.gz", prediction);

    // 2. Window and resample.
    const windowed = applyWindow(ct, "abdomen", { output: "uint8" });
    await save("ct_abdomen_window.nii.gz", windowed);
    const ct2 = resampleToSpacing(ct, [2, 2, 2], { interpolation: "linear" });
    const labels2 = resampleToSpacing(labels, [2, 2, 2], { interpolation: "nearest" });
    await save("ct_2mm.nii.gz", ct2);
    await save("labels_2mm.nii.gz", labels2);
    log(`windowed (abdomen preset, L40/W350 HU → uint8) and resampled to 2 mm: ${String(ct2)}\n`);

    // 3. Postprocess.
    let removed: LabelRemoval[] = [];
    let filled: LabelFill[] = [];
    const post = postprocessFlare(prediction, {
      fillHoles: true,
      onSummary: (r) => (removed = r),
      onFill: (f) => (filled = f),
    });
    await save("prediction_postprocessed.nii.gz", post);
    const specks = removed.reduce((s, r) => s + r.componentsRemoved, 0);
    const holeVoxels = filled.reduce((s, f) => s + f.voxelsFilled, 0);
    log(`postprocessed (FLARE21 keep-largest, ≥ 2000 mm³, fill holes): ${specks} components removed, ${holeVoxels} hole voxels filled\n\n`);

    // 4. Volumes and metrics.
    const gtStats = labelStatistics(labels, { image: ct, labels: [1, 2, 3, 4] });
    const predStats = labelStatistics(prediction, { labels: [1, 2, 3, 4] });
    const postStats = labelStatistics(post, { labels: [1, 2, 3, 4] });
    const before = evaluateCase(labels, prediction);
    const after = evaluateCase(labels, post);
    const organs = gtStats.map((g, i) => ({
      label: g.label,
      name: g.name,
      volumeMl: { truth: g.volumeMl, prediction: predStats[i].volumeMl, postprocessed: postStats[i].volumeMl },
      meanHu: g.hu?.mean ?? null,
      dsc: { before: before.labels[i].dsc, after: after.labels[i].dsc },
      nsd: { before: before.labels[i].nsd, after: after.labels[i].nsd },
    }));
    const f3 = (v: number): string => v.toFixed(3);
    const f4 = (v: number): string => v.toFixed(4);
    log(
      table(
        ["Organ", "Truth (mL)", "Mean HU", "Prediction (mL)", "Postprocessed (mL)"],
        organs.map((o) => [`${o.label} ${o.name}`, o.volumeMl.truth.toFixed(1), o.meanHu === null ? "-" : o.meanHu.toFixed(1), o.volumeMl.prediction.toFixed(1), o.volumeMl.postprocessed.toFixed(1)]),
      ) + "\n",
    );
    log(
      table(
        ["Organ", "DSC before", "DSC after", "NSD before", "NSD after"],
        [
          ...organs.map((o) => [`${o.label} ${o.name}`, f4(o.dsc.before), f4(o.dsc.after), f4(o.nsd.before), f4(o.nsd.after)]),
          ["mean", f4(before.meanDsc), f4(after.meanDsc), f4(before.meanNsd), f4(after.meanNsd)],
        ],
      ) + "(FLARE21 rules: DSC, NSD at 1 mm tolerance)\n\n",
    );

    // 5. Montage.
    const nz = ct.shape[2];
    const mid = Math.floor(nz / 2);
    const levels = [Math.round(nz * 0.3), mid, Math.round(nz * 0.7)];
    const tiles = [
      ...levels.map((index) => renderSlice(ct, { index, labels })),
      renderSlice(ct, { index: levels[1], labels: prediction, outline: true, alpha: 0.25 }),
      renderSlice(ct, { index: levels[1], labels: post, outline: true, alpha: 0.25 }),
      renderSlice(ct, { axis: "coronal", labels }),
    ];
    const png = encodePng(montage(tiles, { columns: 3 }));
    try {
      await writeFile(join(outdir, "montage.png"), png);
    } catch (err) {
      throw new IoError(join(outdir, "montage.png"), `Cannot write montage.png: ${(err as Error).message}`, { cause: err });
    }
    files.push("montage.png");
    const seconds = (Date.now() - t0) / 1000;
    log(
      `montage.png: axial slices ${levels.join(", ")} with the truth (top row); slice ${levels[1]} with the prediction ` +
        `before and after postprocessing, and a coronal slice (bottom row). Radiological view: patient's right on the image's left.\n` +
        `wrote ${files.length} files to ${outdir} in ${seconds.toFixed(1)} s\n`,
    );
    if (values.json) {
      io.stdout.write(
        JSON.stringify(
          {
            outdir,
            seed,
            shape: ct.shape,
            spacingMm: ct.spacing,
            files,
            componentsRemoved: specks,
            holeVoxelsFilled: holeVoxels,
            organs,
            meanDsc: { before: before.meanDsc, after: after.meanDsc },
            meanNsd: { before: before.meanNsd, after: after.meanNsd },
          },
          null,
          2,
        ) + "\n",
      );
    }
    return 0;
  },
};
