/**
 * Input and option types shared by the metrics.
 * @module
 */

/**
 * A label map or binary mask: voxel values in NIfTI storage order (x fastest)
 * with its shape. Every numeric `Volume` qualifies (its `spacing` and
 * `scaling` are used); plain objects work too.
 */
export interface LabelImage {
  /** Voxel values, x fastest (any numeric typed array or array; 64-bit integer arrays are converted to numbers). */
  readonly data: ArrayLike<number> | BigInt64Array | BigUint64Array;
  /** `[nx, ny, nz]` (trailing axes must be 1); a 2-D `[nx, ny]` image uses the 2-D variant (contour elements, lengths in mm). */
  readonly shape: readonly number[];
  /** Voxel size along x, y, z in mm (used from the ground truth when no `spacingMm` option is given). */
  readonly spacing?: readonly number[];
  /** Stored-value scaling (`value = raw × slope + intercept`), applied when present. */
  readonly scaling?: { readonly slope: number; readonly intercept: number } | undefined;
  /** 4×4 voxel → world affine (mm); only compared by {@link evaluateCase} to report a prediction on another grid. */
  readonly affine?: readonly (readonly number[])[];
}

/** Which voxels form the two masks, and the voxel spacing. */
export interface MaskOptions {
  /**
   * The label compared (with `===`) in both images. When omitted, every
   * non-zero voxel belongs to the mask.
   */
  label?: number;
  /**
   * Voxel size along x, y, z in mm.
   * @defaultValue the ground truth's `spacing`, else `[1, 1, 1]`
   */
  spacingMm?: readonly number[];
}

/** Options of {@link surfaceDice}. */
export interface SurfaceDiceOptions extends MaskOptions {
  /**
   * Distance (mm) within which a surface element counts as overlapping (`d <= toleranceMm`).
   * @defaultValue 1
   */
  toleranceMm?: number;
}

/** Options of {@link hausdorff}. */
export interface HausdorffOptions extends MaskOptions {
  /**
   * Percentile of the area-weighted distance distribution, 0–100 (100: the
   * Hausdorff distance, 95: HD95).
   * @defaultValue 100
   */
  percentile?: number;
}

/** Options of {@link assd}. */
export interface AssdOptions extends MaskOptions {
  /**
   * How the two directions are combined: `"mean-of-directions"` averages the
   * two directed average distances; `"area-weighted"` is the mean distance
   * over all surface elements of both surfaces, weighted by element area.
   * @defaultValue "mean-of-directions"
   */
  mode?: "mean-of-directions" | "area-weighted";
}

/** The two directed average surface distances (mm). */
export interface AverageSurfaceDistance {
  /** Area-weighted mean distance from the ground-truth surface to the prediction's. */
  gtToPredMm: number;
  /** Area-weighted mean distance from the prediction's surface to the ground truth's. */
  predToGtMm: number;
}
