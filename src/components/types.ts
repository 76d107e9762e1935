/**
 * Option and result types shared by the connected-component functions.
 * @module
 */
import type { Volume } from "../core/volume.ts";

/**
 * Voxel connectivity. In 3D: `6` (faces), `18` (faces and edges) or `26`
 * (faces, edges and corners). `4` (edges) and `8` (edges and corners) label
 * each slice of constant third index (an axial slice for RAS-like volumes) on
 * its own. On a 2D volume (third axis of size 1), 6 equals 4 and 18 / 26 equal 8.
 */
export type Connectivity = 4 | 6 | 8 | 18 | 26;

/** The dtypes of a component-id volume: the smallest unsigned type that holds the count. */
export type ComponentDType = "uint8" | "uint16" | "uint32";

/** Typed arrays that can hold component ids. */
export type ComponentIdArray = Uint8Array | Uint16Array | Uint32Array;

/** One connected component, as listed by `labelComponents`. */
export interface ComponentInfo {
  /** The component id in the component volume, 1..count, in order of first voxel (storage order, x fastest). */
  id: number;
  /** The label value (organ) the component belongs to. */
  label: number;
  /** Number of voxels. */
  voxelCount: number;
  /** Volume in mm³ (`voxelCount` × product of the spacing). */
  volumeMm3: number;
  /** Storage index of the component's first voxel (`i + nx·(j + ny·k)`). */
  firstVoxel: number;
  /** Smallest voxel index (i, j, k) along each axis, inclusive. */
  bboxMin: [number, number, number];
  /** Largest voxel index (i, j, k) along each axis, inclusive. */
  bboxMax: [number, number, number];
  /** Mean voxel index (i, j, k) of the component's voxels (voxel units, not mm). */
  centroidVoxel: [number, number, number];
}

/** The result of `labelComponents`. */
export interface LabelComponentsResult {
  /** Component ids (0 = background), on the input's grid, as uint8 / uint16 / uint32. */
  volume: Volume<ComponentDType>;
  /** Number of components N; ids run 1..N. */
  count: number;
  /** One entry per component, `components[id - 1]`. */
  components: ComponentInfo[];
}

/** What a component filter removed from one label value. */
export interface LabelRemoval {
  /** The label value. */
  label: number;
  /** Components of this label before filtering. */
  componentsBefore: number;
  /** Components removed (set to 0). */
  componentsRemoved: number;
  /** Voxels set to 0. */
  voxelsRemoved: number;
  /** Removed volume in mm³. */
  volumeRemovedMm3: number;
}

/** What `fillHoles` filled with one label value. */
export interface LabelFill {
  /** The label value. */
  label: number;
  /** Background voxels set to this label. */
  voxelsFilled: number;
  /** Filled volume in mm³. */
  volumeFilledMm3: number;
}
