/**
 * One slice of a volume as RGBA pixels, with organ overlays.
 * @module
 */
import { ShapeMismatchError, InvalidArgumentError } from "../core/errors.ts";
import { DTYPES } from "../core/dtypes.ts";
import type { Volume } from "../core/volume.ts";
import { FLARE_COLORS } from "./flare-colors.ts";
import { sliceGeometry } from "./slice-geometry.ts";
import type { RenderedImage, RgbColor, SliceAxis } from "./types.ts";

/** A display window in the volume's scaled units (HU for CT): values from `center − width/2` to `center + width/2` map to black … white. */
export interface DisplayWindow {
  /** Window centre (level), for example 40 HU. */
  center: number;
  /** Window width, > 0, for example 400 HU. */
  width: number;
}

/** Options of {@link renderSlice}. */
export interface RenderSliceOptions {
  /**
   * The plane to show, in the radiological convention (see {@link SliceAxis}).
   * @defaultValue `"axial"`
   */
  axis?: SliceAxis;
  /**
   * Slice index along the voxel axis nearest to the plane's normal, counted as
   * stored (`data[:, :, index]` in nibabel for a usual axial CT), 0-based.
   * @defaultValue the middle slice, `floor(n / 2)`
   */
  index?: number;
  /**
   * Grey-level window in scaled units (HU); `"auto"` stretches the slice's
   * minimum … maximum. Grey = `round((v − lo) / width × 255)` clamped to
   * 0–255, with `lo = center − width / 2`.
   * @defaultValue `{ center: 40, width: 400 }` (abdominal soft tissue)
   */
  window?: DisplayWindow | "auto";
  /** Integer label volume on the same voxel grid (same first three dimensions) to overlay. */
  labels?: Volume;
  /**
   * Colour of each label value; labels without a colour are not drawn.
   * @defaultValue {@link FLARE_COLORS}
   */
  colors?: Readonly<Record<number, RgbColor>>;
  /**
   * Opacity of the label fill, 0–1: pixel = `round((1 − alpha) × grey + alpha × colour)`.
   * @defaultValue `0.4`
   */
  alpha?: number;
  /**
   * Also draw each label's boundary (pixels with a 4-neighbour of another
   * label, or at the image edge) fully opaque. With `alpha: 0` only outlines show.
   * @defaultValue `false`
   */
  outline?: boolean;
  /**
   * Size of one output pixel in mm; voxels are sampled nearest-neighbour, so
   * anisotropic voxels (a coronal slice of 0.8 × 2.5 mm voxels) show with true
   * proportions.
   * @defaultValue the smaller in-plane voxel size
   */
  pixelSizeMm?: number;
  /**
   * Which volume of a 4D image to show (0-based index along the fourth axis).
   * @defaultValue `0`
   */
  frame?: number;
  /**
   * Pixel array to write into (length `width × height × 4`), so a viewer that
   * redraws slices does not allocate an image per frame.
   */
  out?: Uint8ClampedArray;
}

/**
 * Number of slices along a plane's normal for this volume's affine: the
 * valid `index` range of {@link renderSlice} is `0 … sliceCount − 1`.
 *
 * @param volume - Any volume.
 * @param axis - The plane.
 * @returns The size of the voxel axis nearest to the plane's normal.
 * @throws `InvalidArgumentError` for an unknown axis.
 * @example
 * ```ts
 * import { makePhantom } from "flarekit";
 * import { sliceCount } from "flarekit/render";
 * sliceCount(makePhantom().ct, "axial"); // 64
 * ```
 */
export function sliceCount(volume: Volume, axis: SliceAxis): number {
  const g = sliceGeometry(volume.affine, axis);
  return volume.shape[g.sliceAxis] ?? 1;
}

function isIntegerLabelVolume(v: Volume): boolean {
  const info = DTYPES[v.dtype];
  return info.integer && info.components === 1 && v.dtype !== "int64" && v.dtype !== "uint64";
}

/**
 * Renders one slice of a volume as RGBA pixels in the radiological display
 * convention, derived from the affine so it is right for any storage order:
 * axial slices show the patient's right on the image's left and anterior at
 * the top; coronal slices the patient's right on the left and superior at the
 * top; sagittal slices anterior on the left and superior at the top. The
 * plane is the voxel plane nearest to the anatomical one (no oblique
 * resampling). Grey levels come from a window on the scaled values (HU);
 * labels are blended on top in their colours (FLARE colours by default).
 *
 * Memory: the output image (`width × height × 4` bytes, none with `out`)
 * plus 8 bytes per pixel of scratch (16 with labels). Time: about 5 ms for a
 * 512 × 512 slice with labels.
 *
 * @param volume - A scalar volume (integer or float; scaling applied).
 * @param options - Plane, slice index, window, labels and their colours, opacity, outline, pixel size.
 * @returns The image; `rgba` is fully opaque.
 * @throws `InvalidArgumentError` for a non-scalar volume, an index outside `0 … sliceCount − 1`, a bad window, alpha or pixel size, or an `out` of the wrong length.
 * @throws `ShapeMismatchError` when `labels` is not on the same voxel grid.
 * @example
 * ```ts
 * import { makePhantom } from "flarekit";
 * import { renderSlice } from "flarekit/render";
 * const { ct, labels } = makePhantom();
 * const img = renderSlice(ct, { axis: "axial", index: 40, labels });
 * [img.width, img.height]; // [256, 256]
 * ```
 * @see nibabel `io_orientation` for the nearest-axis rule; radiological convention: patient's right on the viewer's left.
 */
export function renderSlice(volume: Volume, options: RenderSliceOptions = {}): RenderedImage {
  const info = DTYPES[volume.dtype];
  if (!info || info.components !== 1) {
    throw new InvalidArgumentError("volume.dtype", volume.dtype, "a scalar dtype (not complex or RGB)");
  }
  const axis = options.axis ?? "axial";
  const g = sliceGeometry(volume.affine, axis);
  const shape = [0, 1, 2].map((a) => volume.shape[a] ?? 1);
  const nS = shape[g.sliceAxis];
  const index = options.index ?? Math.floor(nS / 2);
  if (!Number.isInteger(index) || index < 0 || index >= nS) {
    throw new InvalidArgumentError("index", index, `an integer slice index from 0 to ${nS - 1} along the ${axis} axis`);
  }
  const frames = volume.shape.slice(3).reduce((a, b) => a * b, 1);
  const frame = options.frame ?? 0;
  if (!Number.isInteger(frame) || frame < 0 || frame >= frames) {
    throw new InvalidArgumentError("frame", frame, `an integer from 0 to ${frames - 1}`);
  }
  const alpha = options.alpha ?? 0.4;
  if (typeof alpha !== "number" || !(alpha >= 0 && alpha <= 1)) throw new InvalidArgumentError("alpha", alpha, "a number in [0, 1]");
  const labels = options.labels;
  if (labels) {
    if (!isIntegerLabelVolume(labels)) {
      throw new InvalidArgumentError("labels.dtype", labels.dtype, "an integer label dtype (uint8, int16, …)");
    }
    const ls = [0, 1, 2].map((a) => labels.shape[a] ?? 1);
    if (ls.some((n, a) => n !== shape[a])) throw new ShapeMismatchError(shape, ls, "labels");
  }
  const colors = options.colors ?? FLARE_COLORS;

  const nC = shape[g.columnAxis];
  const nR = shape[g.rowAxis];
  const spC = volume.spacing[g.columnAxis];
  const spR = volume.spacing[g.rowAxis];
  const pixelSizeMm = options.pixelSizeMm ?? Math.min(spC, spR);
  if (typeof pixelSizeMm !== "number" || !Number.isFinite(pixelSizeMm) || pixelSizeMm <= 0) {
    throw new InvalidArgumentError("pixelSizeMm", pixelSizeMm, "a finite positive number (mm)");
  }
  const width = Math.max(1, Math.round((nC * spC) / pixelSizeMm));
  const height = Math.max(1, Math.round((nR * spR) / pixelSizeMm));
  const stride = [1, shape[0], shape[0] * shape[1]];
  // Storage offset of each output column and row (nearest voxel centre).
  const colOff = new Float64Array(width);
  for (let c = 0; c < width; c++) {
    let v = Math.min(nC - 1, Math.floor(((c + 0.5) * pixelSizeMm) / spC));
    if (g.columnReversed) v = nC - 1 - v;
    colOff[c] = v * stride[g.columnAxis];
  }
  const rowOff = new Float64Array(height);
  for (let r = 0; r < height; r++) {
    let v = Math.min(nR - 1, Math.floor(((r + 0.5) * pixelSizeMm) / spR));
    if (g.rowReversed) v = nR - 1 - v;
    rowOff[r] = v * stride[g.rowAxis];
  }
  const base = index * stride[g.sliceAxis];
  const frameOff = frame * shape[0] * shape[1] * shape[2];

  // Scaled values of the slice.
  const n = width * height;
  const values = new Float64Array(n);
  const data = volume.data as ArrayLike<number | bigint>;
  const big = typeof data[0] === "bigint";
  const slope = volume.scaling?.slope ?? 1;
  const inter = volume.scaling?.intercept ?? 0;
  for (let r = 0, p = 0; r < height; r++) {
    for (let c = 0; c < width; c++, p++) {
      const raw = data[frameOff + base + rowOff[r] + colOff[c]];
      values[p] = (big ? Number(raw) : (raw as number)) * slope + inter;
    }
  }
  let lo: number;
  let win: number;
  const w = options.window ?? { center: 40, width: 400 };
  if (w === "auto") {
    let mn = Infinity;
    let mx = -Infinity;
    for (let p = 0; p < n; p++) {
      const v = values[p];
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    lo = mn;
    win = mx > mn ? mx - mn : 1;
  } else {
    if (!w || typeof w.center !== "number" || !Number.isFinite(w.center) || typeof w.width !== "number" || !(w.width > 0) || !Number.isFinite(w.width)) {
      throw new InvalidArgumentError("window", w, '{ center, width } with a finite centre and a positive width, or "auto"');
    }
    lo = w.center - w.width / 2;
    win = w.width;
  }
  const rgba = options.out ?? new Uint8ClampedArray(n * 4);
  if (!(rgba instanceof Uint8ClampedArray) || rgba.length !== n * 4) {
    throw new InvalidArgumentError("out", rgba?.length, `a Uint8ClampedArray of ${n * 4} bytes (${width}×${height}×4)`);
  }
  for (let p = 0, q = 0; p < n; p++, q += 4) {
    const t = Math.round(((values[p] - lo) / win) * 255);
    const grey = t < 0 ? 0 : t > 255 ? 255 : t;
    rgba[q] = grey;
    rgba[q + 1] = grey;
    rgba[q + 2] = grey;
    rgba[q + 3] = 255;
  }
  if (labels) {
    const ldata = labels.data as ArrayLike<number>;
    const lab = new Float64Array(n);
    // A 4D label map follows the frame; a 3D one applies to every frame.
    const lOff = labels.voxelCount > shape[0] * shape[1] * shape[2] ? frameOff : 0;
    if (lOff + shape[0] * shape[1] * shape[2] > ldata.length) {
      throw new ShapeMismatchError([...volume.shape], [...labels.shape], "labels (too few frames)");
    }
    for (let r = 0, p = 0; r < height; r++) {
      for (let c = 0; c < width; c++, p++) lab[p] = ldata[lOff + base + rowOff[r] + colOff[c]];
    }
    const outline = options.outline ?? false;
    for (let r = 0, p = 0; r < height; r++) {
      for (let c = 0; c < width; c++, p++) {
        const l = lab[p];
        if (l === 0) continue;
        const color = colors[l];
        if (!color) continue;
        let a = alpha;
        if (outline) {
          const edge =
            c === 0 || c === width - 1 || r === 0 || r === height - 1 ||
            lab[p - 1] !== l || lab[p + 1] !== l || lab[p - width] !== l || lab[p + width] !== l;
          if (edge) a = 1;
        }
        if (a === 0) continue;
        const q = p * 4;
        rgba[q] = Math.round((1 - a) * rgba[q] + a * color[0]);
        rgba[q + 1] = Math.round((1 - a) * rgba[q + 1] + a * color[1]);
        rgba[q + 2] = Math.round((1 - a) * rgba[q + 2] + a * color[2]);
      }
    }
  }
  return { width, height, rgba };
}
