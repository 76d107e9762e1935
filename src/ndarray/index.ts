/**
 * `flarekit/ndarray`: zero-copy adapters between flarekit volumes and
 * scijs `ndarray` views, so ndarray-ops and friends work on volume data in
 * place. `ndarray` is an optional peer dependency: install it to use this entry.
 * @module
 */
import ndarray from "ndarray";
import type { NdArray, TypedArray } from "ndarray";
import type { Affine } from "../core/affine.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import { Volume, type Scaling } from "../core/volume.ts";
import type { DType, DTypeArrayMap } from "../core/dtypes.ts";

/** An ndarray over one of the typed arrays flarekit uses. */
export type VolumeNdArray = NdArray<TypedArray>;

/**
 * A zero-copy ndarray view of a volume's voxels, indexed `(x, y, z, …)` like
 * nibabel's arrays: `view.get(i, j, k)` is voxel (i, j, k), and writes through
 * the view change the volume. Strides are the NIfTI storage order (x fastest).
 * Multi-component dtypes (complex, RGB) get a trailing component axis.
 *
 * @param volume - Any volume (not int64 / uint64, which ndarray cannot hold).
 * @returns An ndarray sharing the volume's buffer.
 * @throws `InvalidArgumentError` for 64-bit integer volumes.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { toNdarray } from "flarekit/ndarray";
 * const v = createVolume(new Int16Array(24), [2, 3, 4]);
 * const a = toNdarray(v);
 * a.set(1, 2, 3, 7);
 * v.data[1 + 2 * 2 + 3 * 6]; // 7
 * ```
 */
export function toNdarray(volume: Volume): VolumeNdArray {
  if (volume.dtype === "int64" || volume.dtype === "uint64") {
    throw new InvalidArgumentError("volume.dtype", volume.dtype, "a dtype ndarray supports (not int64 / uint64)", "Convert to float64 or int32 first.");
  }
  const comps = volume.components;
  const shape = comps > 1 ? [...volume.shape, comps] : [...volume.shape];
  const stride: number[] = [];
  let s = comps;
  for (const n of volume.shape) {
    stride.push(s);
    s *= n;
  }
  if (comps > 1) stride.push(1);
  return ndarray(volume.data as TypedArray, shape, stride, 0);
}

/** Options of {@link fromNdarray}. */
export interface FromNdarrayOptions {
  /** Voxel size along the first three axes in mm. @defaultValue from `affine`, else [1, 1, 1] */
  spacing?: readonly number[];
  /** Voxel → world affine (RAS+, mm). @defaultValue diag(spacing) */
  affine?: Affine;
  /** Stored-value scaling. */
  scaling?: Scaling;
  /** Dtype, needed for complex / RGB data (with a trailing component axis). */
  dtype?: DType;
}

/**
 * Wraps an ndarray as a {@link Volume}. When the ndarray's strides are the
 * NIfTI storage order (x fastest, contiguous, offset 0 — as {@link toNdarray}
 * makes them, or `ndarray(data, shape, stride)` with column-major strides) the
 * volume shares its buffer; otherwise the voxels are copied into storage order.
 *
 * @param array - An ndarray indexed (x, y, z, …).
 * @param options - Spacing, affine, scaling, dtype.
 * @returns The volume.
 * @example
 * ```ts
 * import ndarray from "ndarray";
 * import { fromNdarray } from "flarekit/ndarray";
 * const a = ndarray(new Float32Array(8), [2, 2, 2], [1, 2, 4]);
 * const v = fromNdarray(a, { spacing: [0.8, 0.8, 2.5] });
 * v.data === a.data; // true
 * ```
 */
export function fromNdarray(array: VolumeNdArray, options: FromNdarrayOptions = {}): Volume {
  const dtype = options.dtype;
  const comps = dtype === "complex64" || dtype === "complex128" ? 2 : dtype === "rgb24" ? 3 : dtype === "rgba32" ? 4 : 1;
  const shape = comps > 1 ? array.shape.slice(0, -1) : array.shape.slice();
  const fullShape = array.shape;
  let expect = 1;
  let contiguous = array.offset === 0;
  const order = comps > 1 ? [fullShape.length - 1, ...shape.map((_, i) => i)] : shape.map((_, i) => i);
  for (const ax of order) {
    if (fullShape[ax] > 1 && array.stride[ax] !== expect) contiguous = false;
    expect *= fullShape[ax];
  }
  const total = expect;
  let data = array.data as unknown as DTypeArrayMap[DType];
  if (!contiguous || (data as { length: number }).length !== total) {
    const Ctor = (array.data as unknown as { constructor: new (n: number) => DTypeArrayMap[DType] }).constructor;
    const out = new Ctor(total) as unknown as { [i: number]: number };
    const idx = new Array(fullShape.length).fill(0);
    for (let p = 0; p < total; p++) {
      out[p] = array.get(...idx);
      for (const ax of order) {
        if (++idx[ax] < fullShape[ax]) break;
        idx[ax] = 0;
      }
    }
    data = out as unknown as DTypeArrayMap[DType];
  }
  return new Volume(data, shape, {
    ...(dtype ? { dtype } : {}),
    ...(options.spacing ? { spacing: options.spacing } : {}),
    ...(options.affine ? { affine: options.affine } : {}),
    ...(options.scaling ? { scaling: options.scaling } : {}),
  });
}
