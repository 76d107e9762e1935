import { describe, expect, it } from "vitest";
import { isFlarekitError } from "../../src/core/errors.ts";
import { createVolume } from "../../src/core/volume.ts";
import { makePhantom } from "../../src/phantom/index.ts";
import { montage, renderSlice, show, ShownImage } from "../../src/render/index.ts";
import { volumeMimeBundle } from "../../src/render/volume-display.ts";
import { decodePng } from "./png-decode.ts";

function solid(width: number, height: number, rgb: number[]) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < rgba.length; p += 4) rgba.set([...rgb, 255], p);
  return { width, height, rgba };
}
function px(img: { width: number; rgba: Uint8ClampedArray }, x: number, y: number) {
  const q = (y * img.width + x) * 4;
  return Array.from(img.rgba.subarray(q, q + 4));
}

describe("montage", () => {
  it("montage lays out row by row with gaps and centres smaller images in their cells", () => {
    const a = solid(2, 2, [255, 0, 0]);
    const b = solid(2, 2, [0, 255, 0]);
    const c = solid(1, 1, [0, 0, 255]);
    const m = montage([a, b, c], { columns: 2, gapPx: 1, background: [9, 9, 9, 255] });
    // 2 columns × 2 rows of 2×2 cells, 1 px gaps: 2·2 + 3 = 7 each way
    expect([m.width, m.height]).toEqual([7, 7]);
    expect(px(m, 0, 0)).toEqual([9, 9, 9, 255]);
    expect(px(m, 1, 1)).toEqual([255, 0, 0, 255]);
    expect(px(m, 2, 2)).toEqual([255, 0, 0, 255]);
    expect(px(m, 4, 1)).toEqual([0, 255, 0, 255]);
    expect(px(m, 5, 2)).toEqual([0, 255, 0, 255]);
    // the 1×1 image sits at offset (2−1)>>1 = 0 in the cell starting at (1, 4)
    expect(px(m, 1, 4)).toEqual([0, 0, 255, 255]);
    expect(px(m, 2, 4)).toEqual([9, 9, 9, 255]);
    expect(px(m, 4, 4)).toEqual([9, 9, 9, 255]); // empty cell
  });

  it("montage defaults to ceil(sqrt(n)) columns and a 4 px black gap", () => {
    const m = montage([solid(3, 3, [1, 1, 1]), solid(3, 3, [1, 1, 1]), solid(3, 3, [1, 1, 1])]);
    expect([m.width, m.height]).toEqual([2 * 3 + 3 * 4, 2 * 3 + 3 * 4]);
    expect(px(m, 0, 0)).toEqual([0, 0, 0, 255]);
  });

  it("montage rejects an empty list and bad options", () => {
    for (const f of [() => montage([]), () => montage([solid(1, 1, [0, 0, 0])], { columns: 0 }), () => montage([solid(1, 1, [0, 0, 0])], { gapPx: -1 })]) {
      try {
        f();
        expect.unreachable();
      } catch (err) {
        expect(isFlarekitError(err, "INVALID_ARGUMENT")).toBe(true);
      }
    }
  });
});

describe("show", () => {
  it('show(image)[Symbol.for("Jupyter.display")]() returns { "image/png": base64 } of a valid PNG of that image', () => {
    const img = solid(3, 2, [10, 20, 30]);
    const shown = show(img);
    expect(shown).toBeInstanceOf(ShownImage);
    const bundle = (shown as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]();
    expect(Object.keys(bundle)).toEqual(["image/png"]);
    const decoded = decodePng(new Uint8Array(Buffer.from(bundle["image/png"], "base64")));
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect(Array.from(decoded.rgba)).toEqual(Array.from(img.rgba));
    expect(shown.toDataURL()).toBe(`data:image/png;base64,${bundle["image/png"]}`);
    expect(String(shown)).toBe("ShownImage 3×2");
  });

  it("show(volume, options) renders the slice as renderSlice does", () => {
    const v = createVolume(new Int16Array([0, 100, 50, 250]), [2, 2, 1]);
    const shown = show(v, { window: "auto" });
    expect(Array.from(shown.rgba)).toEqual(Array.from(renderSlice(v, { window: "auto" }).rgba));
  });

  it("show(phantom CT with labels): organs land where radiologists expect them on an axial slice", () => {
    const { ct, labels } = makePhantom({ shape: [128, 128, 32], spacing: [3, 3, 5] });
    const shown = show(ct, { labels, index: 20, alpha: 1 });
    // Count pure organ colours in each image half: liver (red) left, spleen (blue) right, kidneys (green) lower half.
    let redLeft = 0, redRight = 0, blueLeft = 0, blueRight = 0, greenTop = 0, greenBottom = 0;
    for (let y = 0; y < shown.height; y++)
      for (let x = 0; x < shown.width; x++) {
        const [r, g, b] = px(shown, x, y);
        const left = x < shown.width / 2;
        if (r === 255 && g === 0 && b === 0) left ? redLeft++ : redRight++;
        if (r === 0 && g === 0 && b === 255) left ? blueLeft++ : blueRight++;
        if (r === 0 && g === 255 && b === 0) y < shown.height / 2 ? greenTop++ : greenBottom++;
      }
    expect(redLeft).toBeGreaterThan(4 * (redRight + 1)); // the left lobe crosses the midline a little
    expect(blueRight).toBeGreaterThan(10 * (blueLeft + 1));
    expect(greenBottom).toBeGreaterThan(10 * (greenTop + 1));
  });
});

describe("volumes display themselves once flarekit/render is imported", () => {
  it('a CT Volume\'s [Symbol.for("Jupyter.display")]() is the PNG of its middle axial slice in the 40 / 400 window', () => {
    const ct = createVolume(new Int16Array([-1000, 40, 240, -160, 0, 0, 0, 0]), [2, 2, 2]);
    const bundle = (ct as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]();
    const png = decodePng(new Uint8Array(Buffer.from(bundle["image/png"], "base64")));
    // middle slice k = 1 is all zeros → grey 102; k = 0 would hold the −1000 … 240 values
    expect(Array.from(png.rgba)).toEqual(Array.from(renderSlice(ct, { index: 1 }).rgba));
    expect(bundle).toEqual(volumeMimeBundle(ct));
  });

  it("a uint8 label map shows in FLARE colours over black; complex volumes fall back to text", () => {
    const labels = createVolume(new Uint8Array([0, 1, 2, 3]), [2, 2, 1]);
    const png = decodePng(new Uint8Array(Buffer.from((volumeMimeBundle(labels) as { "image/png": string })["image/png"], "base64")));
    // row 0 = y 1: voxels (1,1)=3 spleen blue, (0,1)=2 kidney green; row 1: (1,0)=1 liver red, (0,0)=0 black
    expect(Array.from(png.rgba)).toEqual([0, 0, 255, 255, 0, 255, 0, 255, 255, 0, 0, 255, 0, 0, 0, 255]);
    const complex = createVolume(new Float32Array(4), [2, 1, 1], { dtype: "complex64" });
    expect(volumeMimeBundle(complex)).toEqual({ "text/plain": String(complex) });
  });
});
