// Property tests of flarekit/components against naive flood-fill oracles written here.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createVolume, type Volume } from "../../src/core/volume.ts";
import {
  fillHoles,
  keepLargest,
  labelComponents,
  removeSmallComponents,
  type Connectivity,
} from "../../src/components/index.ts";

type Shape = [number, number, number];

/** Neighbour offsets (di, dj, dk) of a connectivity; 4 / 8 stay within a slice of constant k. */
function offsets(c: Connectivity): number[][] {
  const out: number[][] = [];
  for (let dk = -1; dk <= 1; dk++) {
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        const m = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
        if (m === 0) continue;
        if (c === 4 && (dk !== 0 || m > 1)) continue;
        if (c === 8 && dk !== 0) continue;
        if (c === 6 && m > 1) continue;
        if (c === 18 && m > 2) continue;
        out.push([di, dj, dk]);
      }
    }
  }
  return out;
}

/** Oracle: BFS from each unvisited non-zero voxel in storage order; ids by first voxel. */
function naiveLabel(data: ArrayLike<number>, [nx, ny, nz]: Shape, c: Connectivity): { ids: Int32Array; count: number } {
  const ids = new Int32Array(nx * ny * nz);
  const nb = offsets(c);
  let count = 0;
  for (let p = 0; p < ids.length; p++) {
    if (data[p] === 0 || ids[p] !== 0) continue;
    const v = data[p];
    ids[p] = ++count;
    const queue = [p];
    while (queue.length) {
      const q = queue.pop() as number;
      const i = q % nx;
      const j = Math.floor(q / nx) % ny;
      const k = Math.floor(q / (nx * ny));
      for (const [di, dj, dk] of nb) {
        const a = i + di;
        const b = j + dj;
        const d = k + dk;
        if (a < 0 || b < 0 || d < 0 || a >= nx || b >= ny || d >= nz) continue;
        const r = a + nx * (b + ny * d);
        if (data[r] === v && ids[r] === 0) {
          ids[r] = count;
          queue.push(r);
        }
      }
    }
  }
  return { ids, count };
}

/** Oracle of fillHoles: per label ascending, flood non-label voxels from the border, fill unreached background. */
function naiveFill(data: ArrayLike<number>, [nx, ny, nz]: Shape, slices: boolean): number[] {
  const out = Array.from(data);
  const labels = [...new Set(out)].filter((v) => v !== 0).sort((a, b) => a - b);
  const nb = offsets(slices || nz === 1 ? 4 : 6);
  for (const c of labels) {
    const reached = new Uint8Array(out.length);
    const stack: number[] = [];
    for (let p = 0; p < out.length; p++) {
      const i = p % nx;
      const j = Math.floor(p / nx) % ny;
      const k = Math.floor(p / (nx * ny));
      const onBorder = i === 0 || j === 0 || i === nx - 1 || j === ny - 1 || (!slices && nz > 1 && (k === 0 || k === nz - 1));
      if (onBorder && data[p] !== c) {
        reached[p] = 1;
        stack.push(p);
      }
    }
    while (stack.length) {
      const q = stack.pop() as number;
      const i = q % nx;
      const j = Math.floor(q / nx) % ny;
      const k = Math.floor(q / (nx * ny));
      for (const [di, dj, dk] of nb) {
        const a = i + di;
        const b = j + dj;
        const d = k + dk;
        if (a < 0 || b < 0 || d < 0 || a >= nx || b >= ny || d >= nz) continue;
        const r = a + nx * (b + ny * d);
        if (!reached[r] && data[r] !== c) {
          reached[r] = 1;
          stack.push(r);
        }
      }
    }
    for (let p = 0; p < out.length; p++) if (!reached[p] && data[p] !== c && out[p] === 0) out[p] = c;
  }
  return out;
}

/** Random small label maps: shapes up to 7³, a few labels, blobby or speckled. */
const labelMaps = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .chain(([nx, ny, nz, maxLabel]) =>
    fc.record({
      shape: fc.constant([nx, ny, nz] as Shape),
      // sparse (mostly background), uniform, or dense (mostly label 1, so holes and rings occur)
      data: fc.oneof(
        fc.constant(0),
        fc.constant(1),
        fc.constant(2),
      ).chain((density) =>
        fc.array(
          density === 0
            ? fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: maxLabel }))
            : density === 1
              ? fc.integer({ min: 0, max: maxLabel })
              : fc.oneof({ arbitrary: fc.constant(1), weight: 5 }, { arbitrary: fc.integer({ min: 0, max: maxLabel }), weight: 2 }),
          { minLength: nx * ny * nz, maxLength: nx * ny * nz },
        ),
      ),
    }),
  );
const connectivities = fc.constantFrom<Connectivity>(4, 6, 8, 18, 26);
const RUNS = { numRuns: 150 };

function vol(data: number[], shape: Shape): Volume<"uint8"> {
  return createVolume(Uint8Array.from(data), shape, { spacing: [1, 1, 2] }) as Volume<"uint8">;
}

describe("labelComponents against a flood-fill oracle", () => {
  it("labelComponents(labels, { connectivity }) gives the oracle's partition and numbering", () => {
    fc.assert(
      fc.property(labelMaps, connectivities, ({ data, shape }, c) => {
        const r = labelComponents(vol(data, shape), { connectivity: c });
        const o = naiveLabel(data, shape, c);
        expect(r.count).toBe(o.count);
        expect(Array.from(r.volume.data)).toEqual(Array.from(o.ids));
      }),
      RUNS,
    );
  });

  it("labelComponents: every component is connected, single-valued and maximal", () => {
    fc.assert(
      fc.property(labelMaps, connectivities, ({ data, shape }, c) => {
        const ids = Array.from(labelComponents(vol(data, shape), { connectivity: c }).volume.data);
        const [nx, ny, nz] = shape;
        const nb = offsets(c);
        for (let p = 0; p < ids.length; p++) {
          expect(ids[p] === 0).toBe(data[p] === 0);
          const i = p % nx;
          const j = Math.floor(p / nx) % ny;
          const k = Math.floor(p / (nx * ny));
          for (const [di, dj, dk] of nb) {
            const a = i + di;
            const b = j + dj;
            const d = k + dk;
            if (a < 0 || b < 0 || d < 0 || a >= nx || b >= ny || d >= nz) continue;
            const r = a + nx * (b + ny * d);
            // maximal: equal non-zero neighbours share the id; single-valued: an id never spans two values
            if (data[p] !== 0 && data[r] === data[p]) expect(ids[r]).toBe(ids[p]);
            if (ids[p] !== 0 && ids[r] === ids[p]) expect(data[r]).toBe(data[p]);
          }
        }
        // connected: the oracle flood from each component's first voxel covers exactly that component
        const o = naiveLabel(data, shape, c);
        expect(ids).toEqual(Array.from(o.ids));
      }),
      { numRuns: 60 },
    );
  });

  it("labelComponents: the table's sizes, labels, first voxels, boxes and centroids match the voxels", () => {
    fc.assert(
      fc.property(labelMaps, connectivities, ({ data, shape }, c) => {
        const r = labelComponents(vol(data, shape), { connectivity: c });
        const [nx, ny] = shape;
        const ids = r.volume.data;
        for (const comp of r.components) {
          let n = 0;
          let first = -1;
          const sum = [0, 0, 0];
          const lo = [Infinity, Infinity, Infinity];
          const hi = [-Infinity, -Infinity, -Infinity];
          for (let p = 0; p < ids.length; p++) {
            if (ids[p] !== comp.id) continue;
            if (first < 0) first = p;
            n++;
            const ijk = [p % nx, Math.floor(p / nx) % ny, Math.floor(p / (nx * ny))];
            for (let a = 0; a < 3; a++) {
              sum[a] += ijk[a];
              lo[a] = Math.min(lo[a], ijk[a]);
              hi[a] = Math.max(hi[a], ijk[a]);
            }
          }
          expect(comp.voxelCount).toBe(n);
          expect(comp.volumeMm3).toBe(2 * n);
          expect(comp.firstVoxel).toBe(first);
          expect(comp.label).toBe(data[first]);
          expect(comp.bboxMin).toEqual(lo);
          expect(comp.bboxMax).toEqual(hi);
          for (let a = 0; a < 3; a++) expect(comp.centroidVoxel[a]).toBeCloseTo(sum[a] / n, 9);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("labelComponents: permuting the axes permutes the partition (6, 18, 26)", () => {
    fc.assert(
      fc.property(labelMaps, fc.constantFrom<Connectivity>(6, 18, 26), fc.constantFrom([1, 2, 0], [2, 0, 1], [1, 0, 2], [0, 2, 1]), ({ data, shape }, c, perm) => {
        const [nx, ny, nz] = shape;
        const pshape = perm.map((a) => shape[a]) as Shape;
        const pdata = new Array<number>(data.length);
        const map = new Int32Array(data.length); // original index -> permuted index
        for (let k = 0; k < nz; k++) {
          for (let j = 0; j < ny; j++) {
            for (let i = 0; i < nx; i++) {
              const ijk = [i, j, k];
              const q = ijk[perm[0]] + pshape[0] * (ijk[perm[1]] + pshape[1] * ijk[perm[2]]);
              const p = i + nx * (j + ny * k);
              pdata[q] = data[p];
              map[p] = q;
            }
          }
        }
        const a = labelComponents(vol(data, shape), { connectivity: c });
        const b = labelComponents(vol(pdata, pshape), { connectivity: c });
        expect(b.count).toBe(a.count);
        // same partition: ids correspond one to one
        const fwd = new Map<number, number>();
        const back = new Map<number, number>();
        for (let p = 0; p < data.length; p++) {
          const x = a.volume.data[p];
          const y = b.volume.data[map[p]];
          if (fwd.has(x)) expect(fwd.get(x)).toBe(y);
          else fwd.set(x, y);
          if (back.has(y)) expect(back.get(y)).toBe(x);
          else back.set(y, x);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("labelComponents gives the same ids for every integer dtype holding the same values", () => {
    fc.assert(
      fc.property(labelMaps, connectivities, ({ data, shape }, c) => {
        const ref = Array.from(labelComponents(vol(data, shape), { connectivity: c }).volume.data);
        const arrays = [
          Int8Array.from(data),
          Int16Array.from(data),
          Uint16Array.from(data.map((v) => v * 1000)),
          Int32Array.from(data.map((v) => v * 100000)),
          Uint32Array.from(data.map((v) => (v ? 4e9 + v : 0))),
          BigInt64Array.from(data.map((v) => BigInt(v))),
          BigUint64Array.from(data.map((v) => BigInt(v))),
        ];
        for (const arr of arrays) {
          expect(Array.from(labelComponents(createVolume(arr, shape), { connectivity: c }).volume.data)).toEqual(ref);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe("labelComponents on long rows (word-at-a-time scanning of uint8 / uint16)", () => {
  const longRows = fc
    .tuple(fc.integer({ min: 1, max: 45 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 }))
    .chain(([nx, ny, nz, offset]) =>
      fc.record({
        shape: fc.constant([nx, ny, nz] as Shape),
        offset: fc.constant(offset),
        // long runs: each voxel repeats its left neighbour with probability 7/8
        data: fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 2 })), { minLength: nx * ny * nz, maxLength: nx * ny * nz }).map((pairs) => {
          const out: number[] = [];
          for (const [keep, v] of pairs) out.push(keep > 0 && out.length > 0 ? out[out.length - 1] : v);
          return out;
        }),
      }),
    );

  it("labelComponents(uint8 / uint16 views at any byte offset) equals the oracle", () => {
    fc.assert(
      fc.property(longRows, connectivities, ({ shape, offset, data }, c) => {
        const expected = Array.from(naiveLabel(data, shape, c).ids);
        const u8 = new Uint8Array(data.length + offset);
        u8.set(data, offset);
        const u16 = new Uint16Array(data.length + offset);
        u16.set(data.map((v) => v * 257), offset);
        for (const arr of [u8.subarray(offset), u16.subarray(offset)]) {
          expect(Array.from(labelComponents(createVolume(arr, shape), { connectivity: c }).volume.data)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("keepLargest and removeSmallComponents against the oracle", () => {
  it("keepLargest(labels, { k, connectivity }) keeps the k largest per label, ties by first voxel", () => {
    fc.assert(
      fc.property(labelMaps, connectivities, fc.integer({ min: 0, max: 3 }), ({ data, shape }, c, k) => {
        const o = naiveLabel(data, shape, c);
        const size = new Array<number>(o.count + 1).fill(0);
        const value = new Array<number>(o.count + 1).fill(0);
        for (let p = 0; p < data.length; p++) {
          size[o.ids[p]]++;
          value[o.ids[p]] = data[p];
        }
        const keep = new Set<number>();
        for (const label of new Set(data)) {
          if (label === 0) continue;
          const comps = [];
          for (let id = 1; id <= o.count; id++) if (value[id] === label) comps.push(id);
          comps.sort((a, b) => size[b] - size[a] || a - b);
          comps.slice(0, k).forEach((id) => keep.add(id));
        }
        const expected = data.map((v, p) => (keep.has(o.ids[p]) ? v : 0));
        expect(Array.from(keepLargest(vol(data, shape), { k, connectivity: c }).data)).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("keepLargest is idempotent", () => {
    fc.assert(
      fc.property(labelMaps, connectivities, fc.integer({ min: 1, max: 3 }), ({ data, shape }, c, k) => {
        const once = keepLargest(vol(data, shape), { k: { 1: k, 2: 2, 3: 1 }, connectivity: c });
        const twice = keepLargest(once, { k: { 1: k, 2: 2, 3: 1 }, connectivity: c });
        expect(Array.from(twice.data)).toEqual(Array.from(once.data));
      }),
      RUNS,
    );
  });

  it("removeSmallComponents(labels, { minVoxels }) removes exactly the components below minVoxels", () => {
    fc.assert(
      fc.property(labelMaps, connectivities, fc.integer({ min: 0, max: 6 }), ({ data, shape }, c, minVoxels) => {
        const o = naiveLabel(data, shape, c);
        const size = new Array<number>(o.count + 1).fill(0);
        for (let p = 0; p < data.length; p++) size[o.ids[p]]++;
        const expected = data.map((v, p) => (size[o.ids[p]] >= minVoxels ? v : 0));
        expect(Array.from(removeSmallComponents(vol(data, shape), { minVoxels, connectivity: c }).data)).toEqual(expected);
        // the same threshold in mm³ (voxels are 2 mm³ here)
        expect(Array.from(removeSmallComponents(vol(data, shape), { minVolumeMm3: 2 * minVoxels, connectivity: c }).data)).toEqual(expected);
      }),
      RUNS,
    );
  });
});

describe("fillHoles against the oracle", () => {
  it('fillHoles(labels) and fillHoles(labels, { mode: "slices" }) equal the per-label flood oracle', () => {
    fc.assert(
      fc.property(labelMaps, ({ data, shape }) => {
        expect(Array.from(fillHoles(vol(data, shape)).data)).toEqual(naiveFill(data, shape, false));
        expect(Array.from(fillHoles(vol(data, shape), { mode: "slices" }).data)).toEqual(naiveFill(data, shape, true));
      }),
      { numRuns: 300 },
    );
  });

  it('fillHoles(labels, { mode: "slices", axis }) equals filling the transposed map along axis 2', () => {
    fc.assert(
      fc.property(labelMaps, fc.constantFrom<0 | 1>(0, 1), ({ data, shape }, axis) => {
        const [nx, ny, nz] = shape;
        // move `axis` last: axis 0 -> (j, k, i), axis 1 -> (i, k, j)
        const tshape = (axis === 0 ? [ny, nz, nx] : [nx, nz, ny]) as Shape;
        const idx = (i: number, j: number, k: number): number =>
          axis === 0 ? j + ny * (k + nz * i) : i + nx * (k + nz * j);
        const t = new Array<number>(data.length);
        for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) t[idx(i, j, k)] = data[i + nx * (j + ny * k)];
        const filledT = naiveFill(t, tshape, true);
        const expected = data.map((_, p) => filledT[idx(p % nx, Math.floor(p / nx) % ny, Math.floor(p / (nx * ny)))]);
        expect(Array.from(fillHoles(vol(data, shape), { mode: "slices", axis }).data)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("fillHoles is idempotent and only changes background voxels", () => {
    fc.assert(
      fc.property(labelMaps, ({ data, shape }) => {
        const once = fillHoles(vol(data, shape));
        expect(Array.from(fillHoles(once).data)).toEqual(Array.from(once.data));
        once.data.forEach((v, p) => {
          if (data[p] !== 0) expect(v).toBe(data[p]);
        });
      }),
      RUNS,
    );
  });
});
