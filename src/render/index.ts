/**
 * `flarekit/render`: CT slices with organ overlays as RGBA pixels, montages,
 * PNG encoding and notebook display. Platform-neutral; the PNG encoder lives
 * only in this subpath, so bundles that never display stay small. Importing
 * it also makes every `Volume` display itself in Deno Jupyter notebooks
 * (its middle axial slice: CT in the 40 / 400 HU window, `uint8` label maps in
 * FLARE colours, other images stretched min–max).
 * @module
 */
export { renderSlice, sliceCount } from "./render-slice.ts";
export type { RenderSliceOptions, DisplayWindow } from "./render-slice.ts";
export { montage } from "./montage.ts";
export type { MontageOptions } from "./montage.ts";
export { encodePng } from "./encode-png.ts";
export type { EncodePngOptions } from "./encode-png.ts";
export { show, ShownImage } from "./show.ts";
export { FLARE_COLORS } from "./flare-colors.ts";
export type { RenderedImage, RgbColor, SliceAxis } from "./types.ts";
