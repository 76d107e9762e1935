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
 * Passes along x, then y, then z. After each pass a voxel holds the squared
 * distance (mm²) to its nearest feature restricted to the axes done so far,
 * accumulated in scipy's order `((dx·sx)² + (dy·sy)²) + (dz·sz)²`;
 * `Infinity` means no feature yet. Because scipy's feature transform only
 * ever uses these same sums (the coordinates of the feature picked on a tie
 * give the same sum), the final squared distances are bit-identical to
 * scipy's `sum((ft − indices) · sampling)²`.
 *
 * The x and y passes run one z-slab at a time in a slab buffer (so they stay
 * in cache); the z pass runs only on the (x, y) columns that hold a query and
 * stores only at the queries.
 *
 * @param codes - Neighbour code per voxel of the grid; the features are the border codes (neither 0 nor 255).
 * @param shape - Grid size `[cx, cy, cz]`, x fastest.
 * @param spacing - Voxel size along x, y, z (mm).
 * @param w - Work and output array, length ≥ `cx·cy·cz`; on return it holds the squared distance at every query.
 * @param queries - Neighbour codes of the other mask: its border voxels are the queries.
 * @param needLineZ - Per (x, y) column, 1 when it holds a query.
 * @returns `w`, or `undefined` when there is no feature at all.
 */
export function squaredDistanceToBorders(
  codes: Uint8Array,
  shape: readonly [number, number, number],
  spacing: readonly [number, number, number],
  w: Float64Array,
  queries: Uint8Array,
  needLineZ: Uint8Array,
): Float64Array | undefined {
  const [cx, cy, cz] = shape;
  const [sx, sy, sz] = spacing;
  const plane = cx * cy;
  const slab = new Float64Array(plane);
  const maxLen = Math.max(cy, cz);
  const pos = new Int32Array(maxLen);
  const val = new Float64Array(maxLen);
  let any = false;
  for (let k = 0; k < cz; k++) {
    const base = k * plane;
    // Pass 1 (x): nearest feature in the row; ties do not matter ((−d·s)² = (d·s)²).
    let slabAny = false;
    for (let j = 0, row = 0; j < cy; j++, row += cx) {
      const src = base + row;
      let prev = -1;
      for (let i = 0; i < cx; i++) {
        const c = codes[src + i];
        if (c === 0 || c === 255) continue;
        // feature at i: fill (prev, i] — before the first feature all from i, else the nearer of prev and i
        if (prev < 0) {
          for (let m = 0; m <= i; m++) {
            const t = (i - m) * sx;
            slab[row + m] = t * t;
          }
        } else {
          for (let m = prev + 1; m <= i; m++) {
            const t = m - prev <= i - m ? (m - prev) * sx : (i - m) * sx;
            slab[row + m] = t * t;
          }
        }
        prev = i;
      }
      if (prev < 0) {
        slab.fill(Infinity, row, row + cx);
        continue;
      }
      slabAny = true;
      for (let m = prev + 1; m < cx; m++) {
        const t = (m - prev) * sx;
        slab[row + m] = t * t;
      }
    }
    if (!slabAny) {
      w.fill(Infinity, base, base + plane);
      continue;
    }
    any = true;
    // Pass 2 (y): lines (x, ·, k) of the slab, results into w.
    for (let i = 0; i < cx; i++) envelope(slab, i, w, base + i, cx, cy, sy, pos, val, needLineZ, i, cx, false);
  }
  if (!any) return undefined;
  // Pass 3 (z): only the columns holding a query; the result is stored at the queries only.
  for (let q = 0; q < plane; q++) if (needLineZ[q] !== 0) envelope(w, q, w, q, plane, cz, sz, pos, val, queries, q, plane, true);
  return w;
}

/**
 * One line of the separable transform: the lower envelope of the parabolas
 * `src[q] + ((q − i)·s)²` over the line's finite entries, then the envelope's
 * value stored in `dst` where `need` asks for it (`need[needBase + i·needStride]`
 * non-zero; as a border code when `needIsCode`). The removal test and the
 * query comparison are scipy's `_VoronoiFT` (`c·vR − b·uR − a·wR − a·b·c ≤ 0`
 * keeps the previous candidate; on equal values the earlier candidate wins),
 * evaluated in the same order.
 *
 * Skipping unneeded positions does not change the needed values: the query
 * pointer only moves forward, and whether parabola l + 1 beats l at position
 * i changes sign once along the line (the exact difference grows by
 * 2·s²·(p(l+1) − p(l)) per position, far above rounding), so advancing from
 * an earlier position reaches the same parabola as advancing step by step.
 */
function envelope(
  src: Float64Array,
  srcBase: number,
  dst: Float64Array,
  dstBase: number,
  stride: number,
  len: number,
  s: number,
  pos: Int32Array,
  val: Float64Array,
  need: Uint8Array,
  needBase: number,
  needStride: number,
  needIsCode: boolean,
): void {
  let l = -1;
  for (let i = 0, p = srcBase; i < len; i++, p += stride) {
    const wR = src[p];
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
  if (l < 0) {
    for (let i = 0, p = dstBase; i < len; i++, p += stride) dst[p] = Infinity;
    return;
  }
  const maxl = l;
  l = 0;
  for (let i = 0, p = dstBase, n = needBase; i < len; i++, p += stride, n += needStride) {
    const wanted = need[n];
    if (needIsCode ? wanted === 0 || wanted === 255 : wanted === 0) continue;
    let t = (pos[l] - i) * s;
    let d1 = val[l] + t * t;
    while (l < maxl) {
      t = (pos[l + 1] - i) * s;
      const d2 = val[l + 1] + t * t;
      if (d1 <= d2) break;
      d1 = d2;
      l++;
    }
    dst[p] = d1;
  }
}
