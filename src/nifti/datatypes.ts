/**
 * NIfTI datatype codes (nifti1.h `DT_*`) and their flarekit dtypes.
 * @module
 */
import { DTYPES, type DType } from "../core/dtypes.ts";
import { UnsupportedDatatypeError } from "../core/errors.ts";

/** NIfTI datatype codes by name, as in nifti1.h. */
export const NIFTI_DATATYPES: Readonly<Record<string, number>> = {
  binary: 1,
  uint8: 2,
  int16: 4,
  int32: 8,
  float32: 16,
  complex64: 32,
  float64: 64,
  rgb24: 128,
  int8: 256,
  uint16: 512,
  uint32: 768,
  int64: 1024,
  uint64: 1280,
  float128: 1536,
  complex128: 1792,
  complex256: 2048,
  rgba32: 2304,
};

const BY_CODE = new Map<number, DType>(Object.entries(DTYPES).map(([k, v]) => [v.code, k as DType]));

/**
 * The flarekit dtype of a NIfTI datatype code. Datatype 1 (binary, 1 bit per
 * voxel) is unpacked to `uint8`.
 *
 * @param code - The header's `datatype`.
 * @returns The dtype and the bits per voxel on disk.
 * @throws {@link UnsupportedDatatypeError} for float128, complex256 and unknown codes.
 * @example
 * ```ts
 * import { dtypeFromNiftiCode } from "flarekit/nifti";
 * dtypeFromNiftiCode(4); // { dtype: "int16", bitpix: 16 }
 * ```
 */
export function dtypeFromNiftiCode(code: number): { dtype: DType; bitpix: number } {
  if (code === 1) return { dtype: "uint8", bitpix: 1 };
  const dtype = BY_CODE.get(code);
  if (dtype) return { dtype, bitpix: DTYPES[dtype].bitpix };
  if (code === 1536 || code === 2048) {
    throw new UnsupportedDatatypeError(
      code,
      `Unsupported NIfTI datatype ${code} (${code === 1536 ? "float128" : "complex256"}): JavaScript has no 128-bit float. Convert the image to float64 / complex128 with another tool (for example nibabel) first.`,
    );
  }
  throw new UnsupportedDatatypeError(
    code,
    `Unknown NIfTI datatype code ${code}; expected one of ${Object.values(NIFTI_DATATYPES).join(", ")}. The header is corrupt or not NIfTI.`,
  );
}
