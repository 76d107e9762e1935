/**
 * Where each displayed pixel comes from, for a plane of a volume shown in the
 * radiological convention, whatever the affine.
 * @internal
 * @module
 */
import type { Affine } from "../core/affine.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import { ioOrientation } from "../nifti/orientation.ts";
import type { SliceAxis } from "./types.ts";

/**
 * For each plane: the world axis normal to it, the world axis shown left→right
 * and top→bottom (0 = x, 1 = y, 2 = z in RAS+), and along which direction the
 * world coordinate runs as the column / row index grows. All are −1:
 * axial — x falls to the right (patient's right on the left), y falls downwards (anterior up);
 * coronal — x falls to the right, z falls downwards (superior up);
 * sagittal — y falls to the right (anterior on the left), z falls downwards.
 */
const PLANES: Record<SliceAxis, { normal: number; horizontal: number; vertical: number }> = {
  axial: { normal: 2, horizontal: 0, vertical: 1 },
  coronal: { normal: 1, horizontal: 0, vertical: 2 },
  sagittal: { normal: 0, horizontal: 1, vertical: 2 },
};

/** Voxel-axis bookkeeping for one plane. */
export interface SliceGeometry {
  /** Voxel axis (0, 1, 2) across the plane (the slice index counts along it). */
  sliceAxis: number;
  /** Voxel axis shown left→right. */
  columnAxis: number;
  /** Voxel axis shown top→bottom. */
  rowAxis: number;
  /** Whether the first column shows the last voxel along `columnAxis`. */
  columnReversed: boolean;
  /** Whether the first row shows the last voxel along `rowAxis`. */
  rowReversed: boolean;
}

/** The voxel axes and flips for `axis`, from the affine's nearest-axis orientation (nibabel `io_orientation`). */
export function sliceGeometry(affine: Affine, axis: SliceAxis): SliceGeometry {
  const plane = PLANES[axis];
  if (!plane) throw new InvalidArgumentError("axis", axis, '"axial", "coronal" or "sagittal"');
  let ornt = ioOrientation(affine);
  if (ornt.some((o) => o === null)) ornt = [[0, 1], [1, 1], [2, 1]];
  const voxelAxisOf = (world: number): [number, 1 | -1] => {
    const a = ornt.findIndex((o) => o !== null && o[0] === world);
    return [a, (ornt[a] as [number, 1 | -1])[1]];
  };
  const [sliceAxis] = voxelAxisOf(plane.normal);
  const [columnAxis, cSign] = voxelAxisOf(plane.horizontal);
  const [rowAxis, rSign] = voxelAxisOf(plane.vertical);
  // The world coordinate must fall as the column / row grows: start from the voxel end where it is largest.
  return { sliceAxis, columnAxis, rowAxis, columnReversed: cSign === 1, rowReversed: rSign === 1 };
}
