/**
 * Images that display themselves in notebooks and browsers.
 * @module
 */
import type { Volume } from "../core/volume.ts";
import { base64 } from "./base64.ts";
import { encodePng } from "./encode-png.ts";
import { renderSlice, type RenderSliceOptions } from "./render-slice.ts";
import type { RenderedImage } from "./types.ts";
import { installVolumeDisplay } from "./volume-display.ts";

const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * An image ready for display: Deno's Jupyter kernel shows it as a PNG (it
 * calls `[Symbol.for("Jupyter.display")]()`), browsers can use
 * {@link ShownImage.toDataURL} as an `<img>` source. The PNG is encoded once,
 * on first use.
 */
export class ShownImage implements RenderedImage {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** The RGBA pixels. */
  readonly rgba: Uint8ClampedArray;
  #png: Uint8Array | undefined;

  constructor(image: RenderedImage) {
    this.width = image.width;
    this.height = image.height;
    this.rgba = image.rgba;
  }

  /** The image as PNG bytes (encoded on first call, then cached). */
  png(): Uint8Array {
    this.#png ??= encodePng(this);
    return this.#png;
  }

  /** The PNG as a `data:image/png;base64,…` URL. */
  toDataURL(): string {
    return `data:image/png;base64,${base64(this.png())}`;
  }

  /** The Jupyter MIME bundle `{ "image/png": base64 }` (what the notebook display hook returns). */
  toMimeBundle(): { "image/png": string } {
    return { "image/png": base64(this.png()) };
  }


  /** One line in REPLs: `ShownImage 256×256`. */
  toString(): string {
    return `ShownImage ${this.width}×${this.height}`;
  }

  static {
    // Deno Jupyter's display hook, and Node's REPL one-liner (defined here so declarations stay isolated).
    Object.defineProperty(this.prototype, JUPYTER_DISPLAY, {
      value(this: ShownImage): { "image/png": string } {
        return this.toMimeBundle();
      },
      enumerable: false,
    });
    Object.defineProperty(this.prototype, INSPECT, {
      value(this: ShownImage): string {
        return this.toString();
      },
      enumerable: false,
    });
  }
}

/**
 * Wraps an image — or renders a slice of a volume first — so that a Deno
 * Jupyter notebook cell displays it as a picture and a browser can show it
 * through `toDataURL()`.
 *
 * @param input - A volume (a slice is rendered with `options`) or an image from `renderSlice` / `montage`.
 * @param options - Slice options when `input` is a volume (plane, index, window, labels …).
 * @returns The displayable image.
 * @throws `InvalidArgumentError` as {@link renderSlice} does (bad index, window, alpha …).
 * @example
 * ```ts
 * import { makePhantom } from "flarekit";
 * import { show } from "flarekit/render";
 * const { ct, labels } = makePhantom();
 * const shown = show(ct, { labels, index: 40 });
 * shown.toDataURL().slice(0, 22); // "data:image/png;base64,"
 * ```
 * @see Deno Jupyter kernel display protocol: https://docs.deno.com/runtime/reference/cli/jupyter/
 */
export function show(input: Volume | RenderedImage, options: RenderSliceOptions = {}): ShownImage {
  // Duck-typed, so volumes from another copy of flarekit work too.
  const isImage = "rgba" in input && !("affine" in input);
  return new ShownImage(isImage ? (input as RenderedImage) : renderSlice(input as Volume, options));
}

// Every Volume displays itself in Deno notebooks once this module is loaded.
installVolumeDisplay(show);
