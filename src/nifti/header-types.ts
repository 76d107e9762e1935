/**
 * The raw NIfTI / Analyze header, field for field, in nifti1.h / nifti2.h spelling.
 * @module
 */

/**
 * A NIfTI-1, NIfTI-2 or Analyze 7.5 header as stored on disk (values widened
 * to JS numbers; strings decoded as Latin-1 with trailing NULs removed, as
 * numpy does). Field names keep the nifti1.h spelling; derived values
 * (spacing, affine, scaling) live on the {@link Volume}, never here.
 *
 * Fields that a format lacks are absent: NIfTI-2 has no `data_type`,
 * `db_name`, `extents`, `session_error`, `regular`, `glmax`, `glmin`;
 * Analyze 7.5 headers have no `qform_code`, `sform_code`, quaternion,
 * `srow_*`, `intent_*` or `magic`, but SPM's `funused1` scale factor and
 * `originator`.
 */
export interface NiftiHeader {
  /** 348 for NIfTI-1 and Analyze, 540 for NIfTI-2. */
  sizeof_hdr: number;
  data_type?: string;
  db_name?: string;
  extents?: number;
  session_error?: number;
  regular?: number;
  dim_info: number;
  /** dim[0] is the number of dimensions, dim[1..7] the sizes. */
  dim: number[];
  intent_p1: number;
  intent_p2: number;
  intent_p3: number;
  intent_code: number;
  /** NIfTI `DT_*` datatype code. */
  datatype: number;
  bitpix: number;
  slice_start: number;
  /** pixdim[0] is qfac; pixdim[1..3] the voxel size (mm when xyzt_units says so). */
  pixdim: number[];
  /** Byte offset of the voxel data in the .nii file (or the .img file of a pair). */
  vox_offset: number;
  scl_slope: number;
  scl_inter: number;
  slice_end: number;
  slice_code: number;
  xyzt_units: number;
  cal_max: number;
  cal_min: number;
  slice_duration: number;
  toffset: number;
  glmax?: number;
  glmin?: number;
  descrip: string;
  aux_file: string;
  qform_code: number;
  sform_code: number;
  quatern_b: number;
  quatern_c: number;
  quatern_d: number;
  qoffset_x: number;
  qoffset_y: number;
  qoffset_z: number;
  srow_x: number[];
  srow_y: number[];
  srow_z: number[];
  intent_name: string;
  /** `"n+1"`, `"ni1"`, `"n+2"`, `"ni2"`, or `""` for Analyze. */
  magic: string;
  /** Analyze / SPM only: the scale factor stored in `funused1` (offset 112). */
  funused1?: number;
  /** Analyze / SPM only: the origin voxel (1-based, int16 × 5 at offset 253). */
  originator?: number[];
}

/** One NIfTI header extension: its code (`NIFTI_ECODE_*`) and raw content bytes. */
export interface NiftiExtension {
  /** The extension code, for example 6 (comment), 4 (AFNI), 32 (CIFTI). */
  code: number;
  /** The content bytes (esize − 8 bytes, padding included as stored). */
  content: Uint8Array;
}

/** Where and how a volume was stored. */
export interface NiftiSource {
  /** The header flavour. */
  format: "nifti1" | "nifti2" | "analyze";
  /** Byte order of the header and the voxels. */
  littleEndian: boolean;
  /** `"single"` for .nii, `"pair"` for .hdr + .img. */
  storage: "single" | "pair";
  /** Whether the (header) bytes were gzip-compressed. */
  gzip: boolean;
}

/** Which rule produced a volume's affine, as nibabel's `get_best_affine` decides. */
export type AffineSource = "sform" | "qform" | "fallback" | "analyze";
