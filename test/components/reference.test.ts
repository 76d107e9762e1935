import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import type { Volume } from "../../src/core/volume.ts";
import { readNiftiFileSync } from "../../src/node/index.ts";
import { fillHoles, keepLargest, labelComponents, removeSmallComponents, type Connectivity } from "../../src/components/index.ts";
import { describeShared, sharedJson, sharedPath } from "../helpers/shared.ts";

interface Expected {
  spacing: number[];
  connectivity: Record<string, { output: string; count: number; sizes: number[]; labels: number[]; sha256_uint32_le_fortran: string }>;
  keep_largest: { k: Record<string, number>; connectivity: number; output: string; sha256_uint8: string };
  remove_small: { min_voxels: number; connectivity: number; output: string; sha256_uint8: string };
  fill_holes: { output: string; sha256_uint8: string };
}

function readRef(name: string): Volume {
  return readNiftiFileSync(sharedPath(`processing/components/${name}`));
}

const sha256 = (a: ArrayBufferView): string =>
  createHash("sha256").update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest("hex");

describeShared("flarekit/components on processing/components/expected.json", () => {
  const expected = sharedJson<Expected>("processing/components/expected.json");
  const input = readRef("noisy_labels.nii.gz");

  it("the input is read with the spacing expected.json states", () => {
    expect([...input.spacing]).toEqual(expected.spacing);
    expect(input.dtype).toBe("uint8");
  });

  for (const c of ["6", "18", "26"]) {
    it(`labelComponents(noisy, { connectivity: ${c} }) matches count, sizes, labels and sha256`, () => {
      const e = expected.connectivity[c];
      const r = labelComponents(input, { connectivity: Number(c) as Connectivity });
      expect(r.count).toBe(e.count);
      expect(r.components.map((x) => x.voxelCount)).toEqual(e.sizes);
      expect(r.components.map((x) => x.label)).toEqual(e.labels);
      expect(sha256(Uint32Array.from(r.volume.data))).toBe(e.sha256_uint32_le_fortran);
      const ref = readRef(e.output);
      expect(Array.from(r.volume.data)).toEqual(Array.from(ref.data as Uint16Array));
    });
  }

  it("keepLargest(noisy, { k: {1:1,2:2,3:1,4:1}, connectivity: 26 }) matches keep_largest_k", () => {
    const e = expected.keep_largest;
    const k = Object.fromEntries(Object.entries(e.k).map(([a, b]) => [Number(a), b]));
    const out = keepLargest(input, { k, connectivity: e.connectivity as Connectivity });
    expect(sha256(out.data as Uint8Array)).toBe(e.sha256_uint8);
    expect(Array.from(out.data as Uint8Array)).toEqual(Array.from(readRef(e.output).data as Uint8Array));
  });

  it("removeSmallComponents(noisy, { minVoxels: 8, connectivity: 26 }) matches remove_small_8", () => {
    const e = expected.remove_small;
    const out = removeSmallComponents(input, { minVoxels: e.min_voxels, connectivity: e.connectivity as Connectivity });
    expect(sha256(out.data as Uint8Array)).toBe(e.sha256_uint8);
    expect(Array.from(out.data as Uint8Array)).toEqual(Array.from(readRef(e.output).data as Uint8Array));
  });

  it("fillHoles(noisy) matches fill_holes", () => {
    const out = fillHoles(input);
    expect(sha256(out.data as Uint8Array)).toBe(expected.fill_holes.sha256_uint8);
    expect(Array.from(out.data as Uint8Array)).toEqual(Array.from(readRef(expected.fill_holes.output).data as Uint8Array));
  });
});
