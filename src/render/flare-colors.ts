/**
 * Default overlay colours.
 * @module
 */
import type { RgbColor } from "./types.ts";

/**
 * The FLARE21 label colours, as in the dataset card's figure: 1 liver red,
 * 2 kidneys green, 3 spleen blue, 4 pancreas yellow.
 *
 * @example
 * ```ts
 * import { FLARE_COLORS } from "flarekit/render";
 * FLARE_COLORS[1]; // [255, 0, 0]
 * ```
 * @see FLARE21 challenge data description, https://flare.grand-challenge.org/Data/
 */
export const FLARE_COLORS: Readonly<Record<number, RgbColor>> = Object.freeze({
  1: [255, 0, 0],
  2: [0, 255, 0],
  3: [0, 0, 255],
  4: [255, 255, 0],
});
