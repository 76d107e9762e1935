/**
 * CT windowing: HU → display values in [0, 1] or [0, 255].
 * @module
 */
import { InvalidArgumentError } from "../core/errors.ts";
import { Volume, volumeLike } from "../core/volume.ts";
import { checkScalar, lutRange, scalingOf } from "./values.ts";
import { WINDOW_PRESETS, type WindowLevel, type WindowPresetName } from "./window-presets.ts";

/**
 * The window function (x in HU, c center, w width, output range [0, 1]):
 *
 * - `"clip"` — what ML pipelines do: `clamp((x − (c − w/2)) / w, 0, 1)`.
 * - `"linear"` — DICOM PS3.3 C.11.2.1.2.1: 0 if `x ≤ c − 0.5 − (w − 1)/2`, 1 if `x > c − 0.5 + (w − 1)/2`,
 *   else `(x − (c − 0.5))/(w − 1) + 0.5`.
 * - `"linear-exact"` — DICOM PS3.3 C.11.2.1.3.2: 0 if `x ≤ c − w/2`, 1 if `x > c + w/2`, else `(x − c)/w + 0.5`.
 * - `"sigmoid"` — DICOM PS3.3 C.11.2.1.3.1: `1 / (1 + exp(−4(x − c)/w))`.
 */
export type WindowFunction = "clip" | "linear" | "linear-exact" | "sigmoid";

/** Output type of {@link applyWindow}: float32 in [0, 1] or uint8 in [0, 255]. */
export type WindowOutput = "float32" | "uint8";

/** Options of {@link applyWindow}. */
export interface ApplyWindowOptions {
  /**
   * The window function.
   * @defaultValue `"clip"`
   */
  function?: WindowFunction;
  /**
   * Output type: `"float32"` values in [0, 1], or `"uint8"` values `round(255·y)` in [0, 255].
   * @defaultValue `"float32"`
   */
  output?: WindowOutput;
  /** Array to write into (a `Float32Array` or `Uint8Array` of the voxel count, matching `output`). */
  out?: Float32Array | Uint8Array;
}

const FUNCTIONS: readonly WindowFunction[] = ["clip", "linear", "linear-exact", "sigmoid"];

/** Resolves a window or preset name and checks it: center finite, width finite and ≥ 1 HU. */
export function resolveWindow(window: WindowLevel | WindowPresetName): WindowLevel {
  if (typeof window === "string") {
    const p = (WINDOW_PRESETS as Record<string, WindowLevel>)[window];
    if (!p) throw new InvalidArgumentError("window", window, `a preset name (${Object.keys(WINDOW_PRESETS).join(", ")}) or { center, width }`);
    return { center: p.center, width: p.width };
  }
  if (!window || typeof window !== "object") throw new InvalidArgumentError("window", window, "{ center, width } in HU or a preset name");
  const { center, width } = window;
  if (typeof center !== "number" || !Number.isFinite(center)) throw new InvalidArgumentError("window.center", center, "a finite number (HU)");
  if (typeof width !== "number" || !Number.isFinite(width) || width < 1) {
    throw new InvalidArgumentError("window.width", width, "a finite number ≥ 1 (HU)", "DICOM PS3.3 C.11.2.1.2 requires Window Width ≥ 1.");
  }
  return { center, width };
}

/**
 * The window function at one value, in [0, 1].
 *
 * @param x - Value in HU.
 * @param window - Center and width in HU (width ≥ 1), or a preset name.
 * @param fn - The window function.
 * @returns The display value in [0, 1].
 * @throws {@link InvalidArgumentError} for a width below 1, a non-finite center or an unknown function.
 * @example
 * ```ts
 * import { windowValue } from "flarekit/intensity";
 * windowValue(40, { center: 40, width: 400 }, "linear-exact"); // 0.5
 * ```
 * @see DICOM PS3.3 section C.11.2.1.2 (VOI LUT function LINEAR) and C.11.2.1.3 (LINEAR_EXACT, SIGMOID).
 */
export function windowValue(x: number, window: WindowLevel | WindowPresetName, fn: WindowFunction = "clip"): number {
  const w = resolveWindow(window);
  return windowFunction(checkFunction(fn), w.center, w.width)(x);
}

function checkFunction(fn: unknown): WindowFunction {
  if (!FUNCTIONS.includes(fn as WindowFunction)) throw new InvalidArgumentError("function", fn, FUNCTIONS.map((f) => `"${f}"`).join(", "));
  return fn as WindowFunction;
}

/** The scalar function x ↦ y ∈ [0, 1] for a window (DICOM formulas with ymin = 0, ymax = 1). */
function windowFunction(fn: WindowFunction, c: number, w: number): (x: number) => number {
  switch (fn) {
    case "clip": {
      const lo = c - w / 2;
      return (x) => {
        const y = (x - lo) / w;
        return y <= 0 ? 0 : y >= 1 ? 1 : y;
      };
    }
    case "linear": {
      const c0 = c - 0.5;
      const half = (w - 1) / 2;
      const w1 = w - 1;
      return (x) => (x <= c0 - half ? 0 : x > c0 + half ? 1 : (x - c0) / w1 + 0.5);
    }
    case "linear-exact":
      return (x) => (x <= c - w / 2 ? 0 : x > c + w / 2 ? 1 : (x - c) / w + 0.5);
    case "sigmoid":
      return (x) => 1 / (1 + Math.exp((-4 * (x - c)) / w));
  }
}

/**
 * Applies a CT display window to a volume's scaled values (HU; `scl_slope` / `scl_inter` applied as
 * `raw·slope + intercept` in double precision). Output float32 in [0, 1] (default) or uint8
 * `round(255·y)`. For 8- and 16-bit integer input the function is evaluated once per possible stored
 * value into a lookup table (at most 65 536 entries) and the volume is mapped through it — no float copy
 * of the input; other dtypes are evaluated voxel by voxel. Memory: the output (4 or 1 bytes per voxel)
 * plus the table.
 *
 * @param volume - A scalar volume (any real dtype; int16 CT typical).
 * @param window - `{ center, width }` in HU (width ≥ 1) or a preset name such as `"abdomen"`.
 * @param options - Window function, output type, optional `out` array.
 * @returns A new volume on the same grid (dtype float32 or uint8, unscaled) viewing the output array; a
 *   volume read from a file keeps its header, with `cal_min` / `cal_max` set to the output range.
 * @throws {@link InvalidArgumentError} for width < 1, an unknown preset or function, a complex / RGB /
 *   64-bit volume, or an `out` of the wrong type or length.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { applyWindow } from "flarekit/intensity";
 * const ct = createVolume(new Int16Array([-1000, 40, 215, 1000]), [4, 1, 1]);
 * Array.from(applyWindow(ct, "abdomen", { output: "uint8" }).data); // [0, 128, 255, 255]
 * ```
 * @see DICOM PS3.3 C.11.2.1.2 / C.11.2.1.3 (VOI LUT functions); presets in `WINDOW_PRESETS`.
 */
export function applyWindow(volume: Volume, window: WindowLevel | WindowPresetName, options: ApplyWindowOptions = {}): Volume<"float32"> | Volume<"uint8"> {
  checkScalar(volume);
  const { center, width } = resolveWindow(window);
  const fn = checkFunction(options.function ?? "clip");
  const output = options.output ?? "float32";
  if (output !== "float32" && output !== "uint8") throw new InvalidArgumentError("output", output, '"float32" or "uint8"');
  const n = volume.voxelCount;
  const u8 = output === "uint8";
  let out = options.out;
  if (out === undefined) out = u8 ? new Uint8Array(n) : new Float32Array(n);
  if ((u8 ? !(out instanceof Uint8Array) : !(out instanceof Float32Array)) || out.length !== n) {
    throw new InvalidArgumentError("out", Object.prototype.toString.call(out), `a ${u8 ? "Uint8Array" : "Float32Array"} of length ${n}`);
  }
  const f = windowFunction(fn, center, width);
  const [slope, intercept] = scalingOf(volume);
  const src = volume.data as ArrayLike<number>;
  const range = lutRange(volume);
  if (range) {
    const [lo, hi] = range;
    const lut = u8 ? new Uint8Array(hi - lo + 1) : new Float32Array(hi - lo + 1);
    for (let r = lo; r <= hi; r++) {
      const y = f(r * slope + intercept);
      lut[r - lo] = u8 ? Math.round(y * 255) : y;
    }
    if (volume.data instanceof Int16Array && lut instanceof Float32Array) mapInt16(volume.data, lut, out as Float32Array);
    else if (lo === 0) for (let i = 0; i < n; i++) out[i] = lut[src[i]];
    else for (let i = 0; i < n; i++) out[i] = lut[src[i] - lo];
  } else if (u8) {
    for (let i = 0; i < n; i++) out[i] = Math.round(f(src[i] * slope + intercept) * 255);
  } else {
    for (let i = 0; i < n; i++) out[i] = f(src[i] * slope + intercept);
  }
  const result = u8 ? volumeLike<"uint8">(volume, out as Uint8Array, { dtype: "uint8" }) : volumeLike<"float32">(volume, out as Float32Array, { dtype: "float32" });
  if (!volume.nifti) return result;
  // A file read keeps its header; its display range (cal_min / cal_max) must describe the windowed values.
  const nifti = { ...volume.nifti, header: { ...volume.nifti.header, cal_min: 0, cal_max: u8 ? 255 : 1 } };
  return u8
    ? new Volume<"uint8">(out as Uint8Array, volume.shape, { dtype: "uint8", spacing: volume.spacing, affine: volume.affine, nifti })
    : new Volume<"float32">(out as Float32Array, volume.shape, { dtype: "float32", spacing: volume.spacing, affine: volume.affine, nifti });
}

/** The hot int16 → float32 table lookup, kept monomorphic so the JIT emits a tight loop. */
function mapInt16(src: Int16Array, lut: Float32Array, out: Float32Array): void {
  const n = src.length;
  let i = 0;
  // unrolled by four: about 1.5× faster than the plain loop in V8 (Node 20)
  for (; i + 4 <= n; i += 4) {
    out[i] = lut[src[i] + 32768];
    out[i + 1] = lut[src[i + 1] + 32768];
    out[i + 2] = lut[src[i + 2] + 32768];
    out[i + 3] = lut[src[i + 3] + 32768];
  }
  for (; i < n; i++) out[i] = lut[src[i] + 32768];
}
