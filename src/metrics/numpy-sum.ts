/**
 * Floating-point sums in numpy's order, so totals agree to the last bit.
 * @internal
 * @module
 */

/** numpy's reduction buffer: `np.sum` adds blocks of this many elements in turn. */
const BLOCK = 8192;
/** Below this length numpy's pairwise sum uses eight accumulators. */
const PW_BLOCKSIZE = 128;

/**
 * numpy's `pairwise_sum` for float64 over `a[start … start + n)`
 * (numpy/core/src/umath/loops_utils.h.src): fewer than 8 elements are added
 * left to right; up to 128 with eight interleaved accumulators combined as
 * `((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))` plus the remainder;
 * longer runs split in two halves (the first a multiple of 8) recursively.
 */
export function pairwiseSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = a[start];
    let r1 = a[start + 1];
    let r2 = a[start + 2];
    let r3 = a[start + 3];
    let r4 = a[start + 4];
    let r5 = a[start + 5];
    let r6 = a[start + 6];
    let r7 = a[start + 7];
    const end8 = n - (n % 8);
    let i = 8;
    for (; i < end8; i += 8) {
      const p = start + i;
      r0 += a[p];
      r1 += a[p + 1];
      r2 += a[p + 2];
      r3 += a[p + 3];
      r4 += a[p + 4];
      r5 += a[p + 5];
      r6 += a[p + 6];
      r7 += a[p + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/**
 * `np.sum` of the float64 elements `a[0 … n)` as numpy 1.24 computes it:
 * starting from 0, each block of 8192 elements is summed pairwise and added in turn.
 */
export function numpySum(a: Float64Array, n: number = a.length): number {
  let sum = 0;
  for (let start = 0; start < n; start += BLOCK) sum += pairwiseSum(a, start, Math.min(BLOCK, n - start));
  return sum;
}
