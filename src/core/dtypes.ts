/**
 * Voxel data types and the typed arrays that hold them.
 * @module
 */

/**
 * The voxel data types flarekit handles. Multi-component types are stored
 * interleaved: `complex64` as a `Float32Array` of (re, im) pairs, `rgb24` /
 * `rgba32` as a `Uint8Array` of 3 / 4 channels per voxel.
 */
export type DType =
  | "uint8"
  | "int8"
  | "int16"
  | "uint16"
  | "int32"
  | "uint32"
  | "int64"
  | "uint64"
  | "float32"
  | "float64"
  | "complex64"
  | "complex128"
  | "rgb24"
  | "rgba32";

/** The typed array that holds each {@link DType}. */
export interface DTypeArrayMap {
  uint8: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int64: BigInt64Array;
  uint64: BigUint64Array;
  float32: Float32Array;
  float64: Float64Array;
  complex64: Float32Array;
  complex128: Float64Array;
  rgb24: Uint8Array;
  rgba32: Uint8Array;
}

/** The typed array type of a {@link DType}: `TypedArrayFor<"int16">` is `Int16Array`. */
export type TypedArrayFor<D extends DType> = DTypeArrayMap[D];

/**
 * The scalar dtype a typed-array type holds: `DTypeOfArray<Int16Array>` is `"int16"`
 * (Float32Array / Float64Array map to the real types; name complex / RGB dtypes explicitly).
 */
export type DTypeOfArray<A> = A extends Uint8Array
  ? "uint8"
  : A extends Int8Array
    ? "int8"
    : A extends Int16Array
      ? "int16"
      : A extends Uint16Array
        ? "uint16"
        : A extends Int32Array
          ? "int32"
          : A extends Uint32Array
            ? "uint32"
            : A extends BigInt64Array
              ? "int64"
              : A extends BigUint64Array
                ? "uint64"
                : A extends Float32Array
                  ? "float32"
                  : A extends Float64Array
                    ? "float64"
                    : DType;

/** Any typed array flarekit may hold as voxel data. */
export type VoxelArray = DTypeArrayMap[DType];

/** Integer dtypes whose values are plain JS numbers (usable as label maps). */
export type IntegerDType = "uint8" | "int8" | "int16" | "uint16" | "int32" | "uint32";

/** Real scalar dtypes whose values are plain JS numbers. */
export type NumericDType = IntegerDType | "float32" | "float64";

/** Static facts about one dtype. */
export interface DTypeInfo {
  /** The NIfTI `datatype` code (nifti1.h `DT_*`). */
  readonly code: number;
  /** Bits per voxel on disk (`bitpix`). */
  readonly bitpix: number;
  /** Typed-array elements per voxel (2 for complex, 3 / 4 for RGB). */
  readonly components: number;
  /** Bytes per typed-array element. */
  readonly bytesPerElement: number;
  /** The typed-array constructor. */
  readonly arrayType: TypedArrayConstructorLike;
  /** Whether each element is an integer. */
  readonly integer: boolean;
}

/** A constructor shared by all typed arrays (length or buffer view forms). */
export interface TypedArrayConstructorLike {
  new (length: number): VoxelArray;
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): VoxelArray;
  readonly BYTES_PER_ELEMENT: number;
}

function info(
  code: number,
  bitpix: number,
  components: number,
  arrayType: unknown,
  integer: boolean,
): DTypeInfo {
  const ctor = arrayType as TypedArrayConstructorLike;
  return { code, bitpix, components, bytesPerElement: ctor.BYTES_PER_ELEMENT, arrayType: ctor, integer };
}

/** Facts about each {@link DType}. */
export const DTYPES: Readonly<Record<DType, DTypeInfo>> = {
  uint8: info(2, 8, 1, Uint8Array, true),
  int8: info(256, 8, 1, Int8Array, true),
  int16: info(4, 16, 1, Int16Array, true),
  uint16: info(512, 16, 1, Uint16Array, true),
  int32: info(8, 32, 1, Int32Array, true),
  uint32: info(768, 32, 1, Uint32Array, true),
  int64: info(1024, 64, 1, BigInt64Array, true),
  uint64: info(1280, 64, 1, BigUint64Array, true),
  float32: info(16, 32, 1, Float32Array, false),
  float64: info(64, 64, 1, Float64Array, false),
  complex64: info(32, 64, 2, Float32Array, false),
  complex128: info(1792, 128, 2, Float64Array, false),
  rgb24: info(128, 24, 3, Uint8Array, true),
  rgba32: info(2304, 32, 4, Uint8Array, true),
};

/**
 * The dtype of a typed array, for scalar arrays (RGB and complex data are
 * ambiguous from the array alone and must be named).
 *
 * @param array - A typed array.
 * @returns Its scalar dtype, for example `"int16"` for an `Int16Array`.
 * @example
 * ```ts
 * import { dtypeOf } from "flarekit";
 * dtypeOf(new Int16Array(4)); // "int16"
 * ```
 */
export function dtypeOf(array: VoxelArray): NumericDType | "int64" | "uint64" {
  if (array instanceof Uint8Array) return "uint8";
  if (array instanceof Int8Array) return "int8";
  if (array instanceof Int16Array) return "int16";
  if (array instanceof Uint16Array) return "uint16";
  if (array instanceof Int32Array) return "int32";
  if (array instanceof Uint32Array) return "uint32";
  if (array instanceof Float32Array) return "float32";
  if (array instanceof Float64Array) return "float64";
  if (array instanceof BigInt64Array) return "int64";
  if (array instanceof BigUint64Array) return "uint64";
  throw new TypeError(`Not a supported typed array: ${Object.prototype.toString.call(array)}`);
}

/**
 * Allocates a zero-filled typed array for `n` voxels of a dtype.
 *
 * @param dtype - The voxel type.
 * @param voxels - Number of voxels (elements are `voxels × components`).
 * @example
 * ```ts
 * import { allocate } from "flarekit";
 * allocate("int16", 8).length; // 8
 * ```
 */
export function allocate<D extends DType>(dtype: D, voxels: number): DTypeArrayMap[D] {
  const i = DTYPES[dtype];
  return new i.arrayType(voxels * i.components) as DTypeArrayMap[D];
}
