/**
 * Writing NIfTI-1 / NIfTI-2 single files (.nii, .nii.gz).
 * @module
 */
import { affinesClose, type Affine } from "../core/affine.ts";
import { DTYPES } from "../core/dtypes.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import { gzip } from "../core/gzip.ts";
import type { Scaling, Volume } from "../core/volume.ts";
import { extensionsByteLength, writeExtensions } from "./extensions.ts";
import { affineToQuaternion, bestAffine, headerZooms } from "./header-affine.ts";
import type { NiftiExtension, NiftiHeader } from "./header-types.ts";

/** Options of {@link writeNifti}. */
export interface WriteNiftiOptions {
  /** NIfTI-1 or NIfTI-2. @defaultValue the version the volume was read from, else 1 (2 when a size exceeds 32767) */
  version?: 1 | 2;
  /** gzip the output (.nii.gz). @defaultValue false */
  gzip?: boolean;
  /** gzip level, 0 (store) to 9 (smallest). @defaultValue 6 */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** Scaling to record as scl_slope / scl_inter; `null` writes an unscaled header. @defaultValue `volume.scaling` */
  scaling?: Scaling | null;
  /** Header extensions to write. @defaultValue the ones read with the volume */
  extensions?: readonly NiftiExtension[];
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Header fields for a volume that was not read from a NIfTI file. */
function defaultHeader(): NiftiHeader {
  return {
    sizeof_hdr: 348,
    data_type: "",
    db_name: "",
    extents: 0,
    session_error: 0,
    regular: 0,
    dim_info: 0,
    dim: [0, 1, 1, 1, 1, 1, 1, 1],
    intent_p1: 0,
    intent_p2: 0,
    intent_p3: 0,
    intent_code: 0,
    datatype: 0,
    bitpix: 0,
    slice_start: 0,
    pixdim: [1, 1, 1, 1, 1, 1, 1, 1],
    vox_offset: 0,
    scl_slope: 1,
    scl_inter: 0,
    slice_end: 0,
    slice_code: 0,
    xyzt_units: 2 | 8, // mm, seconds
    cal_max: 0,
    cal_min: 0,
    slice_duration: 0,
    toffset: 0,
    glmax: 0,
    glmin: 0,
    descrip: "flarekit",
    aux_file: "",
    qform_code: 0,
    sform_code: 0,
    quatern_b: 0,
    quatern_c: 0,
    quatern_d: 0,
    qoffset_x: 0,
    qoffset_y: 0,
    qoffset_z: 0,
    srow_x: [1, 0, 0, 0],
    srow_y: [0, 1, 0, 0],
    srow_z: [0, 0, 1, 0],
    intent_name: "",
    magic: "n+1",
  };
}

function sameAffine(a: Affine, b: Affine): boolean {
  return affinesClose(a, b, 0);
}

/**
 * The header that {@link writeNifti} writes for a volume: the volume's own
 * header when it was read from a file (codes, descrip, intent, units, cal,
 * slice timing kept), with dim, datatype, bitpix, pixdim, scaling and — when
 * the affine changed — qform/sform recomputed from the volume.
 *
 * New volumes get qform and sform from the affine with both codes 1
 * (scanner anatomical), xyzt_units mm + s, and descrip "flarekit".
 */
export function headerForVolume(volume: Volume, options: WriteNiftiOptions = {}): { header: NiftiHeader; version: 1 | 2; voxOffset: number; extensions: readonly NiftiExtension[] } {
  const read = volume.nifti;
  const base: NiftiHeader = read && read.source.format !== "analyze" ? structuredClone(read.header) : defaultHeader();
  if (read && read.source.format === "analyze") {
    const h = read.header;
    Object.assign(base, { descrip: h.descrip, aux_file: h.aux_file, cal_max: h.cal_max, cal_min: h.cal_min, dim_info: h.dim_info });
  }
  const big = volume.shape.some((n) => n > 32767);
  const version = options.version ?? (read?.source.format === "nifti2" || big ? 2 : 1);
  if (version === 1 && big) {
    throw new InvalidArgumentError("version", 1, "2 for a shape with a size above 32767", `Shape ${volume.shape.join("×")} does not fit NIfTI-1's int16 dims; write NIfTI-2.`);
  }
  const info = DTYPES[volume.dtype];
  const h = base;
  h.sizeof_hdr = version === 1 ? 348 : 540;
  h.magic = version === 1 ? "n+1" : "n+2";
  // Unused trailing dim entries keep what the file had (often 0 or 1) so a round trip changes nothing.
  const tail = read && h.dim[0] === volume.shape.length ? h.dim.slice(volume.shape.length + 1) : Array(7 - volume.shape.length).fill(1);
  h.dim = [volume.shape.length, ...volume.shape, ...tail];
  h.datatype = info.code;
  h.bitpix = info.bitpix;
  // Geometry: keep the stored fields verbatim when the volume's affine is still the one they define.
  const unchanged = read !== undefined && read.source.format !== "analyze" && sameAffine(bestAffine(read.header).affine, volume.affine) && headerZooms(read.header).every((z, i) => z === volume.spacing[i]);
  if (!unchanged) {
    const q = affineToQuaternion(volume.affine);
    h.quatern_b = q.quatern_b;
    h.quatern_c = q.quatern_c;
    h.quatern_d = q.quatern_d;
    h.qoffset_x = q.qoffset_x;
    h.qoffset_y = q.qoffset_y;
    h.qoffset_z = q.qoffset_z;
    h.pixdim = [q.qfac, volume.spacing[0], volume.spacing[1], volume.spacing[2], ...h.pixdim.slice(4)];
    h.srow_x = volume.affine[0].slice(0, 4);
    h.srow_y = volume.affine[1].slice(0, 4);
    h.srow_z = volume.affine[2].slice(0, 4);
    const qc = h.qform_code > 0 ? h.qform_code : h.sform_code > 0 ? h.sform_code : 1;
    const sc = h.sform_code > 0 ? h.sform_code : qc;
    h.qform_code = qc;
    h.sform_code = sc;
  }
  while (h.pixdim.length < 8) h.pixdim.push(1);
  // Scaling
  const scaling = options.scaling === undefined ? volume.scaling : options.scaling;
  if (scaling) {
    h.scl_slope = scaling.slope;
    h.scl_inter = scaling.intercept;
  } else {
    const keptUnscaled = h.scl_slope === 0 || !Number.isFinite(h.scl_slope) || (h.scl_slope === 1 && h.scl_inter === 0);
    if (!keptUnscaled || (read === undefined)) {
      h.scl_slope = 1;
      h.scl_inter = 0;
    }
  }
  const extensions = options.extensions ?? read?.extensions ?? [];
  const fixed = version === 1 ? 348 : 540;
  const minOffset = Math.ceil((fixed + 4 + extensionsByteLength(extensions)) / 16) * 16;
  const keepOffset = read?.source.storage === "single" && read.source.format === `nifti${version}` && Number.isInteger(read.header.vox_offset) && read.header.vox_offset >= minOffset && read.header.vox_offset % 16 === 0;
  const voxOffset = keepOffset ? read.header.vox_offset : minOffset;
  h.vox_offset = voxOffset;
  if (version === 2) {
    delete h.data_type;
    delete h.db_name;
    delete h.extents;
    delete h.session_error;
    delete h.regular;
    delete h.glmax;
    delete h.glmin;
  }
  delete h.funused1;
  delete h.originator;
  return { header: h, version, voxOffset, extensions };
}

function putString(out: Uint8Array, off: number, len: number, s: string): void {
  for (let i = 0; i < len; i++) out[off + i] = i < s.length ? s.charCodeAt(i) & 0xff : 0;
}

/** Serialises a header (little-endian) into `out[0, 348 | 540)`. */
export function encodeHeader(h: NiftiHeader, version: 1 | 2, out: Uint8Array): void {
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (version === 1) {
    const i16 = (o: number, v: number) => dv.setInt16(o, v, true);
    const f32 = (o: number, v: number) => dv.setFloat32(o, v, true);
    dv.setInt32(0, 348, true);
    putString(out, 4, 10, h.data_type ?? "");
    putString(out, 14, 18, h.db_name ?? "");
    dv.setInt32(32, h.extents ?? 0, true);
    i16(36, h.session_error ?? 0);
    out[38] = h.regular ?? 0;
    out[39] = h.dim_info;
    for (let k = 0; k < 8; k++) i16(40 + 2 * k, h.dim[k] ?? 0);
    f32(56, h.intent_p1);
    f32(60, h.intent_p2);
    f32(64, h.intent_p3);
    i16(68, h.intent_code);
    i16(70, h.datatype);
    i16(72, h.bitpix);
    i16(74, h.slice_start);
    for (let k = 0; k < 8; k++) f32(76 + 4 * k, h.pixdim[k] ?? 0);
    f32(108, h.vox_offset);
    f32(112, h.scl_slope);
    f32(116, h.scl_inter);
    i16(120, h.slice_end);
    out[122] = h.slice_code;
    out[123] = h.xyzt_units;
    f32(124, h.cal_max);
    f32(128, h.cal_min);
    f32(132, h.slice_duration);
    f32(136, h.toffset);
    dv.setInt32(140, h.glmax ?? 0, true);
    dv.setInt32(144, h.glmin ?? 0, true);
    putString(out, 148, 80, h.descrip);
    putString(out, 228, 24, h.aux_file);
    i16(252, h.qform_code);
    i16(254, h.sform_code);
    f32(256, h.quatern_b);
    f32(260, h.quatern_c);
    f32(264, h.quatern_d);
    f32(268, h.qoffset_x);
    f32(272, h.qoffset_y);
    f32(276, h.qoffset_z);
    for (let k = 0; k < 4; k++) {
      f32(280 + 4 * k, h.srow_x[k]);
      f32(296 + 4 * k, h.srow_y[k]);
      f32(312 + 4 * k, h.srow_z[k]);
    }
    putString(out, 328, 16, h.intent_name);
    putString(out, 344, 4, "n+1");
  } else {
    const f64 = (o: number, v: number) => dv.setFloat64(o, v, true);
    const i64 = (o: number, v: number) => dv.setBigInt64(o, BigInt(Math.trunc(v)), true);
    dv.setInt32(0, 540, true);
    out.set([0x6e, 0x2b, 0x32, 0x00, 0x0d, 0x0a, 0x1a, 0x0a], 4);
    dv.setInt16(12, h.datatype, true);
    dv.setInt16(14, h.bitpix, true);
    for (let k = 0; k < 8; k++) i64(16 + 8 * k, h.dim[k] ?? 0);
    f64(80, h.intent_p1);
    f64(88, h.intent_p2);
    f64(96, h.intent_p3);
    for (let k = 0; k < 8; k++) f64(104 + 8 * k, h.pixdim[k] ?? 0);
    i64(168, h.vox_offset);
    f64(176, h.scl_slope);
    f64(184, h.scl_inter);
    f64(192, h.cal_max);
    f64(200, h.cal_min);
    f64(208, h.slice_duration);
    f64(216, h.toffset);
    i64(224, h.slice_start);
    i64(232, h.slice_end);
    putString(out, 240, 80, h.descrip);
    putString(out, 320, 24, h.aux_file);
    dv.setInt32(344, h.qform_code, true);
    dv.setInt32(348, h.sform_code, true);
    f64(352, h.quatern_b);
    f64(360, h.quatern_c);
    f64(368, h.quatern_d);
    f64(376, h.qoffset_x);
    f64(384, h.qoffset_y);
    f64(392, h.qoffset_z);
    for (let k = 0; k < 4; k++) {
      f64(400 + 8 * k, h.srow_x[k]);
      f64(432 + 8 * k, h.srow_y[k]);
      f64(464 + 8 * k, h.srow_z[k]);
    }
    dv.setInt32(496, h.slice_code, true);
    dv.setInt32(500, h.xyzt_units, true);
    dv.setInt32(504, h.intent_code, true);
    putString(out, 508, 16, h.intent_name);
    out[524] = h.dim_info;
  }
}

/**
 * Serialises a volume as a NIfTI-1 or NIfTI-2 single file (.nii), gzipped on
 * request (.nii.gz). Little-endian. A volume that was read keeps its header
 * fields (codes, descrip, intent, units, extensions; qform/sform verbatim
 * while its affine is unchanged); a new one gets sform and qform from its
 * affine with codes 1, and `vox_offset` ≥ 352 (NIfTI-1) / 544 (NIfTI-2), a
 * multiple of 16.
 *
 * @param volume - The volume to write.
 * @param options - Version, gzip, level, scaling, extensions.
 * @returns The file's bytes.
 * @throws {@link InvalidArgumentError} when NIfTI-1 cannot hold the shape.
 * @example
 * ```ts
 * import { writeNifti, readNifti, createVolume } from "flarekit";
 * const v = createVolume(new Float32Array([0.5, 1.5]), [2, 1, 1], { spacing: [0.8, 0.8, 2.5] });
 * const back = readNifti(writeNifti(v, { gzip: true, level: 1 }));
 * Array.from(back.data); // [0.5, 1.5]
 * ```
 */
export function writeNifti(volume: Volume, options: WriteNiftiOptions = {}): Uint8Array<ArrayBuffer> {
  const { header, version, voxOffset, extensions } = headerForVolume(volume, options);
  const src = volume.data;
  const dataBytes = src.byteLength;
  const out = new Uint8Array(voxOffset + dataBytes);
  encodeHeader(header, version, out);
  const fixed = version === 1 ? 348 : 540;
  if (extensions.length > 0) {
    out[fixed] = 1;
    writeExtensions(out, fixed + 4, extensions);
  }
  out.set(new Uint8Array(src.buffer, src.byteOffset, dataBytes), voxOffset);
  if (!HOST_LITTLE_ENDIAN && DTYPES[volume.dtype].bytesPerElement > 1) {
    const body = out.subarray(voxOffset);
    const w = DTYPES[volume.dtype].bytesPerElement;
    for (let i = 0; i < body.length; i += w) body.subarray(i, i + w).reverse();
  }
  return options.gzip ? gzip(out, options.level ?? 6) : out;
}
