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
 */
export function pairStats(gt: Uint8Array, pred: Uint8Array, dims: readonly [number, number, number], labels: readonly number[]): PairStats {
  const [nx, ny, nz] = dims;
  const n = labels.length;
  const slot = new Int32Array(256).fill(-1);
  labels.forEach((l, s) => (slot[l] = s));
  const gC = new Float64Array(n);
  const pC = new Float64Array(n);
  const iC = new Float64Array(n);
  const minX = new Int32Array(n).fill(nx);
  const maxX = new Int32Array(n).fill(-1);
  const minY = new Int32Array(n).fill(ny);
  const maxY = new Int32Array(n).fill(-1);
  const minZ = new Int32Array(n).fill(nz);
  const maxZ = new Int32Array(n).fill(-1);
  const inRow = new Uint8Array(n);
  // 32-bit views skip background four voxels at a time (when both arrays are 4-byte aligned)
  const words = gt.byteOffset % 4 === 0 && pred.byteOffset % 4 === 0;
  const gt32 = words ? new Uint32Array(gt.buffer, gt.byteOffset, gt.length >> 2) : new Uint32Array(0);
  const pred32 = words ? new Uint32Array(pred.buffer, pred.byteOffset, pred.length >> 2) : new Uint32Array(0);
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let rowHit = false;
      for (let x = 0; x < nx; x++, i++) {
        if (words && (i & 3) === 0) {
          // runs of background, four voxels at a time
          let w = i >> 2;
          const end = x + ((nx - x) & ~3);
          let xe = x;
          while (xe < end && (gt32[w] | pred32[w]) === 0) {
            xe += 4;
            w++;
          }
          if (xe > x) {
            i += xe - x;
            x = xe;
            if (x >= nx) break;
          }
        }
        const g = gt[i];
        const p = pred[i];
        if ((g | p) === 0) continue;
        const sg = slot[g];
        const sp = slot[p];
        if (sg >= 0) {
          gC[sg]++;
          if (g === p) iC[sg]++;
          if (x < minX[sg]) minX[sg] = x;
          if (x > maxX[sg]) maxX[sg] = x;
          inRow[sg] = 1;
          rowHit = true;
        }
        if (sp >= 0) {
          pC[sp]++;
          if (x < minX[sp]) minX[sp] = x;
          if (x > maxX[sp]) maxX[sp] = x;
          inRow[sp] = 1;
          rowHit = true;
        }
      }
      if (!rowHit) continue;
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
  const boxes: (VoxelBox | undefined)[] = [];
  for (let s = 0; s < n; s++) {
    boxes.push(maxX[s] >= 0 ? { x0: minX[s], x1: maxX[s], y0: minY[s], y1: maxY[s], z0: minZ[s], z1: maxZ[s] } : undefined);
  }
  return { gtVoxels: Array.from(gC), predVoxels: Array.from(pC), intersection: Array.from(iC), boxes };
}
