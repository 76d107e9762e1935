/**
 * The engine behind the surface metrics: surfels of both masks on the
 * cropped corner grid, their areas, and their exact distances to the other
 * surface, sorted like the official code.
 * @internal
 * @module
 */
import { squaredDistanceToBorders } from "./exact-edt.ts";
import { cornerGridShape, cornerGridShape2d, emptyBorderList, neighbourCodes2d, neighbourCodesAndBorders, type BorderList, type VoxelBox } from "./neighbour-codes.ts";
import { contourLengthTable, surfelAreaTable } from "./surface-area.ts";

/**
 * Distances from every surface element (surfel) of one mask to the other
 * mask's surface, with the surfels' areas, each direction sorted by
 * (distance, area) ascending exactly as the official
 * `compute_surface_distances` returns them.
 */
export interface SurfaceDistances {
  /** Distance (mm) from each ground-truth surfel to the predicted surface, ascending; `Infinity` when the prediction is empty. */
  distancesGtToPredMm: Float64Array;
  /** Area (mm²) of each ground-truth surfel, in the order of `distancesGtToPredMm`. */
  surfelAreasGtMm2: Float64Array;
  /** Distance (mm) from each predicted surfel to the ground-truth surface, ascending; `Infinity` when the ground truth is empty. */
  distancesPredToGtMm: Float64Array;
  /** Area (mm²) of each predicted surfel, in the order of `distancesPredToGtMm`. */
  surfelAreasPredMm2: Float64Array;
}

/** Reusable work arrays, grown on demand (memory ∝ the largest crop seen). */
export class MetricsWorkspace {
  squared: Float64Array = new Float64Array(0);
  /** Border corners of each mask, with their codes. */
  bordersGt: BorderList = emptyBorderList();
  bordersPred: BorderList = emptyBorderList();
  private spacingKey = "";
  private table: Float64Array = new Float64Array(256);
  private classes: { classOf: Uint8Array; classArea: Float64Array } = { classOf: new Uint8Array(256), classArea: new Float64Array(0) };

  /** Per (x, y) corner column: has a query / kept-column index / the two transposed slab arrays of the EDT. */
  hasQuery: Uint8Array = new Uint8Array(0);
  columnId: Int32Array = new Int32Array(0);
  edtScratch: { slabT: Int32Array; keptY: Int32Array; keptId: Int32Array } = { slabT: new Int32Array(0), keptY: new Int32Array(0), keptId: new Int32Array(0) };

  /** Work arrays of one corner plane (`plane` = cx · cy). */
  ensurePlane(plane: number): void {
    if (this.columnId.length < plane) {
      const size = withHeadroom(plane);
      this.hasQuery = new Uint8Array(size);
      this.columnId = new Int32Array(size);
      this.edtScratch = { slabT: new Int32Array(size), keptY: new Int32Array(size), keptId: new Int32Array(size) };
    }
  }

  /** The squared-distance array of the kept columns (grown on demand). */
  ensureSquared(n: number): Float64Array {
    if (this.squared.length < n) this.squared = new Float64Array(withHeadroom(n));
    return this.squared;
  }

  /** Per-surfel scratch of {@link directed} and the sort: distances, area classes, sorted copy (grown on demand). */
  surfelScratch(n: number): { dist: Float64Array; cls: Uint8Array; sorted: Float64Array } {
    if (this.dist.length < n) {
      const size = withHeadroom(n);
      this.dist = new Float64Array(size);
      this.cls = new Uint8Array(size);
      this.sorted = new Float64Array(size);
    }
    return { dist: this.dist, cls: this.cls, sorted: this.sorted };
  }

  /** Zeroed bucket counters of the sort (grown on demand). */
  bucketScratch(n: number): Int32Array {
    if (this.buckets.length < n) this.buckets = new Int32Array(withHeadroom(n));
    else this.buckets.fill(0, 0, n);
    return this.buckets;
  }

  private dist: Float64Array = new Float64Array(0);
  private cls: Uint8Array = new Uint8Array(0);
  private sorted: Float64Array = new Float64Array(0);
  private buckets: Int32Array = new Int32Array(0);

  /** Bytes held by the work arrays. */
  get byteLength(): number {
    return (
      this.squared.byteLength +
      this.bordersGt.list.byteLength +
      this.bordersGt.codes.byteLength +
      this.bordersPred.list.byteLength +
      this.bordersPred.codes.byteLength +
      this.dist.byteLength +
      this.cls.byteLength +
      this.sorted.byteLength +
      this.buckets.byteLength +
      this.hasQuery.byteLength + this.columnId.byteLength + this.edtScratch.slabT.byteLength + this.edtScratch.keptY.byteLength + this.edtScratch.keptId.byteLength
    );
  }

  areaTable(spacing: readonly [number, number, number], twoD = false): { table: Float64Array; classOf: Uint8Array; classArea: Float64Array } {
    const key = `${twoD ? "2d" : "3d"}:${spacing.join(",")}`;
    if (key !== this.spacingKey) {
      this.spacingKey = key;
      this.table = twoD ? contourLengthTable(spacing) : surfelAreaTable(spacing);
      this.classes = areaClasses(this.table);
    }
    return { table: this.table, ...this.classes };
  }
}

/** A size a quarter above `n`, so that the next, slightly larger case does not allocate (and page-fault) again. */
function withHeadroom(n: number): number {
  return n + (n >> 2);
}

/** Groups codes 1…254 by equal area; classes are numbered by ascending area. */
function areaClasses(table: Float64Array): { classOf: Uint8Array; classArea: Float64Array } {
  const values = [...new Set(Array.from(table.subarray(1, 255)))].sort((a, b) => a - b);
  const classArea = Float64Array.from(values);
  const classOf = new Uint8Array(256);
  for (let c = 1; c < 255; c++) classOf[c] = values.indexOf(table[c]);
  return { classOf, classArea };
}

const EMPTY = new Float64Array(0);

/** Empty result (both masks empty). */
export function emptySurfaceDistances(): SurfaceDistances {
  return { distancesGtToPredMm: EMPTY, surfelAreasGtMm2: EMPTY, distancesPredToGtMm: EMPTY, surfelAreasPredMm2: EMPTY };
}

/**
 * Surface distances of `gt === gtLabel` and `pred === predLabel` inside `box`
 * (the union bounding box of both masks; `undefined` when both are empty).
 * With `twoD` the image is one slice and the 2-D variant is used (contour
 * elements of the 2×2 neighbourhood, lengths in mm).
 */
export function computeSurfaceDistances(
  gt: ArrayLike<number>,
  pred: ArrayLike<number>,
  dims: readonly [number, number, number],
  gtLabel: number,
  predLabel: number,
  box: VoxelBox | undefined,
  spacing: readonly [number, number, number],
  ws: MetricsWorkspace,
  twoD = false,
): SurfaceDistances {
  if (!box) return emptySurfaceDistances();
  const grid = twoD ? cornerGridShape2d(box) : cornerGridShape(box);
  if (twoD) {
    neighbourCodes2d(gt, dims[0], gtLabel, box, undefined, ws.bordersGt);
    neighbourCodes2d(pred, dims[0], predLabel, box, undefined, ws.bordersPred);
  } else {
    neighbourCodesAndBorders(gt, dims[0], dims[1], gtLabel, box, undefined, ws.bordersGt);
    neighbourCodesAndBorders(pred, dims[0], dims[1], predLabel, box, undefined, ws.bordersPred);
  }
  const areas = ws.areaTable(spacing, twoD);
  const [distancesGtToPredMm, surfelAreasGtMm2] = directed(ws.bordersGt, ws.bordersPred, grid, spacing, ws, areas);
  const [distancesPredToGtMm, surfelAreasPredMm2] = directed(ws.bordersPred, ws.bordersGt, grid, spacing, ws, areas);
  return { distancesGtToPredMm, surfelAreasGtMm2, distancesPredToGtMm, surfelAreasPredMm2 };
}

/** Distances from the border corners of one mask (`fromBorders`) to those of the other (`toBorders`), sorted by (distance, area). */
function directed(
  fromBorders: BorderList,
  toBorders: BorderList,
  grid: readonly [number, number, number],
  spacing: readonly [number, number, number],
  ws: MetricsWorkspace,
  areas: { table: Float64Array; classOf: Uint8Array; classArea: Float64Array },
): [Float64Array, Float64Array] {
  const plane = grid[0] * grid[1];
  const count = fromBorders.count;
  if (count === 0) return [EMPTY, EMPTY];
  const borders = fromBorders.list;
  const cz = grid[2];
  // the (x, y) columns holding a query, numbered in storage order
  ws.ensurePlane(plane);
  const hasQuery = ws.hasQuery;
  hasQuery.fill(0, 0, plane);
  for (let j = 0; j < count; j++) hasQuery[borders[j] % plane] = 1;
  const columnId = ws.columnId;
  let columns = 0;
  for (let q = 0; q < plane; q++) columnId[q] = hasQuery[q] === 1 ? columns++ : -1;
  const squared = ws.ensureSquared(columns * cz);
  const w = squaredDistanceToBorders(toBorders.list, toBorders.count, grid, spacing, squared, borders, count, columnId, columns, ws.edtScratch);
  const { dist, cls, sorted } = ws.surfelScratch(count);
  const classOf = areas.classOf;
  const codes = fromBorders.codes;
  for (let j = 0; j < count; j++) {
    const i = borders[j];
    const k = Math.floor(i / plane);
    dist[j] = w ? Math.sqrt(w[k * columns + columnId[i - k * plane]]) : Infinity;
    cls[j] = classOf[codes[j]];
  }
  return sortByDistanceThenArea(dist, cls, count, areas.classArea, sorted, (n) => ws.bucketScratch(n));
}

/**
 * Sorts surfels by (distance, area) ascending — Python's `sorted(zip(d, a))`
 * — returning the sorted distances and areas. Distinct distances are ranked
 * once, then (rank, area class) pairs are counted or sorted as integers.
 */
export function sortByDistanceThenArea(
  dist: Float64Array,
  cls: Uint8Array,
  count: number,
  classArea: Float64Array,
  scratch: Float64Array,
  zeroedBuckets: (n: number) => Int32Array,
): [Float64Array, Float64Array] {
  const k = classArea.length;
  const sorted = scratch.subarray(0, count);
  sorted.set(dist.subarray(0, count));
  sorted.sort();
  const unique = dedupeSorted(sorted, count);
  const values = sorted.subarray(0, unique);
  const outDist = new Float64Array(count);
  const outArea = new Float64Array(count);
  if (unique * k <= 1 << 24) {
    const buckets = zeroedBuckets(unique * k);
    countBuckets(values, dist, cls, count, k, buckets);
    emitBuckets(values, classArea, buckets, unique, k, outDist, outArea);
  } else {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = rankOf(values, dist[i]) * k + cls[i];
    keys.sort();
    for (let i = 0; i < count; i++) {
      const key = keys[i];
      const r = Math.floor(key / k);
      outDist[i] = values[r];
      outArea[i] = classArea[key - r * k];
    }
  }
  return [outDist, outArea];
}

/** Moves the distinct values of the ascending `a[0 … count)` to its front; returns their number. */
function dedupeSorted(a: Float64Array, count: number): number {
  let unique = 0;
  for (let i = 0; i < count; i++) if (i === 0 || a[i] !== a[i - 1]) a[unique++] = a[i];
  return unique;
}

/** Counts the surfels per (distance rank, area class). */
function countBuckets(values: Float64Array, dist: Float64Array, cls: Uint8Array, count: number, k: number, buckets: Int32Array): void {
  for (let i = 0; i < count; i++) buckets[rankOf(values, dist[i]) * k + cls[i]]++;
}

/** Writes the (distance, area) pairs in ascending order from the bucket counts. */
function emitBuckets(values: Float64Array, classArea: Float64Array, buckets: Int32Array, unique: number, k: number, outDist: Float64Array, outArea: Float64Array): void {
  let o = 0;
  for (let r = 0; r < unique; r++) {
    const d = values[r];
    for (let c = 0; c < k; c++) {
      let m = buckets[r * k + c];
      if (m === 0) continue;
      const a = classArea[c];
      while (m-- > 0) {
        outDist[o] = d;
        outArea[o++] = a;
      }
    }
  }
}

/** Index of `x` in the ascending distinct `values` (binary search; `x` is present). */
function rankOf(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
