import fc from "fast-check";
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { isFlarekitError } from "../../src/core/errors.ts";
import { base64 } from "../../src/render/base64.ts";
import { crc32 } from "../../src/render/crc32.ts";
import { encodePng } from "../../src/render/index.ts";
import { decodePng } from "./png-decode.ts";

describe("crc32 and base64 (internal)", () => {
  it('crc32("123456789") is the standard check value 0xCBF43926', () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
  it("crc32 agrees with node:zlib crc32 on random bytes, also when chained", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.uint8Array({ maxLength: 100 }), (a, b) => {
        expect(crc32(a)).toBe(zlibCrc32(a));
        expect(crc32(b, crc32(a))).toBe(zlibCrc32(Buffer.concat([a, b])));
      }),
    );
  });
  it("base64 agrees with Buffer's base64 for every length mod 3", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (a) => {
        expect(base64(a)).toBe(Buffer.from(a).toString("base64"));
      }),
    );
    expect(base64(new Uint8Array(30000).fill(7))).toBe(Buffer.alloc(30000, 7).toString("base64"));
  });
});

describe("encodePng", () => {
  it("encodePng writes signature, IHDR (8-bit RGB when opaque), IDAT, IEND with valid CRCs", () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255]);
    const png = encodePng({ width: 3, height: 2, rgba });
    const d = decodePng(png);
    expect([d.width, d.height, d.bitDepth, d.colorType, d.compression, d.filter, d.interlace]).toEqual([3, 2, 8, 2, 0, 0, 0]);
    expect(d.chunkTypes).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(Array.from(d.rgba)).toEqual(Array.from(rgba));
  });

  it("encodePng keeps alpha (colour type 6) when a pixel is translucent or when asked", () => {
    const rgba = new Uint8ClampedArray([1, 2, 3, 4, 5, 6, 7, 255]);
    const d = decodePng(encodePng({ width: 2, height: 1, rgba }));
    expect(d.colorType).toBe(6);
    expect(Array.from(d.rgba)).toEqual(Array.from(rgba));
    const opaque = new Uint8ClampedArray([1, 2, 3, 255]);
    expect(decodePng(encodePng({ width: 1, height: 1, rgba: opaque }, { color: "rgba" })).colorType).toBe(6);
  });

  it("encodePng round-trips random images through an independent decoder at every level (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 9 }),
        fc.integer(),
        (w, h, opaque, level, seed) => {
          const rgba = new Uint8ClampedArray(w * h * 4);
          let s = seed | 0;
          for (let i = 0; i < rgba.length; i++) {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            // mostly smooth values with some jumps, to exercise every filter type
            rgba[i] = i % 4 === 3 && opaque ? 255 : (s >>> 24) % 3 === 0 ? s >>> 24 : (i * 7) % 256;
          }
          const d = decodePng(encodePng({ width: w, height: h, rgba }, { level: level as 0 }));
          expect(d.width).toBe(w);
          expect(d.height).toBe(h);
          expect(Array.from(d.rgba)).toEqual(Array.from(rgba));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("encodePng compresses a smooth gradient well below its raw size", () => {
    const w = 256, h = 256;
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgba.set([x, y, (x + y) >> 1, 255], (y * w + x) * 4);
    const png = encodePng({ width: w, height: h, rgba });
    expect(png.length).toBeLessThan((w * h * 3) / 20);
    expect(Array.from(decodePng(png).rgba)).toEqual(Array.from(rgba));
  });

  it("encodePng rejects a wrong rgba length or size with InvalidArgumentError", () => {
    for (const img of [
      { width: 2, height: 2, rgba: new Uint8ClampedArray(15) },
      { width: 0, height: 1, rgba: new Uint8ClampedArray(0) },
      { width: 1.5, height: 1, rgba: new Uint8ClampedArray(6) },
    ]) {
      try {
        encodePng(img);
        expect.unreachable();
      } catch (err) {
        expect(isFlarekitError(err, "INVALID_ARGUMENT")).toBe(true);
      }
    }
  });
});
