/**
 * NIfTI header extensions: after the fixed header, a 4-byte flag (extension[0] ≠ 0
 * means extensions follow), then blocks of `esize` (int32, a multiple of 16, ≥ 16),
 * `ecode` (int32) and `esize − 8` content bytes (NIfTI-1 spec, "extension" section).
 * @module
 */
import type { NiftiExtension } from "./header-types.ts";

/**
 * Parses the extension blocks in `bytes[start, end)` (start = right after the 4-byte flag).
 * Parsing stops at the first block whose size is invalid or runs past `end`;
 * `malformed` then says so (nibabel warns and stops likewise).
 */
export function parseExtensions(
  bytes: Uint8Array,
  start: number,
  end: number,
  littleEndian: boolean,
): { extensions: NiftiExtension[]; malformed: boolean } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const extensions: NiftiExtension[] = [];
  let pos = start;
  while (pos + 8 <= end) {
    const esize = dv.getInt32(pos, littleEndian);
    const ecode = dv.getInt32(pos + 4, littleEndian);
    if (esize < 16 || pos + esize > end) return { extensions, malformed: true };
    extensions.push({ code: ecode, content: bytes.slice(pos + 8, pos + esize) });
    pos += esize;
  }
  return { extensions, malformed: false };
}

/** Bytes the extensions take on disk (each padded to a multiple of 16), without the 4-byte flag. */
export function extensionsByteLength(extensions: readonly NiftiExtension[]): number {
  let n = 0;
  for (const e of extensions) n += paddedSize(e.content.length);
  return n;
}

function paddedSize(contentBytes: number): number {
  return Math.ceil((contentBytes + 8) / 16) * 16;
}

/** Writes the extension blocks at `offset` (little-endian); returns the offset after them. */
export function writeExtensions(out: Uint8Array, offset: number, extensions: readonly NiftiExtension[]): number {
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let pos = offset;
  for (const e of extensions) {
    const esize = paddedSize(e.content.length);
    dv.setInt32(pos, esize, true);
    dv.setInt32(pos + 4, e.code, true);
    out.set(e.content, pos + 8);
    pos += esize;
  }
  return pos;
}
