/**
 * Option parsing shared by the public resampling functions.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import type { AnisotropicRule, GridConvention, ResampleFloatDType, ResampleOptions } from "./types.ts";

/** Resolved options with defaults applied. */
export interface ResolvedOptions {
  convention: GridConvention;
  anisotropic: AnisotropicRule;
  anisotropyThreshold: number;
  floatDType: ResampleFloatDType;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new InvalidArgumentError(name, value, allowed.map((s) => `"${s}"`).join(" or "));
  return value as T;
}

/** Applies the documented defaults and checks the closed sets. */
export function resolveOptions(options: ResampleOptions): ResolvedOptions {
  const anisotropyThreshold = options.anisotropyThreshold ?? 3;
  if (!(Number.isFinite(anisotropyThreshold) && anisotropyThreshold >= 1)) {
    throw new InvalidArgumentError("anisotropyThreshold", anisotropyThreshold, "a finite number ≥ 1");
  }
  if (options.fill !== undefined && typeof options.fill !== "number") {
    throw new InvalidArgumentError("fill", options.fill, "a number (scaled units, e.g. HU)");
  }
  return {
    convention: oneOf("convention", options.convention, ["center", "extent"], "center"),
    anisotropic: oneOf("anisotropic", options.anisotropic, ["none", "separate-z"], "none"),
    anisotropyThreshold,
    floatDType: oneOf("dtype", options.dtype, ["float32", "float64"], "float32"),
  };
}

/**
 * nnU-Net's separate-z decision (`get_do_separate_z` / `get_lowres_axis`): the single axis with the largest
 * spacing when max/min of the source spacing (else of the target spacing) exceeds the threshold; −1 otherwise.
 */
export function separateZAxis(spacingIn: readonly number[], spacingOut: readonly number[], threshold: number): number {
  const pick = (s: readonly number[]): number | undefined => {
    const hi = Math.max(...s);
    const lo = Math.min(...s);
    if (!(hi / lo > threshold)) return undefined;
    const axes = [0, 1, 2].filter((a) => s[a] === hi);
    return axes.length === 1 ? axes[0] : -1;
  };
  return pick(spacingIn) ?? pick(spacingOut) ?? -1;
}
