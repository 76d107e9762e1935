/**
 * Core model: volumes, dtypes, affines, errors.
 * @module
 */
export { Volume, createVolume, volumeLike, hasDType } from "./volume.ts";
export type { VolumeOptions, VolumeNifti, Scaling } from "./volume.ts";
export { DTYPES, dtypeOf, allocate } from "./dtypes.ts";
export type { DType, DTypeOfArray, DTypeArrayMap, DTypeInfo, TypedArrayFor, VoxelArray, IntegerDType, NumericDType, TypedArrayConstructorLike } from "./dtypes.ts";
export { scaledData } from "./scaled-data.ts";
export type { ScaledDataOptions } from "./scaled-data.ts";
export { diagonalAffine, multiplyAffines, invertAffine, applyAffine, spacingFromAffine, copyAffine, affinesClose } from "./affine.ts";
export type { Affine } from "./affine.ts";
export {
  FlarekitError,
  NotNiftiError,
  InvalidHeaderError,
  TruncatedDataError,
  UnsupportedDatatypeError,
  SizeLimitError,
  CorruptGzipError,
  MissingPartnerError,
  InvalidArgumentError,
  ShapeMismatchError,
  IoError,
  isFlarekitError,
} from "./errors.ts";
export type { FlarekitErrorCode, FlarekitErrorByCode } from "./errors.ts";
