/**
 * Option types shared by the resampling functions.
 * @module
 */

/**
 * How voxel values are computed at the new grid points.
 *
 * - `"nearest"`: the value of the nearest source voxel; ties round half up (index `floor(x + 0.5)`).
 *   Keeps the dtype and scaling; exact for label maps.
 * - `"linear"`: trilinear interpolation (scipy.ndimage order 1).
 * - `"cubic"`: cubic B-spline with prefilter, as `scipy.ndimage.map_coordinates(order=3, mode="nearest")`.
 * - `"labels-linear"`: nnU-Net's segmentation resampling: for each label c ascending, the one-hot mask is
 *   resampled linearly and c is set where the result is ≥ 0.5 (later labels overwrite earlier ones).
 */
export type Interpolation = "nearest" | "linear" | "cubic" | "labels-linear";

/**
 * Where the new voxel centres fall, in source voxel indices x, for output index o (per axis, n source
 * voxels, m output voxels, spacings s_in and s_out in mm).
 *
 * - `"extent"`: `x = (o + 0.5)·n/m − 0.5` — the outer voxel edges of both grids coincide (nnU-Net,
 *   skimage `resize`, scipy `zoom(grid_mode=True)`). The output spacing is `s_in·n/m`.
 * - `"center"`: `x = o·s_out/s_in` — the first voxel centres coincide (ITK/SimpleITK resampling with
 *   the same origin, MONAI `Spacing`).
 */
export type GridConvention = "extent" | "center";

/**
 * Anisotropy handling. `"separate-z"` is nnU-Net's rule: when max/min spacing (of the source, else of the
 * target) exceeds `anisotropyThreshold` and one axis alone has the largest spacing, that axis is
 * resampled with `"nearest"` and the other two with the chosen interpolation. `"none"` treats all axes alike.
 */
export type AnisotropicRule = "separate-z" | "none";

/** Output dtype of `"linear"` and `"cubic"` resampling (`"nearest"` and `"labels-linear"` keep the input dtype). */
export type ResampleFloatDType = "float32" | "float64";

/** Options of `resampleToSpacing`, `resampleToShape` and `resampleLike`. */
export interface ResampleOptions {
  /**
   * Interpolation method.
   * @defaultValue `"linear"`
   */
  interpolation?: Interpolation;
  /**
   * Grid convention for `resampleToSpacing` and `resampleToShape` (ignored by `resampleLike`, whose grid is
   * given by the reference affine).
   * @defaultValue `"center"`
   */
  convention?: GridConvention;
  /**
   * Anisotropy rule (`resampleToSpacing` and `resampleToShape`).
   * @defaultValue `"none"`
   */
  anisotropic?: AnisotropicRule;
  /**
   * Spacing ratio above which `anisotropic: "separate-z"` applies (nnU-Net's `ANISO_THRESHOLD`).
   * @defaultValue `3`
   */
  anisotropyThreshold?: number;
  /**
   * `resampleLike` only: value written where a new voxel centre lies outside the source's voxel extent
   * (more than half a voxel beyond its first or last voxel centre along any axis), in scaled units (HU).
   * @defaultValue the image minimum; `0` for `"labels-linear"`
   */
  fill?: number;
  /**
   * Output dtype of `"linear"` / `"cubic"` results (values are scaled, e.g. HU).
   * @defaultValue `"float32"`
   */
  dtype?: ResampleFloatDType;
}

/** A target grid for `resampleLike`: a volume, or just its shape and voxel → world affine (RAS+, mm). */
export interface GridLike {
  /** Size along each spatial axis. */
  readonly shape: readonly number[];
  /** 4×4 voxel → world affine, RAS+, mm. */
  readonly affine: readonly (readonly number[])[];
}
