/**
 * Exact squared Euclidean distances to a set of feature voxels on an
 * anisotropic grid, in the very floating-point steps of
 * `scipy.ndimage.distance_transform_edt(…, sampling=spacing)`.
 * @internal
 * @module
 */

/**
 * Separable exact Euclidean distance transform (Maurer, Qi & Raghavan,
 * "A linear time algorithm for computing exact Euclidean distance transforms
 * of binary images in arbitrary dimensions", IEEE TPAMI 25(2), 2003 — the
 * algorithm scipy.ndimage implements in `_VoronoiFT`; the lower-envelope idea
 * is the same as Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled
 * Functions", Theory of Computing 8, 2012).
 *
 * Passes along x, then y, then z. After each pass `w[v]` holds the squared
 * distance (mm²) from voxel v to its nearest feature restricted to the axes
 * done so far, accumulated in scipy's order `((dx·sx)² + (dy·sy)²) + (dz·sz)²`;
 * `Infinity` means no feature yet. Because scipy's feature transform only
 * ever uses these same sums (the coordinates of the feature picked on a tie
 * give the same sum), the final squared distances are bit-identical to
 * scipy's `sum((ft − indices) · sampling)²`.
 *
 * @param codes - Neighbour code per voxel of the grid; the features are the border codes (neither 0 nor 255).
 * @param shape - Grid size `[cx, cy, cz]`, x fastest.
 * @param spacing - Voxel size along x, y, z (mm).
 * @param w - Output, length ≥ `cx·cy·cz`.
 * @param needLineZ - Optional per-(x, y) flags: the z pass is skipped where 0 (those outputs stay partial).
 * @returns `w`, or `undefined` when there is no feature at all.
 */
export function squaredDistanceToBorders(
  codes: Uint8Array,
  shape: readonly [number, number, number],
  spacing: readonly [number, number, number],
  w: Float64Array,
  needLineZ?: Uint8Array,
): Float64Array | undefined {
  const [cx, cy, cz] = shape;
  const [sx, sy, sz] = spacing;
  const plane = cx * cy;
  let any = false;
  // Pass 1 (x): nearest feature in the row; ties do not matter ((−d·s)² = (d·s)²).
  for (let row = 0, base = 0; row < cy * cz; row++, base += cx) {
    let last = -1;
    for (let i = 0; i < cx; i++) {
      const c = codes[base + i];
      if (c !== 0 && c !== 255) last = i;
      if (last < 0) {
        w[base + i] = Infinity;
      } else {
        const t = (last - i) * sx;
        w[base + i] = t * t;
      }
    }
    if (last < 0) continue;
    any = true;
    last = -1;
    for (let i = cx - 1; i >= 0; i--) {
      const c = codes[base + i];
      if (c !== 0 && c !== 255) last = i;
      if (last >= 0) {
        const t = (last - i) * sx;
        const d = t * t;
        if (d < w[base + i]) w[base + i] = d;
      }
    }
  }
  if (!any) return undefined;
  const maxLen = Math.max(cy, cz);
  const pos = new Int32Array(maxLen);
  const val = new Float64Array(maxLen);
  // Pass 2 (y): lines (x, ·, z).
  for (let k = 0; k < cz; k++) {
    for (let i = 0; i < cx; i++) envelope(w, i + k * plane, cx, cy, sy, pos, val);
  }
  // Pass 3 (z): lines (x, y, ·).
  for (let p = 0; p < plane; p++) {
    if (needLineZ && needLineZ[p] === 0) continue;
    envelope(w, p, plane, cz, sz, pos, val);
  }
  return w;
}

/**
 * One line of the separable transform: the lower envelope of the parabolas
 * `w[q] + ((q − i)·s)²` over the line's finite entries, then each entry set
 * to the envelope's value. The removal test and the query comparison are
 * scipy's (`c·vR − b·uR − a·wR − a·b·c ≤ 0` keeps the previous candidate;
 * on equal values the earlier candidate wins), evaluated in the same order.
 */
function envelope(
  w: Float64Array,
  base: number,
  stride: number,
  len: number,
  s: number,
  pos: Int32Array,
  val: Float64Array,
): void {
  let l = -1;
  for (let i = 0, p = base; i < len; i++, p += stride) {
    const wR = w[p];
    if (wR === Infinity) continue;
    while (l >= 1) {
      const f1 = pos[l];
      const a = (f1 - pos[l - 1]) * s;
      const b = (i - f1) * s;
      const c = a + b;
      if (c * val[l] - b * val[l - 1] - a * wR - a * b * c <= 0) break;
      l--;
    }
    l++;
    pos[l] = i;
    val[l] = wR;
  }
  if (l < 0) return;
  const maxl = l;
  l = 0;
  for (let i = 0, p = base; i < len; i++, p += stride) {
    let t = (pos[l] - i) * s;
    let d1 = val[l] + t * t;
    while (l < maxl) {
      t = (pos[l + 1] - i) * s;
      const d2 = val[l + 1] + t * t;
      if (d1 <= d2) break;
      d1 = d2;
      l++;
    }
    w[p] = d1;
  }
}
