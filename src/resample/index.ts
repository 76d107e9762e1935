// Public API of flarekit/resample (curated).
export { resampleToSpacing } from "./resample-to-spacing.ts";
export { resampleToShape } from "./resample-to-shape.ts";
export { resampleLike } from "./resample-like.ts";
export type { AnisotropicRule, GridConvention, GridLike, Interpolation, ResampleFloatDType, ResampleOptions } from "./types.ts";
