import { describe, it, expect } from "vitest";
import ndarray from "ndarray";
import ops from "ndarray-ops";
import { createVolume, readNifti, writeNifti } from "../../src/index.ts";
import { toNdarray, fromNdarray } from "../../src/ndarray/index.ts";

describe("toNdarray(volume) / fromNdarray(array)", () => {
  it("toNdarray is a zero-copy (x, y, z) view: ndarray-ops applied to it change the volume", () => {
    const v = createVolume(new Int16Array(2 * 3 * 4).map((_, i) => i), [2, 3, 4]);
    const a = toNdarray(v);
    expect(a.data).toBe(v.data);
    expect(a.get(1, 2, 3)).toBe(1 + 2 * 2 + 3 * 6);
    ops.addseq(a, 100);
    expect(v.data[0]).toBe(100);
    expect(v.data[23]).toBe(123);
    // a slice view: x = 0 plane, then multiply it
    ops.mulseq(a.pick(0, null, null), 2);
    expect(v.data[0]).toBe(200);
    expect(v.data[1]).toBe(101);
  });
  it("fromNdarray of a column-major array shares the buffer and keeps spacing", () => {
    const a = ndarray(new Float32Array(8).map((_, i) => i), [2, 2, 2], [1, 2, 4]);
    const v = fromNdarray(a, { spacing: [0.8, 0.8, 2.5] });
    expect(v.data).toBe(a.data);
    expect(v.spacing).toEqual([0.8, 0.8, 2.5]);
  });
  it("fromNdarray of a transposed (row-major) array copies into storage order", () => {
    const rowMajor = ndarray(new Uint8Array([0, 1, 2, 3, 4, 5]), [2, 3]); // shape (x=2, y=3), C order
    const v = fromNdarray(rowMajor);
    expect(v.data).not.toBe(rowMajor.data);
    expect(Array.from(v.data as ArrayLike<number>)).toEqual([0, 3, 1, 4, 2, 5]);
    const back = readNifti(writeNifti(v));
    expect(toNdarray(back).get(1, 2)).toBe(rowMajor.get(1, 2));
  });
  it("RGB volumes get a trailing channel axis", () => {
    const v = createVolume(new Uint8Array(2 * 1 * 1 * 3).map((_, i) => i), [2, 1, 1], { dtype: "rgb24" });
    const a = toNdarray(v);
    expect(a.shape).toEqual([2, 1, 1, 3]);
    expect(a.get(1, 0, 0, 2)).toBe(5);
    expect(fromNdarray(a, { dtype: "rgb24" }).data).toBe(v.data);
  });
  it("refuses 64-bit integer volumes with a clear error", () => {
    expect(() => toNdarray(createVolume(new BigInt64Array(1), [1, 1, 1]))).toThrow(/int64/);
  });
});
