/**
 * numpy's default percentile rule and the selection it needs, shared by
 * `percentile` (flarekit/intensity) and the organ statistics (flarekit/stats).
 * @internal
 * @module
 */

/**
 * numpy's default (`method="linear"`, numpy ≥ 1.22) percentile of n sorted
 * values: virtual index h = (n − 1)·p/100; the values at ranks ⌊h⌋ and
 * ⌊h⌋ + 1 are blended with numpy's `_lerp` (`a + (b − a)·t`, or
 * `b − (b − a)·(1 − t)` when t ≥ 0.5), so results equal numpy's bit for bit
 * (including NaN from `∞ · 0` when an infinite neighbour gets weight 0).
 *
 * @param n - Number of values (≥ 1).
 * @param percent - Percentile in [0, 100].
 * @param valueAt - The value of a rank (0 = smallest).
 * @see numpy/lib/function_base.py `_quantile`, `_lerp`; Hyndman & Fan, "Sample quantiles in statistical packages", 1996 (definition 7).
 */
export function numpyLinearPercentile(n: number, percent: number, valueAt: (rank: number) => number): number {
  const h = (n - 1) * (percent / 100);
  if (h >= n - 1) return valueAt(n - 1);
  const lo = Math.floor(h);
  const t = h - lo;
  const a = valueAt(lo);
  const b = valueAt(lo + 1);
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Reorders `a[lo…hi]` so that `a[k]` holds its k-th smallest value (all
 * values left of k are ≤ it) and returns it: quickselect with a
 * median-of-three pivot, insertion sort for short ranges.
 * @see C. A. R. Hoare, "Algorithm 65: FIND", CACM 4(7), 1961.
 */
export function quickselect(a: Float64Array, k: number, lo: number = 0, hi: number = a.length - 1): number {
  while (hi > lo) {
    if (hi - lo < 16) {
      for (let i = lo + 1; i <= hi; i++) {
        const v = a[i];
        let j = i - 1;
        while (j >= lo && a[j] > v) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return a[k];
    }
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
