/**
 * Notebook display of volumes themselves: importing `flarekit/render` teaches
 * every `Volume` to show itself in Deno Jupyter notebooks.
 * @internal
 * @module
 */
import { DTYPES } from "../core/dtypes.ts";
import { Volume } from "../core/volume.ts";
import type { RenderSliceOptions } from "./render-slice.ts";
import type { ShownImage } from "./show.ts";

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/**
 * How a volume displays itself: label maps (unsigned 8-bit, at most 255 labels)
 * show their middle axial slice in FLARE colours over black; anything else its
 * middle axial slice in the soft-tissue window (40 / 400), or min–max when it
 * is not a CT (no value below −100).
 */
function displayOptions(volume: Volume): RenderSliceOptions {
  if (volume.dtype === "uint8" && !volume.scaling) return { window: { center: 0.5, width: 1 }, labels: volume, alpha: 1 };
  const data = volume.data as ArrayLike<number>;
  let min = Infinity;
  for (let i = 0; i < data.length; i += 97) if (data[i] < min) min = data[i];
  const slope = volume.scaling?.slope ?? 1;
  const ct = min * slope + (volume.scaling?.intercept ?? 0) < -100;
  return ct ? {} : { window: "auto" };
}

/**
 * Defines `Volume.prototype[Symbol.for("Jupyter.display")]` (once). Called by
 * show.ts at load time — a call rather than a bare side-effect import, which
 * bundlers drop under `"sideEffects": false`. `show` is passed in to avoid an
 * import cycle.
 */
export function installVolumeDisplay(show: (volume: Volume, options: RenderSliceOptions) => ShownImage): void {
  if (Object.prototype.hasOwnProperty.call(Volume.prototype, JUPYTER_DISPLAY)) return;
  Object.defineProperty(Volume.prototype, JUPYTER_DISPLAY, {
    value(this: Volume): { "image/png": string } | { "text/plain": string } {
      const info = DTYPES[this.dtype];
      if (!info || info.components !== 1 || this.dtype === "int64" || this.dtype === "uint64") return { "text/plain": this.toString() };
      return show(this, displayOptions(this)).toMimeBundle();
    },
    enumerable: false,
    configurable: true,
    writable: true,
  });
}

/** The MIME bundle a volume shows in a notebook (the installed hook, called directly). */
export function volumeMimeBundle(volume: Volume): { "image/png": string } | { "text/plain": string } {
  return (volume as unknown as Record<symbol, (this: Volume) => { "image/png": string } | { "text/plain": string }>)[JUPYTER_DISPLAY].call(volume);
}
