/**
 * `flarekit resample in out (--spacing 1.5,1.5,1.5 | --like ref.nii.gz) [--labels] [--convention extent]`.
 * @internal
 * @module
 */
import { type GridConvention, type Interpolation, resampleLike, resampleToSpacing } from "../../../resample/index.ts";
import { readNiftiFile, writeNiftiFile } from "../../nifti-files.ts";
import { inputOutputFiles, numberOption, parseCliArgs } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";

const INTERPOLATIONS: readonly Interpolation[] = ["nearest", "linear", "cubic", "labels-linear"];

/** `flarekit resample`. */
export const resampleCommand: CliCommand = {
  name: "resample",
  summary: "Resample an image to a new voxel spacing (nearest, linear, cubic, labels-linear)",
  help: `Usage: flarekit resample <in.nii[.gz]> <out.nii[.gz]> (--spacing <sx,sy,sz> | --like <ref.nii[.gz]>)
                        [--labels] [--interpolation <name>] [--convention center|extent]
                        [--separate-z] [--fill <value>]

Resamples to the given spacing in mm; the output size per axis is
round(n · s_in / s_out). Grid conventions (output index o → source index x):
  center (default)  x = o · s_out / s_in        (ITK/SimpleITK, MONAI Spacing)
  extent            x = (o + 0.5) · n / m − 0.5  (nnU-Net, skimage resize)
Images are interpolated linearly by default and written as float32 HU; label
maps (--labels) use nearest neighbour and keep their datatype.

Options:
  --spacing <sx,sy,sz>    target spacing in mm (one number for all three axes)
  --labels                label map: interpolation nearest (keeps labels exact)
  --interpolation <name>  nearest, linear, cubic or labels-linear (nnU-Net)
  --convention <name>     center (default) or extent
  --separate-z            nnU-Net's rule: nearest along a slice axis whose
                          spacing is more than 3× the smallest
  --like <ref>            resample onto ref's grid (shape and affine) instead
  --fill <value>          with --like: value outside the input (default: its
                          minimum; 0 for labels-linear)

Examples:
  flarekit resample ct.nii.gz ct_1.5mm.nii.gz --spacing 1.5,1.5,1.5
  flarekit resample seg.nii.gz seg_1.5mm.nii.gz --spacing 1.5 --labels --convention extent
  flarekit resample pred.nii.gz pred_on_ct.nii.gz --like ct.nii.gz --labels
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      spacing: { type: "string" },
      labels: { type: "boolean" },
      interpolation: { type: "string" },
      convention: { type: "string" },
      "separate-z": { type: "boolean" },
      like: { type: "string" },
      fill: { type: "string" },
    });
    const [input, output] = inputOutputFiles(positionals);
    const raw = values.spacing as string | undefined;
    const like = values.like as string | undefined;
    if ((raw === undefined) === (like === undefined)) throw new UsageError("give either --spacing (e.g. --spacing 1.5,1.5,1.5) or --like <ref.nii.gz>");
    let spacing: number[] = [];
    if (raw !== undefined) {
      const parts = raw.split(",").map((s) => s.trim());
      const nums = parts.map(Number);
      if ((parts.length !== 1 && parts.length !== 3) || parts.some((s) => s === "") || nums.some((n) => !Number.isFinite(n) || n <= 0)) {
        throw new UsageError(`--spacing expects one or three positive numbers in mm separated by commas, got "${raw}"`);
      }
      spacing = nums.length === 1 ? [nums[0], nums[0], nums[0]] : nums;
    }
    const fill = numberOption("fill", values.fill);
    if (fill !== undefined && like === undefined) throw new UsageError("--fill applies to --like only");
    const interp = (values.interpolation as string | undefined) ?? (values.labels ? "nearest" : "linear");
    if (!INTERPOLATIONS.includes(interp as Interpolation)) throw new UsageError(`--interpolation expects one of ${INTERPOLATIONS.join(", ")}, got "${interp}"`);
    const convention = (values.convention as string | undefined) ?? "center";
    if (convention !== "center" && convention !== "extent") throw new UsageError(`--convention expects center or extent, got "${convention}"`);
    const volume = await readNiftiFile(input);
    const out =
      like !== undefined
        ? resampleLike(volume, await readNiftiFile(like), { interpolation: interp as Interpolation, ...(fill !== undefined ? { fill } : {}) })
        : resampleToSpacing(volume, spacing, {
            interpolation: interp as Interpolation,
            convention: convention as GridConvention,
            anisotropic: values["separate-z"] ? "separate-z" : "none",
          });
    await writeNiftiFile(output, out, out.scaling ? {} : { scaling: null });
    io.stdout.write(`${input} ${volume.shape.slice(0, 3).join("×")} → ${output} ${out.shape.join("×")} @ ${out.spacing.map((s) => s.toFixed(3)).join("×")} mm (${interp}, ${convention}, ${out.dtype})\n`);
    return 0;
  },
};
