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
 * Only the (x, y) columns holding a query are kept after the y pass, slab by
 * slab (`w[z · columns + columnId]`): the x and y passes run one
 * z-slab at a time in a slab buffer, the z pass runs on the kept columns and
 * stores its result at the queries only.
 *
 * @param features - The feature corners (the other mask's border corners) as grid indices, ascending.
 * @param featureCount - Number of entries of `features`.
 * @param shape - Grid size `[cx, cy, cz]`, x fastest.
 * @param spacing - Voxel size along x, y, z (mm).
 * @param w - Output, length ≥ (number of kept columns) × cz.
 * @param queryList - The queries (this mask's border corners) as grid indices in storage order.
 * @param queryCount - Number of queries in `queryList`.
 * @param columnId - Per (x, y) column, its index among the kept columns, increasing with x + cx·y (−1: no query there).
 * @param columns - Number of kept columns.
 * @param scratch - Optional reusable work arrays (used when at least `cx · cy` long; contents are overwritten).
 * @returns `w`, or `undefined` when there is no feature at all.
 */
export function squaredDistanceToBorders(
  features: Int32Array,
  featureCount: number,
  shape: readonly [number, number, number],
  spacing: readonly [number, number, number],
  w: Float64Array,
  queryList: Int32Array,
  queryCount: number,
  columnId: Int32Array,
  columns: number,
  scratch?: { slabT: Int32Array; keptY: Int32Array; keptId: Int32Array },
): Float64Array | undefined {
  if (featureCount === 0) return undefined;
  const [cx, cy, cz] = shape;
  const [sx, sy, sz] = spacing;
  const plane = cx * cy;
  const maxLen = Math.max(cy, cz);
  const pos = new Int32Array(maxLen);
  const val = new Float64Array(maxLen);
  // After the x pass a slab holds, per voxel of a row with a feature (listed in `featureRows`), the
  // distance in voxels to the nearest feature of its row (other rows hold stale values, never read),
  // transposed (x-major, `slabT[x · cy + y]`) so that the y pass reads contiguous lines;
  // the y pass turns it into mm² with `sqX[d] = (d · sx)²`, the very product scipy forms.
  const slabT = scratch && scratch.slabT.length >= plane ? scratch.slabT : new Int32Array(plane);
  // the kept columns of each x line, y ascending: line x holds keptY / keptId[lineStart[x] … lineStart[x + 1])
  const keptY = scratch && scratch.keptY.length >= columns ? scratch.keptY : new Int32Array(columns);
  const keptId = scratch && scratch.keptId.length >= columns ? scratch.keptId : new Int32Array(columns);
  const lineStart = keptColumnsByLine(columnId, cx, cy, keptY, keptId);
  const sqX = new Float64Array(cx + 1);
  for (let d = 0; d <= cx; d++) {
    const t = d * sx;
    sqX[d] = t * t;
  }
  const [dsY, sqY] = productTables(sy, cy);
  const [dsZ, sqZ] = productTables(sz, cz);
  const featureRows = new Int32Array(cy); // per slab, the rows holding a feature (y ascending)
  const slabStart = rangesBy(features, featureCount, plane, cz);
  for (let k = 0; k < cz; k++) {
    const base = k * plane;
    // Pass 1 (x): nearest feature in the row; ties do not matter ((−d·s)² = (d·s)²).
    const nRows = xPassSlab(features, slabStart[k], slabStart[k + 1], base, cx, cy, slabT, featureRows);
    if (nRows === 0) {
      fillKept(w, k * columns, keptId, lineStart[cx]);
      continue;
    }
    // Pass 2 (y): lines (x, ·, k) of the slab that cross a kept column, results into the kept columns.
    for (let i = 0; i < cx; i++) {
      if (lineStart[i + 1] > lineStart[i]) envelopeY(slabT, sqX, i * cy, featureRows, nRows, dsY, sqY, pos, val, keptY, keptId, lineStart[i], lineStart[i + 1], w, k * columns);
    }
  }
  // Pass 3 (z): the kept columns, contiguous; the result is stored at the queries only.
  // the queries of each kept column, z ascending: column id holds queryZ[queryStart[id] … queryStart[id + 1])
  const queryStart = new Int32Array(columns + 1);
  const queryZ = new Int32Array(queryCount);
  queriesByColumn(queryList, queryCount, columnId, plane, columns, queryStart, queryZ);
  for (let id = 0; id < columns; id++) envelopeZ(w, id, columns, cz, dsZ, sqZ, pos, val, queryZ, queryStart[id], queryStart[id + 1]);
  return w;
}

/**
 * Lists the kept columns line by line (x ascending, then y ascending) into
 * `keptY` / `keptId`; returns `lineStart` (line x holds entries
 * `lineStart[x] … lineStart[x + 1]`).
 */
function keptColumnsByLine(columnId: Int32Array, cx: number, cy: number, keptY: Int32Array, keptId: Int32Array): Int32Array {
  const lineStart = new Int32Array(cx + 1);
  const plane = cx * cy;
  for (let q = 0, i = 0; q < plane; q++, i = i + 1 === cx ? 0 : i + 1) if (columnId[q] >= 0) lineStart[i + 1]++;
  for (let i = 0; i < cx; i++) lineStart[i + 1] += lineStart[i];
  const fillAt = lineStart.slice(0, cx);
  for (let j = 0, q = 0; j < cy; j++) {
    for (let i = 0; i < cx; i++, q++) {
      const id = columnId[q];
      if (id < 0) continue;
      const e = fillAt[i]++;
      keptY[e] = j;
      keptId[e] = id;
    }
  }
  return lineStart;
}

/** Start of each group of `size` grid indices in the ascending `list` (group g holds `out[g] … out[g + 1]`). */
function rangesBy(list: Int32Array, count: number, size: number, groups: number): Int32Array {
  const out = new Int32Array(groups + 1);
  for (let e = 0; e < count; e++) out[Math.floor(list[e] / size) + 1]++;
  for (let g = 0; g < groups; g++) out[g + 1] += out[g];
  return out;
}

/** No feature in the slab: its kept columns are `Infinity` (scipy's "no feature yet"). */
function fillKept(w: Float64Array, base: number, keptId: Int32Array, kept: number): void {
  for (let e = 0; e < kept; e++) w[base + keptId[e]] = Infinity;
}

/**
 * The x pass of one slab from its features `features[f0 … f1)` (ascending):
 * for every row holding a feature, the distance in voxels from each position
 * to the row's nearest feature, written transposed into `slabT`; the rows are
 * listed in `featureRows`. Returns their number.
 */
function xPassSlab(features: Int32Array, f0: number, f1: number, base: number, cx: number, cy: number, slabT: Int32Array, featureRows: Int32Array): number {
  let nRows = 0;
  let f = f0;
  while (f < f1) {
    const j = Math.floor((features[f] - base) / cx);
    const rowBase = base + j * cx;
    const rowEnd = rowBase + cx;
    // the first feature: every position up to it takes its distance
    let prev = features[f++] - rowBase;
    for (let m = 0, o = j; m <= prev; m++, o += cy) slabT[o] = prev - m;
    // between two features: the nearer of the two
    while (f < f1 && features[f] < rowEnd) {
      const i = features[f++] - rowBase;
      for (let m = prev + 1, o = m * cy + j; m <= i; m++, o += cy) slabT[o] = m - prev <= i - m ? m - prev : i - m;
      prev = i;
    }
    // past the last feature
    for (let m = prev + 1, o = m * cy + j; m < cx; m++, o += cy) slabT[o] = m - prev;
    featureRows[nRows++] = j;
  }
  return nRows;
}

/** Sorts the queries by kept column (z ascending within a column, as `queryList` is in storage order). */
function queriesByColumn(queryList: Int32Array, queryCount: number, columnId: Int32Array, plane: number, columns: number, queryStart: Int32Array, queryZ: Int32Array): void {
  for (let e = 0; e < queryCount; e++) queryStart[columnId[queryList[e] % plane] + 1]++;
  for (let id = 0; id < columns; id++) queryStart[id + 1] += queryStart[id];
  const queryFill = queryStart.slice(0, columns);
  for (let e = 0; e < queryCount; e++) {
    const g = queryList[e];
    const k = Math.floor(g / plane);
    queryZ[queryFill[columnId[g - k * plane]]++] = k;
  }
}

/** `ds[d] = d · s` and `sq[d] = (d · s)²` for d = 0 … n, the products scipy forms for a voxel offset d. */
function productTables(s: number, n: number): [Float64Array, Float64Array] {
  const ds = new Float64Array(n + 1);
  const sq = new Float64Array(n + 1);
  for (let d = 0; d <= n; d++) {
    ds[d] = d * s;
    sq[d] = ds[d] * ds[d];
  }
  return [ds, sq];
}

/**
 * The y pass of one line (x = `x`, z = `k`): the lower envelope of the
 * parabolas `slab[q] + ((q − j)·s)²` over the line's finite entries, its value
 * stored for the kept columns. The removal test and the query comparison are
 * scipy's `_VoronoiFT` (`c·vR − b·uR − a·wR − a·b·c ≤ 0` keeps the previous
 * candidate; on equal values the earlier candidate wins), evaluated in the
 * same order.
 *
 * Skipping unneeded positions does not change the needed values: the query
 * pointer only moves forward, and whether parabola l + 1 beats l at position
 * j changes sign once along the line (the exact difference grows by
 * 2·s²·(p(l+1) − p(l)) per position, far above rounding), so advancing from
 * an earlier position reaches the same parabola as advancing step by step.
 */
function envelopeY(
  line: Int32Array,
  sqX: Float64Array,
  start: number,
  rows: Int32Array,
  nRows: number,
  ds: Float64Array,
  sq: Float64Array,
  pos: Int32Array,
  val: Float64Array,
  keptY: Int32Array,
  keptId: Int32Array,
  e0: number,
  e1: number,
  w: Float64Array,
  slabBase: number,
): void {
  // the two top candidates live in locals (f1, v1 on top of f0, v0); ds[d] = d · s, the product scipy forms
  let l = -1;
  let f0 = 0;
  let v0 = 0;
  let f1 = 0;
  let v1 = 0;
  for (let r = 0; r < nRows; r++) {
    const j = rows[r];
    const wR = sqX[line[start + j]];
    while (l >= 1) {
      const a = ds[f1 - f0];
      const b = ds[j - f1];
      const c = a + b;
      if (c * v1 - b * v0 - a * wR - a * b * c <= 0) break;
      l--;
      f1 = f0;
      v1 = v0;
      if (l >= 1) {
        f0 = pos[l - 1];
        v0 = val[l - 1];
      }
    }
    l++;
    pos[l] = j;
    val[l] = wR;
    f0 = f1;
    v0 = v1;
    f1 = j;
    v1 = wR;
  }
  if (l < 0) {
    for (let e = e0; e < e1; e++) w[slabBase + keptId[e]] = Infinity;
    return;
  }
  const maxl = l;
  l = 0;
  for (let e = e0; e < e1; e++) {
    const j = keptY[e];
    const id = keptId[e];
    let t = pos[l] - j;
    let d1 = val[l] + sq[t < 0 ? -t : t];
    while (l < maxl) {
      t = pos[l + 1] - j;
      const d2 = val[l + 1] + sq[t < 0 ? -t : t];
      if (d1 <= d2) break;
      d1 = d2;
      l++;
    }
    w[slabBase + id] = d1;
  }
}

/** The z pass of one kept column (`w[id + z · columns]`), stored at its queries only; same rules as {@link envelopeY}. */
function envelopeZ(
  w: Float64Array,
  id: number,
  columns: number,
  len: number,
  ds: Float64Array,
  sq: Float64Array,
  pos: Int32Array,
  val: Float64Array,
  queryZ: Int32Array,
  e0: number,
  e1: number,
): void {
  let l = -1;
  let f0 = 0;
  let v0 = 0;
  let f1 = 0;
  let v1 = 0;
  for (let k = 0, p = id; k < len; k++, p += columns) {
    const wR = w[p];
    if (wR === Infinity) continue;
    while (l >= 1) {
      const a = ds[f1 - f0];
      const b = ds[k - f1];
      const c = a + b;
      if (c * v1 - b * v0 - a * wR - a * b * c <= 0) break;
      l--;
      f1 = f0;
      v1 = v0;
      if (l >= 1) {
        f0 = pos[l - 1];
        v0 = val[l - 1];
      }
    }
    l++;
    pos[l] = k;
    val[l] = wR;
    f0 = f1;
    v0 = v1;
    f1 = k;
    v1 = wR;
  }
  if (l < 0) return; // every entry is already Infinity
  const maxl = l;
  l = 0;
  for (let e = e0; e < e1; e++) {
    const k = queryZ[e];
    const p = id + k * columns;
    let t = pos[l] - k;
    let d1 = val[l] + sq[t < 0 ? -t : t];
    while (l < maxl) {
      t = pos[l + 1] - k;
      const d2 = val[l + 1] + sq[t < 0 ? -t : t];
      if (d1 <= d2) break;
      d1 = d2;
      l++;
    }
    w[p] = d1;
  }
}
