/**
 * gzip for every runtime: Node's (and Deno's) native zlib when the runtime
 * offers it through `process.getBuiltinModule` — so no `node:*` import ever
 * appears in a platform-neutral bundle — and fflate elsewhere (browsers).
 * @internal
 * @module
 */
import { Gunzip, gzipSync as fflateGzipSync } from "fflate";
import { CorruptGzipError, SizeLimitError } from "./errors.ts";

type Zlib = typeof import("node:zlib");
let zlibCache: Zlib | null | undefined;

/** Node's zlib when the runtime has it, else `null`. */
export function nativeZlib(): Zlib | null {
  if (zlibCache === undefined) {
    try {
      const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
      zlibCache = (proc?.getBuiltinModule?.("node:zlib") as Zlib | undefined) ?? null;
    } catch {
      zlibCache = null;
    }
  }
  return zlibCache;
}

/** For tests and benchmarks: force the fflate path (`false`) or restore auto-detection (`true`). */
export function useNativeZlib(enabled: boolean): void {
  zlibCache = enabled ? undefined : null;
}

/** Whether the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The ISIZE field of the last gzip member (uncompressed size mod 2^32), or -1 when too short. */
export function gzipSizeHint(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n < 18) return -1;
  return (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
}

/** Result of {@link gunzip}. */
export interface GunzipResult {
  /** The decompressed bytes (possibly partial when `complete` is false). */
  data: Uint8Array;
  /** False when the stream ended early (truncated input): `data` holds what could be decoded. */
  complete: boolean;
}

/**
 * Decompresses gzip data (all members).
 *
 * @param bytes - The compressed bytes.
 * @param options - `expectedBytes`: the size the caller expects (lets native zlib allocate once);
 *   `maxBytes`: refuse to produce more than this.
 * @throws {@link CorruptGzipError} for corrupt streams; {@link SizeLimitError} beyond `maxBytes`.
 */
export function gunzip(bytes: Uint8Array, options: { expectedBytes?: number; maxBytes: number; into?: Uint8Array | undefined }): GunzipResult {
  const zlib = nativeZlib();
  // Deflate expands at most 1032:1, so no honest stream decodes beyond this: never allocate more.
  const maxBytes = Math.min(options.maxBytes, bytes.length * 1032 + 65536);
  const hint = gzipSizeHint(bytes);
  if (options.expectedBytes !== undefined && hint >= 0 && hint < options.expectedBytes) {
    // The trailer says the stream is shorter than the caller needs: size the buffer by the trailer.
    options = { ...options, expectedBytes: hint };
  }
  if (zlib && options.into !== undefined) {
    const direct = gunzipInto(zlib, bytes, options.into, maxBytes);
    if (direct) return { data: direct, complete: true };
  }
  if (zlib) {
    // One output chunk one byte larger than expected: zlib writes straight into it, no concatenation copy.
    const expected = options.expectedBytes ?? -1;
    const chunkSize = expected > 0 && expected < maxBytes ? Math.max(64, expected + 1) : 1 << 20;
    const opts = { chunkSize, maxOutputLength: Math.max(1, Math.min(maxBytes, 2 ** 32)) };
    try {
      const out = zlib.gunzipSync(bytes, opts);
      return { data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), complete: true };
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (e.code === "ERR_BUFFER_TOO_LARGE") {
        throw new SizeLimitError(maxBytes + 1, maxBytes, `Decompressed data exceed the limit of ${maxBytes} bytes. Raise the maxBytes option if the image really is this large.`);
      }
      if (e.code === "Z_BUF_ERROR") {
        // Truncated: decode what is there so the caller can say how much is missing.
        try {
          const part = zlib.gunzipSync(bytes, { ...opts, finishFlush: zlib.constants.Z_SYNC_FLUSH });
          return { data: new Uint8Array(part.buffer, part.byteOffset, part.byteLength), complete: false };
        } catch {
          return { data: new Uint8Array(0), complete: false };
        }
      }
      throw new CorruptGzipError(`Corrupt gzip data: ${e.message ?? String(err)}. The file is damaged; re-download or re-export it.`, { cause: err });
    }
  }
  return fflateGunzip(bytes, options.expectedBytes, maxBytes, Infinity);
}

/** The part of Node's zlib engine that {@link gunzipInto} drives (not in the typings). */
interface ZlibEngine {
  _outBuffer: Uint8Array;
  _chunkSize: number;
  _processChunk(chunk: Uint8Array, flushFlag: number): Uint8Array;
}

/**
 * Native inflate straight into `into` (no allocation, no page faults for the
 * output): the engine's one output chunk is set to `into`, the way
 * `gunzipSync` runs with a `chunkSize` as large as the result. Relies on an
 * undocumented part of Node's zlib, so it checks the outcome: `undefined` (the
 * caller then decompresses as usual) when the engine lacks it, when anything
 * fails (errors are then reported by the usual path), or when the output did
 * not fit and landed elsewhere.
 */
function gunzipInto(zlib: Zlib, bytes: Uint8Array, into: Uint8Array, maxBytes: number): Uint8Array | undefined {
  // never over the input itself; a plain ArrayBuffer only; Node's Buffer, whose slice is a view
  if (into.length < 64 || into.buffer === bytes.buffer || into.buffer instanceof SharedArrayBuffer) return undefined;
  const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  if (NodeBuffer === undefined) return undefined;
  try {
    const engine = zlib.createGunzip({ maxOutputLength: Math.max(1, Math.min(maxBytes, 2 ** 32)) }) as unknown as Partial<ZlibEngine>;
    if (typeof engine._processChunk !== "function" || !(engine._outBuffer instanceof Uint8Array) || typeof engine._chunkSize !== "number") return undefined;
    const target = NodeBuffer.from(into.buffer, into.byteOffset, Math.min(into.length, maxBytes + 1));
    engine._outBuffer = target;
    engine._chunkSize = target.length;
    const out = engine._processChunk(bytes, zlib.constants.Z_FINISH);
    if (out.buffer !== into.buffer || out.byteOffset !== into.byteOffset || out.length >= target.length) return undefined;
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch {
    return undefined;
  }
}

/**
 * Decompresses only the first `wantBytes` bytes (or fewer when the stream is shorter),
 * inflating no more input than needed. Used for header-only reads.
 */
export function gunzipPrefix(bytes: Uint8Array, wantBytes: number): GunzipResult {
  const zlib = nativeZlib();
  if (zlib) {
    // Native inflate of a growing prefix of the input (each input byte yields at most ~1 KiB), flushed
    // rather than finished so that a cut stream is not an error. Anything unusual (a corrupt stream,
    // a file shorter than wanted) goes to the fflate path below, which reports it exactly.
    for (let k = 256; ; k *= 4) {
      const part = bytes.subarray(0, Math.min(k, bytes.length));
      let out: Uint8Array;
      try {
        out = zlib.gunzipSync(part, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, part.length * 1032 + 65536) });
      } catch {
        break;
      }
      if (out.length >= wantBytes) return { data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), complete: true };
      if (part.length === bytes.length) break;
    }
  }
  return fflateGunzip(bytes, wantBytes, Number.MAX_SAFE_INTEGER, wantBytes);
}

function fflateGunzip(bytes: Uint8Array, expectedBytes: number | undefined, maxBytes: number, stopAfter: number): GunzipResult {
  let cap = expectedBytes && expectedBytes > 0 && expectedBytes <= maxBytes ? expectedBytes : Math.min(1 << 16, maxBytes);
  let out = new Uint8Array(cap);
  let len = 0;
  let finished = false;
  const g = new Gunzip((chunk, final) => {
    if (len + chunk.length > maxBytes) {
      throw new SizeLimitError(len + chunk.length, maxBytes, `Decompressed data exceed the limit of ${maxBytes} bytes. Raise the maxBytes option if the image really is this large.`);
    }
    if (len + chunk.length > cap) {
      cap = Math.min(maxBytes, Math.max(cap * 2, len + chunk.length));
      const grown = new Uint8Array(cap);
      grown.set(out.subarray(0, len));
      out = grown;
    }
    out.set(chunk, len);
    len += chunk.length;
    if (final) finished = true;
  });
  // For a prefix, feed the input in small, growing pieces: a few KiB of a label map's deflate
  // stream can expand to megabytes, and the header needs only the first hundreds of bytes.
  let step = stopAfter === Infinity ? 1 << 20 : 64;
  try {
    for (let pos = 0; pos < bytes.length && len < stopAfter; pos += step, step = Math.min(step * 2, 1 << 20)) {
      const end = Math.min(bytes.length, pos + step);
      g.push(bytes.subarray(pos, end), end === bytes.length);
    }
  } catch (err) {
    if (err instanceof SizeLimitError) throw err;
    const e = err as { code?: number; message?: string };
    if (e.code === 0) return { data: out.subarray(0, len), complete: false }; // unexpected EOF
    throw new CorruptGzipError(`Corrupt gzip data: ${e.message ?? String(err)}. The file is damaged; re-download or re-export it.`, { cause: err });
  }
  return { data: out.subarray(0, len), complete: finished || len >= stopAfter };
}

/**
 * gzip-compresses bytes.
 * @param level - 0 (store) to 9 (smallest); default 6 like gzip and zlib.
 */
export function gzip(bytes: Uint8Array, level = 6): Uint8Array<ArrayBuffer> {
  const zlib = nativeZlib();
  if (zlib) {
    const out = zlib.gzipSync(bytes, { level });
    return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
  }
  return fflateGzipSync(bytes, { level: level as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 }) as Uint8Array<ArrayBuffer>;
}
