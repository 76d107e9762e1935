/**
 * Corner neighbourhood codes on the cropped, padded grid of the official
 * surface-distance algorithm, and label bounding boxes.
 * @internal
 * @module
 */

/** An inclusive voxel box `[x0, x1] × [y0, y1] × [z0, z1]`. */
export interface VoxelBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  z0: number;
  z1: number;
}

/** Size of the corner grid of a box: one more than the box along each axis. */
export function cornerGridShape(box: VoxelBox): [number, number, number] {
  return [box.x1 - box.x0 + 2, box.y1 - box.y0 + 2, box.z1 - box.z0 + 2];
}

/** The union of two boxes (either may be undefined). */
export function unionBox(a: VoxelBox | undefined, b: VoxelBox | undefined): VoxelBox | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    x0: Math.min(a.x0, b.x0),
    x1: Math.max(a.x1, b.x1),
    y0: Math.min(a.y0, b.y0),
    y1: Math.max(a.y1, b.y1),
    z0: Math.min(a.z0, b.z0),
    z1: Math.max(a.z1, b.z1),
  };
}

/**
 * Writes the 8-bit neighbour code of every corner of `box` into `out`
 * (x fastest, corner grid `cornerGridShape(box)`).
 *
 * The corner (i, j, k) sees the voxels (i−1…i, j−1…j, k−1…k) of the box
 * (outside it: 0) with weights 128 for (−1, −1, −1) down to 1 for (0, 0, 0),
 * x most significant — the same numbers as the official code's
 * `scipy.ndimage.correlate(mask, [[[128, 64], [32, 16]], [[8, 4], [2, 1]]])`
 * on the mask cropped to the box and zero-padded by one voxel at the end.
 *
 * @param data - Voxel values, x fastest, of a volume `nx × ny × nz`.
 * @param nx - Size along x.
 * @param ny - Size along y.
 * @param label - The mask is `data[i] === label`.
 * @param box - The box (inside the volume).
 * @param out - At least as long as the corner grid.
 */
export function neighbourCodes(
  data: ArrayLike<number>,
  nx: number,
  ny: number,
  label: number,
  box: VoxelBox,
  out: Uint8Array,
): Uint8Array {
  neighbourCodesAndBorders(data, nx, ny, label, box, out, undefined);
  return out;
}

/** Border corner indices (codes neither 0 nor 255) in storage order; `list` may be longer than `count`. */
export interface BorderList {
  list: Int32Array;
  count: number;
}

/**
 * {@link neighbourCodes}, also listing the border corners (codes other than
 * 0 and 255) in storage order into `borders` (grown when needed).
 */
export function neighbourCodesAndBorders(
  data: ArrayLike<number>,
  nx: number,
  ny: number,
  label: number,
  box: VoxelBox,
  out: Uint8Array,
  borders: BorderList | undefined,
): void {
  const [cx, cy, cz] = cornerGridShape(box);
  const { x0, y0, z0 } = box;
  const vx = cx - 1; // voxels per row of the box
  const vy = cy - 1;
  // pairs[j·vx + i] = mask(x, y, z) | mask(x, y, z − 1) << 1 for the box's voxel row j of slab z
  // (rows −1 and vy are zero: the extra row at the end of `pairs`)
  let pairs = new Uint8Array(cy * vx);
  let next = new Uint8Array(cy * vx);
  let pairs32 = new Uint32Array(pairs.buffer, 0, (cy * vx) >> 2);
  let next32 = new Uint32Array(next.buffer, 0, (cy * vx) >> 2);
  const zeroRow = vy * vx;
  // per pair row of `pairs` / `next`: whether any pair is non-zero
  let nonzero = new Uint8Array(vy);
  let nonzeroNext = new Uint8Array(vy);
  // word path: uint8 data, every box row starting on a 4-byte boundary, rows a multiple of 4 voxels long
  const words = data instanceof Uint8Array && Number.isInteger(label) && label >= 0 && label <= 255 && data.byteOffset % 4 === 0 && nx % 4 === 0 && x0 % 4 === 0 && vx % 4 === 0;
  const vx4 = vx >> 2;
  const data32 = words ? new Uint32Array((data as Uint8Array).buffer, (data as Uint8Array).byteOffset, (data as Uint8Array).length >> 2) : new Uint32Array(0);
  const pattern = (label & 255) * 0x01010101;
  let list = borders ? borders.list : new Int32Array(0);
  let count = 0;
  let o = 0;
  for (let k = 0; k < cz; k++) {
    // next slab's pair rows: current mask in bit 0, previous mask (bit 0 of the old pairs) in bit 1
    const z = z0 + k;
    for (let j = 0; j < vy; j++) {
      const row = j * vx;
      let any = 0;
      if (k < cz - 1 && words) {
        // four voxels at a time: byte b of `eq` is 1 where the voxel equals the label (exact per byte:
        // after adding 0x7f to the low 7 bits, only a zero byte of x keeps its high bit clear)
        const src4 = ((y0 + j + ny * z) * nx + x0) >> 2;
        const row4 = row >> 2;
        for (let i = 0; i < vx4; i++) {
          const x = data32[src4 + i] ^ pattern;
          const eq = (~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) >>> 7) & 0x01010101;
          const v = eq | ((pairs32[row4 + i] & 0x01010101) << 1);
          next32[row4 + i] = v;
          any |= v;
        }
      } else if (k < cz - 1) {
        const src = (y0 + j + ny * z) * nx + x0;
        for (let i = 0; i < vx; i++) {
          const v = (data[src + i] === label ? 1 : 0) | ((pairs[row + i] & 1) << 1);
          next[row + i] = v;
          any |= v;
        }
      } else {
        for (let i = 0; i < vx; i++) {
          const v = (pairs[row + i] & 1) << 1;
          next[row + i] = v;
          any |= v;
        }
      }
      nonzeroNext[j] = any !== 0 ? 1 : 0;
    }
    const t = pairs;
    pairs = next;
    next = t;
    const t32 = pairs32;
    pairs32 = next32;
    next32 = t32;
    const tz = nonzero;
    nonzero = nonzeroNext;
    nonzeroNext = tz;
    for (let j = 0; j < cy; j++) {
      // rows of zero pairs on both sides: all codes 0, no border
      if ((j < vy ? nonzero[j] : 0) === 0 && (j > 0 ? nonzero[j - 1] : 0) === 0) {
        out.fill(0, o, o + cx);
        o += cx;
        continue;
      }
      const rowA = j < vy ? j * vx : zeroRow; // (y, ·) pairs → bits 0, 1
      const rowC = j > 0 ? (j - 1) * vx : zeroRow; // (y − 1, ·) pairs → bits 2, 3
      if (borders === undefined) {
        let prev = 0;
        for (let i = 0; i < vx; i++, o++) {
          const b = pairs[rowA + i] | (pairs[rowC + i] << 2);
          out[o] = b | (prev << 4);
          prev = b;
        }
        out[o++] = prev << 4;
        continue;
      }
      // room for a whole row of border corners, so that the loop needs no capacity check
      if (count + cx > list.length) {
        const grown = new Int32Array(Math.max(1024, list.length * 2, count + cx));
        grown.set(list.subarray(0, count));
        list = grown;
      }
      let prev = 0;
      for (let i = 0; i < vx; i++, o++) {
        const b = pairs[rowA + i] | (pairs[rowC + i] << 2);
        const code = b | (prev << 4);
        out[o] = code;
        prev = b;
        // code neither 0 nor 255
        if (((code + 1) & 255) > 1) list[count++] = o;
      }
      const code = prev << 4; // the corner past the row's last voxel
      out[o] = code;
      if (code !== 0) list[count++] = o;
      o++;
    }
  }
  if (borders) {
    borders.list = list;
    borders.count = count;
  }
}

/** Size of the 2-D corner grid of a box in a one-slice image: `[vx + 1, vy + 1, 1]`. */
export function cornerGridShape2d(box: VoxelBox): [number, number, number] {
  return [box.x1 - box.x0 + 2, box.y1 - box.y0 + 2, 1];
}

/**
 * The 2-D variant of {@link neighbourCodesAndBorders} for a one-slice image
 * (surface-distance's 2-D mode): 4-bit codes of the 2×2 corner neighbourhood
 * with weights 8 (x − 1, y − 1), 4 (x − 1, y), 2 (x, y − 1), 1 (x, y) —
 * `correlate(mask, [[8, 4], [2, 1]])` with x as the first numpy axis — on the
 * corner grid `cornerGridShape2d(box)`. The full code 15 is stored as 255 so
 * that "border" means neither 0 nor 255 in both modes.
 */
export function neighbourCodes2d(
  data: ArrayLike<number>,
  nx: number,
  label: number,
  box: VoxelBox,
  out: Uint8Array,
  borders: BorderList | undefined,
): void {
  const [cx, cy] = cornerGridShape2d(box);
  const { x0, y0 } = box;
  const vx = cx - 1;
  const vy = cy - 1;
  let list = borders ? borders.list : new Int32Array(0);
  let count = 0;
  let o = 0;
  for (let j = 0; j < cy; j++) {
    const rowA = j < vy ? (y0 + j) * nx + x0 : -1; // (x, y) → bit 0
    const rowB = j > 0 ? (y0 + j - 1) * nx + x0 : -1; // (x, y − 1) → bit 1
    let prev = 0;
    for (let i = 0; i <= vx; i++, o++) {
      let b = 0;
      if (i < vx) {
        if (rowA >= 0 && data[rowA + i] === label) b = 1;
        if (rowB >= 0 && data[rowB + i] === label) b |= 2;
      }
      let code = b | (prev << 2);
      prev = b;
      if (code === 15) code = 255;
      out[o] = code;
      if (borders !== undefined && code !== 0 && code !== 255) {
        if (count === list.length) {
          const grown = new Int32Array(Math.max(1024, list.length * 2));
          grown.set(list);
          list = grown;
        }
        list[count++] = o;
      }
    }
  }
  if (borders) {
    borders.list = list;
    borders.count = count;
  }
}

/** Voxel counts and bounding boxes of some labels, from one pass over a volume. */
export interface LabelBoxes {
  /** Voxel count per requested label (same order). */
  counts: number[];
  /** Bounding box per requested label, `undefined` when absent. */
  boxes: (VoxelBox | undefined)[];
}

/**
 * Counts the voxels of each label and finds its bounding box in one pass.
 * @param data - Voxel values, x fastest.
 * @param shape - `[nx, ny, nz]`.
 * @param labels - The labels to look for (any numbers; compared with `===`).
 */
export function labelBoxes(data: ArrayLike<number>, shape: readonly number[], labels: readonly number[]): LabelBoxes {
  const [nx, ny, nz] = shape;
  const n = labels.length;
  const small = new Int32Array(256).fill(-1);
  const other = new Map<number, number>();
  labels.forEach((label, s) => {
    if (Number.isInteger(label) && label >= 0 && label < 256) small[label] = s;
    else other.set(label, s);
  });
  const useMap = other.size > 0;
  const counts = new Float64Array(n);
  const minX = new Int32Array(n).fill(nx);
  const maxX = new Int32Array(n).fill(-1);
  const minY = new Int32Array(n).fill(ny);
  const maxY = new Int32Array(n).fill(-1);
  const minZ = new Int32Array(n).fill(nz);
  const maxZ = new Int32Array(n).fill(-1);
  const rowCount = new Float64Array(n);
  let idx = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, idx++) {
        const v = data[idx];
        let s = v >= 0 && v < 256 ? small[v] : -1;
        if (s === undefined) s = -1; // non-integer value
        if (s < 0) {
          if (!useMap) continue;
          const t = other.get(v);
          if (t === undefined) continue;
          s = t;
        }
        rowCount[s]++;
        if (x < minX[s]) minX[s] = x;
        if (x > maxX[s]) maxX[s] = x;
      }
      for (let s = 0; s < n; s++) {
        if (rowCount[s] === 0) continue;
        counts[s] += rowCount[s];
        rowCount[s] = 0;
        if (y < minY[s]) minY[s] = y;
        if (y > maxY[s]) maxY[s] = y;
        if (z < minZ[s]) minZ[s] = z;
        if (z > maxZ[s]) maxZ[s] = z;
      }
    }
  }
  const boxes: (VoxelBox | undefined)[] = [];
  for (let s = 0; s < n; s++) {
    boxes.push(counts[s] > 0 ? { x0: minX[s], x1: maxX[s], y0: minY[s], y1: maxY[s], z0: minZ[s], z1: maxZ[s] } : undefined);
  }
  return { counts: Array.from(counts), boxes };
}
