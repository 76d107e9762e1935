/** Exact float helpers for the metrics tests. */

/** The IEEE-754 bits of a double as 16 hex digits (NaN / ±Infinity as words). */
export function hexOf(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, "0");
}

/** Parses Python's `float.hex()` output (`0x1.c760fa942dc76p-1`, `inf`, `nan`) or a plain number. */
export function parseExpected(value: number | string | undefined): number {
  if (typeof value === "number") return value;
  if (value === undefined) return NaN;
  if (value === "inf") return Infinity;
  if (value === "-inf") return -Infinity;
  if (value === "nan") return NaN;
  const m = /^(-?)0x([01])\.([0-9a-f]*)p([+-]\d+)$/i.exec(value);
  if (!m) return Number(value);
  const digits = m[3] || "0";
  // mantissa bits are exact in a double: at most 52 fraction bits
  const mantissa = Number(BigInt(`0x${m[2]}${digits}`)) / 16 ** digits.length;
  return (m[1] ? -1 : 1) * mantissa * 2 ** Number(m[4]);
}
