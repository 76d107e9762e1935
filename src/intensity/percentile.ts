/**
 * Percentiles equal to numpy's default (`method="linear"`).
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { numpyLinearPercentile, quickselect } from "../core/quantile.ts";
import type { Volume } from "../core/volume.ts";
import { checkScalar, lutRange, type MaskInput, maskArray, scalingOf } from "./values.ts";

/** Options of {@link percentile}. */
export interface PercentileOptions {
  /** Only voxels where the mask is nonzero count: a volume on the same grid or a flat array of the voxel count. */
  mask?: MaskInput;
}

/** Checks a percentile in [0, 100]. */
function checkQ(q: unknown): number {
  if (typeof q !== "number" || !(q >= 0 && q <= 100)) throw new InvalidArgumentError("q", q, "a number in [0, 100]");
  return q;
}

/**
 * Percentile(s) of a volume's scaled values (e.g. HU, computed as `raw·slope + intercept` in double),
 * equal to `numpy.percentile(values, q)` with numpy's default linear method: with the n values sorted
 * and h = (n − 1)·q/100, the result interpolates linearly between the values at ranks ⌊h⌋ and ⌊h⌋ + 1.
 * For 8/16-bit integer volumes a counting pass finds the ranks exactly in O(n); other dtypes use
 * quickselect on a float64 copy of the selected voxels (8 bytes per voxel). Any NaN gives NaN (as numpy).
 *
 * @param volume - A scalar volume.
 * @param q - A percentile in [0, 100], or an array of them.
 * @param options - Optional mask (nonzero = counted).
 * @returns The percentile, or an array in the order of `q`.
 * @throws {@link InvalidArgumentError} for q outside [0, 100], an empty volume or mask, or a complex /
 *   RGB / 64-bit volume. {@link ShapeMismatchError} when the mask is on another grid.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { percentile } from "flarekit/intensity";
 * const v = createVolume(new Int16Array([1, 2, 3, 4]), [4, 1, 1]);
 * percentile(v, 50); // 2.5
 * percentile(v, [0, 100]); // [1, 4]
 * ```
 * @see numpy.percentile (method "linear"); Hyndman & Fan, "Sample quantiles in statistical packages", 1996 (definition 7).
 */
export function percentile(volume: Volume, q: number, options?: PercentileOptions): number;
export function percentile(volume: Volume, q: readonly number[], options?: PercentileOptions): number[];
export function percentile(volume: Volume, q: number | readonly number[], options: PercentileOptions = {}): number | number[] {
  checkScalar(volume);
  const qs = (Array.isArray(q) ? q : [q]).map(checkQ);
  const mask = maskArray(volume, options.mask);
  const [slope, intercept] = scalingOf(volume);
  const src = volume.data as ArrayLike<number>;
  const n = volume.voxelCount;
  const range = lutRange(volume);
  let results: number[];
  if (range) {
    const [lo, hi] = range;
    const counts = new Float64Array(hi - lo + 1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (mask && !mask[i]) continue;
      counts[src[i] - lo]++;
      total++;
    }
    if (total === 0) throw emptyError(mask !== undefined);
    // cumulative counts in ascending order of the scaled value
    const order = slope >= 0 ? 1 : -1;
    const valueAt = (rank: number): number => {
      let seen = 0;
      if (order > 0) {
        for (let r = 0; r < counts.length; r++) {
          seen += counts[r];
          if (seen > rank) return (r + lo) * slope + intercept;
        }
      } else {
        for (let r = counts.length - 1; r >= 0; r--) {
          seen += counts[r];
          if (seen > rank) return (r + lo) * slope + intercept;
        }
      }
      return NaN;
    };
    results = qs.map((p) => numpyLinearPercentile(total, p, valueAt));
  } else {
    const values = new Float64Array(mask ? countMask(mask, n) : n);
    let m = 0;
    let nan = false;
    for (let i = 0; i < n; i++) {
      if (mask && !mask[i]) continue;
      const v = src[i] * slope + intercept;
      if (v !== v) nan = true;
      values[m++] = v;
    }
    if (m === 0) throw emptyError(mask !== undefined);
    if (nan) return Array.isArray(q) ? qs.map(() => NaN) : NaN;
    const valueAt = (rank: number): number => {
      quickselect(values, rank, 0, m - 1);
      return values[rank];
    };
    results = qs.map((p) => numpyLinearPercentile(m, p, valueAt));
  }
  return Array.isArray(q) ? results : results[0];
}

function countMask(mask: ArrayLike<number>, n: number): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (mask[i]) c++;
  return c;
}

function emptyError(masked: boolean): InvalidArgumentError {
  return masked
    ? new InvalidArgumentError("mask", "no voxel inside", "at least one nonzero mask voxel", "A percentile of an empty selection is undefined; check the mask's labels.")
    : new InvalidArgumentError("volume", "no voxels", "at least one voxel");
}
