/**
 * Internal helpers: scalar-volume checks, masks, and outputs.
 * @internal
 * @module
 */
import { InvalidArgumentError, ShapeMismatchError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";

/** A mask: a volume or typed array on the same grid, nonzero = inside. */
export type MaskInput = Volume | ArrayLike<number>;

/** Throws unless the volume holds real scalar numbers (not complex, RGB or 64-bit integers). */
export function checkScalar(volume: Volume, what = "volume"): void {
  if (volume.components !== 1 || volume.dtype === "int64" || volume.dtype === "uint64") {
    throw new InvalidArgumentError(`${what}.dtype`, volume.dtype, "a real scalar dtype (uint8 … float64, not complex, RGB or 64-bit integer)");
  }
}

/** The mask's values as an indexable array of the volume's voxel count, checked. */
export function maskArray(volume: Volume, mask: MaskInput | undefined): ArrayLike<number> | undefined {
  if (mask === undefined) return undefined;
  const isVolume = typeof (mask as Volume).voxelCount === "number" && (mask as Volume).shape !== undefined;
  if (isVolume) {
    const m = mask as Volume;
    const a = volume.shape.slice(0, 3).join("×");
    const b = m.shape.slice(0, 3).join("×");
    if (a !== b || m.voxelCount !== volume.voxelCount) throw new ShapeMismatchError(volume.shape, m.shape, "the mask");
    if (m.components !== 1 || m.dtype === "int64" || m.dtype === "uint64") {
      throw new InvalidArgumentError("mask.dtype", m.dtype, "a real scalar dtype (nonzero = inside)");
    }
    return m.data as ArrayLike<number>;
  }
  const arr = mask as ArrayLike<number>;
  if (typeof arr.length !== "number" || arr.length !== volume.voxelCount) {
    throw new ShapeMismatchError([volume.voxelCount], [typeof arr.length === "number" ? arr.length : 0], "the mask (as a flat array)");
  }
  return arr;
}

/** An output Float32Array of `n` values: `out` when given (length checked), else a new one. */
export function floatOut(out: Float32Array | undefined, n: number): Float32Array {
  if (out === undefined) return new Float32Array(n);
  if (!(out instanceof Float32Array) || out.length !== n) {
    throw new InvalidArgumentError("out", out instanceof Float32Array ? `Float32Array(${out.length})` : Object.prototype.toString.call(out), `a Float32Array of length ${n}`);
  }
  return out;
}

/** Slope and intercept of a volume (1, 0 when unscaled). */
export function scalingOf(volume: Volume): [number, number] {
  const s = volume.scaling;
  return s ? [s.slope, s.intercept] : [1, 0];
}

/** Raw value range of small integer dtypes (for lookup tables), or undefined. */
export function lutRange(volume: Volume): [number, number] | undefined {
  switch (volume.dtype) {
    case "uint8":
      return [0, 255];
    case "int8":
      return [-128, 127];
    case "int16":
      return [-32768, 32767];
    case "uint16":
      return [0, 65535];
    default:
      return undefined;
  }
}
