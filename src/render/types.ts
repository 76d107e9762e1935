/**
 * Types shared by the render functions.
 * @module
 */

/** An RGBA image, 8 bits per channel, rows top to bottom, pixels left to right (the layout of canvas `ImageData`). */
export interface RenderedImage {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** `width × height × 4` bytes: R, G, B, A per pixel, row-major from the top-left corner. */
  rgba: Uint8ClampedArray;
}

/** An RGB colour, each channel 0–255. */
export type RgbColor = readonly [number, number, number];

/**
 * Which anatomical plane to show. Display follows the radiological convention:
 * axial — patient's right on the image's left, anterior up; coronal — patient's
 * right on the left, superior up; sagittal — anterior on the left, superior up.
 */
export type SliceAxis = "axial" | "coronal" | "sagittal";
