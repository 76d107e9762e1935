/**
 * `flarekit render ct.nii.gz [--labels seg.nii.gz] [--axis …] [--index …] --out slice.png`:
 * slices with organ overlays as a PNG.
 * @internal
 * @module
 */
import { writeFile } from "node:fs/promises";
import { IoError } from "../../../core/errors.ts";
import { WINDOW_PRESETS } from "../../../intensity/window-presets.ts";
import { encodePng } from "../../../render/encode-png.ts";
import { montage } from "../../../render/montage.ts";
import { type DisplayWindow, renderSlice, sliceCount } from "../../../render/render-slice.ts";
import type { SliceAxis } from "../../../render/types.ts";
import { readNiftiFile } from "../../nifti-files.ts";
import { numberOption, parseCliArgs } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";


/** Parses `--window`: a preset name of `WINDOW_PRESETS` (flarekit/intensity), "auto", or "center,width"; default soft tissue 40/400. */
export function parseWindow(text: string | undefined): DisplayWindow | "auto" {
  if (text === undefined) return { center: 40, width: 400 };
  if (text === "auto") return "auto";
  const preset = (WINDOW_PRESETS as Readonly<Record<string, DisplayWindow>>)[text];
  if (preset) return { center: preset.center, width: preset.width };
  const m = /^\s*(-?[\d.]+)\s*,\s*([\d.]+)\s*$/.exec(text);
  if (!m || !Number.isFinite(Number(m[1])) || !(Number(m[2]) > 0)) {
    throw new UsageError(`--window expects "center,width" in HU (for example 40,400), "auto" or one of ${Object.keys(WINDOW_PRESETS).join(", ")}; got "${text}"`);
  }
  return { center: Number(m[1]), width: Number(m[2]) };
}

/** `flarekit render`. */
export const renderCommand: CliCommand = {
  name: "render",
  summary: "Render CT slices with organ overlays to a PNG (radiological orientation)",
  help: `Usage: flarekit render <ct.nii[.gz]> --out <slice.png> [--labels <seg.nii[.gz]>]
                      [--axis axial|coronal|sagittal] [--index <n>[,<n>…]]
                      [--window <center,width>|auto|<preset>]
                      [--alpha <0-1>] [--outline] [--columns <n>] [--pixel-size <mm>]
                      [--frame <t>]

Writes one slice, or a montage of several, as a PNG. Display follows the
radiological convention whatever the file's orientation: axial slices show
the patient's right on the image's left and anterior up; coronal the right
on the left and superior up; sagittal anterior on the left and superior up.
Labels are drawn in the FLARE colours: 1 liver red, 2 kidneys green,
3 spleen blue, 4 pancreas yellow.

Options:
  --out <file.png>      where to write the PNG (required)
  --labels <file>       label map on the same grid to overlay
  --axis <plane>        axial (default), coronal or sagittal
  --index <n,…>         slice index(es) along that plane's voxel axis, 0-based
                        as stored (default: the middle slice); several make a montage
  --window <w>          grey window in HU: "center,width", "auto" (slice min–max)
                        or a preset: abdomen (40/350), soft-tissue, liver, bone,
                        lung, … as in flarekit/intensity (default 40,400)
  --alpha <a>           label opacity 0–1 (default 0.4)
  --outline             draw label boundaries opaque
  --columns <n>         montage columns (default ceil(sqrt(count)))
  --pixel-size <mm>     output pixel size (default: the smaller in-plane spacing)
  --frame <t>           volume of a 4D image to show, 0-based (default 0)

Examples:
  flarekit render ct.nii.gz --labels seg.nii.gz --axis axial --index 40 --out slice.png
  flarekit render ct.nii.gz --labels seg.nii.gz --index 20,30,40,50 --outline --out montage.png
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      out: { type: "string", short: "o" },
      labels: { type: "string" },
      axis: { type: "string" },
      index: { type: "string" },
      window: { type: "string" },
      alpha: { type: "string" },
      outline: { type: "boolean" },
      columns: { type: "string" },
      "pixel-size": { type: "string" },
      frame: { type: "string" },
    });
    if (positionals.length !== 1) throw new UsageError(`expected one image file, got ${positionals.length}`);
    const out = values.out as string | undefined;
    if (!out) throw new UsageError("--out <file.png> is required");
    const axis = (values.axis ?? "axial") as SliceAxis;
    if (axis !== "axial" && axis !== "coronal" && axis !== "sagittal") {
      throw new UsageError(`--axis expects axial, coronal or sagittal, got "${String(values.axis)}"`);
    }
    const window = parseWindow(values.window as string | undefined);
    const alpha = numberOption("alpha", values.alpha, 0.4) as number;
    if (alpha < 0 || alpha > 1) throw new UsageError(`--alpha expects a number from 0 to 1, got ${alpha}`);
    const columns = numberOption("columns", values.columns);
    if (columns !== undefined && (!Number.isInteger(columns) || columns < 1)) throw new UsageError(`--columns expects a positive integer, got ${columns}`);
    const pixelSizeMm = numberOption("pixel-size", values["pixel-size"]);
    if (pixelSizeMm !== undefined && !(pixelSizeMm > 0)) throw new UsageError(`--pixel-size expects a positive number (mm), got ${pixelSizeMm}`);
    const frame = numberOption("frame", values.frame, 0) as number;
    if (!Number.isInteger(frame) || frame < 0) throw new UsageError(`--frame expects an integer ≥ 0, got ${frame}`);
    let indices: number[] | undefined;
    if (values.index !== undefined) {
      indices = String(values.index).split(",").map((s) => {
        const n = Number(s);
        if (s.trim() === "" || !Number.isInteger(n) || n < 0) throw new UsageError(`--index expects non-negative integers separated by commas, got "${String(values.index)}"`);
        return n;
      });
    }
    const volume = await readNiftiFile(positionals[0]);
    const labels = values.labels ? await readNiftiFile(values.labels as string) : undefined;
    const count = sliceCount(volume, axis);
    const list = indices ?? [Math.floor(count / 2)];
    const images = list.map((index) =>
      renderSlice(volume, {
        axis,
        index,
        window,
        alpha,
        outline: Boolean(values.outline),
        frame,
        ...(labels ? { labels } : {}),
        ...(pixelSizeMm !== undefined ? { pixelSizeMm } : {}),
      }),
    );
    const image = images.length === 1 ? images[0] : montage(images, columns !== undefined ? { columns } : {});
    const png = encodePng(image);
    try {
      await writeFile(out, png);
    } catch (err) {
      throw new IoError(out, `Cannot write ${out}: ${(err as Error).message}`, { cause: err });
    }
    io.stdout.write(`${out}: ${image.width}×${image.height} PNG, ${axis} slice${list.length > 1 ? "s" : ""} ${list.join(", ")} of ${count}${labels ? " with labels" : ""}\n`);
    return 0;
  },
};
