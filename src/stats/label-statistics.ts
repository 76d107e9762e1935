/**
 * Per-label (per-organ) statistics of a label map, with HU statistics of a CT.
 * @module
 */
import { applyAffine } from "../core/affine.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import { surfaceAreas } from "../metrics/surface-area.ts";
import { accumulateLabels } from "./internal/accumulate-labels.ts";
import { medianOf, percentileLinear } from "./internal/distribution.ts";
import { FLARE_ORGAN_NAMES, labelName } from "./organ-names.ts";

/** Statistics of the image values (HU for a CT) under one label. */
export interface HuStatistics {
  /** Arithmetic mean. */
  mean: number;
  /** Population standard deviation (numpy `std`, `ddof=0`). */
  std: number;
  /** Smallest value. */
  min: number;
  /** Largest value. */
  max: number;
  /** Median (numpy `median`). */
  median: number;
  /** 5th percentile, numpy's default linear method. */
  percentile5: number;
  /** 95th percentile, numpy's default linear method. */
  percentile95: number;
}

/** Statistics of one label. Geometry fields are `null` when the label has no voxel. */
export interface OrganStatistics {
  /** The label value. */
  label: number;
  /** Its name from the label table (`label_<n>` when unnamed). */
  name: string;
  /** Number of voxels holding the label. */
  voxelCount: number;
  /** Volume in mm³: voxels × product of the spacing. */
  volumeMm3: number;
  /** Volume in mL (= cm³): `volumeMm3 / 1000`. */
  volumeMl: number;
  /** Lowest voxel indices `[i, j, k]` of the label (inclusive bounding box). */
  bboxMin: [number, number, number] | null;
  /** Highest voxel indices `[i, j, k]` of the label (inclusive bounding box). */
  bboxMax: [number, number, number] | null;
  /** Size of the bounding box in mm: `(bboxMax − bboxMin + 1) × spacing` per axis. */
  extentMm: [number, number, number] | null;
  /** Mean voxel index `[i, j, k]`. */
  centroidVoxel: [number, number, number] | null;
  /** The centroid in world coordinates (RAS+, mm) through the volume's affine. */
  centroidWorldMm: [number, number, number] | null;
  /** Area in mm² of the label's surface, from the same surface elements as the surface Dice; `null` when not computed. */
  surfaceAreaMm2: number | null;
  /** Statistics of the image values under the label; `null` without an image or when the label is absent. */
  hu: HuStatistics | null;
}

/** Options of {@link labelStatistics}. */
export interface LabelStatisticsOptions {
  /** A CT (or any scalar image) on the same grid; its scaled values (HU) give {@link OrganStatistics.hu}. */
  image?: Volume;
  /**
   * Label value → name.
   * @defaultValue {@link FLARE_ORGAN_NAMES} (1 liver, 2 kidney, 3 spleen, 4 pancreas)
   */
  names?: Readonly<Record<number, string>>;
  /**
   * Labels to report, in this order; absent ones are reported with zero voxels.
   * @defaultValue every label of `names`, then every other non-zero label present, ascending
   */
  labels?: readonly number[];
  /**
   * Whether to compute {@link OrganStatistics.surfaceAreaMm2} (one more pass over the label map).
   * @defaultValue true
   */
  surfaceArea?: boolean;
}

/**
 * Per-label statistics of a label map in one pass over its voxels: voxel
 * count, volume (mm³ and mL), inclusive bounding box and its extent in mm,
 * centroid (voxel indices and world mm), surface area (mm²) and — when a CT
 * is given — mean, population std, min, max, median, 5th and 95th percentile
 * of its HU values (numpy's linear percentile, values as
 * `scaledData(ct, { dtype: "float64" })`).
 *
 * Volumes use the spacing of `labels` (NIfTI pixdim[1..3]). Memory: for
 * 8/16-bit CTs a 256 KiB histogram per label (no copy of the voxels, no sort);
 * for other CT dtypes 8 bytes per labelled voxel; label maps that are not
 * 8/16-bit integers take 2 bytes per voxel more.
 *
 * @param labels - An integer label map (0 = background). Float label maps are accepted when every value is an integer.
 * @param options - CT image, label table, labels to report, surface area on or off.
 * @returns One entry per reported label, in the order of `options.labels` (default: ascending label).
 * @throws {@link ShapeMismatchError} when the image's shape differs from the labels'.
 * @throws {@link InvalidArgumentError} when the image's affine differs, a label is not an integer, or a volume is not scalar 3D.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { labelStatistics } from "flarekit/stats";
 * const labels = createVolume(new Uint8Array([0, 1, 1, 3]), [2, 2, 1], { spacing: [2, 2, 5] });
 * const ct = createVolume(new Int16Array([-1000, 40, 60, 120]), [2, 2, 1], { spacing: [2, 2, 5] });
 * const [liver] = labelStatistics(labels, { image: ct });
 * [liver.name, liver.voxelCount, liver.volumeMl, liver.hu?.mean]; // ["liver", 2, 0.04, 50]
 * ```
 * @see numpy `percentile` (linear method); FLARE21 label table in {@link FLARE_ORGAN_NAMES}.
 */
export function labelStatistics(labels: Volume, options: LabelStatisticsOptions = {}): OrganStatistics[] {
  const names = options.names ?? FLARE_ORGAN_NAMES;
  const pass = accumulateLabels(labels, options.image);
  const wanted = options.labels ? [...options.labels] : defaultLabels(names, pass.labels);
  for (const l of wanted) {
    if (!Number.isInteger(l)) throw new InvalidArgumentError("options.labels", l, "integer label values");
  }
  const slotOf = new Map(pass.labels.map((l, s) => [l, s]));
  const [sx, sy, sz] = labels.spacing;
  const voxelVolumeMm3 = sx * sy * sz;
  const spacing = [sx, sy, sz];
  const areas =
    options.surfaceArea === false
      ? undefined
      : surfaceAreas(numericData(labels), pass.shape, spacing, wanted.filter((l) => slotOf.has(l)));
  return wanted.map((label): OrganStatistics => {
    const s = slotOf.get(label);
    const name = labelName(names, label);
    if (s === undefined) {
      return {
        label,
        name,
        voxelCount: 0,
        volumeMm3: 0,
        volumeMl: 0,
        bboxMin: null,
        bboxMax: null,
        extentMm: null,
        centroidVoxel: null,
        centroidWorldMm: null,
        surfaceAreaMm2: areas ? 0 : null,
        hu: null,
      };
    }
    const n = pass.counts[s];
    const bboxMin = triple(pass.bboxMin, s);
    const bboxMax = triple(pass.bboxMax, s);
    const centroidVoxel: [number, number, number] = [pass.indexSums[s * 3] / n, pass.indexSums[s * 3 + 1] / n, pass.indexSums[s * 3 + 2] / n];
    const volumeMm3 = n * voxelVolumeMm3;
    let hu: HuStatistics | null = null;
    if (pass.distribution) {
      const d = pass.distribution(s);
      const mean = d.mean();
      // numpy propagates NaN through every statistic; so do we (a float CT with NaN voxels under the label).
      hu = Number.isNaN(mean) ? { mean, std: NaN, min: NaN, max: NaN, median: NaN, percentile5: NaN, percentile95: NaN } : {
        mean,
        std: d.std(mean),
        min: d.min(),
        max: d.max(),
        median: medianOf(d),
        percentile5: percentileLinear(d, 5),
        percentile95: percentileLinear(d, 95),
      };
    }
    return {
      label,
      name,
      voxelCount: n,
      volumeMm3,
      volumeMl: volumeMm3 / 1000,
      bboxMin,
      bboxMax,
      extentMm: [(bboxMax[0] - bboxMin[0] + 1) * sx, (bboxMax[1] - bboxMin[1] + 1) * sy, (bboxMax[2] - bboxMin[2] + 1) * sz],
      centroidVoxel,
      centroidWorldMm: applyAffine(labels.affine, centroidVoxel) as [number, number, number],
      surfaceAreaMm2: areas ? (areas.get(label) ?? 0) : null,
      hu,
    };
  });
}

/** The labels of the table, then the other present labels, ascending. */
export function defaultLabels(names: Readonly<Record<number, string>>, present: readonly number[]): number[] {
  const named = Object.keys(names)
    .map(Number)
    .filter((l) => Number.isInteger(l) && l !== 0)
    .sort((a, b) => a - b);
  const seen = new Set(named);
  return [...named, ...present.filter((l) => !seen.has(l))];
}

function triple(a: Int32Array, s: number): [number, number, number] {
  return [a[s * 3], a[s * 3 + 1], a[s * 3 + 2]];
}

function numericData(v: Volume): ArrayLike<number> {
  const d = v.data;
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) return Float64Array.from(d, (x) => Number(x));
  return d;
}
