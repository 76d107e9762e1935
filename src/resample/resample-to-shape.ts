/**
 * Resampling to a new grid size.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import { checkInterpolation, resampleAxisAligned } from "./engine.ts";
import { checkTriple, conventionCoordinates, scaledAffine, spatialShape } from "./grid.ts";
import { resolveOptions, separateZAxis } from "./options.ts";
import type { ResampleOptions } from "./types.ts";

/**
 * Resamples a 3D volume to a new grid size `[m0, m1, m2]`. The new spacing is `s_in·n/m` per axis; output
 * index `o` samples source index `x = o·n/m` (`"center"`, default: first voxel centres coincide) or
 * `x = (o + 0.5)·n/m − 0.5` (`"extent"`: outer voxel edges coincide, as nnU-Net and skimage `resize`).
 * Coordinates past the edges are clamped (scipy `mode="nearest"`); the output affine places the new voxel
 * centres where the convention says. Same interpolation, dtype and memory rules as `resampleToSpacing`.
 *
 * @param volume - A 3D scalar volume.
 * @param shape - Output size, three positive integers.
 * @param options - Interpolation, grid convention, anisotropy rule, output dtype.
 * @returns A new volume of the given shape.
 * @throws {@link InvalidArgumentError} for a 4D / multi-component volume, a shape that is not three
 *   positive integers, or an unknown option value.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { resampleToShape } from "flarekit/resample";
 * const v = createVolume(new Float32Array([0, 10]), [2, 1, 1]);
 * Array.from(resampleToShape(v, [4, 1, 1], { convention: "extent" }).data); // [0, 2.5, 7.5, 10]
 * ```
 * @see scipy.ndimage.zoom (`grid_mode=True` for `"extent"`); skimage.transform.resize; nnU-Net `resize_segmentation`.
 */
export function resampleToShape(volume: Volume, shape: ArrayLike<number>, options: ResampleOptions = {}): Volume {
  const dims = spatialShape(volume);
  if (shape == null || typeof shape.length !== "number") throw new InvalidArgumentError("shape", shape, "three positive integers");
  const m = checkTriple("shape", Array.from(shape), true);
  const interpolation = checkInterpolation(volume, options.interpolation ?? "linear");
  const o = resolveOptions(options);
  const sIn = volume.spacing;
  const extent = o.convention === "extent";
  const scale = [0, 1, 2].map((a) => dims[a] / m[a]);
  const coords = [0, 1, 2].map((a) => conventionCoordinates(dims[a], m[a], o.convention, dims[a], m[a])) as [Float64Array, Float64Array, Float64Array];
  const offset = scale.map((r) => (extent ? 0.5 * r - 0.5 : 0));
  const spacing = [0, 1, 2].map((a) => sIn[a] * scale[a]);
  return resampleAxisAligned(volume, dims, coords, undefined, {
    interpolation,
    floatDType: o.floatDType,
    affine: scaledAffine(volume.affine, scale, offset),
    spacing,
    nearestAxis: o.anisotropic === "separate-z" ? separateZAxis(sIn, spacing, o.anisotropyThreshold) : -1,
  });
}
