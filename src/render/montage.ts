/**
 * Several images side by side.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import type { RenderedImage } from "./types.ts";

/** Options of {@link montage}. */
export interface MontageOptions {
  /**
   * Images per row.
   * @defaultValue `ceil(sqrt(count))`
   */
  columns?: number;
  /**
   * Space between cells and around the border, in pixels.
   * @defaultValue `4`
   */
  gapPx?: number;
  /**
   * Background colour, RGBA 0–255.
   * @defaultValue `[0, 0, 0, 255]`
   */
  background?: readonly [number, number, number, number];
}

/**
 * Lays out images in a grid, row by row: every cell is as large as the
 * largest image, and each image is centred in its cell.
 *
 * @param images - One or more images (for example slices from `renderSlice`).
 * @param options - Columns, gap (px) and background colour.
 * @returns One image holding all of them.
 * @throws `InvalidArgumentError` when `images` is empty or an option is out of range.
 * @example
 * ```ts
 * import { montage } from "flarekit/render";
 * const tile = { width: 2, height: 2, rgba: new Uint8ClampedArray(16).fill(255) };
 * const m = montage([tile, tile, tile], { columns: 3, gapPx: 1 });
 * [m.width, m.height]; // [10, 4]
 * ```
 */
export function montage(images: readonly RenderedImage[], options: MontageOptions = {}): RenderedImage {
  if (!Array.isArray(images) || images.length === 0) throw new InvalidArgumentError("images", images, "at least one image");
  const count = images.length;
  const columns = options.columns ?? Math.ceil(Math.sqrt(count));
  if (!Number.isInteger(columns) || columns < 1) throw new InvalidArgumentError("columns", columns, "a positive integer");
  const gap = options.gapPx ?? 4;
  if (!Number.isInteger(gap) || gap < 0) throw new InvalidArgumentError("gapPx", gap, "an integer ≥ 0");
  const bg = options.background ?? [0, 0, 0, 255];
  const cols = Math.min(columns, count);
  const rows = Math.ceil(count / cols);
  let cellW = 0;
  let cellH = 0;
  for (const im of images) {
    if (!im || im.rgba.length !== im.width * im.height * 4) throw new InvalidArgumentError("images[]", im && `${im.width}×${im.height}`, "images whose rgba holds width × height × 4 bytes");
    cellW = Math.max(cellW, im.width);
    cellH = Math.max(cellH, im.height);
  }
  const width = cols * cellW + (cols + 1) * gap;
  const height = rows * cellH + (rows + 1) * gap;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < rgba.length; p += 4) {
    rgba[p] = bg[0];
    rgba[p + 1] = bg[1];
    rgba[p + 2] = bg[2];
    rgba[p + 3] = bg[3];
  }
  images.forEach((im, n) => {
    const x0 = gap + (n % cols) * (cellW + gap) + ((cellW - im.width) >> 1);
    const y0 = gap + Math.floor(n / cols) * (cellH + gap) + ((cellH - im.height) >> 1);
    for (let y = 0; y < im.height; y++) {
      rgba.set(im.rgba.subarray(y * im.width * 4, (y + 1) * im.width * 4), ((y0 + y) * width + x0) * 4);
    }
  });
  return { width, height, rgba };
}
