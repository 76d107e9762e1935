/**
 * Value distributions of one label's voxels, and numpy-compatible order
 * statistics over them.
 * @internal
 * @module
 */
import { numpyLinearPercentile, quickselect } from "../../core/quantile.ts";

/** Distinct values in ascending order with how often each occurs. */
export interface ValueCounts {
  /** Distinct values, strictly ascending. */
  values: Float64Array;
  /** Occurrences of each value (positive integers held as doubles). */
  counts: Float64Array;
}

/** What the statistics need of a set of values. */
export interface Distribution {
  /** Number of values. */
  readonly count: number;
  /** The k-th smallest value (0-based). */
  kth(k: number): number;
  /** Arithmetic mean. */
  mean(): number;
  /** Population standard deviation around `mean`. */
  std(mean: number): number;
  /** Smallest value. */
  min(): number;
  /** Largest value. */
  max(): number;
}

/**
 * numpy's default (`method="linear"`) percentile of a distribution
 * (`numpyLinearPercentile`; NaN when it is empty).
 */
export function percentileLinear(d: Distribution, percent: number): number {
  if (d.count === 0) return Number.NaN;
  return numpyLinearPercentile(d.count, percent, (k) => d.kth(k));
}

/** numpy's `median`: the middle value, or the mean of the two middle values computed as `(a + b) / 2`. */
export function medianOf(d: Distribution): number {
  const n = d.count;
  if (n === 0) return Number.NaN;
  if (n % 2 === 1) return d.kth((n - 1) / 2);
  return (d.kth(n / 2 - 1) + d.kth(n / 2)) / 2;
}

/** A distribution over value counts (order statistics by cumulative counts; no sorting). */
export function countsDistribution(vc: ValueCounts): Distribution {
  const { values, counts } = vc;
  const m = values.length;
  // cumulative[i] = number of values ≤ values[i]
  const cumulative = new Float64Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    total += counts[i];
    cumulative[i] = total;
  }
  return {
    count: total,
    kth(k) {
      // first i with cumulative[i] > k
      let lo = 0;
      let hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] > k) hi = mid;
        else lo = mid + 1;
      }
      return values[lo];
    },
    mean() {
      let s = 0;
      for (let i = 0; i < m; i++) s += values[i] * counts[i];
      return s / total;
    },
    std(mean) {
      let s = 0;
      for (let i = 0; i < m; i++) {
        const d = values[i] - mean;
        s += d * d * counts[i];
      }
      return Math.sqrt(s / total);
    },
    min: () => values[0],
    max: () => values[m - 1],
  };
}

/**
 * A distribution over a scratch array of raw values; order statistics by
 * quickselect (the array is reordered in place; no full sort).
 * @see C. A. R. Hoare, "Algorithm 65: FIND", CACM 4(7), 1961.
 */
export function arrayDistribution(values: Float64Array): Distribution {
  const n = values.length;
  return {
    count: n,
    kth: (k) => quickselect(values, k),
    mean() {
      let s = 0;
      for (let i = 0; i < n; i++) s += values[i];
      return s / n;
    },
    std(mean) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const d = values[i] - mean;
        s += d * d;
      }
      return Math.sqrt(s / n);
    },
    min() {
      let v = Infinity;
      for (let i = 0; i < n; i++) if (values[i] < v) v = values[i];
      return v;
    },
    max() {
      let v = -Infinity;
      for (let i = 0; i < n; i++) if (values[i] > v) v = values[i];
      return v;
    },
  };
}

/** Sorts a copy of `values` and run-length encodes it. */
export function valueCountsOf(values: Float64Array): ValueCounts {
  const sorted = Float64Array.from(values).sort();
  const outValues: number[] = [];
  const outCounts: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    outValues.push(sorted[i]);
    outCounts.push(j - i);
    i = j;
  }
  return { values: Float64Array.from(outValues), counts: Float64Array.from(outCounts) };
}

/**
 * Adds value counts into a running map (value → count), for merging the
 * distributions of many cases with memory bounded by the distinct values.
 */
export function addValueCounts(into: Map<number, number>, vc: ValueCounts): void {
  for (let i = 0; i < vc.values.length; i++) {
    const v = vc.values[i];
    into.set(v, (into.get(v) ?? 0) + vc.counts[i]);
  }
}

/** The value counts held in a map, in ascending order of value. */
export function valueCountsFromMap(map: Map<number, number>): ValueCounts {
  const values = Float64Array.from(map.keys()).sort();
  const counts = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) counts[i] = map.get(values[i]) as number;
  return { values, counts };
}
