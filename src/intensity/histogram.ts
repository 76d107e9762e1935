/**
 * Histograms with numpy's binning rule.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import { checkScalar, type MaskInput, maskArray, scalingOf } from "./values.ts";

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /**
   * Number of equal-width bins (a positive integer).
   * @defaultValue `256` (numpy's default is 10)
   */
  bins?: number;
  /** `[first, last]` edges in scaled units (HU); values outside are not counted. Default: the finite min and max. */
  range?: readonly [number, number];
  /** Only voxels where the mask is nonzero count. */
  mask?: MaskInput;
}

/** Result of {@link histogram}. */
export interface Histogram {
  /** Voxels per bin (`bins` entries). */
  counts: Float64Array;
  /** Bin edges (`bins + 1` entries, ascending), scaled units. */
  edges: Float64Array;
}

/**
 * Histogram of a volume's scaled values (HU) with numpy's rule: `bins` equal-width bins with edges
 * `edges[i] = first + i·(last − first)/bins` (the last edge exactly `last`, as `numpy.linspace`); value x
 * falls in bin i when `edges[i] ≤ x < edges[i + 1]`, the last bin also taking x = last. With no range the
 * finite min and max are used (± 0.5 when equal). NaN is never counted. One pass, no copy of the data.
 *
 * @param volume - A scalar volume.
 * @param options - Bin count, range, mask.
 * @returns Counts and edges.
 * @throws {@link InvalidArgumentError} for a non-positive or non-integer bin count, a range that is not
 *   two finite ascending numbers, or a complex / RGB / 64-bit volume. {@link ShapeMismatchError} for a
 *   mask on another grid.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { histogram } from "flarekit/intensity";
 * const v = createVolume(new Int16Array([0, 1, 2, 3, 4]), [5, 1, 1]);
 * Array.from(histogram(v, { bins: 2 }).counts); // [2, 3]
 * ```
 * @see numpy.histogram (equal-width bins) and numpy.linspace.
 */
export function histogram(volume: Volume, options: HistogramOptions = {}): Histogram {
  checkScalar(volume);
  const bins = options.bins ?? 256;
  if (!Number.isInteger(bins) || bins < 1) throw new InvalidArgumentError("bins", bins, "a positive integer");
  const mask = maskArray(volume, options.mask);
  const [slope, intercept] = scalingOf(volume);
  const src = volume.data as ArrayLike<number>;
  const n = volume.voxelCount;
  let first: number;
  let last: number;
  if (options.range !== undefined) {
    const r = options.range;
    if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1]) || r[0] > r[1]) {
      throw new InvalidArgumentError("range", r, "[first, last], two finite numbers with first ≤ last");
    }
    [first, last] = r;
  } else {
    first = Infinity;
    last = -Infinity;
    for (let i = 0; i < n; i++) {
      if (mask && !mask[i]) continue;
      const v = src[i] * slope + intercept;
      if (v < first) first = v;
      if (v > last) last = v;
    }
    if (!(first <= last)) {
      first = 0;
      last = 1;
    }
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  const step = (last - first) / bins;
  for (let i = 0; i <= bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  const counts = new Float64Array(bins);
  const span = last - first;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const v = src[i] * slope + intercept;
    if (!(v >= first && v <= last)) continue;
    let b = Math.floor(((v - first) / span) * bins);
    if (!(b >= 0)) b = 0;
    if (b >= bins) b = bins - 1;
    // correct the floating-point guess against the edges, as numpy does
    while (b > 0 && v < edges[b]) b--;
    while (b < bins - 1 && v >= edges[b + 1]) b++;
    counts[b]++;
  }
  return { counts, edges };
}
