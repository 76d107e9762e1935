import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFlarekitError } from "../../src/core/errors.ts";
import { createVolume } from "../../src/core/volume.ts";
import { makePhantom, perturbLabels } from "../../src/phantom/index.ts";

const OFF = { shiftVoxels: 0, boundaryFlipProbability: 0, specks: 0, holes: 0, missLabels: [] as number[] };
const { labels } = makePhantom({ seed: 4, shape: [96, 96, 32], spacing: [4, 4, 5] });
const [nx, ny, nz] = labels.shape;
const src = labels.data;

function changed(out: ArrayLike<number>): number[] {
  const idx: number[] = [];
  for (let p = 0; p < src.length; p++) if (out[p] !== src[p]) idx.push(p);
  return idx;
}
function ijk(p: number): [number, number, number] {
  return [p % nx, Math.floor(p / nx) % ny, Math.floor(p / (nx * ny))];
}
function neighbours26(p: number): number[] {
  const [i, j, k] = ijk(p);
  const r: number[] = [];
  for (let c = -1; c <= 1; c++)
    for (let b = -1; b <= 1; b++)
      for (let a = -1; a <= 1; a++) {
        if (!a && !b && !c) continue;
        const x = i + a, y = j + b, z = k + c;
        if (x >= 0 && x < nx && y >= 0 && y < ny && z >= 0 && z < nz) r.push(x + nx * (y + ny * z));
      }
  return r;
}

describe("perturbLabels", () => {
  it("perturbLabels(labels, all off) returns an equal copy", () => {
    const out = perturbLabels(labels, OFF);
    expect(out === labels).toBe(false);
    expect(out.data === labels.data).toBe(false);
    expect(changed(out.data)).toEqual([]);
    expect(out.shape).toEqual(labels.shape);
    expect(out.affine).toEqual(labels.affine);
    expect(out.dtype).toBe("uint8");
  });

  it("missLabels removes exactly that organ", () => {
    const out = perturbLabels(labels, { ...OFF, missLabels: [4] });
    const diff = changed(out.data);
    expect(diff.length).toBe(src.filter((v) => v === 4).length);
    for (const p of diff) {
      expect(src[p]).toBe(4);
      expect(out.data[p]).toBe(0);
    }
  });

  it("shiftVoxels translates each organ by one offset within ±n voxels", () => {
    const out = perturbLabels(labels, { ...OFF, shiftVoxels: 1, seed: 9 });
    let moved = 0;
    for (const l of [1, 2, 3, 4]) {
      // Find the offset that explains every output voxel of label l (naive search over the 27 candidates).
      let best: number[] | undefined;
      for (let c = -1; c <= 1 && !best; c++)
        for (let b = -1; b <= 1 && !best; b++)
          for (let a = -1; a <= 1 && !best; a++) {
            let ok = true;
            for (let p = 0; p < src.length && ok; p++) {
              if (out.data[p] !== l) continue;
              const [i, j, k] = ijk(p);
              const q = i - a + nx * (j - b + ny * (k - c));
              ok = i - a >= 0 && i - a < nx && j - b >= 0 && j - b < ny && k - c >= 0 && k - c < nz && src[q] === l;
            }
            if (ok) best = [a, b, c];
          }
      expect(best).toBeDefined();
      if (best!.some((v) => v !== 0)) moved++;
      const before = src.filter((v) => v === l).length;
      const after = out.data.filter((v) => v === l).length;
      expect(after).toBeLessThanOrEqual(before);
      expect(after).toBeGreaterThan(before * 0.8);
    }
    expect(moved).toBeGreaterThan(0);
  });

  it("growVoxels: +1 adds one 6-connected layer from background, −1 removes the outer layer", () => {
    const p6 = (p: number): number[] => {
      const [i, j, k] = ijk(p);
      const r: number[] = [];
      if (i > 0) r.push(p - 1);
      if (i < nx - 1) r.push(p + 1);
      if (j > 0) r.push(p - nx);
      if (j < ny - 1) r.push(p + nx);
      if (k > 0) r.push(p - nx * ny);
      if (k < nz - 1) r.push(p + nx * ny);
      return r;
    };
    const grown = perturbLabels(labels, { ...OFF, growVoxels: 1 });
    let added = 0;
    let wrong = 0;
    for (let p = 0; p < src.length; p++) {
      const touching = p6(p).filter((q) => src[q] !== 0).map((q) => src[q]);
      if (src[p] === 0 && touching.length > 0) {
        added++;
        if (!touching.includes(grown.data[p])) wrong++;
      } else if (grown.data[p] !== src[p]) wrong++;
    }
    expect(wrong).toBe(0);
    expect(added).toBeGreaterThan(1000);
    const shrunk = perturbLabels(labels, { ...OFF, growVoxels: -1 });
    let removed = 0;
    for (let p = 0; p < src.length; p++) {
      // the grid's border does not count as a boundary
      const edge = src[p] !== 0 && p6(p).some((q) => src[q] !== src[p]);
      if (edge) removed++;
      if (shrunk.data[p] !== (edge ? 0 : src[p])) wrong++;
    }
    expect(wrong).toBe(0);
    expect(removed).toBeGreaterThan(1000);
  });

  it("boundaryFlipProbability only changes boundary voxels, to a neighbour's label, at about the asked rate", () => {
    const p6 = (p: number): number[] => {
      const [i, j, k] = ijk(p);
      const r: number[] = [];
      if (i > 0) r.push(p - 1);
      if (i < nx - 1) r.push(p + 1);
      if (j > 0) r.push(p - nx);
      if (j < ny - 1) r.push(p + nx);
      if (k > 0) r.push(p - nx * ny);
      if (k < nz - 1) r.push(p + nx * ny);
      return r;
    };
    const out = perturbLabels(labels, { ...OFF, boundaryFlipProbability: 0.3, seed: 5 });
    let boundary = 0;
    for (let p = 0; p < src.length; p++) if (p6(p).some((q) => src[q] !== src[p])) boundary++;
    const diff = changed(out.data);
    for (const p of diff) {
      const nb = p6(p).map((q) => src[q]);
      expect(nb).toContain(out.data[p]);
    }
    expect(diff.length / boundary).toBeGreaterThan(0.25);
    expect(diff.length / boundary).toBeLessThan(0.35);
  });

  it("specks adds isolated 7-voxel crosses of organ labels in background, nothing else", () => {
    const out = perturbLabels(labels, { ...OFF, specks: 12, seed: 3 });
    const diff = changed(out.data);
    expect(diff.length).toBe(12 * 7);
    const set = new Set(diff);
    for (const p of diff) {
      expect(src[p]).toBe(0);
      expect([1, 2, 3, 4]).toContain(out.data[p]);
      for (const q of neighbours26(p)) expect(set.has(q) || out.data[q] === 0).toBe(true);
    }
  });

  it("speckMask keeps every speck inside the mask (here: the body, CT > −500 HU)", () => {
    const { ct, labels: lab } = makePhantom({ seed: 4, shape: [96, 96, 32], spacing: [4, 4, 5] });
    const body = createVolume(Uint8Array.from(ct.data, (hu) => (hu > -500 ? 1 : 0)), ct.shape);
    const out = perturbLabels(lab, { ...OFF, specks: 20, speckRadiusVoxels: 0, speckMask: body });
    const diff: number[] = [];
    for (let p = 0; p < lab.data.length; p++) if (out.data[p] !== lab.data[p]) diff.push(p);
    expect(diff.length).toBe(20);
    for (const p of diff) expect(body.data[p]).toBe(1);
    expect(() => perturbLabels(lab, { speckMask: createVolume(new Uint8Array(8), [2, 2, 2]) })).toThrow(/Shape mismatch/);
  });

  it("holes carves enclosed 33-voxel balls inside organs, nothing else", () => {
    const out = perturbLabels(labels, { ...OFF, holes: 3, holeRadiusVoxels: 2, seed: 8 });
    const diff = changed(out.data);
    expect(diff.length).toBe(3 * 33);
    const set = new Set(diff);
    for (const p of diff) {
      expect(src[p]).not.toBe(0);
      expect(out.data[p]).toBe(0);
      for (const q of neighbours26(p)) expect(set.has(q) || out.data[q] === src[p]).toBe(true);
    }
  });

  it("perturbLabels is deterministic for a seed and the defaults change the labels", () => {
    const a = perturbLabels(labels, { seed: 1 });
    const b = perturbLabels(labels, { seed: 1 });
    const c = perturbLabels(labels, { seed: 2 });
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
    expect(Buffer.from(a.data).equals(Buffer.from(c.data))).toBe(false);
    expect(changed(a.data).length).toBeGreaterThan(100);
  });

  it("perturbLabels keeps dtype, shape and label set for any small label map (property)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 6 * 5 * 4, maxLength: 6 * 5 * 4 }).map((a) => a.map((v) => v % 4)),
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (data, shift, flip, miss, seed) => {
          const v = createVolume(Int16Array.from(data), [6, 5, 4]);
          const out = perturbLabels(v, { seed, shiftVoxels: shift, boundaryFlipProbability: flip, missLabels: miss ? [miss] : [] });
          expect(out.dtype).toBe("int16");
          expect(out.shape).toEqual([6, 5, 4]);
          const allowed = new Set([0, ...data]);
          for (const x of out.data) expect(allowed.has(x)).toBe(true);
          if (miss) expect(out.data.includes(miss)).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("perturbLabels rejects float volumes and out-of-range options with InvalidArgumentError", () => {
    const cases: Array<() => unknown> = [
      () => perturbLabels(createVolume(new Float32Array(8), [2, 2, 2]) as never),
      () => perturbLabels(labels, { shiftVoxels: -1 }),
      () => perturbLabels(labels, { boundaryFlipProbability: 1.5 }),
      () => perturbLabels(labels, { specks: 2.5 }),
      () => perturbLabels(labels, { missLabels: [0] }),
      () => perturbLabels(labels, { growVoxels: 0.5 }),
    ];
    for (const f of cases) {
      try {
        f();
        expect.unreachable();
      } catch (err) {
        expect(isFlarekitError(err, "INVALID_ARGUMENT")).toBe(true);
      }
    }
  });
});
