import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { createVolume, type Volume } from "../../src/core/volume.ts";
import { fillHoles, keepLargest, labelComponents, removeSmallComponents, type Connectivity } from "../../src/components/index.ts";
import { describeShared, sharedJson, sharedPath } from "../helpers/shared.ts";

interface Expected {
  spacing: number[];
  connectivity: Record<string, { output: string; count: number; sizes: number[]; labels: number[]; sha256_uint32_le_fortran: string }>;
  keep_largest: { k: Record<string, number>; connectivity: number; output: string; sha256_uint8: string };
  remove_small: { min_voxels: number; connectivity: number; output: string; sha256_uint8: string };
  fill_holes: { output: string; sha256_uint8: string };
}

// Minimal NIfTI-1 (little-endian, uint8/uint16) reader for the reference files.
function readRef(name: string): Volume {
  const b = gunzipSync(readFileSync(sharedPath(`processing/components/${name}`)));
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ndim = dv.getInt16(40, true);
  const shape = Array.from({ length: ndim }, (_, i) => dv.getInt16(42 + 2 * i, true));
  const datatype = dv.getInt16(70, true);
  const offset = dv.getFloat32(108, true);
  const n = shape.reduce((a, c) => a * c, 1);
  const spacing = [1, 2, 3].map((i) => dv.getFloat32(76 + 4 * i, true));
  const bytes = b.slice(offset, offset + n * (datatype === 2 ? 1 : 2));
  const data = datatype === 2 ? new Uint8Array(bytes.buffer, bytes.byteOffset, n) : new Uint16Array(bytes.buffer, bytes.byteOffset, n);
  return createVolume(data, shape, { spacing });
}

const sha256 = (a: ArrayBufferView): string =>
  createHash("sha256").update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest("hex");

describeShared("flarekit/components on processing/components/expected.json", () => {
  const expected = sharedJson<Expected>("processing/components/expected.json");
  const input = readRef("noisy_labels.nii.gz");

  for (const c of ["6", "18", "26"]) {
    it(`labelComponents(noisy, { connectivity: ${c} }) matches count, sizes, labels and sha256`, () => {
      const e = expected.connectivity[c];
      const r = labelComponents(input, { connectivity: Number(c) as Connectivity });
      expect(r.count).toBe(e.count);
      expect(r.components.map((x) => x.voxelCount)).toEqual(e.sizes);
      expect(r.components.map((x) => x.label)).toEqual(e.labels);
      expect(sha256(Uint32Array.from(r.volume.data))).toBe(e.sha256_uint32_le_fortran);
      const ref = readRef(e.output);
      expect(Array.from(r.volume.data)).toEqual(Array.from(ref.data));
    });
  }

  it("keepLargest(noisy, { k: {1:1,2:2,3:1,4:1}, connectivity: 26 }) matches keep_largest_k", () => {
    const e = expected.keep_largest;
    const k = Object.fromEntries(Object.entries(e.k).map(([a, b]) => [Number(a), b]));
    const out = keepLargest(input, { k, connectivity: e.connectivity as Connectivity });
    expect(sha256(out.data as Uint8Array)).toBe(e.sha256_uint8);
  });

  it("removeSmallComponents(noisy, { minVoxels: 8, connectivity: 26 }) matches remove_small_8", () => {
    const e = expected.remove_small;
    const out = removeSmallComponents(input, { minVoxels: e.min_voxels, connectivity: e.connectivity as Connectivity });
    expect(sha256(out.data as Uint8Array)).toBe(e.sha256_uint8);
  });

  it("fillHoles(noisy) matches fill_holes", () => {
    const out = fillHoles(input);
    expect(sha256(out.data as Uint8Array)).toBe(expected.fill_holes.sha256_uint8);
  });
});
