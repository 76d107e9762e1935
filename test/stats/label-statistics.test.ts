import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diagonalAffine } from "../../src/core/affine.ts";
import { InvalidArgumentError, ShapeMismatchError } from "../../src/core/errors.ts";
import { createVolume } from "../../src/core/volume.ts";
import { readNiftiFile } from "../../src/node/index.ts";
import { FLARE_ORGAN_NAMES, labelStatistics } from "../../src/stats/index.ts";
import { describeShared, sharedJson, sharedPath } from "../helpers/shared.ts";
import { naiveLabelFacts, numpyMedian, numpyPercentile, relDiff } from "./oracle.ts";

interface ExpectedLabel {
  voxels: number;
  volume_mm3: number;
  volume_ml: number;
  hu_mean: number;
  hu_std: number;
  hu_min: number;
  hu_max: number;
  hu_median: number;
  hu_p05: number;
  hu_p95: number;
  bbox_min: number[];
  bbox_max_inclusive: number[];
  centroid_voxel: number[];
  centroid_world_mm: number[];
}

describeShared("labelStatistics on processing/stats (numpy / nibabel reference)", () => {
  const expected = sharedJson<{ labels_stats: Record<string, ExpectedLabel> }>("processing/stats/expected.json");

  it("labelStatistics(labels, { image }) matches expected.json: counts and bboxes exact, the rest within 1e-9, percentiles equal", async () => {
    const labels = await readNiftiFile(sharedPath("processing/stats/labels.nii.gz"));
    const ct = await readNiftiFile(sharedPath("processing/stats/ct.nii.gz"));
    const stats = labelStatistics(labels, { image: ct });
    expect(stats.map((s) => s.label)).toEqual([1, 2, 3, 4]);
    for (const s of stats) {
      const e = expected.labels_stats[String(s.label)];
      expect(s.name).toBe(FLARE_ORGAN_NAMES[s.label]);
      expect(s.voxelCount).toBe(e.voxels);
      expect(s.bboxMin).toEqual(e.bbox_min);
      expect(s.bboxMax).toEqual(e.bbox_max_inclusive);
      expect(relDiff(s.volumeMm3, e.volume_mm3)).toBeLessThanOrEqual(1e-9);
      expect(relDiff(s.volumeMl, e.volume_ml)).toBeLessThanOrEqual(1e-9);
      const hu = s.hu!;
      expect(relDiff(hu.mean, e.hu_mean)).toBeLessThanOrEqual(1e-9);
      expect(relDiff(hu.std, e.hu_std)).toBeLessThanOrEqual(1e-9);
      expect(hu.min).toBe(e.hu_min);
      expect(hu.max).toBe(e.hu_max);
      expect(hu.median).toBe(e.hu_median);
      expect(hu.percentile5).toBe(e.hu_p05);
      expect(hu.percentile95).toBe(e.hu_p95);
      for (let a = 0; a < 3; a++) {
        expect(relDiff(s.centroidVoxel![a], e.centroid_voxel[a])).toBeLessThanOrEqual(1e-9);
        expect(relDiff(s.centroidWorldMm![a], e.centroid_world_mm[a])).toBeLessThanOrEqual(1e-9);
        expect(s.extentMm![a]).toBeCloseTo((e.bbox_max_inclusive[a] - e.bbox_min[a] + 1) * 3, 12);
      }
      expect(s.surfaceAreaMm2).toBeGreaterThan(0);
    }
  });
});

describe("labelStatistics", () => {
  it("labelStatistics() of an all-background map reports the FLARE organs with zero voxels and null geometry", () => {
    const stats = labelStatistics(createVolume(new Uint8Array(8), [2, 2, 2]));
    expect(stats.map((s) => [s.label, s.name, s.voxelCount, s.volumeMl, s.bboxMin, s.centroidWorldMm, s.surfaceAreaMm2, s.hu])).toEqual([
      [1, "liver", 0, 0, null, null, 0, null],
      [2, "kidney", 0, 0, null, null, 0, null],
      [3, "spleen", 0, 0, null, null, 0, null],
      [4, "pancreas", 0, 0, null, null, 0, null],
    ]);
  });

  it("labelStatistics() of one voxel: volume, extent, centroid through the affine, surface area √3·s² of the surface-Dice surfels", () => {
    const data = new Uint8Array(27);
    data[1 + 3 * (2 + 3 * 1)] = 7; // (i, j, k) = (1, 2, 1)
    const affine = diagonalAffine([2, 2, 2]);
    affine[0][3] = -10;
    affine[1][3] = 5;
    const v = createVolume(data, [3, 3, 3], { affine });
    const [s] = labelStatistics(v, { names: { 7: "tumour" } });
    expect(s).toEqual({
      label: 7,
      name: "tumour",
      voxelCount: 1,
      volumeMm3: 8,
      volumeMl: 0.008,
      bboxMin: [1, 2, 1],
      bboxMax: [1, 2, 1],
      extentMm: [2, 2, 2],
      centroidVoxel: [1, 2, 1],
      centroidWorldMm: [-8, 9, 2],
      // 8 corners, each a triangle of area √3/8 in unit spacing, scaled by 2² mm²
      surfaceAreaMm2: expect.closeTo(Math.sqrt(3) * 4, 12),
      hu: null,
    });
  });

  it("labelStatistics(labels, { labels }) reports the chosen labels in the given order, unknown ones as label_<n>", () => {
    const v = createVolume(new Uint8Array([0, 9, 1, 1]), [4, 1, 1]);
    const stats = labelStatistics(v, { labels: [9, 1, 5], surfaceArea: false });
    expect(stats.map((s) => [s.label, s.name, s.voxelCount, s.surfaceAreaMm2])).toEqual([
      [9, "label_9", 1, null],
      [1, "liver", 2, null],
      [5, "label_5", 0, null],
    ]);
  });

  it("labelStatistics(labels, { image }) uses the scaled values (slope / intercept) in float64, like scaledData", () => {
    const labels = createVolume(new Uint8Array([1, 1, 1, 1, 0]), [5, 1, 1]);
    const ct = createVolume(new Int16Array([1000, 1001, 1003, 1010, 0]), [5, 1, 1], { scaling: { slope: 0.5, intercept: -1024 } });
    const [liver] = labelStatistics(labels, { image: ct, surfaceArea: false });
    // HU: 1000·0.5 − 1024 = −524, −523.5, −522.5, −519
    const hu = [-524, -523.5, -522.5, -519];
    expect(liver.hu).toEqual({
      mean: (-524 - 523.5 - 522.5 - 519) / 4,
      std: Math.sqrt(hu.reduce((s, x) => s + (x - -522.25) ** 2, 0) / 4),
      min: -524,
      max: -519,
      median: -523,
      percentile5: -524 + 0.5 * 0.15, // vi = 3·0.05 = 0.15
      percentile95: -519 - 3.5 * (1 - 0.85), // vi = 2.85, t ≥ 0.5: b − (b − a)(1 − t)
    });
  });

  it("labelStatistics() refuses images of another shape or grid, non-integer labels and non-3D volumes", () => {
    const labels = createVolume(new Uint8Array(8), [2, 2, 2]);
    expect(() => labelStatistics(labels, { image: createVolume(new Int16Array(12), [2, 2, 3]) })).toThrow(ShapeMismatchError);
    expect(() => labelStatistics(labels, { image: createVolume(new Int16Array(8), [2, 2, 2], { spacing: [1, 1, 2] }) })).toThrow(/same grid/);
    expect(() => labelStatistics(createVolume(new Float32Array([0, 1, 1.5, 2]), [4, 1, 1]))).toThrow(InvalidArgumentError);
    expect(() => labelStatistics(createVolume(new Float32Array([0, 1, 1.5, 2]), [4, 1, 1]))).toThrow(/integer label values/);
    expect(() => labelStatistics(createVolume(new Uint8Array(16), [2, 2, 2, 2]))).toThrow(/3D volume/);
    expect(() => labelStatistics(createVolume(new Uint8Array(24), [2, 2, 2], { dtype: "rgb24" }))).toThrow(InvalidArgumentError);
  });

  const dims = fc.tuple(fc.integer({ min: 1, max: 37 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }));
  const labelDtypes = ["uint8", "int16", "int32", "float32", "float64"] as const;
  const imageDtypes = ["int16", "uint8", "float32", "int32"] as const;

  it("labelStatistics() equals a brute-force oracle for any label map and image dtype (property)", () => {
    fc.assert(
      fc.property(
        dims,
        fc.constantFrom(...labelDtypes),
        fc.constantFrom(...imageDtypes),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(0.4, 0.95), // share of background: sparse maps exercise the word-at-a-time skip
        ([nx, ny, nz], ldt, idt, seed, background) => {
          const n = nx * ny * nz;
          let state = seed;
          const rand = (): number => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
          const labelValues = Array.from({ length: n }, () => (rand() < background ? 0 : [1, 2, 4, 300 % 256, 11][Math.floor(rand() * 5)]));
          const LabelArray = { uint8: Uint8Array, int16: Int16Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[ldt];
          const labels = createVolume(LabelArray.from(labelValues), [nx, ny, nz], { spacing: [0.7, 0.9, 2.5] });
          const raw = Array.from({ length: n }, () => (idt === "uint8" ? Math.floor(rand() * 256) : idt === "float32" ? Math.fround((rand() - 0.5) * 400) : Math.floor((rand() - 0.5) * 3000)));
          const ImageArray = { int16: Int16Array, uint8: Uint8Array, float32: Float32Array, int32: Int32Array }[idt];
          const scaling = idt === "float32" ? undefined : { slope: 0.25, intercept: -100 };
          const image = createVolume(ImageArray.from(raw), [nx, ny, nz], { spacing: [0.7, 0.9, 2.5], ...(scaling ? { scaling } : {}) });
          const hu = raw.map((r) => (scaling ? r * scaling.slope + scaling.intercept : r));
          const facts = naiveLabelFacts(labelValues, [nx, ny, nz], hu);
          const stats = labelStatistics(labels, { image, surfaceArea: false, names: {} });
          expect(stats.map((s) => s.label)).toEqual([...facts.keys()].sort((a, b) => a - b));
          for (const s of stats) {
            const f = facts.get(s.label)!;
            expect(s.voxelCount).toBe(f.count);
            expect(s.bboxMin).toEqual(f.min);
            expect(s.bboxMax).toEqual(f.max);
            expect(s.volumeMm3).toBe(f.count * (0.7 * 0.9 * 2.5));
            expect(s.centroidVoxel).toEqual(f.sum.map((x) => x / f.count));
            const mean = f.values.reduce((a, b) => a + b, 0) / f.count;
            expect(relDiff(s.hu!.mean, mean)).toBeLessThan(1e-12);
            const std = Math.sqrt(f.values.reduce((a, b) => a + (b - mean) ** 2, 0) / f.count);
            expect(Math.abs(s.hu!.std - std)).toBeLessThanOrEqual(1e-9 * Math.max(1, std));
            expect(s.hu!.min).toBe(Math.min(...f.values));
            expect(s.hu!.max).toBe(Math.max(...f.values));
            expect(s.hu!.median).toBe(numpyMedian(f.values));
            expect(s.hu!.percentile5).toBe(numpyPercentile(f.values, 5));
            expect(s.hu!.percentile95).toBe(numpyPercentile(f.values, 95));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("labelStatistics edge cases", () => {
  it("labelStatistics() propagates NaN image values to every HU statistic, like numpy", () => {
    const labels = createVolume(new Uint8Array([1, 1, 2]), [3, 1, 1]);
    const ct = createVolume(new Float32Array([NaN, 5, 7]), [3, 1, 1]);
    const [liver, kidney] = labelStatistics(labels, { image: ct, surfaceArea: false });
    expect(Object.values(liver.hu!).every((x) => Number.isNaN(x))).toBe(true);
    expect(kidney.hu).toEqual({ mean: 7, std: 0, min: 7, max: 7, median: 7, percentile5: 7, percentile95: 7 });
  });

  it("labelStatistics() reads negative int16 labels and a negative-slope image", () => {
    const labels = createVolume(new Int16Array([-3, -3, 0, 2]), [4, 1, 1]);
    const ct = createVolume(new Int16Array([10, 20, 0, 4]), [4, 1, 1], { scaling: { slope: -1, intercept: 0 } });
    const stats = labelStatistics(labels, { image: ct, names: {}, surfaceArea: false });
    expect(stats.map((s) => [s.label, s.voxelCount, s.hu!.min, s.hu!.max, s.hu!.median])).toEqual([
      [-3, 2, -20, -10, -15],
      [2, 1, -4, -4, -4],
    ]);
  });
});
