/**
 * `flarekit info <file…>`: a header summary of NIfTI files (header-only reads).
 * @internal
 * @module
 */
import { axisCodes } from "../../../nifti/orientation.ts";
import type { NiftiHeaderInfo } from "../../../nifti/read-nifti.ts";
import { readNiftiHeaderFile } from "../../nifti-files.ts";
import { parseCliArgs } from "../args.ts";
import { type CliCommand, UsageError } from "../command.ts";

const XYZ_UNITS: Record<number, string> = { 1: "m", 2: "mm", 3: "µm" };

function summary(path: string, i: NiftiHeaderInfo): Record<string, unknown> {
  const h = i.header;
  return {
    file: path,
    format: i.source.format,
    storage: i.source.storage,
    gzip: i.source.gzip,
    byteOrder: i.source.littleEndian ? "little-endian" : "big-endian",
    dtype: h.datatype === 1 ? "binary (read as uint8)" : i.dtype,
    shape: i.shape,
    spacingMm: i.spacing,
    spaceUnits: XYZ_UNITS[h.xyzt_units & 7] ?? "unknown",
    axisCodes: axisCodes(i.affine),
    affineSource: i.affineSource,
    affine: i.affine,
    qformCode: h.qform_code,
    sformCode: h.sform_code,
    scaling: i.scaling ?? null,
    descrip: h.descrip,
    extensions: i.extensions.map((e) => ({ code: e.code, bytes: e.content.length })),
    voxelDataBytes: i.dataBytes,
  };
}

function text(s: Record<string, unknown>): string {
  const i = s as ReturnType<typeof summary> & { shape: number[]; spacingMm: number[]; affine: number[][]; scaling: { slope: number; intercept: number } | null };
  const lines = [
    `${i.file}`,
    `  format      ${i.format} (${i.storage}${i.gzip ? ", gzip" : ""}, ${i.byteOrder})`,
    `  dtype       ${i.dtype}`,
    `  shape       ${i.shape.join(" × ")}`,
    `  spacing     ${i.spacingMm.map((v) => v.toFixed(4).replace(/\.?0+$/, "")).join(" × ")} ${i.spaceUnits}`,
    `  orientation ${i.axisCodes} (affine from ${i.affineSource}; qform_code ${i.qformCode}, sform_code ${i.sformCode})`,
    ...i.affine.slice(0, 3).map((r, k) => `  ${k === 0 ? "affine     " : "           "} [${r.map((v) => v.toFixed(4).padStart(11)).join(" ")}]`),
    `  scaling     ${i.scaling ? `× ${i.scaling.slope} + ${i.scaling.intercept}` : "none"}`,
  ];
  if (i.descrip) lines.push(`  descrip     ${i.descrip}`);
  const ext = i.extensions as { code: number; bytes: number }[];
  if (ext.length) lines.push(`  extensions  ${ext.map((e) => `code ${e.code} (${e.bytes} B)`).join(", ")}`);
  return lines.join("\n") + "\n";
}

/** `flarekit info`. */
export const infoCommand: CliCommand = {
  name: "info",
  summary: "Print a NIfTI header summary (shape, spacing, orientation, affine, dtype)",
  help: `Usage: flarekit info <file.nii[.gz]|file.hdr> [more files…] [--json]

Reads only the headers (a .nii.gz is not fully decompressed) and prints, per
file: format, dtype, shape, spacing (mm), orientation codes, the affine
nibabel would use and where it came from, scaling and extensions.

Options:
  --json   print a JSON array instead of text

Example:
  flarekit info imagesTr/train_000_0000.nii.gz
`,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(argv, { json: { type: "boolean" } });
    if (positionals.length === 0) throw new UsageError("expected at least one file");
    const out: Record<string, unknown>[] = [];
    for (const p of positionals) out.push(summary(p, await readNiftiHeaderFile(p)));
    io.stdout.write(values.json ? JSON.stringify(out, null, 2) + "\n" : out.map(text).join("\n"));
    return 0;
  },
};
