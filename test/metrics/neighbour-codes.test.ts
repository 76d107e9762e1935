// Neighbour codes and border lists of the surface metrics against a brute-force oracle on random masks
// and boxes (fast-check): the word path (uint8, rows a multiple of 4 voxels, any box start and width)
// and the byte path (other types and widths), with and without the full code grid.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cornerGridShape, emptyBorderList, neighbourCodesAndBorders, type VoxelBox } from "../../src/metrics/neighbour-codes.ts";

/** Code of corner (i, j, k) of the box by definition: weight 1 << (4·[x−1] + 2·[y−1] + [z−1]) per set voxel. */
function oracle(data: ArrayLike<number>, dims: readonly number[], label: number, box: VoxelBox): Uint8Array {
  const [nx, ny] = dims;
  const [cx, cy, cz] = cornerGridShape(box);
  const out = new Uint8Array(cx * cy * cz);
  const inBox = (x: number, y: number, z: number) => x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1 && z >= box.z0 && z <= box.z1;
  for (let k = 0, o = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      for (let i = 0; i < cx; i++, o++) {
        let code = 0;
        for (let dz = 0; dz < 2; dz++) {
          for (let dy = 0; dy < 2; dy++) {
            for (let dx = 0; dx < 2; dx++) {
              const x = box.x0 + i - dx;
              const y = box.y0 + j - dy;
              const z = box.z0 + k - dz;
              if (inBox(x, y, z) && data[x + nx * (y + ny * z)] === label) code |= 1 << (4 * dx + 2 * dy + dz);
            }
          }
        }
        out[o] = code;
      }
    }
  }
  return out;
}

const caseArb = fc
  .record({
    nx4: fc.integer({ min: 1, max: 5 }),
    extraX: fc.integer({ min: 0, max: 3 }),
    ny: fc.integer({ min: 1, max: 6 }),
    nz: fc.integer({ min: 1, max: 5 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    density: fc.double({ min: 0, max: 1, noNaN: true }),
    box: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat()),
    int16: fc.boolean(),
    offset: fc.boolean(),
  })
  .map(({ nx4, extraX, ny, nz, seed, density, box, int16, offset }) => {
    const nx = 4 * nx4 + extraX;
    let s = seed;
    const rnd = () => ((s = (s * 48271) % 2147483647) / 2147483647);
    const n = nx * ny * nz;
    // labels 0…3, label 2 dense, the others sparse (a full run of 2s exercises the "inside" skip)
    const values = Array.from({ length: n }, () => (rnd() < density ? 2 : Math.floor(rnd() * 4)));
    // uint8 data at byte offset 0 or 4 of a larger buffer (both aligned), or int16 (byte path)
    const data = int16 ? Int16Array.from(values) : new Uint8Array(new ArrayBuffer(n + 8), offset ? 4 : 0, n);
    if (!int16) (data as Uint8Array).set(values);
    const span = (a: number, b: number, len: number): [number, number] => {
      const lo = a % len;
      return [lo, lo + (b % (len - lo))];
    };
    const [x0, x1] = span(box[0], box[1], nx);
    const [y0, y1] = span(box[2], box[3], ny);
    const [z0, z1] = span(box[4], box[5], nz);
    return { data, dims: [nx, ny, nz] as const, box: { x0, x1, y0, y1, z0, z1 } };
  });

describe("neighbourCodesAndBorders", () => {
  it("full code grid and border list equal the definition for any box, word and byte paths", () => {
    fc.assert(
      fc.property(caseArb, ({ data, dims, box }) => {
        const expected = oracle(data, dims, 2, box);
        const borderIdx: number[] = [];
        expected.forEach((c, i) => {
          if (c !== 0 && c !== 255) borderIdx.push(i);
        });
        const out = new Uint8Array(expected.length);
        const withGrid = emptyBorderList();
        neighbourCodesAndBorders(data, dims[0], dims[1], 2, box, out, withGrid);
        expect(Array.from(out)).toEqual(Array.from(expected));
        const only = emptyBorderList();
        neighbourCodesAndBorders(data, dims[0], dims[1], 2, box, undefined, only);
        for (const b of [withGrid, only]) {
          expect(Array.from(b.list.subarray(0, b.count))).toEqual(borderIdx);
          expect(Array.from(b.codes.subarray(0, b.count))).toEqual(borderIdx.map((i) => expected[i]));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("reuses a border list: a second call replaces the first call's entries", () => {
    const dims = [8, 3, 3] as const;
    const data = new Uint8Array(72).fill(1);
    const box = { x0: 0, x1: 7, y0: 0, y1: 2, z0: 0, z1: 2 };
    const b = emptyBorderList();
    neighbourCodesAndBorders(data, dims[0], dims[1], 1, box, undefined, b);
    const first = b.count;
    neighbourCodesAndBorders(data, dims[0], dims[1], 1, box, undefined, b);
    expect(b.count).toBe(first);
    expect(first).toBe(9 * 4 * 4 - 7 * 2 * 2); // every corner of the 9×4×4 grid but the 7×2×2 inside ones
  });
});
