/**
 * `flarekit window in out --preset abdomen [--uint8]`: CT display windowing.
 * @internal
 * @module
 */
import { applyWindow, type WindowFunction, type WindowLevel, type WindowPresetName, WINDOW_PRESETS } from "../../../intensity/index.ts";
import { readNiftiFile, writeNiftiFile } from "../../nifti-files.ts";
import { inputOutputFiles, numberOption, parseCliArgs } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";

const FUNCTIONS: readonly WindowFunction[] = ["clip", "linear", "linear-exact", "sigmoid"];

/** `flarekit window`. */
export const windowCommand: CliCommand = {
  name: "window",
  summary: "Apply a CT display window (preset or center/width) → float32 [0, 1] or uint8",
  help: `Usage: flarekit window <in.nii[.gz]> <out.nii[.gz]> (--preset <name> | --center <HU> --width <HU>)
                      [--function clip|linear|linear-exact|sigmoid] [--uint8]

Maps HU (after scl_slope / scl_inter) through a display window and writes
float32 values in [0, 1], or uint8 values in [0, 255] with --uint8.
Functions: "clip" (default; clamp((x − (c − w/2)) / w, 0, 1)) and the DICOM
PS3.3 C.11.2.1.2 / C.11.2.1.3 functions "linear", "linear-exact", "sigmoid".

Options:
  --preset <name>      ${Object.keys(WINDOW_PRESETS).join(", ")}
  --center <HU>        window center (level); with --width instead of --preset
  --width <HU>         window width, at least 1
  --function <name>    clip (default), linear, linear-exact or sigmoid
  --uint8              write uint8 [0, 255] instead of float32 [0, 1]

Examples:
  flarekit window ct.nii.gz ct_abdomen.nii.gz --preset abdomen --uint8
  flarekit window ct.nii.gz ct_w.nii.gz --center 40 --width 400 --function linear
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      preset: { type: "string" },
      center: { type: "string" },
      width: { type: "string" },
      function: { type: "string" },
      uint8: { type: "boolean" },
    });
    const [input, output] = inputOutputFiles(positionals);
    const preset = values.preset as string | undefined;
    const center = numberOption("center", values.center);
    const width = numberOption("width", values.width);
    let window: WindowLevel | WindowPresetName;
    if (preset !== undefined) {
      if (center !== undefined || width !== undefined) throw new UsageError("give either --preset or --center and --width, not both");
      if (!(preset in WINDOW_PRESETS)) throw new UsageError(`--preset expects one of ${Object.keys(WINDOW_PRESETS).join(", ")}, got "${preset}"`);
      window = preset as WindowPresetName;
    } else {
      if (center === undefined || width === undefined) throw new UsageError("give --preset, or both --center and --width");
      window = { center, width };
    }
    const fn = (values.function as string | undefined) ?? "clip";
    if (!FUNCTIONS.includes(fn as WindowFunction)) throw new UsageError(`--function expects one of ${FUNCTIONS.join(", ")}, got "${fn}"`);
    const volume = await readNiftiFile(input);
    const out = applyWindow(volume, window, { function: fn as WindowFunction, output: values.uint8 ? "uint8" : "float32" });
    await writeNiftiFile(output, out, { scaling: null });
    const w = typeof window === "string" ? `${window} (L${WINDOW_PRESETS[window].center} W${WINDOW_PRESETS[window].width})` : `L${window.center} W${window.width}`;
    io.stdout.write(`${input} → ${output} (window ${w}, ${fn}, ${out.dtype})\n`);
    return 0;
  },
};
