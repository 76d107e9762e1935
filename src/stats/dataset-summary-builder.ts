/**
 * Streaming assembly of a dataset summary from per-case records.
 * @module
 */
import { countsDistribution, addValueCounts, medianOf, percentileLinear, valueCountsFromMap } from "./internal/distribution.ts";
import { FLARE_ORGAN_NAMES, labelName } from "./organ-names.ts";
import { defaultLabels } from "./label-statistics.ts";
import type { CaseSummary, DatasetSplit } from "./summarize-case.ts";

/** Minimum, median (numpy `median`) and maximum of one quantity over the cases. */
export interface AxisRange {
  /** Smallest value. */
  min: number;
  /** Median value. */
  median: number;
  /** Largest value. */
  max: number;
}

/** Foreground HU statistics as nnU-Net uses them to normalise CT. */
export interface ForegroundHuStatistics {
  /** Foreground voxels over all cases. */
  voxelCount: number;
  /** Mean HU. */
  mean: number;
  /** Population standard deviation of the HU values. */
  std: number;
  /** 0.5th percentile (numpy linear), nnU-Net's lower clipping bound. */
  percentile0_5: number;
  /** 99.5th percentile (numpy linear), nnU-Net's upper clipping bound. */
  percentile99_5: number;
}

/** Volume statistics of one organ over the cases that contain it, in cm³ (= mL). */
export interface OrganVolumeRange {
  /** Largest volume. */
  max: number;
  /** Mean volume. */
  mean: number;
  /** Median volume (numpy `median`). */
  median: number;
  /** Smallest volume. */
  min: number;
}

/** One organ's row of the dataset card. */
export interface DatasetOrganSummary {
  /** Label value. */
  label: number;
  /** Organ name. */
  name: string;
  /** Labelled cases in which the organ has at least one voxel. */
  cases: number;
  /** `cases` / labelled cases × 100. */
  coveragePercent: number;
  /** Volumes (cm³) over the cases containing the organ; `null` when none does. */
  volumeCm3: OrganVolumeRange | null;
  /** HU statistics of the organ's voxels over all cases with a CT; `null` when there are none. */
  hu: ForegroundHuStatistics | null;
}

/** A case that could not be summarised. */
export interface CaseFailure {
  /** Case identifier. */
  id: string;
  /** Its split. */
  split: DatasetSplit;
  /** The file(s) involved, when read from disk. */
  paths?: string[];
  /** What went wrong. */
  message: string;
  /** The flarekit error code, when the failure was a {@link FlarekitError}. */
  code?: string;
}

/** One case of the summary's per-case table. */
export interface DatasetCaseRecord {
  /** Case identifier. */
  id: string;
  /** Its split. */
  split: DatasetSplit;
  /** Spatial size. */
  shape: [number, number, number];
  /** Spacing in mm. */
  spacingMm: [number, number, number];
  /** Organ name → volume in cm³, for the organs present (empty when unlabelled). */
  volumesCm3: Record<string, number>;
}

/** A dataset summary laid out like the FLARE21 dataset card. */
export interface DatasetSummary {
  /** Readable cases per split. */
  casesBySplit: Record<DatasetSplit, number>;
  /** Readable cases in all. */
  caseCount: number;
  /** Readable cases with a label map (the denominator of coverage). */
  labelledCount: number;
  /** Spacing in mm per axis (x, y, z) over the readable cases. */
  spacingMm: [AxisRange, AxisRange, AxisRange] | null;
  /** Size in voxels per axis over the readable cases. */
  size: [AxisRange, AxisRange, AxisRange] | null;
  /** One row per organ: the label table's organs, then any other label found. */
  organs: DatasetOrganSummary[];
  /** HU statistics of all labelled (non-zero) voxels together; `null` without CTs. */
  foregroundHu: ForegroundHuStatistics | null;
  /** Per-case records, in the order the cases were added. */
  cases: DatasetCaseRecord[];
  /** Cases that could not be read or summarised. */
  failures: CaseFailure[];
}

/** Options of {@link DatasetSummaryBuilder}. */
export interface DatasetSummaryBuilderOptions {
  /**
   * Label value → organ name.
   * @defaultValue {@link FLARE_ORGAN_NAMES}
   */
  names?: Readonly<Record<number, string>>;
}

/**
 * Builds a {@link DatasetSummary} from per-case records added one at a time
 * (from {@link summarizeCase}, in any order). Memory: a few numbers per case,
 * plus per organ one count per distinct HU value seen (at most 65 536 per organ
 * for 16-bit CTs) — voxel data are never kept.
 *
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { DatasetSummaryBuilder, summarizeCase } from "flarekit/stats";
 * const builder = new DatasetSummaryBuilder();
 * builder.add(summarizeCase({ id: "a", split: "train", labels: createVolume(new Uint8Array([1, 3]), [2, 1, 1]) }));
 * builder.add(summarizeCase({ id: "b", split: "train", labels: createVolume(new Uint8Array([1, 0]), [2, 1, 1]) }));
 * builder.result().organs[2].coveragePercent; // 50 (spleen, label 3, is in one of two cases)
 * ```
 * @see J. Ma et al., "Fast and Low-GPU-memory abdomen CT organ segmentation: The FLARE challenge", MedIA 2022 (dataset table); F. Isensee et al., nnU-Net, Nature Methods 18, 2021 (CT normalisation statistics).
 */
export class DatasetSummaryBuilder {
  private readonly names: Readonly<Record<number, string>>;
  private readonly bySplit: Record<DatasetSplit, number> = { train: 0, validation: 0, test: 0 };
  private readonly spacings: number[][] = [[], [], []];
  private readonly sizes: number[][] = [[], [], []];
  private readonly volumes = new Map<number, number[]>();
  private readonly hu = new Map<number, Map<number, number>>();
  private readonly foreground = new Map<number, number>();
  private readonly records: DatasetCaseRecord[] = [];
  private readonly failed: CaseFailure[] = [];
  private labelled = 0;

  /** @param options - The label table. */
  constructor(options: DatasetSummaryBuilderOptions = {}) {
    this.names = options.names ?? FLARE_ORGAN_NAMES;
  }

  /**
   * Adds one summarised case.
   * @param summary - From {@link summarizeCase}.
   */
  add(summary: CaseSummary): void {
    this.bySplit[summary.split] = (this.bySplit[summary.split] ?? 0) + 1;
    for (let a = 0; a < 3; a++) {
      this.spacings[a].push(summary.spacingMm[a]);
      this.sizes[a].push(summary.shape[a]);
    }
    const volumesCm3: Record<string, number> = {};
    if (summary.labelled) {
      this.labelled++;
      for (const o of summary.organs) {
        if (o.voxelCount <= 0) continue;
        let list = this.volumes.get(o.label);
        if (!list) this.volumes.set(o.label, (list = []));
        list.push(o.volumeMl);
        volumesCm3[labelName(this.names, o.label)] = o.volumeMl;
      }
    }
    for (const vc of summary.huValueCounts) {
      let map = this.hu.get(vc.label);
      if (!map) this.hu.set(vc.label, (map = new Map()));
      addValueCounts(map, vc);
      addValueCounts(this.foreground, vc);
    }
    this.records.push({ id: summary.id, split: summary.split, shape: summary.shape, spacingMm: summary.spacingMm, volumesCm3 });
  }

  /**
   * Records a case that could not be summarised; it is listed in `failures` and left out of every statistic.
   * @param failure - The case and what went wrong.
   */
  addFailure(failure: CaseFailure): void {
    this.failed.push(failure);
  }

  /**
   * The summary of everything added so far (the builder can go on taking cases).
   * @returns A plain, JSON-serialisable summary.
   */
  result(): DatasetSummary {
    const caseCount = this.records.length;
    const present = [...this.volumes.keys()].sort((a, b) => a - b);
    const organs = defaultLabels(this.names, present).map((label): DatasetOrganSummary => {
      const list = this.volumes.get(label) ?? [];
      const map = this.hu.get(label);
      return {
        label,
        name: labelName(this.names, label),
        cases: list.length,
        coveragePercent: this.labelled > 0 ? (list.length / this.labelled) * 100 : 0,
        volumeCm3: list.length > 0 ? volumeRange(list) : null,
        hu: map && map.size > 0 ? huStatistics(map) : null,
      };
    });
    return {
      casesBySplit: { ...this.bySplit },
      caseCount,
      labelledCount: this.labelled,
      spacingMm: caseCount > 0 ? (this.spacings.map(axisRange) as [AxisRange, AxisRange, AxisRange]) : null,
      size: caseCount > 0 ? (this.sizes.map(axisRange) as [AxisRange, AxisRange, AxisRange]) : null,
      organs,
      foregroundHu: this.foreground.size > 0 ? huStatistics(this.foreground) : null,
      cases: this.records.slice(),
      failures: this.failed.slice(),
    };
  }
}

function sortedDistribution(list: number[]) {
  const values = Float64Array.from(list).sort();
  return countsDistribution({ values, counts: new Float64Array(values.length).fill(1) });
}

function axisRange(list: number[]): AxisRange {
  const d = sortedDistribution(list);
  return { min: d.min(), median: medianOf(d), max: d.max() };
}

function volumeRange(list: number[]): OrganVolumeRange {
  const d = sortedDistribution(list);
  let sum = 0;
  for (const v of list) sum += v;
  return { max: d.max(), mean: sum / list.length, median: medianOf(d), min: d.min() };
}

function huStatistics(map: Map<number, number>): ForegroundHuStatistics {
  const d = countsDistribution(valueCountsFromMap(map));
  const mean = d.mean();
  return { voxelCount: d.count, mean, std: d.std(mean), percentile0_5: percentileLinear(d, 0.5), percentile99_5: percentileLinear(d, 99.5) };
}
