/**
 * JIT warm-up of a worker's kernels on a small synthetic case.
 *
 * Each worker thread is a fresh V8 isolate that has to optimise the kernels
 * anew. Run cold on a full-size case, the hot loops are first interpreted and
 * then optimised part-way with incomplete type feedback, which deoptimises
 * and recompiles them, with the compiler threads competing with the other
 * workers for the cores. Running the same code once on a small pair of label
 * maps (every branch of the real work taken: all labels present, the 4-voxel
 * word paths, runs, both directions) first costs a few tens of ms and saves
 * about 0.1 s on a worker's first real case (0.66 → 0.55 s, two workers on
 * FLARE-size cases, bench/metrics.mjs).
 * @internal
 * @module
 */

/** Edge length (voxels) of the warm-up volumes: a multiple of 4, as FLARE's 512, so the word paths run. */
const SIZE = 40;

/**
 * A small ground-truth / prediction pair: one ellipsoid per label (up to 8
 * labels), the prediction shifted by a voxel and slightly larger. Spacing
 * 0.8 × 0.8 × 2 mm.
 */
export function warmUpLabelPair(labels: readonly number[]): { gt: Uint8Array; pred: Uint8Array; shape: [number, number, number]; spacing: [number, number, number] } {
  const n = SIZE;
  const gt = new Uint8Array(n * n * n);
  const pred = new Uint8Array(n * n * n);
  const used = labels.filter((l) => Number.isInteger(l) && l >= 1 && l <= 255).slice(0, 8);
  used.forEach((label, s) => {
    const cx = 10 + 20 * (s & 1);
    const cy = 10 + 20 * ((s >> 1) & 1);
    const cz = 10 + 20 * ((s >> 2) & 1);
    for (let z = 0, i = 0; z < n; z++) {
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++, i++) {
          const r2 = (x - cx) ** 2 + ((y - cy) * 1.2) ** 2 + ((z - cz) * 1.5) ** 2;
          if (r2 < 64) gt[i] = label;
          if ((x - cx - 1) ** 2 + ((y - cy) * 1.2) ** 2 + ((z - cz + 1) * 1.5) ** 2 < 72) pred[i] = label;
        }
      }
    }
  });
  return { gt, pred, shape: [n, n, n], spacing: [0.8, 0.8, 2] };
}
