/**
 * The Volume model: voxel data in NIfTI storage order with its geometry.
 * @module
 */
import type { NiftiExtension, NiftiHeader, NiftiSource, AffineSource } from "../nifti/header-types.ts";
import { type Affine, copyAffine, diagonalAffine, spacingFromAffine } from "./affine.ts";
import { DTYPES, dtypeOf, type DType, type DTypeArrayMap, type DTypeOfArray, type VoxelArray } from "./dtypes.ts";
import { InvalidArgumentError } from "./errors.ts";

/** Linear scaling stored with integer data: `value = raw × slope + intercept`. */
export interface Scaling {
  /** Multiplier (NIfTI `scl_slope`); never 0, NaN or ±Inf here. */
  slope: number;
  /** Offset (NIfTI `scl_inter`). */
  intercept: number;
}

/** What a volume read from a file remembers of it, so writing keeps every header field. */
export interface VolumeNifti {
  /** The header exactly as read. */
  header: NiftiHeader;
  /** Header extensions, in file order. */
  extensions: NiftiExtension[];
  /** Format, byte order and storage. */
  source: NiftiSource;
  /** Which rule produced `volume.affine`. */
  affineSource: AffineSource;
}

/** Options of {@link createVolume} and the {@link Volume} constructor. */
export interface VolumeOptions<D extends DType = DType> {
  /** The dtype; inferred from the array when omitted (required for complex and RGB data). */
  dtype?: D;
  /** Voxel size along the first three axes in mm. Default: from `affine`, else `[1, 1, 1]`. */
  spacing?: readonly number[];
  /** Voxel → world (RAS+, mm) affine. Default: `diag(spacing)` with the origin at voxel 0. */
  affine?: Affine;
  /** Linear scaling of the stored values (default: none). */
  scaling?: Scaling;
  /** Header, extensions and source when the volume came from a file. */
  nifti?: VolumeNifti;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * A 3D (or up to 7D) image: a typed array in NIfTI storage order (x fastest,
 * then y, then z, then t …) with its shape, voxel spacing (mm) and
 * voxel → world affine (RAS+, mm, as nibabel reports it).
 *
 * The voxel at (i, j, k) is `data[i + shape[0] * (j + shape[1] * k)]`
 * (times `components` for complex and RGB data).
 *
 * @typeParam D - The dtype; `Volume<"int16">["data"]` is an `Int16Array`.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * const v = createVolume(new Int16Array(8), [2, 2, 2], { spacing: [0.8, 0.8, 2.5] });
 * String(v); // "Volume<int16> 2×2×2 @ 0.80×0.80×2.50 mm"
 * ```
 */
export class Volume<D extends DType = DType> {
  /** The voxel type. */
  readonly dtype: D;
  /** The voxels, x fastest; interleaved for multi-component dtypes. */
  readonly data: DTypeArrayMap[D];
  /** The size along each axis (2 to 7 axes; the first three are spatial). */
  readonly shape: readonly number[];
  /** Voxel size along the first three axes, in mm (always three numbers). */
  readonly spacing: readonly [number, number, number];
  /** 4×4 voxel → world affine, RAS+, mm. */
  readonly affine: Affine;
  /** Stored-value scaling, or `undefined` when values are used as stored. */
  readonly scaling: Scaling | undefined;
  /** Header, extensions and source when read from a NIfTI file. */
  readonly nifti: VolumeNifti | undefined;

  constructor(data: DTypeArrayMap[D], shape: readonly number[], options: VolumeOptions<D> = {}) {
    const dtype = (options.dtype ?? dtypeOf(data)) as D;
    const info = DTYPES[dtype];
    if (!info) throw new InvalidArgumentError("dtype", dtype, "one of " + Object.keys(DTYPES).join(", "));
    if (!(data instanceof info.arrayType)) {
      throw new InvalidArgumentError(
        "data",
        Object.prototype.toString.call(data),
        `a ${info.arrayType.name} for dtype ${dtype}`,
      );
    }
    if (shape.length < 1 || shape.length > 7 || shape.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new InvalidArgumentError("shape", [...shape], "1 to 7 positive integers");
    }
    const voxels = shape.reduce((a, b) => a * b, 1);
    if (data.length !== voxels * info.components) {
      throw new InvalidArgumentError(
        "data.length",
        data.length,
        `${voxels * info.components} (= ${shape.join("×")}${info.components > 1 ? ` × ${info.components} components` : ""})`,
        "Pass an array with one element per voxel (and component).",
      );
    }
    let spacing: number[];
    let affine: Affine;
    if (options.affine) {
      affine = copyAffine(options.affine);
      spacing = options.spacing ? [...options.spacing] : spacingFromAffine(affine);
    } else {
      spacing = options.spacing ? [...options.spacing] : [1, 1, 1];
      affine = diagonalAffine(spacing);
    }
    while (spacing.length < 3) spacing.push(1);
    spacing = spacing.slice(0, 3);
    if (spacing.some((s) => !Number.isFinite(s) || s <= 0)) {
      throw new InvalidArgumentError("spacing", spacing, "three finite positive numbers (mm)");
    }
    this.dtype = dtype;
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.spacing = Object.freeze(spacing) as unknown as readonly [number, number, number];
    this.affine = affine;
    this.scaling = options.scaling;
    this.nifti = options.nifti;
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of voxels (product of the shape). */
  get voxelCount(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }

  /** Typed-array elements per voxel: 1, or 2 (complex), 3 (RGB), 4 (RGBA). */
  get components(): number {
    return DTYPES[this.dtype].components;
  }

  /** One line: `Volume<int16> 512×512×97 @ 0.78×0.78×2.50 mm`. */
  toString(): string {
    const sp = this.spacing.map((s) => s.toFixed(2)).join("×");
    const scaled = this.scaling ? ` (scaled ×${fmt(this.scaling.slope)} ${this.scaling.intercept < 0 ? "−" : "+"} ${fmt(Math.abs(this.scaling.intercept))})` : "";
    return `Volume<${this.dtype}> ${this.shape.join("×")} @ ${sp} mm${scaled}`;
  }

  static {
    // Node's REPL, console.log and util.inspect show the one-line toString().
    Object.defineProperty(this.prototype, INSPECT, {
      value(this: Volume): string {
        return this.toString();
      },
      enumerable: false,
    });
  }

  /** The tag `Object.prototype.toString` reports. */
  get [Symbol.toStringTag](): string {
    return "Volume";
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(4);
}

/**
 * Wraps a typed array as a {@link Volume} (no copy).
 *
 * @param data - Voxels in storage order (x fastest).
 * @param shape - Size along each axis.
 * @param options - Spacing (mm), affine, dtype, scaling.
 * @returns A volume viewing `data`.
 * @throws {@link InvalidArgumentError} when the length does not match the shape or spacing is not positive.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * const v = createVolume(new Uint8Array(27), [3, 3, 3], { spacing: [0.8, 0.8, 2.5] });
 * v.affine[2][2]; // 2.5
 * ```
 */
export function createVolume<A extends VoxelArray, D extends DType = DTypeOfArray<A>>(
  data: A,
  shape: readonly number[],
  options: VolumeOptions<D> = {},
): Volume<D> {
  return new Volume<D>(data as unknown as DTypeArrayMap[D], shape, options);
}

/**
 * A new volume on the same grid (shape, spacing, affine, NIfTI metadata) as
 * `reference`, holding `data`. Scaling is dropped unless given: the new
 * values are taken as they are (for example labels derived from a CT).
 *
 * @param reference - The volume whose geometry to reuse.
 * @param data - Voxels for the new volume; its length must match.
 * @param options - Optional dtype and scaling.
 * @example
 * ```ts
 * import { createVolume, volumeLike } from "flarekit";
 * const ct = createVolume(new Int16Array(8), [2, 2, 2], { spacing: [1, 1, 3] });
 * const mask = volumeLike(ct, new Uint8Array(8));
 * String(mask); // "Volume<uint8> 2×2×2 @ 1.00×1.00×3.00 mm"
 * ```
 */
export function volumeLike<D extends DType = DType>(
  reference: Volume,
  data: DTypeArrayMap[D],
  options: { dtype?: D; scaling?: Scaling } = {},
): Volume<D> {
  const opts: VolumeOptions<D> = {
    spacing: reference.spacing,
    affine: reference.affine,
  };
  if (options.dtype !== undefined) opts.dtype = options.dtype;
  if (options.scaling !== undefined) opts.scaling = options.scaling;
  if (reference.nifti !== undefined) opts.nifti = reference.nifti;
  return new Volume<D>(data, reference.shape, opts);
}

/**
 * Narrows a volume to one dtype, so its `data` gets the matching typed-array type.
 *
 * @param volume - Any volume (for example from {@link readNifti}).
 * @param dtype - The dtype to test for.
 * @returns Whether `volume.dtype === dtype`.
 * @example
 * ```ts
 * import { createVolume, hasDType } from "flarekit";
 * const v = createVolume(new Int16Array(8), [2, 2, 2]);
 * if (hasDType(v, "int16")) v.data[0] = -1024; // v.data is an Int16Array here
 * ```
 */
export function hasDType<D extends DType>(volume: Volume, dtype: D): volume is Volume<D> {
  return volume.dtype === dtype;
}
