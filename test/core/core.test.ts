import { describe, it, expect, afterEach } from "vitest";
import fc from "fast-check";
import { build } from "esbuild";
import { inspect } from "node:util";
import { createVolume, scaledData, readNifti, writeNifti, volumeLike, hasDType, isFlarekitError, InvalidArgumentError, invertAffine, multiplyAffines, applyAffine } from "../../src/index.ts";
import { useNativeZlib, gunzip, gzip } from "../../src/core/gzip.ts";
import { REPO_ROOT } from "../helpers/shared.ts";

describe("Volume", () => {
  it("createVolume checks the data length against the shape", () => {
    expect(() => createVolume(new Int16Array(7), [2, 2, 2])).toThrow(InvalidArgumentError);
    expect(() => createVolume(new Int16Array(8), [2, 2, 2], { spacing: [1, 0, 1] })).toThrow(/spacing/);
  });
  it("prints as one line, like Volume<int16> 512×512×97 @ 0.78×0.78×2.50 mm", () => {
    const v = createVolume(new Int16Array(512 * 512 * 2), [512, 512, 2], { spacing: [0.78125, 0.78125, 2.5] });
    expect(inspect(v)).toBe("Volume<int16> 512×512×2 @ 0.78×0.78×2.50 mm");
    expect(String(volumeLike(v, new Uint8Array(v.voxelCount)))).toBe("Volume<uint8> 512×512×2 @ 0.78×0.78×2.50 mm");
  });
  it("hasDType narrows", () => {
    const v = createVolume(new Float32Array(1), [1, 1, 1]);
    expect(hasDType(v, "float32")).toBe(true);
    expect(hasDType(v, "int16")).toBe(false);
  });
});

describe("scaledData(volume)", () => {
  it("float32 output equals numpy float32 arithmetic: fround(fround(raw × slope) + inter)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -32768, max: 32767 }), fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-100), max: Math.fround(100) }), fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-2000), max: Math.fround(2000) }), (raw, slope, inter) => {
        fc.pre(slope !== 0);
        const v = createVolume(new Int16Array([raw]), [1, 1, 1], { scaling: { slope, intercept: inter } });
        expect(scaledData(v)[0]).toBe(Math.fround(Math.fround(raw * slope) + inter));
        expect(scaledData(v, { dtype: "float64" })[0]).toBe(raw * slope + inter);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
  it("unscaled int16 converts exactly; out is reused", () => {
    const v = createVolume(new Int16Array([-1024, 0, 3071]), [3, 1, 1]);
    const out = new Float32Array(3);
    expect(scaledData(v, { out })).toBe(out);
    expect(Array.from(out)).toEqual([-1024, 0, 3071]);
    expect(() => scaledData(v, { out: new Float32Array(2) })).toThrow(/out.length/);
  });
});

describe("gzip in every runtime", () => {
  afterEach(() => useNativeZlib(true));
  it("the fflate path (browsers) reads what native zlib reads, and vice versa", () => {
    const v = createVolume(new Int16Array(40 * 40 * 10).map((_, i) => (i * 31) % 2000 - 1000), [40, 40, 10]);
    const nativeGz = writeNifti(v, { gzip: true });
    useNativeZlib(false);
    const fflateGz = writeNifti(v, { gzip: true });
    expect(Array.from(readNifti(nativeGz).data as ArrayLike<number>)).toEqual(Array.from(v.data));
    useNativeZlib(true);
    expect(Array.from(readNifti(fflateGz).data as ArrayLike<number>)).toEqual(Array.from(v.data));
  });
  it("gunzip decodes concatenated gzip members (both paths)", () => {
    const a = gzip(new Uint8Array([1, 2, 3]));
    const b = gzip(new Uint8Array([4, 5]));
    const both = new Uint8Array([...a, ...b]);
    expect(Array.from(gunzip(both, { maxBytes: 100 }).data)).toEqual([1, 2, 3, 4, 5]);
    useNativeZlib(false);
    expect(Array.from(gunzip(both, { maxBytes: 100 }).data)).toEqual([1, 2, 3, 4, 5]);
  });
  it("a corrupt stream is a CORRUPT_GZIP error on both paths", () => {
    const bad = gzip(new Uint8Array(1000).fill(9)).slice();
    bad[12] ^= 0xff;
    bad[13] ^= 0xff;
    for (const native of [true, false]) {
      useNativeZlib(native);
      let err: unknown;
      try { gunzip(bad, { maxBytes: 1e6 }); } catch (e) { err = e; }
      expect(isFlarekitError(err, "CORRUPT_GZIP"), String(err)).toBe(true);
    }
  });
});

describe("affine helpers", () => {
  it("invertAffine(a) · a is the identity and applyAffine maps voxel centres", () => {
    const a = [[-0.8, 0.1, 0, 10], [0, 0.8, 0.2, -20], [0.05, 0, 2.5, 30], [0, 0, 0, 1]];
    const id = multiplyAffines(invertAffine(a), a);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) expect(id[r][c]).toBeCloseTo(r === c ? 1 : 0, 12);
    expect(applyAffine(a, [1, 2, 3])).toEqual([-0.8 + 0.2 + 10, 1.6 + 0.6 - 20, 0.05 + 7.5 + 30]);
  });
});

describe("platform-neutral entries", () => {
  for (const entry of ["src/index.ts", "src/nifti/index.ts", "src/ndarray/index.ts"]) {
    it(`${entry} bundles for the browser with no node:* import`, async () => {
      const result = await build({
        entryPoints: [`${REPO_ROOT}/${entry}`],
        bundle: true,
        write: false,
        platform: "browser",
        format: "esm",
        metafile: true,
        external: ["ndarray"],
        logLevel: "silent",
      });
      const inputs = Object.keys(result.metafile.inputs);
      const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
      expect(inputs.some((p) => p.startsWith("node:")) || imports.some((p) => p.startsWith("node:"))).toBe(false);
      expect(inputs.some((p) => p.includes("src/node/"))).toBe(false);
    });
  }
});
