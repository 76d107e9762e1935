/**
 * Typed errors. Every error flarekit throws on purpose is a {@link FlarekitError}
 * with a stable `code` (it survives minification, unlike class names) and
 * context fields; {@link isFlarekitError} narrows an unknown catch value.
 *
 * Messages follow one pattern: what was found, what was expected, what to do.
 * @module
 */

/** Stable error codes; one per error class. */
export type FlarekitErrorCode =
  | "NOT_NIFTI"
  | "INVALID_HEADER"
  | "TRUNCATED_DATA"
  | "UNSUPPORTED_DATATYPE"
  | "SIZE_LIMIT"
  | "CORRUPT_GZIP"
  | "MISSING_PARTNER"
  | "INVALID_ARGUMENT"
  | "SHAPE_MISMATCH"
  | "IO_ERROR";

/** Base class of every error thrown by flarekit. */
export class FlarekitError extends Error {
  /** A stable, machine-readable code (see {@link FlarekitErrorCode}). */
  readonly code: FlarekitErrorCode;
  constructor(code: FlarekitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = "FlarekitError";
  }
}

/** The bytes are not NIfTI-1, NIfTI-2 or Analyze 7.5 (checked from `sizeof_hdr` and the magic string). */
export class NotNiftiError extends FlarekitError {
  /** The `sizeof_hdr` value read as little-endian and as big-endian, when at least 4 bytes were given. */
  readonly sizeofHdr: { littleEndian: number; bigEndian: number } | undefined;
  constructor(message: string, sizeofHdr?: { littleEndian: number; bigEndian: number }) {
    super("NOT_NIFTI", message);
    this.name = "NotNiftiError";
    this.sizeofHdr = sizeofHdr;
  }
}

/** A header field holds a value that cannot describe a valid image. */
export class InvalidHeaderError extends FlarekitError {
  /** The header field at fault, in nifti1.h spelling (for example `"dim"` or `"vox_offset"`). */
  readonly field: string;
  /** The value found. */
  readonly actual: unknown;
  /** What was expected, in words. */
  readonly expected: string;
  constructor(field: string, actual: unknown, expected: string, hint: string) {
    super("INVALID_HEADER", `Invalid NIfTI header: ${field} is ${formatValue(actual)}, expected ${expected}. ${hint}`);
    this.name = "InvalidHeaderError";
    this.field = field;
    this.actual = actual;
    this.expected = expected;
  }
}

/** The input ends before the header or the voxel data it announces. */
export class TruncatedDataError extends FlarekitError {
  /** What was being read: `"header"`, `"extensions"` or `"voxels"`. */
  readonly part: "header" | "extensions" | "voxels";
  /** Bytes needed from the start of the part's buffer. */
  readonly expectedBytes: number;
  /** Bytes available. */
  readonly actualBytes: number;
  /** `expectedBytes - actualBytes`. */
  readonly missingBytes: number;
  constructor(part: "header" | "extensions" | "voxels", expectedBytes: number, actualBytes: number, hint: string) {
    super(
      "TRUNCATED_DATA",
      `Truncated NIfTI ${part}: needed ${expectedBytes} bytes but only ${actualBytes} are present (${expectedBytes - actualBytes} missing). ${hint}`,
    );
    this.name = "TruncatedDataError";
    this.part = part;
    this.expectedBytes = expectedBytes;
    this.actualBytes = actualBytes;
    this.missingBytes = expectedBytes - actualBytes;
  }
}

/** The header's datatype code is unknown or not supported (float128, complex256). */
export class UnsupportedDatatypeError extends FlarekitError {
  /** The NIfTI datatype code found. */
  readonly datatype: number;
  constructor(datatype: number, message: string) {
    super("UNSUPPORTED_DATATYPE", message);
    this.name = "UnsupportedDatatypeError";
    this.datatype = datatype;
  }
}

/** An image is larger than the safe limit; refused before any allocation. */
export class SizeLimitError extends FlarekitError {
  /** Bytes the operation would need. */
  readonly requestedBytes: number;
  /** The limit in force, in bytes. */
  readonly limitBytes: number;
  constructor(requestedBytes: number, limitBytes: number, message: string) {
    super("SIZE_LIMIT", message);
    this.name = "SizeLimitError";
    this.requestedBytes = requestedBytes;
    this.limitBytes = limitBytes;
  }
}

/** A gzip stream is corrupt or ends early. */
export class CorruptGzipError extends FlarekitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("CORRUPT_GZIP", message, options);
    this.name = "CorruptGzipError";
  }
}

/** The image file of a header/image pair (`.hdr` + `.img`) was not found or not given. */
export class MissingPartnerError extends FlarekitError {
  /** Paths (or names) that were tried. */
  readonly tried: readonly string[];
  constructor(message: string, tried: readonly string[]) {
    super("MISSING_PARTNER", message);
    this.name = "MissingPartnerError";
    this.tried = tried;
  }
}

/** A function argument or option is outside its documented range. */
export class InvalidArgumentError extends FlarekitError {
  /** The argument or option name, for example `"spacingMm"`. */
  readonly argument: string;
  /** The value found. */
  readonly actual: unknown;
  /** What was expected, in words. */
  readonly expected: string;
  constructor(argument: string, actual: unknown, expected: string, hint = "") {
    super(
      "INVALID_ARGUMENT",
      `Invalid ${argument}: got ${formatValue(actual)}, expected ${expected}.${hint ? ` ${hint}` : ""}`,
    );
    this.name = "InvalidArgumentError";
    this.argument = argument;
    this.actual = actual;
    this.expected = expected;
  }
}

/** Two volumes that must share a grid have different shapes. */
export class ShapeMismatchError extends FlarekitError {
  /** The shape required (usually the first / reference volume's). */
  readonly expected: readonly number[];
  /** The shape found. */
  readonly actual: readonly number[];
  constructor(expected: readonly number[], actual: readonly number[], what: string) {
    super(
      "SHAPE_MISMATCH",
      `Shape mismatch: ${what} has shape ${actual.join("×")} but ${expected.join("×")} was expected. Resample one onto the other's grid first (flarekit/resample resampleLike).`,
    );
    this.name = "ShapeMismatchError";
    this.expected = expected;
    this.actual = actual;
  }
}

/** A file-system operation failed (wraps the runtime's error as `cause`). */
export class IoError extends FlarekitError {
  /** The path involved. */
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super("IO_ERROR", message, options);
    this.name = "IoError";
    this.path = path;
  }
}

/** Maps each code to its error class, for {@link isFlarekitError}. */
export interface FlarekitErrorByCode {
  NOT_NIFTI: NotNiftiError;
  INVALID_HEADER: InvalidHeaderError;
  TRUNCATED_DATA: TruncatedDataError;
  UNSUPPORTED_DATATYPE: UnsupportedDatatypeError;
  SIZE_LIMIT: SizeLimitError;
  CORRUPT_GZIP: CorruptGzipError;
  MISSING_PARTNER: MissingPartnerError;
  INVALID_ARGUMENT: InvalidArgumentError;
  SHAPE_MISMATCH: ShapeMismatchError;
  IO_ERROR: IoError;
}

/**
 * Narrows an unknown value to a flarekit error, optionally of one code.
 *
 * @param err - Any caught value.
 * @param code - When given, also require this code.
 * @returns `true` when `err` is a {@link FlarekitError} (with that code).
 * @example
 * ```ts
 * import { readNifti, isFlarekitError } from "flarekit";
 * try {
 *   readNifti(new Uint8Array(10));
 * } catch (err) {
 *   if (isFlarekitError(err, "NOT_NIFTI")) console.log(err.code); // "NOT_NIFTI"
 * }
 * ```
 */
export function isFlarekitError<C extends FlarekitErrorCode>(err: unknown, code: C): err is FlarekitErrorByCode[C];
export function isFlarekitError(err: unknown): err is FlarekitError;
export function isFlarekitError(err: unknown, code?: FlarekitErrorCode): boolean {
  return err instanceof FlarekitError && (code === undefined || err.code === code);
}

function formatValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  return String(v);
}
