/**
 * Cubic B-spline prefilter and interpolation weights, as scipy.ndimage does them for `order=3`.
 *
 * Algorithm: Unser, Aldroubi & Eden, "Fast B-spline transforms for continuous image representation and
 * interpolation", IEEE TPAMI 13(3):277–285, 1991 — a causal and an anticausal first-order recursive filter
 * with pole z = √3 − 2 and gain (1 − z)(1 − 1/z). scipy (ndimage `_prepad_for_spline_filter`, `ni_splines.c`)
 * realises `mode="nearest"` by padding each line with 12 copies of its edge sample and filtering the padded
 * line with mirror-symmetric initial conditions; we do the same, so results agree to rounding.
 * @internal
 * @module
 */

/** The cubic B-spline pole √3 − 2. */
export const CUBIC_POLE: number = Math.sqrt(3) - 2;
/** Samples of edge padding scipy adds before prefiltering in mode "nearest". */
export const SPLINE_PAD = 12;
/** The filter gain (1 − z)(1 − 1/z) (= 6 up to rounding), applied to the samples before the recursions. */
export const SPLINE_GAIN: number = (1 - CUBIC_POLE) * (1 - 1 / CUBIC_POLE);
/** Terms of the causal initial sum kept: z^60 ≈ 1e−34, far below double precision. */
const HORIZON = 60;

/**
 * Prefilters `rows` rows of `width` contiguous values each (row r starts at `offset + r·width`), filtering
 * along the row index (each column is one signal of length `rows`). `width = 1` filters one line.
 * Pass `gainApplied = true` when the caller already multiplied the samples by {@link SPLINE_GAIN}.
 */
export function prefilterRows(c: Float64Array | Float32Array, offset: number, rows: number, width: number, gainApplied = false): void {
  const z = CUBIC_POLE;
  const n = rows;
  const end = offset + n * width;
  if (!gainApplied) for (let p = offset; p < end; p++) c[p] *= SPLINE_GAIN;
  if (n < 2) return;
  // causal initial value, mirror boundary: c0 = (Σ z^i (c[i] + z^(n−1) c[n−1−i])) / (1 − z^(2(n−1)))
  const zn1 = Math.pow(z, n - 1);
  const denom = 1 - zn1 * zn1;
  const last = offset + (n - 1) * width;
  const h = Math.min(n - 2, HORIZON);
  for (let col = 0; col < width; col++) {
    let s = c[offset + col] + zn1 * c[last + col];
    let zi = z;
    for (let i = 1; i <= h; i++) {
      s += zi * (c[offset + i * width + col] + zn1 * c[offset + (n - 1 - i) * width + col]);
      zi *= z;
    }
    c[offset + col] = s / denom;
  }
  // causal recursion
  for (let r = 1; r < n; r++) {
    const a = offset + r * width;
    const b = a - width;
    for (let col = 0; col < width; col++) c[a + col] += z * c[b + col];
  }
  // anticausal initial value (mirror): c[n−1] = (z c[n−2] + c[n−1]) z / (z² − 1)
  const f = z / (z * z - 1);
  const prev = last - width;
  for (let col = 0; col < width; col++) c[last + col] = (z * c[prev + col] + c[last + col]) * f;
  // anticausal recursion
  for (let r = n - 2; r >= 0; r--) {
    const a = offset + r * width;
    const b = a + width;
    for (let col = 0; col < width; col++) c[a + col] = z * (c[b + col] - c[a + col]);
  }
}

/**
 * The four cubic B-spline weights for fractional offset `t` in [0, 1) from the tap at floor(x) − 1,
 * written to `out[at..at+3]` (the last one as 1 minus the others, as scipy does).
 */
export function cubicWeights(t: number, out: Float64Array, at: number): void {
  const u = 1 - t;
  const w0 = (u * u * u) / 6;
  const w1 = (t * t * (t - 2) * 3 + 4) / 6;
  const w2 = (u * u * (u - 2) * 3 + 4) / 6;
  out[at] = w0;
  out[at + 1] = w1;
  out[at + 2] = w2;
  out[at + 3] = 1 - w0 - w1 - w2;
}
