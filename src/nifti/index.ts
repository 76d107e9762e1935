/**
 * `flarekit/nifti`: NIfTI-1 / NIfTI-2 / Analyze 7.5 reading and writing that
 * agrees with nibabel — headers, affines, scaling, extensions, orientation.
 * Platform-neutral (no `node:*` imports); file paths live in `flarekit/node`.
 * @module
 */
export { readNifti, readNiftiHeader, readNiftiAsync, DEFAULT_MAX_BYTES } from "./read-nifti.ts";
export type { ReadNiftiOptions, NiftiHeaderInfo, BytesLike, AsyncBytesSource } from "./read-nifti.ts";
export { writeNifti } from "./write-nifti.ts";
export type { WriteNiftiOptions } from "./write-nifti.ts";
export { qformAffine, sformAffine, fallbackAffine, analyzeAffine, bestAffine } from "./header-affine.ts";
export { ioOrientation, axisCodes, reorientToCanonical } from "./orientation.ts";
export type { Orientation } from "./orientation.ts";
export { dtypeFromNiftiCode, NIFTI_DATATYPES } from "./datatypes.ts";
export type { NiftiHeader, NiftiExtension, NiftiSource, AffineSource } from "./header-types.ts";
export { diagonalAffine } from "../core/affine.ts";
