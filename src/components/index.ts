/**
 * Connected components of label maps: multilabel 3D labelling, keep the k
 * largest components per organ, remove small components, fill holes, and the
 * FLARE21 winner's post-processing preset.
 *
 * @module flarekit/components
 */
export { labelComponents, type LabelComponentsOptions } from "./label-components.ts";
export { keepLargest, type KeepLargestOptions, type KeepCount } from "./keep-largest.ts";
export { removeSmallComponents, type RemoveSmallComponentsOptions } from "./remove-small-components.ts";
export { fillHoles, type FillHolesOptions } from "./fill-holes.ts";
export {
  postprocessFlare,
  FLARE21_KEEP_K,
  FLARE21_MIN_VOLUME_MM3,
  type PostprocessFlareOptions,
} from "./postprocess-flare.ts";
export type {
  Connectivity,
  ComponentDType,
  ComponentIdArray,
  ComponentInfo,
  LabelComponentsResult,
  LabelRemoval,
  LabelFill,
} from "./types.ts";
