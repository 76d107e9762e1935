/**
 * Parses NIfTI-1, NIfTI-2 and Analyze 7.5 headers from bytes (either byte order).
 * Layouts: nifti1.h and nifti2.h (NIfTI DFWG), Analyze 7.5 (Mayo Clinic) with SPM's
 * `funused1` scale and `originator` fields.
 * @module
 */
import { NotNiftiError, TruncatedDataError } from "../core/errors.ts";
import type { NiftiHeader, NiftiSource } from "./header-types.ts";

/** A parsed header with what the parser learnt about the file. */
export interface ParsedHeader {
  header: NiftiHeader;
  format: NiftiSource["format"];
  littleEndian: boolean;
  /** From the magic: `"single"` (.nii) or `"pair"` (.hdr + .img; Analyze is always a pair). */
  storage: NiftiSource["storage"];
  /** Bytes of the fixed header: 348 or 540. */
  headerBytes: number;
}

const decoder = new TextDecoder("latin1");

function str(b: Uint8Array, off: number, len: number): string {
  let end = off + len;
  while (end > off && b[end - 1] === 0) end--; // numpy "S" dtype strips trailing NULs only
  return decoder.decode(b.subarray(off, end));
}

/**
 * Detects the header flavour and byte order from `sizeof_hdr` (348 or 540 in
 * either byte order) and parses every field.
 *
 * @param bytes - At least the first 348 (NIfTI-1 / Analyze) or 540 (NIfTI-2) bytes, uncompressed.
 * @throws {@link NotNiftiError} when `sizeof_hdr` is neither 348 nor 540;
 *   {@link TruncatedDataError} when fewer bytes than the header size are given.
 */
export function parseHeader(bytes: Uint8Array): ParsedHeader {
  if (bytes.length < 4) {
    throw new NotNiftiError(`Not a NIfTI file: only ${bytes.length} bytes, while a header needs at least 348. Check that the file is complete.`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = dv.getInt32(0, true);
  const be = dv.getInt32(0, false);
  let littleEndian: boolean;
  let size: number;
  if (le === 348 || le === 540) {
    littleEndian = true;
    size = le;
  } else if (be === 348 || be === 540) {
    littleEndian = false;
    size = be;
  } else {
    throw new NotNiftiError(
      `Not a NIfTI or Analyze file: sizeof_hdr is ${le} (little-endian) / ${be} (big-endian), expected 348 (NIfTI-1, Analyze) or 540 (NIfTI-2). Is it DICOM, NRRD, MHA or a gzip file with a damaged start?`,
      { littleEndian: le, bigEndian: be },
    );
  }
  if (bytes.length < size) {
    throw new TruncatedDataError("header", size, bytes.length, "The file ends inside the header; it is truncated.");
  }
  return size === 540 ? parseNifti2(bytes, dv, littleEndian) : parseNifti1(bytes, dv, littleEndian);
}

function parseNifti1(b: Uint8Array, dv: DataView, le: boolean): ParsedHeader {
  const i16 = (o: number) => dv.getInt16(o, le);
  const i32 = (o: number) => dv.getInt32(o, le);
  const f32 = (o: number) => dv.getFloat32(o, le);
  const f32s = (o: number, n: number) => Array.from({ length: n }, (_, k) => f32(o + 4 * k));
  const magic = str(b, 344, 4);
  const isNifti = magic === "n+1" || magic === "ni1";
  const h: NiftiHeader = {
    sizeof_hdr: 348,
    data_type: str(b, 4, 10),
    db_name: str(b, 14, 18),
    extents: i32(32),
    session_error: i16(36),
    regular: b[38],
    dim_info: b[39],
    dim: Array.from({ length: 8 }, (_, k) => i16(40 + 2 * k)),
    intent_p1: f32(56),
    intent_p2: f32(60),
    intent_p3: f32(64),
    intent_code: i16(68),
    datatype: i16(70),
    bitpix: i16(72),
    slice_start: i16(74),
    pixdim: f32s(76, 8),
    vox_offset: f32(108),
    scl_slope: f32(112),
    scl_inter: f32(116),
    slice_end: i16(120),
    slice_code: b[122],
    xyzt_units: b[123],
    cal_max: f32(124),
    cal_min: f32(128),
    slice_duration: f32(132),
    toffset: f32(136),
    glmax: i32(140),
    glmin: i32(144),
    descrip: str(b, 148, 80),
    aux_file: str(b, 228, 24),
    qform_code: i16(252),
    sform_code: i16(254),
    quatern_b: f32(256),
    quatern_c: f32(260),
    quatern_d: f32(264),
    qoffset_x: f32(268),
    qoffset_y: f32(272),
    qoffset_z: f32(276),
    srow_x: f32s(280, 4),
    srow_y: f32s(296, 4),
    srow_z: f32s(312, 4),
    intent_name: str(b, 328, 16),
    magic,
  };
  if (!isNifti) {
    // Analyze 7.5 (SPM flavour): the NIfTI fields at these offsets mean other things.
    h.funused1 = h.scl_slope;
    h.originator = Array.from({ length: 5 }, (_, k) => i16(253 + 2 * k));
    h.scl_slope = 0;
    h.scl_inter = 0;
    h.qform_code = 0;
    h.sform_code = 0;
    h.quatern_b = h.quatern_c = h.quatern_d = 0;
    h.qoffset_x = h.qoffset_y = h.qoffset_z = 0;
    h.srow_x = [0, 0, 0, 0];
    h.srow_y = [0, 0, 0, 0];
    h.srow_z = [0, 0, 0, 0];
    h.intent_name = "";
    h.intent_code = 0;
    h.intent_p1 = h.intent_p2 = h.intent_p3 = 0;
    h.slice_code = 0;
    h.xyzt_units = 0;
    h.slice_start = 0;
    h.slice_end = 0;
    h.slice_duration = 0;
    h.toffset = 0;
    h.magic = "";
  }
  return {
    header: h,
    format: isNifti ? "nifti1" : "analyze",
    littleEndian: le,
    storage: magic === "n+1" ? "single" : "pair",
    headerBytes: 348,
  };
}

function parseNifti2(b: Uint8Array, dv: DataView, le: boolean): ParsedHeader {
  const i16 = (o: number) => dv.getInt16(o, le);
  const i32 = (o: number) => dv.getInt32(o, le);
  const i64 = (o: number) => Number(dv.getBigInt64(o, le));
  const f64 = (o: number) => dv.getFloat64(o, le);
  const f64s = (o: number, n: number) => Array.from({ length: n }, (_, k) => f64(o + 8 * k));
  const magic = str(b, 4, 4);
  const h: NiftiHeader = {
    sizeof_hdr: 540,
    magic,
    datatype: i16(12),
    bitpix: i16(14),
    dim: Array.from({ length: 8 }, (_, k) => i64(16 + 8 * k)),
    intent_p1: f64(80),
    intent_p2: f64(88),
    intent_p3: f64(96),
    pixdim: f64s(104, 8),
    vox_offset: i64(168),
    scl_slope: f64(176),
    scl_inter: f64(184),
    cal_max: f64(192),
    cal_min: f64(200),
    slice_duration: f64(208),
    toffset: f64(216),
    slice_start: i64(224),
    slice_end: i64(232),
    descrip: str(b, 240, 80),
    aux_file: str(b, 320, 24),
    qform_code: i32(344),
    sform_code: i32(348),
    quatern_b: f64(352),
    quatern_c: f64(360),
    quatern_d: f64(368),
    qoffset_x: f64(376),
    qoffset_y: f64(384),
    qoffset_z: f64(392),
    srow_x: f64s(400, 4),
    srow_y: f64s(432, 4),
    srow_z: f64s(464, 4),
    slice_code: i32(496),
    xyzt_units: i32(500),
    intent_code: i32(504),
    intent_name: str(b, 508, 16),
    dim_info: b[524],
  };
  return { header: h, format: "nifti2", littleEndian: le, storage: magic === "n+2" ? "single" : "pair", headerBytes: 540 };
}
