/**
 * Reading NIfTI-1, NIfTI-2 and Analyze 7.5 images from bytes.
 * @module
 */
import type { Affine } from "../core/affine.ts";
import { DTYPES, type DType, type DTypeArrayMap } from "../core/dtypes.ts";
import { InvalidArgumentError, InvalidHeaderError, MissingPartnerError, SizeLimitError, TruncatedDataError } from "../core/errors.ts";
import { gunzip, gunzipPrefix, isGzip } from "../core/gzip.ts";
import { Volume, type Scaling, type VolumeNifti } from "../core/volume.ts";
import { dtypeFromNiftiCode } from "./datatypes.ts";
import { parseExtensions } from "./extensions.ts";
import { bestAffine, headerZooms } from "./header-affine.ts";
import type { AffineSource, NiftiExtension, NiftiHeader, NiftiSource } from "./header-types.ts";
import { parseHeader, type ParsedHeader } from "./parse-header.ts";

/** Bytes in any of the forms the readers accept (Node `Buffer`s included, at any byteOffset). */
export type BytesLike = Uint8Array | ArrayBuffer | ArrayBufferView;

/** Default largest voxel-data size the readers will allocate: 4 GiB. */
export const DEFAULT_MAX_BYTES: number = 4 * 1024 ** 3;

/** Options of {@link readNifti}. */
export interface ReadNiftiOptions {
  /** The image file's bytes (`.img` or `.img.gz`) when `bytes` is the header of a pair. */
  image?: BytesLike;
  /**
   * Refuse images whose voxel data (or decompressed file) would exceed this many bytes,
   * before allocating. @defaultValue 4 GiB
   */
  maxBytes?: number;
  /**
   * A buffer to decompress a `.nii.gz` (or a pair's `.img.gz`) into, when it is
   * large enough, instead of allocating a new one. The volume's `data` then
   * views this buffer, so do not reuse it while the volume is in use. Reading
   * many files in a loop with the previous volume's `data.buffer` passed here
   * spares allocating and page-faulting the voxels each time (about 40 % of
   * reading a 512×512×100 int16 `.nii.gz` with Node's zlib). `readNiftiFile`
   * and `readNiftiFileSync` (flarekit/node) also read an uncompressed `.nii`
   * (or `.img`) file into it. Ignored for uncompressed bytes given here (the
   * volume views them anyway), without native zlib, and when too small.
   */
  into?: Uint8Array;
}

/**
 * Checks the `into` option: a Uint8Array (over a plain ArrayBuffer) or undefined.
 * @internal
 */
export function checkInto(into: unknown): void {
  if (into !== undefined && !(into instanceof Uint8Array)) {
    throw new InvalidArgumentError("into", Object.prototype.toString.call(into), "a Uint8Array to read into", "Wrap an ArrayBuffer as new Uint8Array(buffer).");
  }
}

/** Everything a header tells, without the voxels ({@link readNiftiHeader}). */
export interface NiftiHeaderInfo {
  /** The raw header, nifti1.h spelling. */
  header: NiftiHeader;
  /** Header extensions (code and bytes). */
  extensions: NiftiExtension[];
  /** Format, byte order, storage, compression. */
  source: NiftiSource;
  /** The voxel dtype (`binary` files report `uint8`, as they are read unpacked). */
  dtype: DType;
  /** dim[1..dim[0]]. */
  shape: number[];
  /** Voxel size along the first three axes in mm (|pixdim[1..3]|, 0 read as 1). */
  spacing: [number, number, number];
  /** nibabel's best affine. */
  affine: Affine;
  /** Which rule produced `affine`. */
  affineSource: AffineSource;
  /** Effective scaling (nibabel's rules), or `undefined` when values are used as stored. */
  scaling: Scaling | undefined;
  /** Byte offset of the voxels in the (decompressed) .nii, or in the .img of a pair. */
  dataOffset: number;
  /** Bytes of voxel data on disk. */
  dataBytes: number;
}

export function toBytes(input: BytesLike): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError(`Expected a Uint8Array, ArrayBuffer or typed array, got ${Object.prototype.toString.call(input)}`);
}

/** Validates a parsed header and derives everything but the voxels. */
function describe(p: ParsedHeader, gzip: boolean, maxBytes: number): Omit<NiftiHeaderInfo, "extensions"> & { bitpix: number; voxels: number } {
  const h = p.header;
  const ndim = h.dim[0];
  if (!Number.isInteger(ndim) || ndim < 1 || ndim > 7) {
    throw new InvalidHeaderError("dim[0]", ndim, "1 to 7 (the number of dimensions)", "The header is corrupt, or the byte order is misdetected.");
  }
  let shape = h.dim.slice(1, ndim + 1);
  if (p.format === "nifti1" && ndim >= 3) {
    // FreeSurfer's surface hacks, as nibabel applies them (Nifti1Header.get_data_shape):
    // dim[1] = -1 with the vector length in glmin, and ico7 meshes stored as 27307 × 1 × 6.
    if (shape[0] === -1 && shape[1] === 1 && shape[2] === 1) {
      const vecLen = h.glmin ?? 0;
      if (vecLen <= 0) {
        throw new InvalidHeaderError("glmin", vecLen, "the vector length (FreeSurfer large-vector header with dim[1] = -1)", "The header is corrupt.");
      }
      shape = [vecLen, 1, 1, ...shape.slice(3)];
    } else if (shape[0] === 27307 && shape[1] === 1 && shape[2] === 6) {
      shape = [163842, 1, 1, ...shape.slice(3)];
    }
  }
  for (let i = 0; i < shape.length; i++) {
    if (!Number.isSafeInteger(shape[i]) || shape[i] < 1) {
      throw new InvalidHeaderError(`dim[${i + 1}]`, shape[i], "a positive size", "An image must have at least one voxel along every axis; the header is corrupt.");
    }
  }
  const { dtype, bitpix } = dtypeFromNiftiCode(h.datatype);
  if (h.bitpix !== bitpix) {
    throw new InvalidHeaderError("bitpix", h.bitpix, `${bitpix} for datatype ${h.datatype} (${h.datatype === 1 ? "binary" : dtype})`, "datatype and bitpix disagree: the header is corrupt.");
  }
  let voxels = 1;
  for (const n of shape) voxels *= n;
  const dataBytes = bitpix === 1 ? Math.ceil(voxels / 8) : voxels * (bitpix / 8);
  const memBytes = voxels * DTYPES[dtype].bytesPerElement * DTYPES[dtype].components;
  if (!Number.isSafeInteger(memBytes) || memBytes > maxBytes) {
    throw new SizeLimitError(
      memBytes,
      maxBytes,
      `Image too large: ${shape.join("×")} ${dtype} needs ${memBytes} bytes, above the limit of ${maxBytes}. If the header is right, pass a larger maxBytes.`,
    );
  }
  const single = p.storage === "single";
  let dataOffset = Math.round(h.vox_offset);
  if (!Number.isFinite(h.vox_offset) || h.vox_offset < 0) {
    throw new InvalidHeaderError("vox_offset", h.vox_offset, "a non-negative byte offset", "The header is corrupt.");
  }
  if (single && dataOffset < p.headerBytes + 4) dataOffset = p.headerBytes + 4; // nibabel's fix for too-low offsets
  const { affine, source: affineSource } = bestAffine(h);
  return {
    header: h,
    source: { format: p.format, littleEndian: p.littleEndian, storage: p.storage, gzip },
    dtype,
    shape,
    spacing: headerZooms(h),
    affine,
    affineSource,
    scaling: scalingOf(h, dtype),
    dataOffset,
    dataBytes,
    bitpix,
    voxels,
  };
}

/** nibabel's slope/intercept rules (Nifti1Header and Spm2AnalyzeHeader get_slope_inter). */
function scalingOf(h: NiftiHeader, dtype: DType): Scaling | undefined {
  if (dtype === "rgb24" || dtype === "rgba32") return undefined;
  let slope: number;
  let inter: number;
  if (h.magic === "") {
    const f = h.funused1 ?? 0;
    if (Number.isFinite(f) && f !== 0) {
      slope = f;
      inter = 0;
    } else {
      const unscaled = (h.glmax ?? 0) - (h.glmin ?? 0);
      const scaled = h.cal_max - h.cal_min;
      if (!unscaled || !scaled) return undefined;
      slope = scaled / unscaled;
      inter = h.cal_min - (h.glmin ?? 0) * slope;
    }
  } else {
    slope = h.scl_slope;
    inter = h.scl_inter;
    if (slope === 0 || !Number.isFinite(slope)) return undefined;
    if (!Number.isFinite(inter)) {
      throw new InvalidHeaderError("scl_inter", inter, "a finite number when scl_slope is valid", "nibabel refuses this too; fix the header (for example set scl_inter to 0).");
    }
  }
  if (slope === 1 && inter === 0) return undefined;
  return { slope, intercept: inter };
}

function headerInfo(bytes: Uint8Array, gz: boolean, maxBytes: number): { p: ParsedHeader; d: ReturnType<typeof describe> } {
  const p = parseHeader(bytes);
  return { p, d: describe(p, gz, maxBytes) };
}

function readExtensions(bytes: Uint8Array, p: ParsedHeader, end: number): NiftiExtension[] {
  const flagAt = p.headerBytes;
  if (bytes.length < flagAt + 4 || end <= flagAt + 4 || bytes[flagAt] === 0) return [];
  return parseExtensions(bytes, flagAt + 4, Math.min(end, bytes.length), p.littleEndian).extensions;
}

/**
 * Reads only the header (and extensions) of a NIfTI / Analyze file. For a
 * .nii.gz only the compressed bytes needed for the header are inflated, not
 * the whole image.
 *
 * @param input - The file's bytes (.nii, .nii.gz, .hdr, .hdr.gz), or at least its beginning.
 * @returns Header, extensions, dtype, shape, spacing (mm), affine and scaling.
 * @throws {@link NotNiftiError}, {@link TruncatedDataError}, {@link InvalidHeaderError},
 *   {@link UnsupportedDatatypeError}, {@link CorruptGzipError}.
 * @example
 * ```ts
 * import { readNiftiHeader, writeNifti, createVolume } from "flarekit";
 * const bytes = writeNifti(createVolume(new Int16Array(24), [2, 3, 4]), { gzip: true });
 * readNiftiHeader(bytes).shape; // [2, 3, 4]
 * ```
 */
export function readNiftiHeader(input: BytesLike, options: { maxBytes?: number } = {}): NiftiHeaderInfo {
  let bytes = toBytes(input);
  const gz = isGzip(bytes);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (gz) bytes = gunzipPrefix(bytes, 544).data;
  const { p, d } = headerInfo(bytes, gz, maxBytes);
  let extEnd = p.storage === "single" ? d.dataOffset : Infinity;
  if (gz && bytes[p.headerBytes] !== 0 && bytes.length >= p.headerBytes + 4) {
    // Inflate exactly up to the data offset (single) or the whole header file (pair).
    const want = p.storage === "single" ? d.dataOffset : 1 << 20;
    bytes = gunzipPrefix(toBytes(input), want).data;
    if (p.storage !== "single") extEnd = bytes.length;
  }
  const { bitpix: _b, voxels: _v, ...rest } = d;
  return { ...rest, extensions: readExtensions(bytes, p, extEnd) };
}

/**
 * Reads a NIfTI-1 / NIfTI-2 / Analyze 7.5 image from bytes: .nii, .nii.gz, or
 * a header/image pair (.hdr + .img, either gzipped) with the image given as
 * `options.image`. The format and byte order are recognised from the content,
 * not a file name. The voxels stay as stored (see {@link scaledData} for
 * scaled values); when the stored bytes are little-endian and aligned, the
 * volume's array is a view of the decompressed buffer (no copy).
 *
 * The affine is nibabel's `get_best_affine` (sform if sform_code > 0, else
 * qform if qform_code > 0, else the centred fallback; SPM origin for Analyze),
 * and scaling follows nibabel's rules (slope 0, NaN or ±Inf: unscaled).
 *
 * @param input - The file's bytes.
 * @param options - The image bytes of a pair; the size limit.
 * @returns The volume, with `volume.nifti` holding header, extensions and source.
 * @throws {@link NotNiftiError} when the bytes are not NIfTI / Analyze;
 *   {@link TruncatedDataError} when header or voxels are cut short (with the missing byte count);
 *   {@link InvalidHeaderError} for impossible dims, vox_offset, bitpix;
 *   {@link UnsupportedDatatypeError} for float128 / complex256;
 *   {@link SizeLimitError} above `maxBytes` (before allocating);
 *   {@link CorruptGzipError}; {@link MissingPartnerError} for a pair header without `image`.
 * @see https://nifti.nimh.nih.gov/nifti-1 and nibabel's `Nifti1Header.get_best_affine`.
 * @example
 * ```ts
 * import { readNifti, writeNifti, createVolume } from "flarekit";
 * const bytes = writeNifti(createVolume(new Int16Array([1, 2, 3, 4]), [2, 2, 1]), { gzip: true });
 * const v = readNifti(bytes);
 * String(v); // "Volume<int16> 2×2×1 @ 1.00×1.00×1.00 mm"
 * ```
 */
export function readNifti(input: BytesLike, options: ReadNiftiOptions = {}): Volume {
  checkInto(options.into);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const raw = toBytes(input);
  const gz = isGzip(raw);
  let bytes = raw;
  let p: ParsedHeader;
  let d: ReturnType<typeof describe>;
  if (gz) {
    // Parse the header from a small prefix first, so limits are checked before inflating everything.
    ({ p, d } = headerInfo(gunzipPrefix(raw, 544).data, true, maxBytes));
    const need = p.storage === "single" ? d.dataOffset + d.dataBytes : undefined;
    // The header justifies `need` bytes; allow trailing bytes up to as much again, never more.
    const limit = need !== undefined ? need + Math.max(1024 ** 2, need) : 64 * 1024 ** 2;
    const r = gunzip(raw, { ...(need !== undefined ? { expectedBytes: need } : {}), maxBytes: limit, into: options.into });
    bytes = r.data;
    if (!r.complete && need !== undefined && bytes.length < need) {
      throw new TruncatedDataError(
        "voxels",
        d.dataBytes,
        Math.max(0, bytes.length - d.dataOffset),
        "The .nii.gz ends early (a truncated download or copy?); re-fetch the file.",
      );
    }
  } else {
    ({ p, d } = headerInfo(bytes, false, maxBytes));
  }
  let imageBytes: Uint8Array;
  let dataOffset = d.dataOffset;
  let extEnd: number;
  if (p.storage === "single") {
    if (dataOffset > bytes.length) {
      throw new InvalidHeaderError(
        "vox_offset",
        d.header.vox_offset,
        `at most the ${gz ? "decompressed " : ""}file size (${bytes.length} bytes)`,
        "The voxel data would start past the end of the file: it is truncated or the header is corrupt.",
      );
    }
    imageBytes = bytes;
    extEnd = dataOffset;
  } else {
    if (!options.image) {
      throw new MissingPartnerError(
        "This is the header of a .hdr/.img pair: pass the image file's bytes as options.image (or use readNiftiFile from flarekit/node, which finds the partner by name). For the header alone use readNiftiHeader.",
        [],
      );
    }
    const img = toBytes(options.image);
    if (isGzip(img)) {
      const need = dataOffset + d.dataBytes;
      const r = gunzip(img, { expectedBytes: need, maxBytes: need + 1024 ** 2, into: options.into });
      imageBytes = r.data;
    } else {
      imageBytes = img;
    }
    extEnd = bytes.length;
  }
  const available = imageBytes.length - dataOffset;
  if (available < d.dataBytes) {
    throw new TruncatedDataError(
      "voxels",
      d.dataBytes,
      Math.max(0, available),
      `The ${p.storage === "single" ? "file" : "image file"} holds ${Math.max(0, available)} bytes of voxels after offset ${dataOffset}, but ${d.shape.join("×")} ${d.dtype} needs ${d.dataBytes}: it is truncated.`,
    );
  }
  const data = decodeVoxels(imageBytes, dataOffset, d.dtype, d.voxels, d.bitpix, p.littleEndian);
  const nifti: VolumeNifti = {
    header: d.header,
    extensions: readExtensions(bytes, p, extEnd),
    source: d.source,
    affineSource: d.affineSource,
  };
  return new Volume(data, d.shape, {
    dtype: d.dtype,
    spacing: d.spacing,
    affine: d.affine,
    ...(d.scaling ? { scaling: d.scaling } : {}),
    nifti,
  });
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function decodeVoxels(bytes: Uint8Array, offset: number, dtype: DType, voxels: number, bitpix: number, littleEndian: boolean): DTypeArrayMap[DType] {
  const info = DTYPES[dtype];
  if (bitpix === 1) {
    // DT_BINARY: one bit per voxel, first voxel in the most significant bit (as NiiVue and FSL read it).
    const out = new Uint8Array(voxels);
    for (let i = 0; i < voxels; i++) out[i] = (bytes[offset + (i >> 3)] >> (7 - (i & 7))) & 1;
    return out;
  }
  const elems = voxels * info.components;
  const width = info.bytesPerElement;
  const abs = bytes.byteOffset + offset;
  if (width === 1) return new info.arrayType(bytes.buffer, abs, elems) as DTypeArrayMap[DType];
  if (littleEndian === HOST_LITTLE_ENDIAN && abs % width === 0) {
    return new info.arrayType(bytes.buffer, abs, elems) as DTypeArrayMap[DType];
  }
  const copy = new Uint8Array(elems * width);
  copy.set(bytes.subarray(offset, offset + elems * width));
  if (littleEndian !== HOST_LITTLE_ENDIAN) swapInPlace(copy, width);
  return new info.arrayType(copy.buffer, 0, elems) as DTypeArrayMap[DType];
}

/** Reverses the byte order of each `width`-byte element in place. */
export function swapInPlace(b: Uint8Array, width: number): void {
  const n = b.length;
  if (width === 2) {
    for (let i = 0; i < n; i += 2) {
      const t = b[i];
      b[i] = b[i + 1];
      b[i + 1] = t;
    }
  } else if (width === 4) {
    for (let i = 0; i < n; i += 4) {
      let t = b[i];
      b[i] = b[i + 3];
      b[i + 3] = t;
      t = b[i + 1];
      b[i + 1] = b[i + 2];
      b[i + 2] = t;
    }
  } else {
    for (let i = 0; i < n; i += width) {
      for (let a = i, z = i + width - 1; a < z; a++, z--) {
        const t = b[a];
        b[a] = b[z];
        b[z] = t;
      }
    }
  }
}

/** Inputs accepted by {@link readNiftiAsync}. */
export type AsyncBytesSource = BytesLike | Blob | Response | ReadableStream<Uint8Array>;

/**
 * Collects bytes from a Blob, a fetch Response or a ReadableStream.
 * @internal
 */
export async function collectBytes(source: AsyncBytesSource): Promise<Uint8Array> {
  if (typeof Blob !== "undefined" && source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (typeof Response !== "undefined" && source instanceof Response) {
    if (!source.ok) throw new TypeError(`HTTP ${source.status} ${source.statusText} while fetching ${source.url}`);
    return new Uint8Array(await source.arrayBuffer());
  }
  if (typeof ReadableStream !== "undefined" && source instanceof ReadableStream) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = source.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
    const out = new Uint8Array(total);
    let pos = 0;
    for (const c of chunks) {
      out.set(c, pos);
      pos += c.length;
    }
    return out;
  }
  return toBytes(source as BytesLike);
}

/**
 * {@link readNifti} for asynchronous sources: a `Blob` / `File` (browser file
 * inputs), a fetch `Response`, or a `ReadableStream` of bytes.
 *
 * @param source - Where the file's bytes come from.
 * @param options - As {@link readNifti}; `image` may also be an async source.
 * @example
 * ```ts
 * import { readNiftiAsync, writeNifti, createVolume } from "flarekit";
 * const blob = new Blob([writeNifti(createVolume(new Uint8Array(8), [2, 2, 2]))]);
 * (await readNiftiAsync(blob)).shape; // [2, 2, 2]
 * ```
 */
export async function readNiftiAsync(
  source: AsyncBytesSource,
  options: Omit<ReadNiftiOptions, "image"> & { image?: AsyncBytesSource } = {},
): Promise<Volume> {
  const bytes = await collectBytes(source);
  const image = options.image !== undefined ? await collectBytes(options.image) : undefined;
  const { image: _ignored, ...rest } = options;
  return readNifti(bytes, { ...rest, ...(image ? { image } : {}) });
}
