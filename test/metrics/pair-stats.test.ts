// pairStats (counts, intersections and union boxes in one pass) against a voxel-by-voxel oracle on random
// label maps (fast-check): rows a multiple of 4 voxels (word path, long runs and isolated voxels) and others.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pairStats } from "../../src/metrics/pair-stats.ts";

function oracle(gt: Uint8Array, pred: Uint8Array, dims: readonly [number, number, number], labels: number[]) {
  const [nx, ny] = dims;
  return labels.map((l) => {
    let g = 0;
    let p = 0;
    let both = 0;
    let box: { x0: number; x1: number; y0: number; y1: number; z0: number; z1: number } | undefined;
    for (let i = 0; i < gt.length; i++) {
      if (gt[i] === l) g++;
      if (pred[i] === l) p++;
      if (gt[i] === l && pred[i] === l) both++;
      if (gt[i] !== l && pred[i] !== l) continue;
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      const z = Math.floor(i / (nx * ny));
      box = box
        ? { x0: Math.min(box.x0, x), x1: Math.max(box.x1, x), y0: Math.min(box.y0, y), y1: Math.max(box.y1, y), z0: Math.min(box.z0, z), z1: Math.max(box.z1, z) }
        : { x0: x, x1: x, y0: y, y1: y, z0: z, z1: z };
    }
    return { g, p, both, box };
  });
}

const arb = fc
  .record({
    nx: fc.oneof(fc.constantFrom(4, 8, 12, 16, 20), fc.integer({ min: 1, max: 19 })),
    ny: fc.integer({ min: 1, max: 5 }),
    nz: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    runLength: fc.integer({ min: 1, max: 24 }),
    offset: fc.constantFrom(0, 1, 4),
  })
  .map(({ nx, ny, nz, seed, runLength, offset }) => {
    let s = seed;
    const rnd = () => ((s = (s * 48271) % 2147483647) / 2147483647);
    const n = nx * ny * nz;
    // runs of random values 0…5 (5 is not a requested label) in both maps
    const fill = (a: Uint8Array) => {
      for (let i = 0; i < n; ) {
        const v = rnd() < 0.4 ? 0 : Math.floor(rnd() * 6);
        const len = 1 + Math.floor(rnd() * runLength);
        a.fill(v, i, Math.min(n, i + len));
        i += len;
      }
    };
    const gt = new Uint8Array(new ArrayBuffer(n + 8), offset, n);
    const pred = new Uint8Array(n);
    fill(gt);
    if (rnd() < 0.5) pred.set(gt);
    for (let i = 0; i < n; i++) if (rnd() < 0.1) pred[i] = Math.floor(rnd() * 6);
    return { gt, pred, dims: [nx, ny, nz] as [number, number, number] };
  });

describe("pairStats", () => {
  it("equals the voxel-by-voxel oracle for every label", () => {
    fc.assert(
      fc.property(arb, ({ gt, pred, dims }) => {
        const labels = [1, 2, 3, 4];
        const r = pairStats(gt, pred, dims, labels);
        const e = oracle(gt, pred, dims, labels);
        expect(r.gtVoxels).toEqual(e.map((x) => x.g));
        expect(r.predVoxels).toEqual(e.map((x) => x.p));
        expect(r.intersection).toEqual(e.map((x) => x.both));
        expect(r.boxes).toEqual(e.map((x) => x.box));
      }),
      { numRuns: 400 },
    );
  });
});
