/**
 * `flarekit convert in out [--nifti 1|2] [--datatype …]`: .nii ↔ .nii.gz, NIfTI-1 ↔ NIfTI-2, datatype.
 * @internal
 * @module
 */
import { allocate, DTYPES, type NumericDType } from "../../../core/dtypes.ts";
import { InvalidArgumentError } from "../../../core/errors.ts";
import { scaledData } from "../../../core/scaled-data.ts";
import { type Volume, volumeLike } from "../../../core/volume.ts";
import { readNiftiFile, writeNiftiFile } from "../../nifti-files.ts";
import { inputOutputFiles, numberOption, parseCliArgs } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";

const TARGETS: readonly NumericDType[] = ["uint8", "int8", "int16", "uint16", "int32", "uint32", "float32", "float64"];

const RANGES: Record<string, [number, number]> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

/**
 * The volume's values (scaling applied) in another dtype: exact for floats;
 * rounded to the nearest integer (halves away from zero) for integer targets,
 * where values outside the range fail unless `clamp`.
 */
export function convertDtype(volume: Volume, dtype: NumericDType, clamp: boolean): Volume {
  const info = DTYPES[volume.dtype];
  if (info.components !== 1) throw new InvalidArgumentError("datatype", volume.dtype, "a scalar source image (not complex or RGB)");
  const values = scaledData(volume, { dtype: "float64" });
  const out = allocate(dtype, volume.voxelCount) as Float64Array;
  const range = RANGES[dtype];
  if (!range) {
    out.set(values);
  } else {
    const [lo, hi] = range;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isNaN(v)) throw new InvalidArgumentError("value", "NaN", `finite values to convert to ${dtype}`, `Voxel ${i} is NaN.`);
      let r = Math.sign(v) * Math.round(Math.abs(v));
      if (r < lo || r > hi) {
        if (!clamp) {
          throw new InvalidArgumentError("value", v, `values from ${lo} to ${hi} for ${dtype}`, `Voxel ${i} does not fit; pass --clamp to clip, or choose a wider --datatype.`);
        }
        r = r < lo ? lo : hi;
      }
      out[i] = r;
    }
  }
  return volumeLike(volume, out as never, { dtype });
}

/** `flarekit convert`. */
export const convertCommand: CliCommand = {
  name: "convert",
  summary: "Convert NIfTI files: .nii ↔ .nii.gz, NIfTI-1 ↔ NIfTI-2, datatype",
  help: `Usage: flarekit convert <in.nii[.gz]|in.hdr> <out.nii[.gz]> [--nifti 1|2]
                       [--datatype <dtype>] [--clamp] [--level 0-9]

Rewrites an image, keeping its header fields, affine and extensions.
Compression follows the output's extension (.nii.gz is gzipped). The NIfTI
version stays as read unless --nifti is given. With --datatype the values
(after scl_slope / scl_inter) are stored in the new type without scaling:
exactly for float32 / float64, rounded to the nearest integer for integer
types; values that do not fit are an error unless --clamp.

Options:
  --nifti <1|2>        NIfTI version to write
  --datatype <dtype>   uint8, int8, int16, uint16, int32, uint32, float32 or float64
  --clamp              clip values to the integer type's range
  --level <0-9>        gzip level for .nii.gz (default 6)

Examples:
  flarekit convert ct.nii ct.nii.gz
  flarekit convert seg.nii.gz seg_u8.nii.gz --datatype uint8
  flarekit convert big.nii.gz big2.nii --nifti 2
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, {
      nifti: { type: "string" },
      datatype: { type: "string" },
      clamp: { type: "boolean" },
      level: { type: "string" },
    });
    const [input, output] = inputOutputFiles(positionals);
    const version = numberOption("nifti", values.nifti);
    if (version !== undefined && version !== 1 && version !== 2) throw new UsageError(`--nifti expects 1 or 2, got ${version}`);
    const level = numberOption("level", values.level, 6) as number;
    if (!Number.isInteger(level) || level < 0 || level > 9) throw new UsageError(`--level expects an integer 0–9, got ${level}`);
    const dtype = values.datatype as NumericDType | undefined;
    if (dtype !== undefined && !TARGETS.includes(dtype)) throw new UsageError(`--datatype expects one of ${TARGETS.join(", ")}, got "${dtype}"`);
    let volume = await readNiftiFile(input);
    const from = `${volume.nifti?.source.format ?? "NIfTI"} ${volume.dtype}`;
    const converting = dtype !== undefined && dtype !== volume.dtype;
    if (converting) volume = convertDtype(volume, dtype, Boolean(values.clamp));
    await writeNiftiFile(output, volume, {
      level: level as 6,
      ...(version !== undefined ? { version: version as 1 | 2 } : {}),
      ...(converting ? { scaling: null } : {}),
    });
    io.stdout.write(`${input} (${from}) → ${output} (NIfTI-${version ?? (volume.nifti?.source.format === "nifti2" ? 2 : 1)} ${volume.dtype}${/\.gz$/i.test(output) ? ", gzip" : ""})\n`);
    return 0;
  },
};
