/**
 * CRC-32 as used by PNG chunks (and zlib / gzip).
 * @internal
 * @module
 */

let table: Uint32Array | undefined;

/**
 * CRC-32 (ISO 3309 / ITU-T V.42; reflected polynomial 0xEDB88320, initial and
 * final xor 0xFFFFFFFF), table-driven one byte at a time as in the PNG
 * specification, Annex D "Sample CRC implementation".
 *
 * @param bytes - The bytes to checksum.
 * @param crc - A running CRC from a previous call (default: start fresh).
 * @returns The CRC as an unsigned 32-bit integer.
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
