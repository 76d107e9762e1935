/**
 * One pass over a ground-truth / prediction pair of uint8 label maps: voxel
 * counts, intersections and union bounding boxes of several labels.
 * @internal
 * @module
 */
import type { VoxelBox } from "./neighbour-codes.ts";

/** Per-label counts and boxes, in the order of the labels asked for. */
export interface PairStats {
  gtVoxels: number[];
  predVoxels: number[];
  intersection: number[];
  /** Bounding box of the union of both masks, `undefined` when both are empty. */
  boxes: (VoxelBox | undefined)[];
}

/**
 * Counts `gt === l`, `pred === l` and both, and the union's bounding box, for
 * each label l (integers 1…255) in a single pass.
 *
 * The pass goes by runs: a stretch of voxels with the same (gt, pred) pair is
 * counted at once, its two ends updating the box. With 4-byte-aligned arrays
 * and rows a multiple of 4 voxels long, background and runs are scanned four
 * voxels at a time.
 */
export function pairStats(gt: Uint8Array, pred: Uint8Array, dims: readonly [number, number, number], labels: readonly number[]): PairStats {
  const [nx, ny, nz] = dims;
  const n = labels.length;
  const slot = new Int32Array(256).fill(-1);
  labels.forEach((l, s) => (slot[l] = s));
  const acc: Accumulators = {
    slot,
    gC: new Float64Array(n),
    pC: new Float64Array(n),
    iC: new Float64Array(n),
    minX: new Int32Array(n).fill(nx),
    maxX: new Int32Array(n).fill(-1),
    inRow: new Uint8Array(n),
  };
  const minY = new Int32Array(n).fill(ny);
  const maxY = new Int32Array(n).fill(-1);
  const minZ = new Int32Array(n).fill(nz);
  const maxZ = new Int32Array(n).fill(-1);
  const words = gt.byteOffset % 4 === 0 && pred.byteOffset % 4 === 0 && nx % 4 === 0;
  const gt32 = words ? new Uint32Array(gt.buffer, gt.byteOffset, gt.length >> 2) : new Uint32Array(0);
  const pred32 = words ? new Uint32Array(pred.buffer, pred.byteOffset, pred.length >> 2) : new Uint32Array(0);
  for (let z = 0, row = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++, row += nx) {
      const hit = words ? rowRunsWords(gt, pred, gt32, pred32, row, nx, acc) : rowRunsBytes(gt, pred, row, nx, acc);
      if (!hit) continue;
      const inRow = acc.inRow;
      for (let s = 0; s < n; s++) {
        if (inRow[s] === 0) continue;
        inRow[s] = 0;
        if (y < minY[s]) minY[s] = y;
        if (y > maxY[s]) maxY[s] = y;
        if (z < minZ[s]) minZ[s] = z;
        if (z > maxZ[s]) maxZ[s] = z;
      }
    }
  }
  const { gC, pC, iC, minX, maxX } = acc;
  const boxes: (VoxelBox | undefined)[] = [];
  for (let s = 0; s < n; s++) {
    boxes.push(maxX[s] >= 0 ? { x0: minX[s], x1: maxX[s], y0: minY[s], y1: maxY[s], z0: minZ[s], z1: maxZ[s] } : undefined);
  }
  return { gtVoxels: Array.from(gC), predVoxels: Array.from(pC), intersection: Array.from(iC), boxes };
}

/** Per-label counters of {@link pairStats}; `inRow` marks the labels met in the current row. */
interface Accumulators {
  slot: Int32Array;
  gC: Float64Array;
  pC: Float64Array;
  iC: Float64Array;
  minX: Int32Array;
  maxX: Int32Array;
  inRow: Uint8Array;
}

/** Adds a run of `len` voxels with values (g, p) starting at x to the counters. */
function addRun(acc: Accumulators, g: number, p: number, x: number, len: number): void {
  const sg = acc.slot[g];
  const sp = acc.slot[p];
  const last = x + len - 1;
  if (sg >= 0) {
    acc.gC[sg] += len;
    if (g === p) acc.iC[sg] += len;
    if (x < acc.minX[sg]) acc.minX[sg] = x;
    if (last > acc.maxX[sg]) acc.maxX[sg] = last;
    acc.inRow[sg] = 1;
  }
  if (sp >= 0) {
    acc.pC[sp] += len;
    if (x < acc.minX[sp]) acc.minX[sp] = x;
    if (last > acc.maxX[sp]) acc.maxX[sp] = last;
    acc.inRow[sp] = 1;
  }
}

/** One row (starting at voxel `row`), four voxels at a time; whether any voxel was non-zero. */
function rowRunsWords(gt: Uint8Array, pred: Uint8Array, gt32: Uint32Array, pred32: Uint32Array, row: number, nx: number, acc: Accumulators): boolean {
  let hit = false;
  let w = row >> 2;
  const wEnd = (row + nx) >> 2;
  while (w < wEnd) {
    const a = gt32[w];
    const b = pred32[w];
    if ((a | b) === 0) {
      w++;
      continue;
    }
    hit = true;
    // the word holds foreground: take its voxels as runs, extending the last run over whole equal words
    let i = w << 2;
    const end = i + 4;
    while (i < end) {
      const g = gt[i];
      const p = pred[i];
      let j = i + 1;
      while (j < end && gt[j] === g && pred[j] === p) j++;
      if (j === end) {
        // the run reaches the word's end: continue it word by word
        const ga = g * 0x01010101;
        const pa = p * 0x01010101;
        let v = j >> 2;
        while (v < wEnd && gt32[v] === ga && pred32[v] === pa) v++;
        j = v << 2;
        while (j < row + nx && gt[j] === g && pred[j] === p) j++;
      }
      if ((g | p) !== 0) addRun(acc, g, p, i - row, j - i);
      i = j;
    }
    w = (i + 3) >> 2;
    // a run that stopped inside a word: finish that word voxel by voxel
    if ((i & 3) !== 0) {
      const wordEnd = w << 2;
      while (i < wordEnd) {
        const g = gt[i];
        const p = pred[i];
        let j = i + 1;
        while (j < wordEnd && gt[j] === g && pred[j] === p) j++;
        if ((g | p) !== 0) addRun(acc, g, p, i - row, j - i);
        i = j;
      }
    }
  }
  return hit;
}

/** One row, voxel by voxel (unaligned arrays or rows); whether any voxel was non-zero. */
function rowRunsBytes(gt: Uint8Array, pred: Uint8Array, row: number, nx: number, acc: Accumulators): boolean {
  let hit = false;
  const end = row + nx;
  let i = row;
  while (i < end) {
    const g = gt[i];
    const p = pred[i];
    if ((g | p) === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && gt[j] === g && pred[j] === p) j++;
    addRun(acc, g, p, i - row, j - i);
    hit = true;
    i = j;
  }
  return hit;
}
