// Hand-computed cases, edge cases and bad input for flarekit/components.
import { describe, expect, it } from "vitest";
import { isFlarekitError } from "../../src/core/errors.ts";
import { createVolume } from "../../src/core/volume.ts";
import {
  FLARE21_KEEP_K,
  FLARE21_MIN_VOLUME_MM3,
  fillHoles,
  keepLargest,
  labelComponents,
  postprocessFlare,
  removeSmallComponents,
  type LabelFill,
  type LabelRemoval,
} from "../../src/components/index.ts";

/** The voxel values as plain numbers (label volumes here hold number arrays). */
function values(a: unknown): number[] {
  return Array.from(a as ArrayLike<number>);
}

function expectInvalid(fn: () => unknown, argument: RegExp | string): void {
  try {
    fn();
  } catch (err) {
    expect(isFlarekitError(err, "INVALID_ARGUMENT")).toBe(true);
    if (isFlarekitError(err, "INVALID_ARGUMENT")) expect(err.argument).toMatch(argument);
    return;
  }
  throw new Error("expected an InvalidArgumentError");
}

describe("labelComponents", () => {
  it("labelComponents(all zeros) gives 0 components and a zero uint8 volume", () => {
    const r = labelComponents(createVolume(new Int16Array(24), [2, 3, 4]));
    expect(r.count).toBe(0);
    expect(r.components).toEqual([]);
    expect(r.volume.dtype).toBe("uint8");
    expect(Array.from(r.volume.data)).toEqual(new Array(24).fill(0));
  });

  it("labelComponents of the documented 1D example", () => {
    const { count, volume, components } = labelComponents(createVolume(new Uint8Array([1, 1, 0, 2, 0, 1]), [6, 1, 1]));
    expect(count).toBe(3);
    expect(Array.from(volume.data)).toEqual([1, 1, 0, 2, 0, 3]);
    expect(components.map((c) => c.label)).toEqual([1, 2, 1]);
  });

  it("labelComponents: a diagonal pair joins at 18/26 (edge) but not 6; a corner pair only at 26", () => {
    // (0,0,0) and (1,1,0) share an edge; (0,0,0) and (1,1,1) share only a corner.
    const edge = new Uint8Array(8);
    edge[0] = edge[3] = 5;
    const corner = new Uint8Array(8);
    corner[0] = corner[7] = 5;
    const count = (d: Uint8Array, c: 4 | 6 | 8 | 18 | 26): number =>
      labelComponents(createVolume(d, [2, 2, 2]), { connectivity: c }).count;
    expect([count(edge, 6), count(edge, 18), count(edge, 26), count(edge, 4), count(edge, 8)]).toEqual([2, 1, 1, 2, 1]);
    expect([count(corner, 6), count(corner, 18), count(corner, 26), count(corner, 8)]).toEqual([2, 2, 1, 2]);
  });

  it("labelComponents: 4 and 8 label each slice on its own", () => {
    const d = new Uint8Array([1, 0, 0, 0, 1, 0, 0, 0]); // (0,0,0) and (0,0,1) are face neighbours across slices
    expect(labelComponents(createVolume(d, [2, 2, 2]), { connectivity: 6 }).count).toBe(1);
    expect(labelComponents(createVolume(d, [2, 2, 2]), { connectivity: 4 }).count).toBe(2);
    expect(labelComponents(createVolume(d, [2, 2, 2]), { connectivity: 8 }).count).toBe(2);
  });

  it("labelComponents: equal values touching join, different values never do", () => {
    const r = labelComponents(createVolume(new Uint8Array([3, 3, 4, 4, 3]), [5, 1, 1]));
    expect(Array.from(r.volume.data)).toEqual([1, 1, 2, 2, 3]);
  });

  it("labelComponents: bounding box, centroid and volume by hand", () => {
    // 4×3×2 at 0.5×0.5×2 mm: label 7 at (1,0,0), (2,0,0), (2,1,0), (2,1,1)
    const d = new Uint8Array(24);
    for (const [i, j, k] of [[1, 0, 0], [2, 0, 0], [2, 1, 0], [2, 1, 1]]) d[i + 4 * (j + 3 * k)] = 7;
    const [c] = labelComponents(createVolume(d, [4, 3, 2], { spacing: [0.5, 0.5, 2] }), { connectivity: 6 }).components;
    expect(c).toEqual({
      id: 1,
      label: 7,
      voxelCount: 4,
      volumeMm3: 2,
      firstVoxel: 1,
      bboxMin: [1, 0, 0],
      bboxMax: [2, 1, 1],
      centroidVoxel: [7 / 4, 2 / 4, 1 / 4],
    });
  });

  it("labelComponents uses uint16 above 255 components and uint32 above 65535", () => {
    const d300 = new Uint8Array(600);
    for (let i = 0; i < 600; i += 2) d300[i] = 1;
    const r = labelComponents(createVolume(d300, [600, 1, 1]));
    expect(r.count).toBe(300);
    expect(r.volume.dtype).toBe("uint16");
    expect(r.volume.data[598]).toBe(300);
    // a 700×200 checkerboard: 70000 isolated voxels at 6-connectivity
    const big = new Uint8Array(140000);
    for (let j = 0; j < 200; j++) for (let i = (j % 2); i < 700; i += 2) big[i + 700 * j] = 1;
    const r2 = labelComponents(createVolume(big, [700, 200, 1]), { connectivity: 6 });
    expect(r2.count).toBe(70000);
    expect(r2.volume.dtype).toBe("uint32");
  });

  it("labelComponents writes into out and refuses an out too narrow or of the wrong length", () => {
    const labels = createVolume(new Uint8Array([1, 0, 2, 0, 1]), [5, 1, 1]);
    const out = new Uint32Array(5).fill(9);
    const r = labelComponents(labels, { out });
    expect(r.volume.data).toBe(out);
    expect(r.volume.dtype).toBe("uint32");
    expect(Array.from(out)).toEqual([1, 0, 2, 0, 3]);
    expectInvalid(() => labelComponents(labels, { out: new Uint32Array(4) }), "out");
    const many = new Uint8Array(600);
    for (let i = 0; i < 600; i += 2) many[i] = 1;
    expectInvalid(() => labelComponents(createVolume(many, [600, 1, 1]), { out: new Uint8Array(600) }), "out");
  });

  it("labelComponents keeps the grid: shape, spacing and affine of the input", () => {
    const labels = createVolume(new Uint8Array(8).fill(1), [2, 2, 2], { spacing: [0.7, 0.8, 3] });
    const { volume } = labelComponents(labels);
    expect(volume.shape).toEqual([2, 2, 2]);
    expect(volume.spacing).toEqual(labels.spacing);
    expect(volume.affine).toEqual(labels.affine);
  });

  it("labelComponents accepts 2D maps and 4D maps with a trailing axis of 1", () => {
    expect(labelComponents(createVolume(new Uint8Array([1, 0, 0, 1]), [2, 2])).count).toBe(1);
    expect(labelComponents(createVolume(new Uint8Array([1, 0, 0, 1]), [2, 2]), { connectivity: 6 }).count).toBe(2);
    expect(labelComponents(createVolume(new Uint8Array([1, 0, 0, 1]), [2, 2, 1, 1])).count).toBe(1);
  });

  it("labelComponents refuses float dtypes, negative values, 4D input, scaled maps and bad connectivity", () => {
    expectInvalid(() => labelComponents(createVolume(new Float32Array(8), [2, 2, 2])), "labels.dtype");
    expectInvalid(() => labelComponents(createVolume(new Int16Array([0, 1, -1, 0]), [4, 1, 1])), /label value at voxel 2/);
    expectInvalid(() => labelComponents(createVolume(BigInt64Array.from([0n, -3n]), [2, 1, 1])), /voxel 1/);
    expectInvalid(() => labelComponents(createVolume(new Uint8Array(16), [2, 2, 2, 2])), "labels.shape");
    expectInvalid(
      () => labelComponents(createVolume(new Int16Array(8), [2, 2, 2], { scaling: { slope: 2, intercept: 0 } })),
      "labels.scaling",
    );
    expectInvalid(() => labelComponents(createVolume(new Uint8Array(8), [2, 2, 2]), { connectivity: 10 as never }), "connectivity");
  });
});

describe("keepLargest", () => {
  it("keepLargest of the documented example (k = 1 and a per-label map)", () => {
    const labels = createVolume(new Uint8Array([2, 2, 0, 2, 0, 2, 2, 2]), [8, 1, 1]);
    expect(values(keepLargest(labels, { k: 1 }).data)).toEqual([0, 0, 0, 0, 0, 2, 2, 2]);
    expect(values(keepLargest(labels, { k: { 2: 2 } }).data)).toEqual([2, 2, 0, 0, 0, 2, 2, 2]);
  });

  it("keepLargest: ties go to the component whose first voxel comes first", () => {
    const labels = createVolume(new Uint8Array([1, 1, 0, 1, 1, 0, 1, 1]), [8, 1, 1]);
    expect(values(keepLargest(labels).data)).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(values(keepLargest(labels, { k: 2 }).data)).toEqual([1, 1, 0, 1, 1, 0, 0, 0]);
  });

  it("keepLargest: labels missing from the map are untouched; k = 0 removes the label", () => {
    const labels = createVolume(new Uint8Array([1, 0, 1, 1, 0, 3, 0, 3, 3]), [9, 1, 1]);
    expect(values(keepLargest(labels, { k: { 1: 1 } }).data)).toEqual([0, 0, 1, 1, 0, 3, 0, 3, 3]);
    expect(values(keepLargest(labels, { k: { 3: 0 } }).data)).toEqual([1, 0, 1, 1, 0, 0, 0, 0, 0]);
  });

  it("keepLargest: minVolumeMm3 uses the spacing and keeps a component of exactly that volume", () => {
    // 2 mm³ voxels: components of 1, 2 and 3 voxels (2, 4, 6 mm³), all label 1
    const labels = createVolume(new Uint8Array([1, 0, 1, 1, 0, 1, 1, 1]), [8, 1, 1], { spacing: [1, 1, 2] });
    expect(values(keepLargest(labels, { k: 3, minVolumeMm3: 4 }).data)).toEqual([0, 0, 1, 1, 0, 1, 1, 1]);
    expect(values(keepLargest(labels, { k: 3, minVolumeMm3: 4.1 }).data)).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
  });

  it("keepLargest works in place with out = labels.data and reports removals per label", () => {
    const data = new Int32Array([4, 0, 4, 4, 0, 2, 0, 2]);
    const labels = createVolume(data, [8, 1, 1], { spacing: [1, 1, 0.5] });
    let summary: LabelRemoval[] = [];
    const out = keepLargest(labels, { out: data, onSummary: (s) => (summary = s) });
    expect(out.data).toBe(data);
    expect(out.dtype).toBe("int32");
    expect(Array.from(data)).toEqual([0, 0, 4, 4, 0, 2, 0, 0]);
    expect(summary).toEqual([
      { label: 2, componentsBefore: 2, componentsRemoved: 1, voxelsRemoved: 1, volumeRemovedMm3: 0.5 },
      { label: 4, componentsBefore: 2, componentsRemoved: 1, voxelsRemoved: 1, volumeRemovedMm3: 0.5 },
    ]);
  });

  it("keepLargest keeps the dtype, including int64", () => {
    const labels = createVolume(BigInt64Array.from([1n, 0n, 1n, 1n]), [4, 1, 1]);
    const out = keepLargest(labels);
    expect(out.dtype).toBe("int64");
    expect(Array.from(out.data as BigInt64Array)).toEqual([0n, 0n, 1n, 1n]);
  });

  it("keepLargest refuses bad k, bad minVolumeMm3 and a wrong out", () => {
    const labels = createVolume(new Uint8Array(8), [2, 2, 2]);
    expectInvalid(() => keepLargest(labels, { k: -1 }), "k");
    expectInvalid(() => keepLargest(labels, { k: 1.5 }), "k");
    expectInvalid(() => keepLargest(labels, { k: { 0: 1 } }), "k");
    expectInvalid(() => keepLargest(labels, { k: { 1: -2 } }), "k[1]");
    expectInvalid(() => keepLargest(labels, { minVolumeMm3: -5 }), "minVolumeMm3");
    expectInvalid(() => keepLargest(labels, { minVolumeMm3: Number.NaN }), "minVolumeMm3");
    expectInvalid(() => keepLargest(labels, { out: new Uint8Array(7) }), "out");
    expectInvalid(() => keepLargest(labels, { out: new Int8Array(8) as never }), "out");
  });
});

describe("removeSmallComponents", () => {
  it("removeSmallComponents of the documented example", () => {
    const labels = createVolume(new Uint8Array([1, 0, 1, 1, 0, 3]), [6, 1, 1]);
    expect(values(removeSmallComponents(labels, { minVoxels: 2 }).data)).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it("removeSmallComponents: connectivity decides what is small", () => {
    // two voxels touching by a corner: one component of 2 at 26, two of 1 at 6
    const d = new Uint8Array(8);
    d[0] = d[7] = 1;
    const labels = createVolume(d, [2, 2, 2]);
    expect(values(removeSmallComponents(labels, { minVoxels: 2 }).data)).toEqual(Array.from(d));
    expect(values(removeSmallComponents(labels, { minVoxels: 2, connectivity: 6 }).data)).toEqual(new Array(8).fill(0));
  });

  it("removeSmallComponents refuses neither or both thresholds and negative ones", () => {
    const labels = createVolume(new Uint8Array(8), [2, 2, 2]);
    expectInvalid(() => removeSmallComponents(labels, {}), "options");
    expectInvalid(() => removeSmallComponents(labels, { minVoxels: 2, minVolumeMm3: 3 }), "options");
    expectInvalid(() => removeSmallComponents(labels, { minVoxels: -1 }), "minVoxels");
    expectInvalid(() => removeSmallComponents(labels, { minVolumeMm3: Infinity }), "minVolumeMm3");
  });
});

describe("fillHoles", () => {
  it("fillHoles of the documented ring", () => {
    const data = new Uint8Array(25);
    for (const i of [6, 7, 8, 11, 13, 16, 17, 18]) data[i] = 1;
    const filled = fillHoles(createVolume(data, [5, 5, 1]));
    expect(filled.data[12]).toBe(1);
    expect([...filled.data].filter((v) => v === 1).length).toBe(9);
  });

  it("fillHoles: nested rings fill the shared hole with the smaller label, never overwrite an organ", () => {
    // 7×7 slice: a square ring of 1 (outermost), inside it a square ring of 2, a 3×3 background centre
    const n = 7;
    const d = new Uint8Array(n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const r = Math.max(Math.abs(i - 3), Math.abs(j - 3));
        d[i + n * j] = r === 3 ? 1 : r === 2 ? 2 : 0;
      }
    }
    const out = fillHoles(createVolume(d, [n, n, 1]));
    // the centre is a hole of both 1 and 2: label 1 comes first
    for (let j = 2; j <= 4; j++) for (let i = 2; i <= 4; i++) expect(out.data[i + n * j]).toBe(1);
    // the ring of 2 is kept
    expect(out.data[1 + n * 1]).toBe(2);
  });

  it("fillHoles: a hole open to the border (3D faces) is not filled; the same slice hole is with slices", () => {
    // 3×3×3 hollow cube of label 1 with the centre empty and the top face (k = 2) open at the centre
    const d = new Uint8Array(27).fill(1);
    d[13] = 0; // centre
    d[1 + 3 * (1 + 3 * 2)] = 0; // centre of the top face
    const v = createVolume(d, [3, 3, 3]);
    let summary: LabelFill[] = [];
    expect(fillHoles(v, { onSummary: (s) => (summary = s) }).data[13]).toBe(0);
    expect(summary).toEqual([{ label: 1, voxelsFilled: 0, volumeFilledMm3: 0 }]);
    const slices = fillHoles(v, { mode: "slices" });
    expect(slices.data[13]).toBe(1);
    expect(slices.data[22]).toBe(1);
    // in the slice i = 1 (axis 0) the centre touches the open top-face voxel, which is on the slice's edge
    const alongX = fillHoles(v, { mode: "slices", axis: 0 });
    expect(alongX.data[13]).toBe(0);
  });

  it("fillHoles in place with out = labels.data, with the summary in mm³", () => {
    const d = new Uint16Array(27).fill(9);
    d[13] = 0;
    const v = createVolume(d, [3, 3, 3], { spacing: [2, 2, 2] });
    let summary: LabelFill[] = [];
    const out = fillHoles(v, { out: d, onSummary: (s) => (summary = s) });
    expect(out.data).toBe(d);
    expect(d[13]).toBe(9);
    expect(summary).toEqual([{ label: 9, voxelsFilled: 1, volumeFilledMm3: 8 }]);
  });

  it("fillHoles refuses an unknown mode, axis with mode 3d and a bad axis", () => {
    const labels = createVolume(new Uint8Array(8), [2, 2, 2]);
    expectInvalid(() => fillHoles(labels, { mode: "2d" as never }), "mode");
    expectInvalid(() => fillHoles(labels, { mode: "3d", axis: 1 }), "axis");
    expectInvalid(() => fillHoles(labels, { mode: "slices", axis: 3 as never }), "axis");
    expectInvalid(() => fillHoles(createVolume(new Float64Array(8), [2, 2, 2])), "labels.dtype");
  });
});

describe("postprocessFlare", () => {
  it("postprocessFlare has the FLARE21 constants", () => {
    expect(FLARE21_KEEP_K).toEqual({ 1: 1, 2: 2, 3: 1, 4: 1 });
    expect(FLARE21_MIN_VOLUME_MM3).toBe(2000);
  });

  it("postprocessFlare of the documented example removes the speck", () => {
    const data = new Uint8Array(40 * 10 * 10);
    data.fill(1, 0, 3000);
    data[3999] = 1;
    const cleaned = postprocessFlare(createVolume(data, [40, 10, 10]));
    expect(cleaned.data[3999]).toBe(0);
    expect(cleaned.data[2999]).toBe(1);
  });

  it("postprocessFlare keeps two kidneys, one liver, and drops organs under 2000 mm³", () => {
    // 1 mm³ voxels, 60×20×20. Two kidney blocks (label 2) of 2400 voxels, two liver blocks of 2400 and 2200,
    // a 60-voxel spleen (too small), and a kidney speck.
    const nx = 60;
    const ny = 20;
    const nz = 20;
    const d = new Uint8Array(nx * ny * nz);
    const box = (v: number, i0: number, i1: number, j0: number, j1: number, k0: number, k1: number): void => {
      for (let k = k0; k < k1; k++) for (let j = j0; j < j1; j++) for (let i = i0; i < i1; i++) d[i + nx * (j + ny * k)] = v;
    };
    box(2, 0, 12, 0, 10, 0, 20); // 2400
    box(2, 14, 26, 0, 10, 0, 20); // 2400
    box(1, 28, 40, 0, 10, 0, 20); // 2400
    box(1, 42, 53, 0, 10, 0, 20); // 2200
    box(3, 0, 60, 12, 13, 0, 1); // 60
    box(2, 59, 60, 19, 20, 19, 20); // speck
    let summary: LabelRemoval[] = [];
    const out = postprocessFlare(createVolume(d, [nx, ny, nz]), { onSummary: (s) => (summary = s) });
    expect(summary).toEqual([
      { label: 1, componentsBefore: 2, componentsRemoved: 1, voxelsRemoved: 2200, volumeRemovedMm3: 2200 },
      { label: 2, componentsBefore: 3, componentsRemoved: 1, voxelsRemoved: 1, volumeRemovedMm3: 1 },
      { label: 3, componentsBefore: 1, componentsRemoved: 1, voxelsRemoved: 60, volumeRemovedMm3: 60 },
    ]);
    expect(out.data[0]).toBe(2);
    expect(out.data[14]).toBe(2);
    expect(out.data[28]).toBe(1);
    expect(out.data[42]).toBe(0);
  });

  it("postprocessFlare({ fillHoles: true }) also fills holes and reports them", () => {
    const d = new Uint8Array(20 * 20 * 20).fill(1); // 8000 mm³ liver with a hole in the middle
    d[10 + 20 * (10 + 20 * 10)] = 0;
    let filled: LabelFill[] = [];
    const out = postprocessFlare(createVolume(d, [20, 20, 20]), { fillHoles: true, onFill: (f) => (filled = f) });
    expect(out.data[10 + 20 * (10 + 20 * 10)]).toBe(1);
    expect(filled).toEqual([{ label: 1, voxelsFilled: 1, volumeFilledMm3: 1 }]);
    expect(postprocessFlare(createVolume(d, [20, 20, 20])).data[10 + 20 * (10 + 20 * 10)]).toBe(0);
  });
});
