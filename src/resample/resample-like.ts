/**
 * Resampling onto another volume's grid through both affines.
 * @module
 */
import { type Affine, invertAffine, multiplyAffines, spacingFromAffine } from "../core/affine.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import { Volume } from "../core/volume.ts";
import { checkInterpolation, defaultFill, resampleAxisAligned, resampleGeneral } from "./engine.ts";
import { checkTriple, spatialShape } from "./grid.ts";
import { resolveOptions } from "./options.ts";
import type { GridLike, ResampleOptions } from "./types.ts";

/**
 * Resamples `volume` onto the grid of `reference` (its shape and voxel → world affine, RAS+ mm): each
 * output voxel centre is mapped to source voxel coordinates by `inverse(volume.affine) · reference.affine`
 * and interpolated there. Voxel centres outside the source's extent (more than half a voxel beyond its
 * first or last voxel centre on any axis) get `options.fill` (default: the image minimum; 0 for
 * `"labels-linear"`); inside that extent, coordinates are clamped as scipy `mode="nearest"` does.
 * Axis-aligned grids (scaling and shift only) use the separable engine; rotated or permuted grids are
 * interpolated voxel by voxel (cubic then prefilters the whole source into a float32 scratch volume
 * padded by 12 voxels per side). `resampleLike(v, v)` returns `v`'s values unchanged.
 *
 * @param volume - A 3D scalar volume.
 * @param reference - The target grid: a volume, or `{ shape, affine }`.
 * @param options - Interpolation, fill value (scaled units) and output dtype.
 * @returns A new volume with `reference`'s shape and affine.
 * @throws {@link InvalidArgumentError} for a 4D / multi-component volume, a reference shape that is not
 *   three positive integers, a singular affine, or an unknown option value.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { resampleLike } from "flarekit/resample";
 * const ct = createVolume(new Int16Array([10, 20, 30, 40]), [4, 1, 1]);
 * const shifted = { shape: [4, 1, 1], affine: [[1, 0, 0, 2], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] };
 * Array.from(resampleLike(ct, shifted, { interpolation: "nearest", fill: -1 }).data); // [30, 40, -1, -1]
 * ```
 * @see nibabel.processing.resample_from_to (the same voxel-to-voxel mapping); scipy.ndimage.map_coordinates.
 */
export function resampleLike(volume: Volume, reference: Volume | GridLike, options: ResampleOptions = {}): Volume {
  const dims = spatialShape(volume);
  let shape: [number, number, number];
  if (reference instanceof Volume) {
    shape = spatialShape(reference, "reference");
  } else {
    if (!reference || !Array.isArray(reference.shape) || !Array.isArray(reference.affine)) {
      throw new InvalidArgumentError("reference", reference, "a Volume or { shape, affine }");
    }
    shape = checkTriple("reference.shape", [...reference.shape.slice(0, 3), 1, 1].slice(0, 3), true);
  }
  const interpolation = checkInterpolation(volume, options.interpolation ?? "linear");
  const o = resolveOptions(options);
  const refAffine = reference.affine.map((r) => [...r]) as Affine;
  let inv: Affine;
  try {
    inv = invertAffine(volume.affine);
  } catch {
    throw new InvalidArgumentError("volume.affine", volume.affine, "an invertible 4×4 affine");
  }
  const m = multiplyAffines(inv, refAffine);
  const fill = options.fill ?? defaultFill(volume, interpolation);
  const spacing = reference instanceof Volume ? reference.spacing : spacingFromAffine(refAffine);
  const req = { interpolation, floatDType: o.floatDType, affine: refAffine, spacing, nearestAxis: -1, fill };
  let scaleMax = 0;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) scaleMax = Math.max(scaleMax, Math.abs(m[r][c]));
  let aligned = true;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) if (r !== c && Math.abs(m[r][c]) > 1e-9 * scaleMax) aligned = false;
  if (!aligned) return resampleGeneral(volume, dims, m, shape, req);
  const eps = 1e-6;
  const coords: Float64Array[] = [];
  const inside: (Uint8Array | undefined)[] = [];
  for (let a = 0; a < 3; a++) {
    const x = new Float64Array(shape[a]);
    const flags = new Uint8Array(shape[a]);
    let allIn = true;
    for (let i = 0; i < shape[a]; i++) {
      x[i] = m[a][a] * i + m[a][3];
      const isIn = x[i] >= -0.5 - eps && x[i] <= dims[a] - 0.5 + eps;
      flags[i] = isIn ? 1 : 0;
      if (!isIn) allIn = false;
    }
    coords.push(x);
    inside.push(allIn ? undefined : flags);
  }
  return resampleAxisAligned(volume, dims, coords as [Float64Array, Float64Array, Float64Array], inside, req);
}
