/**
 * PNG encoding.
 * @module
 */
import { zlibSync } from "fflate";
import { InvalidArgumentError } from "../core/errors.ts";
import { crc32 } from "./crc32.ts";
import type { RenderedImage } from "./types.ts";

/** Options of {@link encodePng}. */
export interface EncodePngOptions {
  /**
   * Deflate level (fflate's `zlibSync`): 0 stores, 9 compresses most.
   * @defaultValue `6`
   */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /**
   * `"auto"` writes an RGB PNG (colour type 2) when every pixel is opaque and
   * RGBA (colour type 6) otherwise; `"rgba"` always writes RGBA.
   * @defaultValue `"auto"`
   */
  color?: "auto" | "rgba";
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Encodes an RGBA image as a PNG file: 8 bits per channel, no interlace,
 * each row filtered with whichever of the five PNG filters gives the smallest
 * sum of absolute differences (the heuristic the PNG specification recommends,
 * §12.8), compressed with fflate's zlib, chunks checksummed with CRC-32.
 *
 * Memory: about two copies of the image's bytes. Time: about 30 ms for 512×512.
 *
 * @param image - The pixels (for example from `renderSlice` or `montage`).
 * @param options - Deflate level and colour type.
 * @returns The PNG file's bytes.
 * @throws `InvalidArgumentError` when the size is not positive or `rgba` has the wrong length.
 * @example
 * ```ts
 * import { encodePng } from "flarekit/render";
 * const png = encodePng({ width: 1, height: 1, rgba: new Uint8ClampedArray([255, 0, 0, 255]) });
 * Array.from(png.subarray(1, 4)); // [80, 78, 71]  ("PNG")
 * ```
 * @see PNG (Portable Network Graphics) Specification, Third Edition, W3C 2025, https://www.w3.org/TR/png-3/
 */
export function encodePng(image: RenderedImage, options: EncodePngOptions = {}): Uint8Array {
  const { width, height, rgba } = image;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new InvalidArgumentError("image size", `${width}×${height}`, "positive integer width and height");
  }
  if (!rgba || rgba.length !== width * height * 4) {
    throw new InvalidArgumentError("image.rgba.length", rgba?.length, `${width * height * 4} (= width × height × 4)`);
  }
  const level = options.level ?? 6;
  if (!Number.isInteger(level) || level < 0 || level > 9) throw new InvalidArgumentError("level", level, "an integer 0–9");
  let opaque = options.color !== "rgba";
  if (opaque) {
    for (let i = 3; i < rgba.length; i += 4) {
      if (rgba[i] !== 255) {
        opaque = false;
        break;
      }
    }
  }
  const bpp = opaque ? 3 : 4;
  const stride = width * bpp;
  // Unfiltered rows (alpha dropped when opaque).
  let raw: Uint8Array;
  if (opaque) {
    raw = new Uint8Array(stride * height);
    for (let s = 0, d = 0; s < rgba.length; s += 4, d += 3) {
      raw[d] = rgba[s];
      raw[d + 1] = rgba[s + 1];
      raw[d + 2] = rgba[s + 2];
    }
  } else {
    raw = new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.length);
  }
  const filtered = new Uint8Array((stride + 1) * height);
  const candidate = new Uint8Array(stride);
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? raw.subarray((y - 1) * stride, y * stride) : zero;
    const outRow = filtered.subarray(y * (stride + 1), (y + 1) * (stride + 1));
    let bestScore = Infinity;
    for (let f = 0; f < 5; f++) {
      let score = 0;
      for (let x = 0; x < stride; x++) {
        const a = x >= bpp ? row[x - bpp] : 0;
        const b = prev[x];
        const c = x >= bpp ? prev[x - bpp] : 0;
        const pred = f === 0 ? 0 : f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const v = (row[x] - pred) & 0xff;
        candidate[x] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        outRow[0] = f;
        outRow.set(candidate, 1);
      }
    }
  }
  const idat = zlibSync(filtered, { level });
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = opaque ? 2 : 6; // colour type: truecolour / truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0 (adaptive, five filter types)
  ihdr[12] = 0; // no interlace
  const chunks: [string, Uint8Array][] = [
    ["IHDR", ihdr],
    ["IDAT", idat],
    ["IEND", new Uint8Array(0)],
  ];
  const total = SIGNATURE.length + chunks.reduce((s, [, d]) => s + 12 + d.length, 0);
  const out = new Uint8Array(total);
  const odv = new DataView(out.buffer);
  out.set(SIGNATURE, 0);
  let p = SIGNATURE.length;
  for (const [type, data] of chunks) {
    odv.setUint32(p, data.length);
    for (let i = 0; i < 4; i++) out[p + 4 + i] = type.charCodeAt(i);
    out.set(data, p + 8);
    odv.setUint32(p + 8 + data.length, crc32(out.subarray(p + 4, p + 8 + data.length)));
    p += 12 + data.length;
  }
  return out;
}
