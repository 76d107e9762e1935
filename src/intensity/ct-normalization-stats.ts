/**
 * nnU-Net's CT normalisation statistics over many cases' foreground voxels.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import { numpyLinearPercentile } from "../core/quantile.ts";
import { checkScalar, maskArray } from "./values.ts";
import { mulberry32 } from "../core/random.ts";

/** The four numbers nnU-Net's CTNormalization uses (from its dataset fingerprint), HU. */
export interface CTNormalizationStats {
  /** Mean of the foreground intensities (nnU-Net `mean`). */
  meanHu: number;
  /** Population standard deviation of the foreground intensities (nnU-Net `std`). */
  stdHu: number;
  /** 0.5th percentile, numpy linear method (nnU-Net `percentile_00_5`). */
  lowerHu: number;
  /** 99.5th percentile, numpy linear method (nnU-Net `percentile_99_5`). */
  upperHu: number;
}

/** {@link CTNormalizationStats} plus how many voxels went into them. */
export interface CTNormalizationResult extends CTNormalizationStats {
  /** Number of intensities used (all foreground voxels, or the samples). */
  voxelCount: number;
}

/** One case: a CT and its label map on the same grid (foreground = label > 0). */
export interface CTNormalizationCase {
  /** The CT (scaled values are used, as float32 like nnU-Net's image reader). */
  image: Volume;
  /** The label map; voxels with a label > 0 are foreground. */
  labels: Volume;
}

/** Options of {@link ctNormalizationStats} and {@link CTNormalizationAccumulator}. */
export interface CTNormalizationOptions {
  /**
   * Draw this many foreground voxels per case, uniformly with replacement (nnU-Net draws 10 000), instead of
   * using all of them. Draws come from a seeded PRNG (mulberry32), so results are reproducible, but they are
   * not numpy's `RandomState` draws.
   * @defaultValue all foreground voxels (exact)
   */
  samplesPerCase?: number;
  /**
   * Seed of the sampling PRNG.
   * @defaultValue `1234` (nnU-Net's seed)
   */
  seed?: number;
}

/**
 * Streaming accumulator for {@link ctNormalizationStats}: add cases one at a time (for example while
 * reading files) and read the statistics at the end. It keeps one count per distinct float32 intensity
 * (at most 65 536 for 16-bit CT), so memory does not grow with the number of voxels and percentiles
 * stay exact.
 *
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { CTNormalizationAccumulator } from "flarekit/intensity";
 * const acc = new CTNormalizationAccumulator();
 * acc.add(createVolume(new Int16Array([-1000, 50, 60]), [3, 1, 1]), createVolume(new Uint8Array([0, 1, 1]), [3, 1, 1]));
 * acc.result().meanHu; // 55
 * ```
 */
export class CTNormalizationAccumulator {
  private readonly counts = new Map<number, number>();
  private total = 0;
  private readonly samples: number | undefined;
  private readonly random: () => number;

  /** @param options - Sampling options (default: every foreground voxel). */
  constructor(options: CTNormalizationOptions = {}) {
    const s = options.samplesPerCase;
    if (s !== undefined && (!Number.isInteger(s) || s < 1)) throw new InvalidArgumentError("samplesPerCase", s, "a positive integer");
    const seed = options.seed ?? 1234;
    if (!Number.isFinite(seed)) throw new InvalidArgumentError("seed", seed, "a finite number");
    this.samples = s;
    this.random = mulberry32(seed);
  }

  /**
   * Adds one case's foreground intensities.
   * @param image - The CT.
   * @param labels - Its label map (same grid; foreground = label > 0).
   * @throws {@link ShapeMismatchError} when the grids differ; {@link InvalidArgumentError} for non-scalar data.
   */
  add(image: Volume, labels: Volume): void {
    checkScalar(image, "image");
    const mask = maskArray(image, labels) as ArrayLike<number>;
    const src = image.data as ArrayLike<number>;
    const s = image.scaling;
    const sf = s ? Math.fround(s.slope) : 1;
    const bf = s ? Math.fround(s.intercept) : 0;
    const value = (i: number): number => (s ? Math.fround(Math.fround(src[i] * sf) + bf) : Math.fround(src[i]));
    if (this.samples === undefined) {
      for (let i = 0; i < src.length; i++) if (mask[i] > 0) this.bump(value(i));
      return;
    }
    const fg: number[] = [];
    for (let i = 0; i < src.length; i++) if (mask[i] > 0) fg.push(i);
    if (fg.length === 0) return;
    for (let d = 0; d < this.samples; d++) this.bump(value(fg[Math.floor(this.random() * fg.length)]));
  }

  private bump(v: number): void {
    this.counts.set(v, (this.counts.get(v) ?? 0) + 1);
    this.total++;
  }

  /**
   * The statistics so far: mean and population std in double precision, and the 0.5 / 99.5 percentiles with
   * numpy's linear method over all accumulated intensities.
   * @returns Mean, std, lower and upper bounds (HU) and the number of intensities used.
   * @throws {@link InvalidArgumentError} when no foreground voxel was seen.
   */
  result(): CTNormalizationResult {
    const n = this.total;
    if (n === 0) throw new InvalidArgumentError("cases", "no foreground voxels", "at least one voxel with label > 0");
    const values = [...this.counts.keys()].sort((a, b) => a - b);
    const counts = values.map((v) => this.counts.get(v) as number);
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[i] * counts[i];
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < values.length; i++) ss += counts[i] * (values[i] - mean) * (values[i] - mean);
    const valueAt = (rank: number): number => {
      let seen = 0;
      for (let i = 0; i < values.length; i++) {
        seen += counts[i];
        if (seen > rank) return values[i];
      }
      return values[values.length - 1];
    };
    return {
      meanHu: mean,
      stdHu: Math.sqrt(ss / n),
      lowerHu: numpyLinearPercentile(n, 0.5, valueAt),
      upperHu: numpyLinearPercentile(n, 99.5, valueAt),
      voxelCount: n,
    };
  }
}

/**
 * The intensity statistics of nnU-Net's CTNormalization (dataset fingerprint: mean, std, 0.5th and 99.5th
 * percentiles of the foreground voxels — label > 0 — pooled over all cases). Streams: cases are consumed
 * one at a time from any iterable (a generator can read them lazily). Exact over all foreground voxels by
 * default; `samplesPerCase` draws a deterministic sample per case instead, as nnU-Net does.
 *
 * @param cases - Image / label-map pairs.
 * @param options - Sampling options.
 * @returns Mean, std, lower and upper bounds (HU) and the voxel count.
 * @throws {@link InvalidArgumentError} when no case has foreground; {@link ShapeMismatchError} when an
 *   image and its labels differ in shape.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { ctNormalizationStats } from "flarekit/intensity";
 * const image = createVolume(new Int16Array([-1000, 40, 60]), [3, 1, 1]);
 * const labels = createVolume(new Uint8Array([0, 1, 1]), [3, 1, 1]);
 * ctNormalizationStats([{ image, labels }]); // { meanHu: 50, stdHu: 10, lowerHu: 40.1, upperHu: 59.9, voxelCount: 2 }
 * ```
 * @see nnU-Net v2 `DatasetFingerprintExtractor` and `CTNormalization` (Isensee et al., Nature Methods 18:203–211, 2021).
 */
export function ctNormalizationStats(cases: Iterable<CTNormalizationCase>, options: CTNormalizationOptions = {}): CTNormalizationResult {
  const acc = new CTNormalizationAccumulator(options);
  for (const c of cases) acc.add(c.image, c.labels);
  return acc.result();
}
