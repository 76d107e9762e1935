import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError, IoError } from "../../src/core/errors.ts";
import { createVolume, type Volume } from "../../src/core/volume.ts";
import { datasetSummary, findDatasetCases, writeNiftiFile } from "../../src/node/index.ts";
import { type DatasetCase, type DatasetSummary, datasetSummaryMarkdown } from "../../src/stats/index.ts";

/**
 * A tiny FLARE-layout dataset whose summary is worked out by hand below.
 * Each case: the first voxels in storage order carry these labels and HU, the rest is background at −1000 HU.
 */
const CASES = [
  // train_000: 4×3×2 @ 10×10×10 mm → 1 cm³ per voxel
  { id: "train_000", split: "train", shape: [4, 3, 2], spacing: [10, 10, 10], labels: [1, 1, 1, 1, 1, 2, 2, 3, 4], hu: [50, 52, 54, 56, 58, 150, 160, 45, 30] },
  // train_001: 6×4×2 @ 5×5×10 mm → 0.25 cm³ per voxel; no spleen
  { id: "train_001", split: "train", shape: [6, 4, 2], spacing: [5, 5, 10], labels: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4], hu: [40, 41, 42, 43, 44, 45, 46, 47, 140, 140, 150, 150, 20, 40] },
  // train_002: 4×4×4 @ 10×10×20 mm → 2 cm³ per voxel
  { id: "train_002", split: "train", shape: [4, 4, 4], spacing: [10, 10, 20], labels: [1, 1, 1, 2, 3, 3, 4], hu: [100, 100, 100, 200, 60, 70, 35] },
  // images only
  { id: "validation_000", split: "validation", shape: [8, 8, 4], spacing: [1, 1, 1] },
  { id: "test_000", split: "test", shape: [3, 3, 3], spacing: [0.5, 0.5, 3] },
] as const;

function volumes(c: (typeof CASES)[number]): { image: Volume; labels?: Volume } {
  const n = c.shape[0] * c.shape[1] * c.shape[2];
  const ct = new Int16Array(n).fill(-1000);
  const opts = { spacing: [...c.spacing] };
  if (!("labels" in c)) return { image: createVolume(ct, [...c.shape], opts) };
  const labels = new Uint8Array(n);
  labels.set(c.labels);
  ct.set(c.hu);
  return { image: createVolume(ct, [...c.shape], opts), labels: createVolume(labels, [...c.shape], opts) };
}

const FOLDER: Record<string, [string, string]> = { train: ["imagesTr", "labelsTr"], validation: ["imagesVal", "labelsVal"], test: ["imagesTs", "labelsTs"] };

let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "flarekit-summary-"));
  for (const d of ["imagesTr", "labelsTr", "imagesVal", "imagesTs"]) mkdirSync(join(root, d));
  for (const c of CASES) {
    const { image, labels } = volumes(c);
    const [imgDir, labDir] = FOLDER[c.split];
    await writeNiftiFile(join(root, imgDir, `${c.id}_0000.nii.gz`), image);
    if (labels) await writeNiftiFile(join(root, labDir, `${c.id}.nii.gz`), labels);
  }
  // a second channel is not a case
  await writeNiftiFile(join(root, "imagesTr", "train_000_0001.nii.gz"), volumes(CASES[0]).image);
  // an unreadable image with valid labels
  writeFileSync(join(root, "imagesTr", "train_003_0000.nii.gz"), "not a NIfTI file at all");
  await writeNiftiFile(join(root, "labelsTr", "train_003.nii.gz"), volumes(CASES[0]).labels!);
  // labels without their image
  await writeNiftiFile(join(root, "labelsTr", "train_004.nii.gz"), volumes(CASES[0]).labels!);
  // labels on another grid than the image
  await writeNiftiFile(join(root, "imagesTr", "train_005_0000.nii.gz"), volumes(CASES[1]).image);
  await writeNiftiFile(join(root, "labelsTr", "train_005.nii.gz"), volumes(CASES[0]).labels!);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Population std of a list, by the textbook formula. */
function std(values: number[]): number {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
}

const LIVER_HU = [50, 52, 54, 56, 58, 40, 41, 42, 43, 44, 45, 46, 47, 100, 100, 100];
const KIDNEY_HU = [150, 160, 140, 140, 150, 150, 200];
const SPLEEN_HU = [45, 60, 70];
const PANCREAS_HU = [30, 20, 40, 35];

function checkStatistics(s: DatasetSummary): void {
  expect(s.casesBySplit).toEqual({ train: 3, validation: 1, test: 1 });
  expect(s.caseCount).toBe(5);
  expect(s.labelledCount).toBe(3);
  // spacing x and y: [10, 5, 10, 1, 0.5]; z: [10, 10, 20, 1, 3]
  expect(s.spacingMm).toEqual([
    { min: 0.5, median: 5, max: 10 },
    { min: 0.5, median: 5, max: 10 },
    { min: 1, median: 10, max: 20 },
  ]);
  // size x: [4, 6, 4, 8, 3]; y: [3, 4, 4, 8, 3]; z: [2, 2, 4, 4, 3]
  expect(s.size).toEqual([
    { min: 3, median: 4, max: 8 },
    { min: 3, median: 4, max: 8 },
    { min: 2, median: 3, max: 4 },
  ]);
  const organs = Object.fromEntries(s.organs.map((o) => [o.name, o]));
  expect(s.organs.map((o) => o.label)).toEqual([1, 2, 3, 4]);
  // liver: 5 × 1, 8 × 0.25, 3 × 2 cm³
  expect(organs.liver.cases).toBe(3);
  expect(organs.liver.coveragePercent).toBe(100);
  expect(organs.liver.volumeCm3).toEqual({ max: 6, mean: 13 / 3, median: 5, min: 2 });
  // kidney: 2 × 1, 4 × 0.25, 1 × 2
  expect(organs.kidney.volumeCm3).toEqual({ max: 2, mean: 5 / 3, median: 2, min: 1 });
  // spleen: absent from train_001 → 2 of 3 labelled cases; 1 × 1 and 2 × 2 cm³
  expect(organs.spleen.cases).toBe(2);
  expect(organs.spleen.coveragePercent).toBeCloseTo(200 / 3, 12);
  expect(organs.spleen.volumeCm3).toEqual({ max: 4, mean: 2.5, median: 2.5, min: 1 });
  // pancreas: 1 × 1, 2 × 0.25, 1 × 2
  expect(organs.pancreas.volumeCm3).toEqual({ max: 2, mean: 3.5 / 3, median: 1, min: 0.5 });

  // Foreground HU, numpy linear percentiles by hand: index (n − 1)·q between sorted neighbours.
  const hu = (name: string) => organs[name].hu!;
  expect(hu("liver").voxelCount).toBe(16);
  expect(hu("liver").mean).toBe(918 / 16);
  expect(hu("liver").std).toBeCloseTo(std(LIVER_HU), 12);
  expect(hu("liver").percentile0_5).toBeCloseTo(40.075, 12); // 15·0.005 = 0.075 between 40 and 41
  expect(hu("liver").percentile99_5).toBe(100); // 14.925 between 100 and 100
  expect(hu("kidney").mean).toBeCloseTo(1090 / 7, 12);
  expect(hu("kidney").std).toBeCloseTo(std(KIDNEY_HU), 12);
  expect(hu("kidney").percentile0_5).toBe(140); // 0.03 between 140 and 140
  expect(hu("kidney").percentile99_5).toBeCloseTo(198.8, 12); // 5.97 between 160 and 200
  expect(hu("spleen").mean).toBeCloseTo(175 / 3, 12);
  expect(hu("spleen").std).toBeCloseTo(std(SPLEEN_HU), 12);
  expect(hu("spleen").percentile0_5).toBeCloseTo(45.15, 12); // 0.01 between 45 and 60
  expect(hu("spleen").percentile99_5).toBeCloseTo(69.9, 12); // 1.99 between 60 and 70
  expect(hu("pancreas").mean).toBe(31.25);
  expect(hu("pancreas").std).toBeCloseTo(std(PANCREAS_HU), 12);
  expect(hu("pancreas").percentile0_5).toBeCloseTo(20.15, 12); // 0.015 between 20 and 30
  expect(hu("pancreas").percentile99_5).toBeCloseTo(39.925, 12); // 2.985 between 35 and 40
  const all = [...LIVER_HU, ...KIDNEY_HU, ...SPLEEN_HU, ...PANCREAS_HU];
  expect(s.foregroundHu!.voxelCount).toBe(30);
  expect(s.foregroundHu!.mean).toBeCloseTo(2308 / 30, 12);
  expect(s.foregroundHu!.std).toBeCloseTo(std(all), 12);
  expect(s.foregroundHu!.percentile0_5).toBeCloseTo(21.45, 12); // 29·0.005 = 0.145 between 20 and 30
  expect(s.foregroundHu!.percentile99_5).toBeCloseTo(194.2, 12); // 28.855 between 160 and 200

  expect(s.cases.map((c) => [c.id, c.split, c.shape, c.spacingMm, c.volumesCm3])).toEqual([
    ["train_000", "train", [4, 3, 2], [10, 10, 10], { liver: 5, kidney: 2, spleen: 1, pancreas: 1 }],
    ["train_001", "train", [6, 4, 2], [5, 5, 10], { liver: 2, kidney: 1, pancreas: 0.5 }],
    ["train_002", "train", [4, 4, 4], [10, 10, 20], { liver: 6, kidney: 2, spleen: 4, pancreas: 2 }],
    ["validation_000", "validation", [8, 8, 4], [1, 1, 1], {}],
    ["test_000", "test", [3, 3, 3], [0.5, 0.5, 3], {}],
  ]);
}

describe("datasetSummary", () => {
  it("datasetSummary(dir) of a FLARE-layout folder gives the hand-computed card and lists the bad cases", async () => {
    const seen: [number, number | undefined, string][] = [];
    const s = await datasetSummary(root, { workers: 1, onProgress: (d, t, id) => seen.push([d, t, id]) });
    checkStatistics(s);
    expect(s.failures.map((f) => [f.id, f.split, f.code])).toEqual([
      ["train_004", "train", "MISSING_PARTNER"],
      ["train_003", "train", "NOT_NIFTI"],
      ["train_005", "train", "SHAPE_MISMATCH"],
    ]);
    expect(s.failures[0].message).toMatch(/has no image/);
    expect(seen.map((x) => x[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen.every((x) => x[1] === 7)).toBe(true);
  });

  it("datasetSummary(dir, { workers: 2 }) gives the same summary on worker threads", async () => {
    const one = await datasetSummary(root, { workers: 1 });
    const two = await datasetSummary(root, { workers: 2 });
    expect(two).toEqual(one);
  });

  it("datasetSummary(cases) streams in-memory cases with the same numbers", async () => {
    function* cases(): Generator<DatasetCase> {
      for (const c of CASES) yield { id: c.id, split: c.split, ...volumes(c) };
    }
    const s = await datasetSummary(cases(), { workers: 1 });
    checkStatistics(s);
    expect(s.failures).toEqual([]);
  });

  it("datasetSummary(cases) reports a case on two grids and one with non-integer labels as failures", async () => {
    const good = volumes(CASES[0]);
    const s = await datasetSummary([
      { id: "a", split: "train", image: volumes(CASES[1]).image, labels: good.labels! },
      { id: "b", split: "train", labels: createVolume(new Float32Array([0, 1.5]), [2, 1, 1]) },
      { id: "c", split: "train", ...good },
    ]);
    expect(s.failures.map((f) => [f.id, f.code])).toEqual([["a", "SHAPE_MISMATCH"], ["b", "INVALID_ARGUMENT"]]);
    expect(s.caseCount).toBe(1);
    expect(s.organs[0].volumeCm3).toEqual({ max: 5, mean: 5, median: 5, min: 5 });
  });

  it("datasetSummaryMarkdown(summary) lays the card out as tables", async () => {
    const md = datasetSummaryMarkdown(await datasetSummary(root, { workers: 1 }));
    expect(md).toContain("| Training | 3 |");
    expect(md).toContain("| z | 1.00 / 10.00 / 20.00 | 2 / 3 / 4 |");
    expect(md).toContain("| Liver | 3 | 100.00 % | 6.00 | 4.33 | 5.00 | 2.00 |");
    expect(md).toContain("| Spleen | 2 | 66.67 % | 4.00 | 2.50 | 2.50 | 1.00 |");
    expect(md).toContain("| All organs | 30 | 76.93 |");
    expect(md).toContain("- train_004 (train): Labels file");
  });

  it("findDatasetCases(dir) pairs <id>_0000 images with <id> labels and ignores other channels", async () => {
    const { cases } = await findDatasetCases(root);
    expect(cases.map((c) => [c.id, c.split, c.labelsPath !== undefined])).toEqual([
      ["train_000", "train", true],
      ["train_001", "train", true],
      ["train_002", "train", true],
      ["train_003", "train", true],
      ["train_005", "train", true],
      ["validation_000", "validation", false],
      ["test_000", "test", false],
    ]);
  });

  it("datasetSummary() refuses an empty folder, a missing folder and a bad worker count", async () => {
    const empty = mkdtempSync(join(tmpdir(), "flarekit-empty-"));
    try {
      await expect(datasetSummary(empty)).rejects.toThrow(InvalidArgumentError);
      await expect(datasetSummary(empty)).rejects.toThrow(/imagesTr/);
      await expect(datasetSummary(join(empty, "nope"))).rejects.toThrow(IoError);
      await expect(datasetSummary(root, { workers: 0 })).rejects.toThrow(/workers/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
