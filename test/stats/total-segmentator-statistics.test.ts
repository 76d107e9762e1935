import { describe, expect, it } from "vitest";
import { createVolume } from "../../src/core/volume.ts";
import { totalSegmentatorStatistics } from "../../src/stats/index.ts";

// 10×10×10 grid, spacing 1 × 1 × 2 mm (voxel 2 mm³). TotalSegmentator's border rule looks at indices 0–2 and 7–9.
function scene(spacing: [number, number, number] = [1, 1, 2]) {
  const labels = new Uint8Array(1000);
  const ct = new Float32Array(1000);
  const at = (i: number, j: number, k: number): number => i + 10 * (j + 10 * k);
  // liver: the 2×2×2 block i, j, k ∈ {4, 5}
  const liverHu = [-1.5, 2.7, 3, 4, 10.9, -0.2, 5, 6];
  let n = 0;
  for (let k = 4; k <= 5; k++) for (let j = 4; j <= 5; j++) for (let i = 4; i <= 5; i++) {
    labels[at(i, j, k)] = 1;
    ct[at(i, j, k)] = liverHu[n++];
  }
  // spleen: one voxel at i = 2, inside the first three slices of x
  labels[at(2, 5, 5)] = 3;
  ct[at(2, 5, 5)] = 50;
  // pancreas: three voxels at j = k = 6 (index 6 is not in the last three slices)
  [[4, 1], [5, 1], [6, 2]].forEach(([i, v]) => {
    labels[at(i, 6, 6)] = 4;
    ct[at(i, 6, 6)] = v;
  });
  return {
    labels: createVolume(labels, [10, 10, 10], { spacing }),
    ct: createVolume(ct, [10, 10, 10], { spacing }),
  };
}

describe("totalSegmentatorStatistics", () => {
  it("totalSegmentatorStatistics(labels, ct) truncates HU to int16, rounds to 5 decimals and zeroes absent and border organs", () => {
    const { labels, ct } = scene();
    // liver: trunc → [-1, 2, 3, 4, 10, 0, 5, 6], sum 29, mean 3.625; pancreas: (1 + 1 + 2) / 3 = 1.333… → 1.33333
    expect(totalSegmentatorStatistics(labels, ct)).toEqual({
      liver: { volume: 16, intensity: 3.625 },
      kidney: { volume: 0, intensity: 0 },
      spleen: { volume: 0, intensity: 0 },
      pancreas: { volume: 6, intensity: 1.33333 },
    });
    expect(Object.keys(totalSegmentatorStatistics(labels, ct))).toEqual(["liver", "kidney", "spleen", "pancreas"]);
  });

  it("totalSegmentatorStatistics(…, { excludeMasksAtBorder: false }) keeps organs touching the border", () => {
    const { labels, ct } = scene();
    expect(totalSegmentatorStatistics(labels, ct, { excludeMasksAtBorder: false }).spleen).toEqual({ volume: 2, intensity: 50 });
  });

  it("totalSegmentatorStatistics(…, { metric: 'median' }) takes numpy's median of the truncated values", () => {
    const { labels, ct } = scene();
    const out = totalSegmentatorStatistics(labels, ct, { metric: "median" });
    expect(out.liver.intensity).toBe(3.5); // sorted [-1, 0, 2, 3, 4, 5, 6, 10]
    expect(out.pancreas.intensity).toBe(1);
  });

  it("totalSegmentatorStatistics() multiplies the float32 zooms in float32 like numpy", () => {
    const { labels, ct } = scene([0.7, 0.7, 2.5]);
    const z = new Float32Array([0.7, 0.7, 2.5]);
    const f32 = new Float32Array(1);
    f32[0] = z[0] * z[1];
    f32[0] = f32[0] * z[2];
    expect(totalSegmentatorStatistics(labels, ct).liver.volume).toBe(8 * f32[0]);
    expect(8 * f32[0]).not.toBe(8 * 0.7 * 0.7 * 2.5);
  });

  it("totalSegmentatorStatistics() refuses a bad metric", () => {
    const { labels, ct } = scene();
    expect(() => totalSegmentatorStatistics(labels, ct, { metric: "max" as "mean" })).toThrow(/metric/);
  });
});
