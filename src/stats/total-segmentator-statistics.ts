/**
 * Organ statistics in the layout of TotalSegmentator's `statistics.json`.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import { accumulateLabels } from "./internal/accumulate-labels.ts";
import type { Distribution } from "./internal/distribution.ts";
import { defaultLabels } from "./label-statistics.ts";
import { FLARE_ORGAN_NAMES, labelName } from "./organ-names.ts";

/** One organ of a TotalSegmentator `statistics.json`. */
export interface TotalSegmentatorOrganStatistics {
  /** Volume in mm³ (0 when absent or excluded at the border). */
  volume: number;
  /** Mean (or median) CT value of the organ, HU truncated to integers as TotalSegmentator does, rounded to 5 decimals (0 when absent or excluded). */
  intensity: number;
}

/** Options of {@link totalSegmentatorStatistics}. */
export interface TotalSegmentatorStatisticsOptions {
  /**
   * Label value → name; every label of the table gets an entry, as in TotalSegmentator.
   * @defaultValue {@link FLARE_ORGAN_NAMES}
   */
  names?: Readonly<Record<number, string>>;
  /**
   * Intensity statistic.
   * @defaultValue "mean"
   */
  metric?: "mean" | "median";
  /**
   * Report volume and intensity 0 for an organ touching the first or last 3
   * slices along any axis (it is probably cut off), as TotalSegmentator's
   * `exclude_masks_at_border`.
   * @defaultValue true
   */
  excludeMasksAtBorder?: boolean;
}

/**
 * Per-organ volume (mm³) and CT intensity in the format of TotalSegmentator's
 * `--statistics` output (`{ "<name>": { volume, intensity } }`), computed in
 * one pass like {@link labelStatistics}. Follows TotalSegmentator's rules:
 * the CT is cast to int16 (truncation toward zero) before averaging, the
 * voxel volume is the float32 product of the CT's zooms, intensities are
 * rounded to 5 decimals (half to even), absent organs get `0`, and with
 * `excludeMasksAtBorder` organs within 3 voxels of any face get `0`.
 *
 * @param labels - Integer label map.
 * @param image - The CT on the same grid.
 * @param options - Label table, metric, border rule.
 * @returns An object keyed by organ name, in label-table order.
 * @throws {@link ShapeMismatchError} when the grids' shapes differ.
 * @throws {@link InvalidArgumentError} when the affines differ or a label is not an integer.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { totalSegmentatorStatistics } from "flarekit/stats";
 * const labels = createVolume(new Uint8Array([1, 1, 0, 0]), [4, 1, 1]);
 * const ct = createVolume(new Int16Array([40, 61, 0, 0]), [4, 1, 1]);
 * totalSegmentatorStatistics(labels, ct, { excludeMasksAtBorder: false }).liver; // { volume: 2, intensity: 50.5 }
 * ```
 * @see TotalSegmentator `totalsegmentator/statistics.py` (`get_basic_statistics`, `touches_border`), J. Wasserthal et al., Radiology: AI 5(5), 2023.
 */
export function totalSegmentatorStatistics(
  labels: Volume,
  image: Volume,
  options: TotalSegmentatorStatisticsOptions = {},
): Record<string, TotalSegmentatorOrganStatistics> {
  if (!image) throw new InvalidArgumentError("image", image, "the CT volume", "TotalSegmentator statistics need the CT.");
  const names = options.names ?? FLARE_ORGAN_NAMES;
  const metric = options.metric ?? "mean";
  if (metric !== "mean" && metric !== "median") throw new InvalidArgumentError("options.metric", metric, '"mean" or "median"');
  const exclude = options.excludeMasksAtBorder ?? true;
  const pass = accumulateLabels(labels, image);
  const slotOf = new Map(pass.labels.map((l, s) => [l, s]));
  const [sx, sy, sz] = image.spacing;
  // numpy: float32 zooms multiplied in float32, then count (int64) × float32 in float64.
  const voxelVolume = Math.fround(Math.fround(Math.fround(sx) * Math.fround(sy)) * Math.fround(sz));
  const out: Record<string, TotalSegmentatorOrganStatistics> = {};
  const wanted = Object.keys(names).length > 0 ? defaultLabels(names, []) : pass.labels;
  for (const label of wanted) {
    const s = slotOf.get(label);
    const name = labelName(names, label);
    if (s === undefined || (exclude && touchesBorder(pass.bboxMin, pass.bboxMax, s, pass.shape))) {
      out[name] = { volume: 0, intensity: 0 };
      continue;
    }
    const d = (pass.distribution as (slot: number) => Distribution)(s);
    out[name] = {
      volume: pass.counts[s] * voxelVolume,
      intensity: roundHalfEven5(metric === "mean" ? truncatedMean(pass.valueCounts!(s)) : truncatedMedian(d)),
    };
  }
  return out;
}

function touchesBorder(bboxMin: Int32Array, bboxMax: Int32Array, s: number, shape: readonly number[]): boolean {
  for (let a = 0; a < 3; a++) {
    if (bboxMin[s * 3 + a] < 3 || bboxMax[s * 3 + a] > shape[a] - 4) return true;
  }
  return false;
}

/** numpy's `astype(np.int16)` of a float: truncation toward zero (values are CT numbers, well within int16). */
function toInt16(v: number): number {
  return Math.trunc(v);
}

function truncatedMean(vc: { values: Float64Array; counts: Float64Array }): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < vc.values.length; i++) {
    sum += toInt16(vc.values[i]) * vc.counts[i];
    n += vc.counts[i];
  }
  return sum / n;
}

function truncatedMedian(d: Distribution): number {
  // Truncation is monotonic, so the order statistics of the truncated values are the truncated order statistics.
  const n = d.count;
  if (n % 2 === 1) return toInt16(d.kth((n - 1) / 2));
  return (toInt16(d.kth(n / 2 - 1)) + toInt16(d.kth(n / 2))) / 2;
}

/** numpy's `round(x, 5)`: scale by 1e5, round half to even, scale back. */
function roundHalfEven5(x: number): number {
  const y = x * 1e5;
  let r = Math.round(y);
  if (Math.abs(y % 1) === 0.5 && r % 2 !== 0) r -= 1;
  return r / 1e5;
}
