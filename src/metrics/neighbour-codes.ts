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

/**
 * Border corners (codes neither 0 nor 255) in storage order, with their codes;
 * `list` and `codes` may be longer than `count`.
 */
export interface BorderList {
  /** Corner indices on the corner grid, ascending. */
  list: Int32Array;
  /** The neighbour code of each listed corner. */
  codes: Uint8Array;
  /** Number of listed corners. */
  count: number;
}

/** An empty border list (grown on demand by the functions that fill it). */
export function emptyBorderList(): BorderList {
  return { list: new Int32Array(0), codes: new Uint8Array(0), count: 0 };
}

/** Makes room for `count + extra` entries, keeping the first `count`. */
function growBorders(b: BorderList, count: number, extra: number): void {
  if (count + extra <= b.list.length) return;
  const size = Math.max(1024, b.list.length * 2, count + extra);
  const list = new Int32Array(size);
  list.set(b.list.subarray(0, count));
  const codes = new Uint8Array(size);
  codes.set(b.codes.subarray(0, count));
  b.list = list;
  b.codes = codes;
}

/**
 * {@link neighbourCodes} into `out` (when given), and the border corners
 * (codes other than 0 and 255) with their codes into `borders` (when given).
 *
 * The mask is built slab by slab as "pairs" (the voxel in bit 0, the one
 * below it in z in bit 1). With uint8 data whose rows start on 4-byte
 * boundaries (`nx` a multiple of 4), the pair rows cover the box widened to
 * whole 32-bit words (the extra voxels masked out), so that the label test
 * and the skipping of empty and full stretches run four voxels at a time.
 */
export function neighbourCodesAndBorders(
  data: ArrayLike<number>,
  nx: number,
  ny: number,
  label: number,
  box: VoxelBox,
  out: Uint8Array | undefined,
  borders: BorderList | undefined,
): void {
  const [cx, cy, cz] = cornerGridShape(box);
  const { x0, y0, z0 } = box;
  const vx = cx - 1; // voxels per row of the box
  const vy = cy - 1;
  const words = data instanceof Uint8Array && Number.isInteger(label) && label >= 0 && label <= 255 && data.byteOffset % 4 === 0 && nx % 4 === 0;
  // pair rows span [xa, xa + px): the box row, widened to whole words on the word path
  const xa = words ? x0 & ~3 : x0;
  const px = words ? ((x0 + vx + 3) & ~3) - xa : vx;
  const off = x0 - xa; // the box's first voxel within a pair row
  const pairs = new Uint8Array(cy * px);
  const next = new Uint8Array(cy * px);
  const state: PairState = {
    pairs,
    next,
    pairs32: words ? new Uint32Array(pairs.buffer) : new Uint32Array(0),
    next32: words ? new Uint32Array(next.buffer) : new Uint32Array(0),
    nonzero: new Uint8Array(vy),
    nonzeroNext: new Uint8Array(vy),
  };
  const data32 = words ? new Uint32Array((data as Uint8Array).buffer, (data as Uint8Array).byteOffset, (data as Uint8Array).length >> 2) : undefined;
  if (borders) borders.count = 0;
  let o = 0;
  for (let k = 0; k < cz; k++) {
    const z = z0 + k;
    if (data32) nextPairsWords(data32, label, k < cz - 1 ? ((y0 + ny * z) * nx + xa) >> 2 : -1, nx >> 2, vy, px, off, vx, state);
    else nextPairsBytes(data, label, k < cz - 1 ? (y0 + ny * z) * nx + x0 : -1, nx, vy, vx, state);
    if (out) o = slabCodesFull(state, cx, cy, px, off, out, o, borders);
    else o = slabBorders(state, cx, cy, px, off, borders as BorderList, o, data32 !== undefined);
  }
}

/** The pair rows of the current slab and the next one, with per-row "any pair set" flags. */
interface PairState {
  pairs: Uint8Array;
  next: Uint8Array;
  /** 32-bit views of `pairs` / `next` (empty off the word path). */
  pairs32: Uint32Array;
  next32: Uint32Array;
  nonzero: Uint8Array;
  nonzeroNext: Uint8Array;
}

function swapPairs(st: PairState): void {
  const t = st.pairs;
  st.pairs = st.next;
  st.next = t;
  const t32 = st.pairs32;
  st.pairs32 = st.next32;
  st.next32 = t32;
  const tz = st.nonzero;
  st.nonzero = st.nonzeroNext;
  st.nonzeroNext = tz;
}

/**
 * Next slab's pair rows, four voxels at a time: byte b of `eq` is 1 where the
 * voxel equals the label (exact per byte: after adding 0x7f to the low 7 bits,
 * only a zero byte of x keeps its high bit clear). `src4 < 0`: past the box's
 * last slab (mask 0).
 */
function nextPairsWords(data32: Uint32Array, label: number, src4: number, nx4: number, vy: number, px: number, off: number, vx: number, st: PairState): void {
  const pattern = (label & 255) * 0x01010101;
  const { pairs32, next32 } = st;
  const px4 = px >> 2;
  // bytes of the first and last word that lie inside the box (little-endian: byte b is bits 8b…8b + 7)
  const head = (0xffffffff << (8 * off)) >>> 0;
  const endByte = (off + vx) & 3;
  const tail = endByte === 0 ? 0xffffffff : (0xffffffff >>> (8 * (4 - endByte))) >>> 0;
  const nonzeroNext = st.nonzeroNext;
  for (let j = 0; j < vy; j++) {
    const row4 = j * px4;
    let any = 0;
    if (src4 >= 0) {
      const s4 = src4 + j * nx4;
      for (let i = 0; i < px4; i++) {
        const x = data32[s4 + i] ^ pattern;
        let eq = (~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) >>> 7) & 0x01010101;
        if (i === 0) eq &= head;
        if (i === px4 - 1) eq &= tail;
        const v = eq | ((pairs32[row4 + i] & 0x01010101) << 1);
        next32[row4 + i] = v;
        any |= v;
      }
    } else {
      for (let i = 0; i < px4; i++) {
        const v = (pairs32[row4 + i] & 0x01010101) << 1;
        next32[row4 + i] = v;
        any |= v;
      }
    }
    nonzeroNext[j] = any !== 0 ? 1 : 0;
  }
  swapPairs(st);
}

/** {@link nextPairsWords} one voxel at a time (any data type; `px = vx`, `off = 0`). */
function nextPairsBytes(data: ArrayLike<number>, label: number, src: number, nx: number, vy: number, vx: number, st: PairState): void {
  const { pairs, next, nonzeroNext } = st;
  for (let j = 0; j < vy; j++) {
    const row = j * vx;
    let any = 0;
    if (src >= 0) {
      const s = src + j * nx;
      for (let i = 0; i < vx; i++) {
        const v = (data[s + i] === label ? 1 : 0) | ((pairs[row + i] & 1) << 1);
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
  swapPairs(st);
}

/**
 * Codes of one slab of corners into `out` (and the border corners into
 * `borders` when given); returns the next corner index.
 */
function slabCodesFull(st: PairState, cx: number, cy: number, px: number, off: number, out: Uint8Array, o: number, borders: BorderList | undefined): number {
  const { pairs, nonzero } = st;
  const vx = cx - 1;
  const vy = cy - 1;
  const zeroRow = vy * px;
  let count = borders ? borders.count : 0;
  for (let j = 0; j < cy; j++) {
    // rows of zero pairs on both sides: all codes 0, no border
    if ((j < vy ? nonzero[j] : 0) === 0 && (j > 0 ? nonzero[j - 1] : 0) === 0) {
      out.fill(0, o, o + cx);
      o += cx;
      continue;
    }
    const rowA = (j < vy ? j * px : zeroRow) + off; // (y, ·) pairs → bits 0, 1
    const rowC = (j > 0 ? (j - 1) * px : zeroRow) + off; // (y − 1, ·) pairs → bits 2, 3
    if (borders) growBorders(borders, count, cx);
    let prev = 0;
    for (let i = 0; i <= vx; i++, o++) {
      const b = i < vx ? pairs[rowA + i] | (pairs[rowC + i] << 2) : 0;
      const code = b | (prev << 4);
      out[o] = code;
      prev = b;
      // code neither 0 nor 255
      if (borders && ((code + 1) & 255) > 1) {
        borders.list[count] = o;
        borders.codes[count++] = code;
      }
    }
  }
  if (borders) borders.count = count;
  return o;
}

/**
 * The border corners of one slab (codes other than 0 and 255) with their
 * codes, without writing the full code grid; with `words`, stretches of four
 * corners that are all outside (code 0) or all inside (code 255) are skipped
 * at once. Returns the next corner index.
 */
function slabBorders(st: PairState, cx: number, cy: number, px: number, off: number, borders: BorderList, o: number, words: boolean): number {
  const { pairs, pairs32, nonzero } = st;
  const vy = cy - 1;
  const zeroRow = vy * px;
  let count = borders.count;
  for (let j = 0; j < cy; j++, o += cx) {
    if ((j < vy ? nonzero[j] : 0) === 0 && (j > 0 ? nonzero[j - 1] : 0) === 0) continue;
    growBorders(borders, count, cx);
    const list = borders.list;
    const codes = borders.codes;
    const rowA = j < vy ? j * px : zeroRow;
    const rowC = j > 0 ? (j - 1) * px : zeroRow;
    // corner p of the pair row (p = off … off + vx are the box's corners; the others have code 0)
    const base = o - off;
    let prev = 0;
    let p = 0;
    if (words) {
      const a4 = rowA >> 2;
      const c4 = rowC >> 2;
      const px4 = px >> 2;
      for (let w = 0; w < px4; w++, p += 4) {
        const b4 = pairs32[a4 + w] | (pairs32[c4 + w] << 2);
        if (b4 === 0) {
          if (prev === 0) continue; // four outside corners
        } else if (b4 === 0x0f0f0f0f && prev === 15) {
          continue; // four inside corners
        }
        for (let q = 0; q < 4; q++) {
          const b = (b4 >>> (8 * q)) & 15;
          const code = b | (prev << 4);
          prev = b;
          if (((code + 1) & 255) > 1) {
            list[count] = base + p + q;
            codes[count++] = code;
          }
        }
      }
    } else {
      for (; p < px; p++) {
        const b = pairs[rowA + p] | (pairs[rowC + p] << 2);
        const code = b | (prev << 4);
        prev = b;
        if (((code + 1) & 255) > 1) {
          list[count] = base + p;
          codes[count++] = code;
        }
      }
    }
    // the corner past the pair row's last voxel
    if (prev !== 0) {
      list[count] = base + p;
      codes[count++] = prev << 4;
    }
  }
  borders.count = count;
  return o;
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
  out: Uint8Array | undefined,
  borders: BorderList | undefined,
): void {
  const [cx, cy] = cornerGridShape2d(box);
  const { x0, y0 } = box;
  const vx = cx - 1;
  const vy = cy - 1;
  let count = 0;
  let o = 0;
  for (let j = 0; j < cy; j++) {
    const rowA = j < vy ? (y0 + j) * nx + x0 : -1; // (x, y) → bit 0
    const rowB = j > 0 ? (y0 + j - 1) * nx + x0 : -1; // (x, y − 1) → bit 1
    if (borders) growBorders(borders, count, cx);
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
      if (out) out[o] = code;
      if (borders !== undefined && code !== 0 && code !== 255) {
        borders.list[count] = o;
        borders.codes[count++] = code;
      }
    }
  }
  if (borders) borders.count = count;
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
