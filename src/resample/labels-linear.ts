/**
 * nnU-Net's segmentation resampling ("labels-linear") on an axis-aligned grid.
 *
 * nnU-Net (`resize_segmentation`, MIC-DKFZ/nnUNet) resamples, for each label c ascending, the one-hot mask
 * `seg == c` with linear interpolation and sets c where the result is ≥ 0.5, starting from zeros; later
 * labels overwrite earlier ones. So the result at a voxel is the largest label whose interpolated one-hot
 * value is ≥ 0.5, else 0. We compute every label's one-hot value at once from the 8 (or fewer) taps of the
 * voxel, accumulating the products in scipy.ndimage's order (`((1·wx)·wy)·wz`, taps with z fastest), so ties
 * at exactly 0.5 resolve as they do in scipy.
 * @internal
 * @module
 */
import type { AxisPlan } from "./separable.ts";

type Num = ArrayLike<number> & { [i: number]: number };

/** Tap table with copies turned into one tap of weight 1. */
function taps(plan: AxisPlan): { k: number; index: Int32Array; weight: Float64Array } {
  if (plan.kind !== "copy") return plan;
  const index = new Int32Array(plan.m);
  const weight = new Float64Array(plan.m).fill(1);
  for (let i = 0; i < plan.m; i++) index[i] = i;
  return { k: 1, index, weight };
}

/** Labels-linear resampling of `src` (n0×n1×n2) into `out` (m0×m1×m2); plans are "linear", "nearest" or "copy". */
export function labelsLinearSeparable<T extends Num>(src: T, plans: readonly [AxisPlan, AxisPlan, AxisPlan], out: T): void {
  const tx = taps(plans[0]);
  const ty = taps(plans[1]);
  const tz = taps(plans[2]);
  const n0 = plans[0].n;
  const n01 = n0 * plans[1].n;
  const m0 = plans[0].m;
  const m1 = plans[1].m;
  const m2 = plans[2].m;
  const labels = new Float64Array(8);
  const sums = new Float64Array(8);
  let p = 0;
  for (let k = 0; k < m2; k++) {
    for (let j = 0; j < m1; j++) {
      for (let i = 0; i < m0; i++) {
        // Fast path: every tap holds the same label, so its one-hot value is ≈ 1 ≥ 0.5 and it wins.
        const first = src[tx.index[i * tx.k] + ty.index[j * ty.k] * n0 + tz.index[k * tz.k] * n01];
        let uniform = true;
        for (let a = 0; a < tx.k && uniform; a++) {
          const ia = tx.index[i * tx.k + a];
          for (let b = 0; b < ty.k && uniform; b++) {
            const iab = ia + ty.index[j * ty.k + b] * n0;
            for (let c = 0; c < tz.k; c++) {
              if (src[iab + tz.index[k * tz.k + c] * n01] !== first) {
                uniform = false;
                break;
              }
            }
          }
        }
        if (uniform) {
          out[p++] = first;
          continue;
        }
        let nl = 0;
        for (let a = 0; a < tx.k; a++) {
          const ia = tx.index[i * tx.k + a];
          const wa = tx.weight[i * tx.k + a];
          for (let b = 0; b < ty.k; b++) {
            const iab = ia + ty.index[j * ty.k + b] * n0;
            const wab = wa * ty.weight[j * ty.k + b];
            for (let c = 0; c < tz.k; c++) {
              const label = src[iab + tz.index[k * tz.k + c] * n01];
              const w = wab * tz.weight[k * tz.k + c];
              let q = 0;
              while (q < nl && labels[q] !== label) q++;
              if (q === nl) {
                labels[nl] = label;
                sums[nl++] = w;
              } else {
                sums[q] += w;
              }
            }
          }
        }
        out[p++] = pickLabel(labels, sums, nl);
      }
    }
  }
}

/** The largest label whose summed weight is ≥ 0.5, else 0. */
export function pickLabel(labels: Float64Array, sums: Float64Array, nl: number): number {
  let best = 0;
  let found = false;
  for (let q = 0; q < nl; q++) {
    if (sums[q] >= 0.5 && (!found || labels[q] > best)) {
      best = labels[q];
      found = true;
    }
  }
  return best;
}
