/**
 * Base64 without platform APIs (no Buffer, no btoa), so the render subpath runs anywhere.
 * @internal
 * @module
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 (RFC 4648 §4) with `=` padding. */
export function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk: string[] = [];
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk.push(ALPHABET[v >> 18], ALPHABET[(v >> 12) & 63], ALPHABET[(v >> 6) & 63], ALPHABET[v & 63]);
    if (chunk.length >= 8192) {
      parts.push(chunk.join(""));
      chunk.length = 0;
    }
  }
  if (i < n) {
    const v = (bytes[i] << 16) | ((i + 1 < n ? bytes[i + 1] : 0) << 8);
    chunk.push(ALPHABET[v >> 18], ALPHABET[(v >> 12) & 63], i + 1 < n ? ALPHABET[(v >> 6) & 63] : "=", "=");
  }
  parts.push(chunk.join(""));
  return parts.join("");
}
