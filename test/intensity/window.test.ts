import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFlarekitError } from "../../src/core/errors.ts";
import { createVolume } from "../../src/core/volume.ts";
import { applyWindow, WINDOW_PRESETS, windowValue, type WindowFunction } from "../../src/intensity/index.ts";

const W = { center: 40, width: 400 };

describe("windowValue — hand-computed boundary values (c = 40, w = 400)", () => {
  it('"linear" (DICOM C.11.2.1.2.1): 0 up to c − 0.5 − (w − 1)/2 = −160, 1 above c − 0.5 + (w − 1)/2 = 239', () => {
    expect(windowValue(-1000, W, "linear")).toBe(0);
    expect(windowValue(-160, W, "linear")).toBe(0);
    expect(windowValue(-159.5, W, "linear")).toBeCloseTo(0.5 / 399, 15); // ((−159.5 − 39.5)/399 + 0.5)
    expect(windowValue(-159, W, "linear")).toBeCloseTo(1 / 399, 15);
    expect(windowValue(39.5, W, "linear")).toBe(0.5);
    expect(windowValue(40, W, "linear")).toBeCloseTo(0.5 + 0.5 / 399, 15);
    expect(windowValue(238, W, "linear")).toBeCloseTo(1 - 1 / 399, 15);
    expect(windowValue(239, W, "linear")).toBe(1); // still the formula: 199.5/399 + 0.5
    expect(windowValue(239.0001, W, "linear")).toBe(1);
    expect(windowValue(3000, W, "linear")).toBe(1);
  });

  it('"linear-exact" (DICOM C.11.2.1.3.2): 0 up to c − w/2 = −160, 1 above c + w/2 = 240', () => {
    expect(windowValue(-160, W, "linear-exact")).toBe(0);
    expect(windowValue(-159, W, "linear-exact")).toBeCloseTo(1 / 400, 15);
    expect(windowValue(40, W, "linear-exact")).toBe(0.5);
    expect(windowValue(239, W, "linear-exact")).toBeCloseTo(399 / 400, 15);
    expect(windowValue(240, W, "linear-exact")).toBe(1);
    expect(windowValue(240.5, W, "linear-exact")).toBe(1);
  });

  it('"sigmoid" (DICOM C.11.2.1.3.1): 1/(1 + exp(−4(x − c)/w))', () => {
    expect(windowValue(40, W, "sigmoid")).toBe(0.5);
    expect(windowValue(140, W, "sigmoid")).toBeCloseTo(1 / (1 + Math.exp(-1)), 15); // 0.7310585786…
    expect(windowValue(140, W, "sigmoid")).toBeCloseTo(0.7310585786300049, 12);
    expect(windowValue(-160, W, "sigmoid")).toBeCloseTo(0.11920292202211755, 12); // 1/(1 + e²)
  });

  it('"clip": clamp((x − (c − w/2))/w, 0, 1)', () => {
    expect(windowValue(-161, W, "clip")).toBe(0);
    expect(windowValue(-160, W, "clip")).toBe(0);
    expect(windowValue(-159, W, "clip")).toBe(1 / 400);
    expect(windowValue(40, W, "clip")).toBe(0.5);
    expect(windowValue(240, W, "clip")).toBe(1);
    expect(windowValue(241, W, "clip")).toBe(1);
  });

  it("width 1 with \"linear\" is a threshold at c − 0.5 (DICOM's w − 1 term)", () => {
    expect(windowValue(-0.5, { center: 0, width: 1 }, "linear")).toBe(0);
    expect(windowValue(-0.49, { center: 0, width: 1 }, "linear")).toBe(1);
  });

  it("width < 1, a NaN center and unknown names throw INVALID_ARGUMENT", () => {
    for (const bad of [() => windowValue(0, { center: 40, width: 0.5 }), () => windowValue(0, { center: NaN, width: 400 }), () => windowValue(0, "nope" as "abdomen"), () => windowValue(0, W, "gamma" as WindowFunction)]) {
      let caught: unknown;
      try {
        bad();
      } catch (err) {
        caught = err;
      }
      expect(isFlarekitError(caught, "INVALID_ARGUMENT")).toBe(true);
    }
  });

  it("every function is monotone non-decreasing and stays in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        fc.double({ min: 1, max: 3000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.constantFrom<WindowFunction>("clip", "linear", "linear-exact", "sigmoid"),
        (a, b, width, center, fn) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const ylo = windowValue(lo, { center, width }, fn);
          const yhi = windowValue(hi, { center, width }, fn);
          expect(ylo).toBeGreaterThanOrEqual(0);
          expect(yhi).toBeLessThanOrEqual(1);
          expect(ylo).toBeLessThanOrEqual(yhi);
        },
      ),
    );
  });
});

describe("applyWindow", () => {
  it("presets carry their documented values", () => {
    expect(WINDOW_PRESETS.abdomen).toMatchObject({ center: 40, width: 350 });
    expect(WINDOW_PRESETS["soft-tissue"]).toMatchObject({ center: 40, width: 400 });
    expect(WINDOW_PRESETS.liver).toMatchObject({ center: 90, width: 150 });
    expect(WINDOW_PRESETS.lung).toMatchObject({ center: -600, width: 1500 });
    expect(WINDOW_PRESETS.bone).toMatchObject({ center: 480, width: 2500 });
    expect(WINDOW_PRESETS.brain).toMatchObject({ center: 40, width: 80 });
    for (const p of Object.values(WINDOW_PRESETS)) expect(p.source.length).toBeGreaterThan(10);
  });

  it("applies scl_slope / scl_inter before windowing (int16 lookup-table path)", () => {
    // raw 1064 → 40 HU with intercept −1024
    const ct = createVolume(new Int16Array([0, 864, 1064, 1264, 3000]), [5, 1, 1], { scaling: { slope: 1, intercept: -1024 } });
    expect([...applyWindow(ct, W).data]).toEqual([0, 0, 0.5, 1, 1]);
    const half = createVolume(new Int16Array([0, 80, 480]), [3, 1, 1], { scaling: { slope: 0.5, intercept: 0 } });
    expect([...applyWindow(half, W, { function: "linear-exact" }).data]).toEqual([0.4, 0.5, 1].map(Math.fround));
  });

  it("uint8 output is round(255·y) (DICOM ymin = 0, ymax = 255)", () => {
    const ct = createVolume(new Int16Array([-160, -159, 39, 40, 239, 240]), [6, 1, 1]);
    // linear: y(−159) = 1/399 → 0.64 → 1; y(39) = 0.49875 → 127.18 → 127; y(40) = 0.50125 → 127.8 → 128
    expect([...applyWindow(ct, W, { function: "linear", output: "uint8" }).data]).toEqual([0, 1, 127, 128, 255, 255]);
    expect(applyWindow(ct, W, { output: "uint8" }).dtype).toBe("uint8");
  });

  it("the lookup-table path (int16) and the direct path (float32) agree on every function", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 1, maxLength: 50 }), fc.constantFrom<WindowFunction>("clip", "linear", "linear-exact", "sigmoid"), fc.boolean(), (values, fn, u8) => {
        const a = createVolume(Int16Array.from(values), [values.length, 1, 1], { scaling: { slope: 1, intercept: -1024 } });
        const b = createVolume(Float32Array.from(values, (v) => v - 1024), [values.length, 1, 1]);
        const output = u8 ? "uint8" : "float32";
        expect([...applyWindow(a, "liver", { function: fn, output }).data]).toEqual([...applyWindow(b, "liver", { function: fn, output }).data]);
      }),
    );
  });

  it("writes into `out` and returns a volume viewing it; a wrong `out` throws", () => {
    const ct = createVolume(new Int16Array([0, 40, 1000]), [3, 1, 1]);
    const out = new Float32Array(3);
    const r = applyWindow(ct, "abdomen", { out });
    expect(r.data).toBe(out);
    expect(() => applyWindow(ct, "abdomen", { out: new Float32Array(2) })).toThrow(/out/);
    expect(() => applyWindow(ct, "abdomen", { output: "uint8", out: new Float32Array(3) })).toThrow(/Uint8Array/);
  });
});
