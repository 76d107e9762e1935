/**
 * One case evaluated by the FLARE21 rules.
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { assdFromDistances, averageSurfaceDistanceFromDistances } from "./average-surface-distance.ts";
import { hausdorffFromDistances } from "./hausdorff.ts";
import { scaledValues, validatePair } from "./masks.ts";
import { pairStats } from "./pair-stats.ts";
import { surfaceDiceFromDistances } from "./surface-dice.ts";
import { computeSurfaceDistances, MetricsWorkspace } from "./surfel-distances.ts";
import type { LabelImage } from "./types.ts";

/** The FLARE21 labels: 1 liver, 2 kidney (both kidneys), 3 spleen, 4 pancreas. */
export const FLARE21_LABELS: Readonly<Record<string, number>> = Object.freeze({ liver: 1, kidney: 2, spleen: 3, pancreas: 4 });

/** Options of {@link evaluateCase}. */
export interface EvaluateCaseOptions {
  /**
   * Organ name → label value (integers 1–255), in output order.
   * @defaultValue {@link FLARE21_LABELS}
   */
  labels?: Readonly<Record<string, number>>;
  /**
   * NSD tolerance in mm (`d <= toleranceMm` counts).
   * @defaultValue 1
   */
  toleranceMm?: number;
  /**
   * Also compute HD95, the Hausdorff distance and the average surface
   * distances (they come from the same distances; sorting makes them cost a
   * little more).
   * @defaultValue false
   */
  hd95?: boolean;
  /**
   * Voxel spacing in mm.
   * @defaultValue the ground truth's `spacing` (the official code reads the GT header only)
   */
  spacingMm?: readonly number[];
  /**
   * What to do when both images carry an affine and they differ by more than
   * `affineToleranceMm` in any element: `"report"` sets `affineMismatch`,
   * `"error"` throws. The official code ignores the prediction's header either way.
   * @defaultValue "report"
   */
  affineCheck?: "report" | "error";
  /**
   * Largest element-wise affine difference (mm) still considered equal.
   * @defaultValue 1e-3
   */
  affineToleranceMm?: number;
}

/**
 * How a label's DSC and NSD were obtained: both masks empty (1, 1), ground
 * truth empty but not the prediction (0, 0), prediction empty (computed: 0, 0),
 * or computed from both masks.
 */
export type LabelBranch = "computed" | "both-empty" | "gt-empty" | "pred-empty";

/** Metrics of one label of one case. */
export interface LabelMetrics {
  /** Organ name (key of the `labels` option). */
  name: string;
  /** Label value. */
  label: number;
  /** Which FLARE21 rule applied. */
  branch: LabelBranch;
  /** Ground-truth voxels of the label. */
  gtVoxels: number;
  /** Predicted voxels of the label. */
  predVoxels: number;
  /** Dice similarity coefficient. */
  dsc: number;
  /** Normalized surface Dice at `toleranceMm`. */
  nsd: number;
  /** 95th-percentile Hausdorff distance (mm), with `hd95: true`; `Infinity` when a mask is empty, `NaN` when both are. */
  hd95Mm?: number;
  /** Hausdorff distance (mm), with `hd95: true`. */
  hdMm?: number;
  /** Average distance (mm) from the ground-truth surface to the prediction's, with `hd95: true`. */
  asdGtToPredMm?: number;
  /** Average distance (mm) from the predicted surface to the ground truth's, with `hd95: true`. */
  asdPredToGtMm?: number;
  /** Average symmetric surface distance (mean of the two directions, mm), with `hd95: true`. */
  assdMm?: number;
}

/** Metrics of one case. */
export interface CaseMetrics {
  /** One entry per label, in the order of the `labels` option. */
  labels: LabelMetrics[];
  /** Plain mean of the labels' DSC (including the 1 / 0 conventions). */
  meanDsc: number;
  /** Plain mean of the labels' NSD. */
  meanNsd: number;
  /** The spacing used (mm). */
  spacingMm: [number, number, number];
  /** Whether the prediction's affine differs from the ground truth's; `undefined` when either has none. */
  affineMismatch: boolean | undefined;
}

/**
 * Evaluates one prediction against its ground truth by the FLARE21 rules,
 * with results identical to the official `DSC_NSD_eval.py`: spacing from the
 * ground truth only, GT values cast to uint8 (truncation), prediction values
 * compared exactly, per label DSC and NSD at 1 mm with the empty-mask rules
 * (both empty → 1, 1; GT empty → 0, 0; prediction empty → 0, 0), and the
 * plain mean over the labels.
 *
 * Each label is evaluated inside the bounding box of its two masks, so
 * memory beyond the inputs is 2 bytes per voxel (the uint8 label maps, only
 * when the inputs are not uint8 already) plus about 10 bytes per corner of
 * the largest label's box; work arrays up to 128 MB are kept for the next call.
 *
 * @param gt - Ground-truth label map (a `Volume` read from a file, or `{ data, shape, spacing }`).
 * @param pred - Predicted label map on the same grid.
 * @param options - Labels, tolerance, HD95, spacing override, affine check.
 * @returns Per-label metrics and the case means.
 * @throws {@link ShapeMismatchError} when the shapes differ (the message names both);
 *   {@link InvalidArgumentError} for bad options, or with `affineCheck: "error"` when the affines differ.
 * @example
 * ```ts
 * import { evaluateCase } from "flarekit/metrics";
 * const shape = [4, 4, 4];
 * const gt = { data: new Uint8Array(64), shape, spacing: [0.8, 0.8, 2.5] };
 * const pred = { data: new Uint8Array(64), shape };
 * gt.data.fill(1, 0, 32); // liver in the lower half
 * pred.data.fill(1, 0, 16);
 * const r = evaluateCase(gt, pred);
 * r.labels[0].dsc; // 0.6666666666666666
 * r.labels[1].branch; // "both-empty"
 * r.meanDsc; // 0.9166666666666666
 * ```
 * @see JunMa11/FLARE `FLARE21/Evaluation/DSC_NSD_eval.py`; Ma et al., "AbdomenCT-1K", IEEE TPAMI 44(10), 2022.
 */
export function evaluateCase(gt: LabelImage, pred: LabelImage, options: EvaluateCaseOptions = {}): CaseMetrics {
  const { dims, spacing } = validatePair(gt, pred, options.spacingMm);
  const entries = Object.entries(options.labels ?? FLARE21_LABELS);
  if (entries.length === 0 || entries.some(([, l]) => !Number.isInteger(l) || l < 1 || l > 255)) {
    throw new InvalidArgumentError("labels", options.labels, "a non-empty { name: label } map with integer labels 1–255");
  }
  const tolerance = options.toleranceMm ?? 1;
  if (typeof tolerance !== "number" || !(tolerance >= 0)) throw new InvalidArgumentError("toleranceMm", tolerance, "a number ≥ 0 (mm)");
  const affineMismatch = compareAffines(gt, pred, options);
  const labelValues = entries.map(([, l]) => l);
  const g = gtLabelMap(gt);
  const p = predLabelMap(pred, labelValues);
  const stats = pairStats(g, p, dims, labelValues);
  const ws = takeWorkspace();
  const labels: LabelMetrics[] = entries.map(([name, label], s) => {
    const gtVoxels = stats.gtVoxels[s];
    const predVoxels = stats.predVoxels[s];
    const out: LabelMetrics = { name, label, branch: "computed", gtVoxels, predVoxels, dsc: 0, nsd: 0 };
    if (gtVoxels === 0) out.branch = predVoxels === 0 ? "both-empty" : "gt-empty";
    else if (predVoxels === 0) out.branch = "pred-empty";
    if (out.branch === "both-empty") {
      out.dsc = 1;
      out.nsd = 1;
    } else if (out.branch === "computed" || out.branch === "pred-empty") {
      out.dsc = (2 * stats.intersection[s]) / (gtVoxels + predVoxels);
    }
    const needDistances = options.hd95 || out.branch === "computed" || out.branch === "pred-empty";
    if (!needDistances) return out;
    const d = computeSurfaceDistances(g, p, dims, label, label, stats.boxes[s], spacing, ws, gt.shape.length === 2);
    if (out.branch === "computed" || out.branch === "pred-empty") out.nsd = surfaceDiceFromDistances(d, tolerance);
    if (options.hd95) {
      if (out.branch === "both-empty") {
        out.hd95Mm = out.hdMm = out.asdGtToPredMm = out.asdPredToGtMm = out.assdMm = NaN;
      } else {
        out.hd95Mm = hausdorffFromDistances(d, 95);
        out.hdMm = hausdorffFromDistances(d, 100);
        const asd = averageSurfaceDistanceFromDistances(d);
        out.asdGtToPredMm = asd.gtToPredMm;
        out.asdPredToGtMm = asd.predToGtMm;
        out.assdMm = assdFromDistances(d);
      }
    }
    return out;
  });
  keepWorkspace(ws);
  let sumDsc = 0;
  let sumNsd = 0;
  for (const l of labels) {
    sumDsc += l.dsc;
    sumNsd += l.nsd;
  }
  return { labels, meanDsc: sumDsc / labels.length, meanNsd: sumNsd / labels.length, spacingMm: spacing, affineMismatch };
}

/** Work arrays larger than this are dropped after a call instead of kept for the next one. */
const KEEP_WORKSPACE_BYTES = 128 * 1024 * 1024;
let keptWorkspace: MetricsWorkspace | undefined;

/**
 * The work arrays of the previous call (or new ones): a dataset's cases have
 * similar sizes, so reusing them spares allocating, zeroing and collecting
 * tens of MB per case (which also slows parallel workers down).
 */
function takeWorkspace(): MetricsWorkspace {
  const ws = keptWorkspace ?? new MetricsWorkspace();
  keptWorkspace = undefined; // a throwing call must not leave it half-used (calls are synchronous anyway)
  return ws;
}

function keepWorkspace(ws: MetricsWorkspace): void {
  keptWorkspace = ws.byteLength <= KEEP_WORKSPACE_BYTES ? ws : undefined;
}

/** GT values as numpy's `np.uint8(get_fdata())`: scaled, truncated toward zero, wrapped modulo 256. */
function gtLabelMap(gt: LabelImage): Uint8Array {
  const values = scaledValues(gt);
  if (values instanceof Uint8Array) return values;
  return Uint8Array.from(values as ArrayLike<number>);
}

/** Prediction values compared exactly: a voxel keeps its value when it is one of the labels, else 0. */
function predLabelMap(pred: LabelImage, labels: readonly number[]): Uint8Array {
  const values = scaledValues(pred);
  if (values instanceof Uint8Array) return values;
  const wanted = new Uint8Array(256);
  for (const l of labels) wanted[l] = 1;
  const n = values.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v >= 1 && v <= 255 && wanted[v] === 1) out[i] = v;
  }
  return out;
}

function compareAffines(gt: LabelImage, pred: LabelImage, options: EvaluateCaseOptions): boolean | undefined {
  const a = gt.affine;
  const b = pred.affine;
  if (!a || !b) return undefined;
  const tolerance = options.affineToleranceMm ?? 1e-3;
  let worst = 0;
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const d = Math.abs((a[r]?.[c] ?? NaN) - (b[r]?.[c] ?? NaN));
      worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
    }
  }
  const mismatch = !(worst <= tolerance);
  if (mismatch && options.affineCheck === "error") {
    throw new InvalidArgumentError(
      "pred.affine",
      b.map((row) => `[${row.join(", ")}]`).join(" "),
      `the ground truth's affine within ${tolerance} mm (largest difference ${worst} mm)`,
      "The prediction was saved on another grid or with another header; resample it onto the ground truth or pass affineCheck: \"report\".",
    );
  }
  return mismatch;
}
