/**
 * Naive oracles for the stats tests: everything by sorting plain arrays, no
 * histograms, no selection — independent of the implementation's code paths.
 */

/** numpy.percentile(a, p) with the default linear method, over a sorted copy (numpy ≥ 1.22 `_lerp`). */
export function numpyPercentile(values: readonly number[], p: number): number {
  const a = [...values].sort((x, y) => x - y);
  const n = a.length;
  const vi = (n - 1) * (p / 100);
  const lo = Math.min(Math.floor(vi), n - 1);
  const hi = Math.min(lo + 1, n - 1);
  const t = vi - lo;
  const d = a[hi] - a[lo];
  return t >= 0.5 ? a[hi] - d * (1 - t) : a[lo] + d * t;
}

/** numpy.median. */
export function numpyMedian(values: readonly number[]): number {
  const a = [...values].sort((x, y) => x - y);
  const n = a.length;
  return n % 2 ? a[(n - 1) / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

/** Per-label facts by brute force over (i, j, k). */
export function naiveLabelFacts(
  labels: ArrayLike<number>,
  shape: readonly [number, number, number],
  hu?: ArrayLike<number>,
): Map<number, { count: number; min: number[]; max: number[]; sum: number[]; values: number[] }> {
  const out = new Map<number, { count: number; min: number[]; max: number[]; sum: number[]; values: number[] }>();
  const [nx, ny, nz] = shape;
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const idx = i + nx * (j + ny * k);
        const l = labels[idx];
        if (l === 0) continue;
        let e = out.get(l);
        if (!e) out.set(l, (e = { count: 0, min: [i, j, k], max: [i, j, k], sum: [0, 0, 0], values: [] }));
        e.count++;
        const ijk = [i, j, k];
        for (let a = 0; a < 3; a++) {
          e.min[a] = Math.min(e.min[a], ijk[a]);
          e.max[a] = Math.max(e.max[a], ijk[a]);
          e.sum[a] += ijk[a];
        }
        if (hu) e.values.push(hu[idx]);
      }
  return out;
}

/** Relative difference |a − b| / |b| (absolute when b is 0). */
export function relDiff(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}
