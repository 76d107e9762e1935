/**
 * The one pass over a label map (and optionally its CT) that every statistic
 * in flarekit/stats is computed from.
 * @internal
 * @module
 */
import { affinesClose } from "../../core/affine.ts";
import { InvalidArgumentError, ShapeMismatchError } from "../../core/errors.ts";
import { scaledData } from "../../core/scaled-data.ts";
import { createVolume, type Volume } from "../../core/volume.ts";
import { arrayDistribution, countsDistribution, type Distribution, type ValueCounts, valueCountsOf } from "./distribution.ts";

/** Largest absolute affine difference (mm) accepted between a label map and its image. */
export const GEOMETRY_TOLERANCE_MM = 1e-3;

/** Per-label sums gathered in the pass; index `s` is the label's slot (ascending label order). */
export interface LabelPass {
  /** Spatial size `[nx, ny, nz]`. */
  shape: [number, number, number];
  /** Label values present (non-zero), ascending. */
  labels: number[];
  /** Voxels per label. */
  counts: Float64Array;
  /** Inclusive bounding box, 3 per label: lowest i, j, k. */
  bboxMin: Int32Array;
  /** Inclusive bounding box, 3 per label: highest i, j, k. */
  bboxMax: Int32Array;
  /** Sums of the voxel indices i, j, k, 3 per label. */
  indexSums: Float64Array;
  /** Image values under the label, when an image was given. */
  distribution?: (slot: number) => Distribution;
  /** Image values under the label as distinct values with counts, when an image was given. */
  valueCounts?: (slot: number) => ValueCounts;
}

/** The first three axes of a volume; later axes must have size 1. */
export function spatialShape(volume: Volume, what: string): [number, number, number] {
  const s = volume.shape;
  for (let a = 3; a < s.length; a++) {
    if (s[a] !== 1) throw new InvalidArgumentError(`${what}.shape`, [...s], "a 3D volume (axes beyond the third of size 1)", "Pick one time point or channel first.");
  }
  return [s[0] ?? 1, s[1] ?? 1, s[2] ?? 1];
}

/**
 * Checks that `image` lies on the grid of `labels`: same spatial shape and an
 * affine equal within {@link GEOMETRY_TOLERANCE_MM}.
 */
export function checkSameGrid(labels: Volume, image: Volume): void {
  const a = spatialShape(labels, "labels");
  const b = spatialShape(image, "image");
  if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]) throw new ShapeMismatchError(a, b, "the image");
  if (!affinesClose(labels.affine, image.affine, GEOMETRY_TOLERANCE_MM)) {
    throw new InvalidArgumentError(
      "image.affine",
      image.affine.map((r) => `[${r.join(", ")}]`).join(" "),
      `the label map's affine ${labels.affine.map((r) => `[${r.join(", ")}]`).join(" ")} (within ${GEOMETRY_TOLERANCE_MM} mm)`,
      "The image and the labels are not on the same grid; resample one onto the other (flarekit/resample) first.",
    );
  }
}

const TABLE_DTYPES: Record<string, { size: number; offset: number }> = {
  uint8: { size: 256, offset: 0 },
  int8: { size: 256, offset: 128 },
  uint16: { size: 65536, offset: 0 },
  int16: { size: 65536, offset: 32768 },
};

type SmallIntArray = Uint8Array | Int8Array | Uint16Array | Int16Array;

/**
 * Maps the label map to small integers the pass can index a table with.
 * 8/16-bit maps are used as they are; other dtypes are translated once into
 * a Uint16Array of slots + 1 (2 bytes per voxel), checking every value is an integer.
 */
function labelCodes(labels: Volume): { codes: SmallIntArray; offset: number; size: number; decode: (code: number) => number } {
  if (labels.components !== 1) {
    throw new InvalidArgumentError("labels.dtype", labels.dtype, "a scalar integer dtype (uint8, int16, …)");
  }
  const t = TABLE_DTYPES[labels.dtype];
  if (t) return { codes: labels.data as SmallIntArray, offset: t.offset, size: t.size, decode: (c) => c };
  const data = labels.data;
  const n = data.length;
  const codes = new Uint16Array(n);
  const codeOf = new Map<number, number>();
  const valueOf: number[] = [0];
  let last = 0;
  let lastCode = 0;
  for (let i = 0; i < n; i++) {
    const raw = data[i];
    const v = typeof raw === "bigint" ? Number(raw) : raw;
    if (v === 0) continue;
    if (v !== last) {
      if (!Number.isInteger(v)) {
        throw new InvalidArgumentError(
          "labels",
          v,
          "integer label values",
          `Voxel ${i} holds a non-integer value; round or cast the label map to an integer dtype first.`,
        );
      }
      let c = codeOf.get(v);
      if (c === undefined) {
        c = valueOf.length;
        if (c > 65535) throw new InvalidArgumentError("labels", "more than 65535 distinct labels", "at most 65535 distinct labels");
        codeOf.set(v, c);
        valueOf.push(v);
      }
      last = v;
      lastCode = c;
    }
    codes[i] = lastCode;
  }
  return { codes, offset: 0, size: 65536, decode: (c) => valueOf[c] };
}

/** How the image values are gathered. */
type ImageMode =
  | { kind: "none" }
  | { kind: "histogram"; raw: SmallIntArray; offset: number; bins: number; binValues: Float64Array }
  | { kind: "gather" };

function imageMode(image: Volume | undefined): ImageMode {
  if (!image) return { kind: "none" };
  if (image.components !== 1) throw new InvalidArgumentError("image.dtype", image.dtype, "a scalar dtype (int16, float32, …)");
  const t = TABLE_DTYPES[image.dtype];
  if (!t) return { kind: "gather" };
  // The value of every possible stored value, computed by scaledData itself so HU agree bit for bit.
  const all = image.dtype === "uint8" ? new Uint8Array(t.size) : image.dtype === "int8" ? new Int8Array(t.size) : image.dtype === "uint16" ? new Uint16Array(t.size) : new Int16Array(t.size);
  for (let b = 0; b < t.size; b++) all[b] = b - t.offset;
  const opts: { dtype: typeof image.dtype; scaling?: NonNullable<Volume["scaling"]> } = { dtype: image.dtype };
  if (image.scaling) opts.scaling = image.scaling;
  const binValues = scaledData(createVolume(all, [t.size], opts), { dtype: "float64" });
  return { kind: "histogram", raw: image.data as SmallIntArray, offset: t.offset, bins: t.size, binValues };
}

/**
 * One pass over `labels` gathering, for every non-zero label, its voxel
 * count, inclusive bounding box and index sums, and — when `image` is given —
 * the distribution of the image's scaled values (float64, as `scaledData`)
 * under it. For 8/16-bit images the values go into a per-label histogram of
 * stored values (no second pass, no sort); other image dtypes take a second
 * pass that copies each label's values (8 bytes per labelled voxel).
 */
export function accumulateLabels(labels: Volume, image?: Volume): LabelPass {
  const [nx, ny, nz] = spatialShape(labels, "labels");
  if (image) checkSameGrid(labels, image);
  const { codes, offset, size, decode } = labelCodes(labels);
  const mode = imageMode(image);

  const histogram = mode.kind === "histogram" ? mode : undefined;
  const st: PassState = {
    nx,
    ny,
    codes,
    words: codes instanceof Uint8Array && codes.byteOffset % 4 === 0 ? new Uint32Array(codes.buffer, codes.byteOffset, codes.length >>> 2) : undefined,
    offset,
    raw: histogram?.raw,
    imageOffset: histogram?.offset ?? 0,
    bins: histogram?.bins ?? 0,
    slotOfCode: new Int32Array(size).fill(-1),
    slots: 0,
    capacity: 8,
    counts: new Float64Array(8),
    bboxMin: new Int32Array(24),
    bboxMax: new Int32Array(24),
    sums: new Float64Array(24),
    slotCodes: [],
    hists: [],
  };
  // one call per slice: a small function the JIT optimises whole after a few slices, rather than one
  // long loop per case that is only ever entered once (and compiled mid-loop with partial feedback)
  for (let k = 0; k < nz; k++) accumulateSlice(st, k);
  const { slots, counts, bboxMin, bboxMax, sums, slotCodes, hists, slotOfCode } = st;

  // Renumber slots in ascending label order.
  const order = Array.from({ length: slots }, (_, x) => x).sort((a, b) => decode(slotCodes[a]) - decode(slotCodes[b]));
  const out: LabelPass = {
    shape: [nx, ny, nz],
    labels: order.map((x) => decode(slotCodes[x])),
    counts: new Float64Array(slots),
    bboxMin: new Int32Array(slots * 3),
    bboxMax: new Int32Array(slots * 3),
    indexSums: new Float64Array(slots * 3),
  };
  order.forEach((from, to) => {
    out.counts[to] = counts[from];
    for (let a = 0; a < 3; a++) {
      out.bboxMin[to * 3 + a] = bboxMin[from * 3 + a];
      out.bboxMax[to * 3 + a] = bboxMax[from * 3 + a];
      out.indexSums[to * 3 + a] = sums[from * 3 + a];
    }
  });

  if (histogram) {
    const sortedHists = order.map((from) => hists[from]);
    const cache = new Map<number, ValueCounts>();
    const vcOf = (slot: number): ValueCounts => {
      let vc = cache.get(slot);
      if (!vc) {
        vc = histogramValueCounts(sortedHists[slot], histogram.binValues);
        cache.set(slot, vc);
      }
      return vc;
    };
    out.valueCounts = vcOf;
    out.distribution = (slot) => countsDistribution(vcOf(slot));
  } else if (mode.kind === "gather" && image) {
    const gathered = gatherValues(codes, offset, slotOfCode, order, out.counts, image);
    out.distribution = (slot) => arrayDistribution(gathered[slot]);
    out.valueCounts = (slot) => valueCountsOf(gathered[slot]);
  }
  return out;
}

/** State of the pass over one label map, shared by the per-slice calls. */
interface PassState {
  nx: number;
  ny: number;
  codes: SmallIntArray;
  /** 32-bit view of uint8 codes (skips four background voxels at a time), when aligned. */
  words: Uint32Array | undefined;
  offset: number;
  /** The image's stored values, for the per-label histograms. */
  raw: SmallIntArray | undefined;
  imageOffset: number;
  bins: number;
  slotOfCode: Int32Array;
  slots: number;
  capacity: number;
  counts: Float64Array;
  bboxMin: Int32Array;
  bboxMax: Int32Array;
  sums: Float64Array;
  slotCodes: number[];
  hists: Uint32Array[];
}

/** The voxels of slice k: counts, bounding boxes, index sums and histograms per label. */
function accumulateSlice(st: PassState, k: number): void {
  const { nx, ny, codes, words, offset, raw, imageOffset, slotOfCode } = st;
  let { counts, bboxMin, bboxMax, sums } = st;
  let idx = k * nx * ny;
  let lastCode = 0;
  let s = -1;
  let s3 = 0;
  let hist: Uint32Array | undefined;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++, idx++) {
      // uint8 maps: skip four background voxels at a time (abdominal CTs are ~95 % background).
      if (words !== undefined && (idx & 3) === 0 && i + 4 <= nx && words[idx >>> 2] === 0) {
        i += 3;
        idx += 3;
        continue;
      }
      const c = codes[idx];
      if (c === 0) continue;
      if (c !== lastCode) {
        lastCode = c;
        s = slotOfCode[c + offset];
        if (s < 0) {
          s = addSlot(st, c, i, j, k);
          ({ counts, bboxMin, bboxMax, sums } = st); // the arrays may have grown
        }
        s3 = s * 3;
        hist = raw !== undefined ? st.hists[s] : undefined;
      }
      counts[s]++;
      // k never decreases and j never decreases within a slice: only the minima of i and j and the maxima need checks.
      if (i < bboxMin[s3]) bboxMin[s3] = i;
      if (i > bboxMax[s3]) bboxMax[s3] = i;
      if (j < bboxMin[s3 + 1]) bboxMin[s3 + 1] = j;
      if (j > bboxMax[s3 + 1]) bboxMax[s3 + 1] = j;
      bboxMax[s3 + 2] = k;
      sums[s3] += i;
      sums[s3 + 1] += j;
      sums[s3 + 2] += k;
      if (hist !== undefined) hist[(raw as SmallIntArray)[idx] + imageOffset]++;
    }
  }
}

/** A label met for the first time at voxel (i, j, k): its slot, growing the per-slot arrays when full. */
function addSlot(st: PassState, c: number, i: number, j: number, k: number): number {
  const s = st.slots++;
  if (s >= st.capacity) {
    st.capacity *= 2;
    const grow = <T extends Float64Array | Int32Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    st.counts = grow(st.counts, st.capacity);
    st.bboxMin = grow(st.bboxMin, st.capacity * 3);
    st.bboxMax = grow(st.bboxMax, st.capacity * 3);
    st.sums = grow(st.sums, st.capacity * 3);
  }
  st.slotOfCode[c + st.offset] = s;
  st.slotCodes.push(c);
  st.bboxMin[s * 3] = i;
  st.bboxMin[s * 3 + 1] = j;
  st.bboxMin[s * 3 + 2] = k;
  st.bboxMax[s * 3] = i;
  st.bboxMax[s * 3 + 1] = j;
  st.bboxMax[s * 3 + 2] = k;
  if (st.raw !== undefined) st.hists.push(new Uint32Array(st.bins));
  return s;
}

/** The non-empty bins of a histogram as ascending distinct values with counts (merging equal values). */
function histogramValueCounts(hist: Uint32Array, binValues: Float64Array): ValueCounts {
  let m = 0;
  for (let b = 0; b < hist.length; b++) if (hist[b] > 0) m++;
  let values = new Float64Array(m);
  let counts = new Float64Array(m);
  let ascending = true;
  for (let b = 0, o = 0; b < hist.length; b++) {
    if (hist[b] === 0) continue;
    values[o] = binValues[b];
    counts[o] = hist[b];
    if (o > 0 && values[o] < values[o - 1]) ascending = false;
    o++;
  }
  if (!ascending) {
    // a negative slope (or rounding) reversed the order: sort (value, count) pairs by value
    const idx = Array.from({ length: m }, (_, i) => i).sort((x, y) => values[x] - values[y]);
    values = Float64Array.from(idx, (i) => values[i]);
    counts = Float64Array.from(idx, (i) => counts[i]);
  }
  // merge equal values (bins that scale to the same number)
  let w = 0;
  for (let r = 0; r < m; r++) {
    if (w > 0 && values[w - 1] === values[r]) counts[w - 1] += counts[r];
    else {
      values[w] = values[r];
      counts[w++] = counts[r];
    }
  }
  return w === m ? { values, counts } : { values: values.slice(0, w), counts: counts.slice(0, w) };
}

const CHUNK = 1 << 16;

/** Second pass for image dtypes without a histogram: copies each label's scaled values, in chunks of scaledData output. */
function gatherValues(
  codes: SmallIntArray,
  offset: number,
  slotOfCode: Int32Array,
  order: number[],
  counts: Float64Array,
  image: Volume,
): Float64Array[] {
  const rank = new Int32Array(order.length);
  order.forEach((from, to) => (rank[from] = to));
  const values = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(counts.length);
  const n = codes.length;
  const chunk = new Float64Array(Math.min(CHUNK, n));
  const data = image.data as unknown as { subarray(a: number, b: number): typeof image.data };
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    const opts: { dtype: typeof image.dtype; scaling?: NonNullable<Volume["scaling"]> } = { dtype: image.dtype };
    if (image.scaling) opts.scaling = image.scaling;
    const part = createVolume(data.subarray(start, end), [end - start], opts);
    const hu = scaledData(part, { dtype: "float64", out: end - start === chunk.length ? chunk : new Float64Array(end - start) });
    for (let i = start; i < end; i++) {
      const c = codes[i];
      if (c === 0) continue;
      const s = rank[slotOfCode[c + offset]];
      values[s][fill[s]++] = hu[i - start];
    }
  }
  return values;
}
