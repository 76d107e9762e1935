/**
 * Argument checks shared by the metrics.
 * @internal
 * @module
 */
import { InvalidArgumentError, ShapeMismatchError } from "../core/errors.ts";

/**
 * The three spatial sizes of a shape: 1 to 3 axes (missing ones are 1), or
 * more axes when every one after the third is 1.
 */
export function spatialShape(shape: readonly number[], what = "shape"): [number, number, number] {
  if (
    shape.length < 1 ||
    shape.some((n) => !Number.isInteger(n) || n < 1) ||
    shape.slice(3).some((n) => n !== 1)
  ) {
    throw new InvalidArgumentError(what, [...shape], "1 to 3 positive integer sizes (further axes must be 1)");
  }
  return [shape[0], shape[1] ?? 1, shape[2] ?? 1];
}

/** Checks a voxel spacing: three finite positive numbers (fewer are padded with 1). */
export function checkSpacing(spacingMm: readonly number[] | undefined, argument = "spacingMm"): [number, number, number] {
  const s = spacingMm ? [...spacingMm] : [1, 1, 1];
  while (s.length < 3) s.push(1);
  if (s.length > 3 || s.some((v) => typeof v !== "number" || !Number.isFinite(v) || v <= 0)) {
    throw new InvalidArgumentError(argument, spacingMm ? [...spacingMm] : spacingMm, "three finite positive numbers (mm)");
  }
  return [s[0], s[1], s[2]];
}

/** Checks that `data.length` matches the shape. */
export function checkLength(data: { readonly length: number }, shape: readonly [number, number, number], what: string): void {
  const n = shape[0] * shape[1] * shape[2];
  if (!data || typeof data.length !== "number" || data.length !== n) {
    throw new InvalidArgumentError(`${what}.length`, data?.length, `${n} (= ${shape.join("×")})`);
  }
}

/** Throws a {@link ShapeMismatchError} unless both shapes are equal. */
export function checkSameShape(expected: readonly number[], actual: readonly number[], what: string): void {
  if (expected.length !== actual.length || expected.some((n, i) => n !== actual[i])) {
    throw new ShapeMismatchError(expected, actual, what);
  }
}
