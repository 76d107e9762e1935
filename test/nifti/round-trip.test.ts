import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  createVolume, readNifti, readNiftiHeader, readNiftiAsync, writeNifti, scaledData, DTYPES, type DType,
  diagonalAffine, axisCodes, reorientToCanonical, affinesClose,
} from "../../src/index.ts";
import { readNiftiFileSync } from "../../src/node/nifti-files.ts";
import { describeShared, sharedJson, sharedPath } from "../helpers/shared.ts";
import { voxelSha256 } from "../helpers/voxel-hash.ts";

const ALL: DType[] = ["uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64", "complex64", "complex128", "rgb24", "rgba32"];

function filled(dtype: DType, voxels: number) {
  const info = DTYPES[dtype];
  const a = new info.arrayType(voxels * info.components);
  for (let i = 0; i < a.length; i++) {
    if (a instanceof BigInt64Array) a[i] = BigInt(i * 7919 - 40000) * 1000000007n;
    else if (a instanceof BigUint64Array) a[i] = BigInt(i) * 18446744073709n;
    else (a as Float64Array)[i] = info.integer ? (i * 37) % 251 : (i - 3) * 0.37;
  }
  return a;
}

describe("writeNifti(volume) → readNifti", () => {
  for (const dtype of ALL) {
    for (const version of [1, 2] as const) {
      it(`round-trips ${dtype} voxels, shape, spacing and affine (NIfTI-${version}, gzip)`, () => {
        const data = filled(dtype, 3 * 4 * 5);
        const affine = [[-0.8, 0, 0, 100.5], [0, -0.8, 0, 80.25], [0, 0, 2.5, -300], [0, 0, 0, 1]];
        const v = createVolume(data, [3, 4, 5], { dtype, affine });
        const back = readNifti(writeNifti(v, { gzip: true, version }));
        expect(back.dtype).toBe(dtype);
        expect(back.shape).toEqual([3, 4, 5]);
        expect(Array.from(back.data as ArrayLike<unknown>)).toEqual(Array.from(data as ArrayLike<unknown>));
        expect(back.spacing).toEqual([Math.fround(0.8), Math.fround(0.8), 2.5].map((x) => (version === 1 ? x : x === Math.fround(0.8) ? 0.8 : x)));
        expect(affinesClose(back.affine, affine, 1e-5)).toBe(true);
        expect(back.nifti?.source.format).toBe(`nifti${version}`);
        expect(back.nifti?.header.vox_offset).toBe(version === 1 ? 352 : 544);
        expect(back.nifti?.header.qform_code).toBe(1);
        expect(back.nifti?.header.sform_code).toBe(1);
        expect(back.nifti?.affineSource).toBe("sform");
      });
    }
  }

  it("a new volume's qform encodes the same affine as its sform (rotation, flip, offsets)", () => {
    const c = Math.cos(0.3), s = Math.sin(0.3);
    const affine = [[-0.7 * c, 0.7 * s, 0, 12], [0.7 * s, 0.7 * c, 0, -4], [0, 0, -3, 55], [0, 0, 0, 1]];
    const v = createVolume(new Int16Array(8), [2, 2, 2], { affine });
    const info = readNiftiHeader(writeNifti(v));
    const { qformAffine } = awaitImport();
    expect(affinesClose(qformAffine(info.header), affine, 1e-5)).toBe(true);
  });

  it("keeps slope and intercept; scaledData applies them", () => {
    const v = createVolume(new Int16Array([0, 100, -100, 2000]), [4, 1, 1], { scaling: { slope: 0.5, intercept: -1024 } });
    const back = readNifti(writeNifti(v));
    expect(back.scaling).toEqual({ slope: 0.5, intercept: -1024 });
    expect(Array.from(scaledData(back))).toEqual([-1024, -974, -1074, -24]);
  });

  it("property: any int16 volume with any positive spacing round-trips exactly", () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })),
        fc.tuple(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true })),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (shape, spacing, seed) => {
          const n = shape[0] * shape[1] * shape[2];
          const data = new Int16Array(n).map((_, i) => ((seed + i * 2654435761) % 65536) - 32768);
          const v = createVolume(data, shape, { spacing });
          const back = readNifti(writeNifti(v, { gzip: seed % 2 === 0 }));
          expect(Array.from(back.data as ArrayLike<number>)).toEqual(Array.from(data));
          back.spacing.forEach((s, i) => expect(s).toBe(Math.fround(spacing[i])));
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});

import * as niftiApi from "../../src/nifti/index.ts";
function awaitImport() {
  return niftiApi;
}

describe("readNifti input forms", () => {
  const v = createVolume(new Int16Array([1, -2, 3, -4, 5, -6, 7, -8]), [2, 2, 2], { spacing: [0.5, 0.5, 2] });
  const bytes = writeNifti(v, { gzip: true });

  it("accepts an ArrayBuffer", () => {
    expect(Array.from(readNifti(bytes.slice().buffer).data as ArrayLike<number>)).toEqual(Array.from(v.data as ArrayLike<number>));
  });
  it("accepts a Node Buffer view at an odd byteOffset (data copied to align)", () => {
    const raw = writeNifti(v);
    const big = Buffer.alloc(raw.length + 3);
    big.set(raw, 3);
    const view = big.subarray(3);
    expect(view.byteOffset % 2).toBe(1);
    expect(Array.from(readNifti(view).data as ArrayLike<number>)).toEqual(Array.from(v.data as ArrayLike<number>));
  });
  it("accepts a Blob, a Response and a ReadableStream", async () => {
    expect(Array.from((await readNiftiAsync(new Blob([bytes]))).data as ArrayLike<number>)).toEqual(Array.from(v.data as ArrayLike<number>));
    expect(Array.from((await readNiftiAsync(new Response(bytes))).data as ArrayLike<number>)).toEqual(Array.from(v.data as ArrayLike<number>));
    const stream = new ReadableStream<Uint8Array>({
      start(ctrl) {
        for (let i = 0; i < bytes.length; i += 100) ctrl.enqueue(bytes.slice(i, i + 100));
        ctrl.close();
      },
    });
    expect(Array.from((await readNiftiAsync(stream)).data as ArrayLike<number>)).toEqual(Array.from(v.data as ArrayLike<number>));
  });
  it("reads a header/image pair given as bytes", () => {
    const nii = writeNifti(v);
    const hdr = nii.slice(0, 348);
    hdr.set([0x6e, 0x69, 0x31, 0], 344); // magic "ni1"
    new DataView(hdr.buffer).setFloat32(108, 0, true); // vox_offset 0 in the .img
    const img = nii.slice(352);
    expect(Array.from(readNifti(hdr, { image: img }).data as ArrayLike<number>)).toEqual(Array.from(v.data as ArrayLike<number>));
  });
  it("unpacks DT_BINARY (datatype 1) most significant bit first", () => {
    const nii = writeNifti(createVolume(new Uint8Array(16), [16, 1, 1]));
    const hdr = new Uint8Array(nii.length);
    hdr.set(nii);
    const dv = new DataView(hdr.buffer);
    dv.setInt16(70, 1, true);
    dv.setInt16(72, 1, true);
    hdr[352] = 0b10110000;
    hdr[353] = 0b00000001;
    expect(Array.from(readNifti(hdr).data as ArrayLike<number>)).toEqual([1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
  it("prints as one line in a REPL", async () => {
    const { inspect } = await import("node:util");
    expect(inspect(readNifti(bytes))).toBe("Volume<int16> 2×2×2 @ 0.50×0.50×2.00 mm");
  });
});

describeShared("read → write → read on the real corpus keeps voxels and header fields", () => {
  const index = sharedJson<{ file: string; readable: boolean; truth: string }[]>("nifti/truth/index.json");
  for (const entry of index) {
    const truth = sharedJson<Record<string, unknown>>(`nifti/truth/${entry.truth}`);
    if (!entry.readable || String(truth.data_note ?? "").includes("header-only")) continue;
    it(entry.file, () => {
      const v = readNiftiFileSync(sharedPath(`nifti/${entry.file}`));
      const version = v.nifti?.source.format === "nifti2" || v.shape.some((n) => n > 32767) ? 2 : 1;
      const back = readNifti(writeNifti(v, { gzip: true, level: 1 }));
      expect(voxelSha256(back)).toBe(voxelSha256(v));
      expect(back.shape).toEqual(v.shape);
      expect(back.affine).toEqual(v.affine);
      expect(back.scaling).toEqual(v.scaling);
      expect(back.nifti?.source.format).toBe(`nifti${version}`);
      expect(back.nifti?.extensions.map((e) => [e.code, e.content.length])).toEqual(v.nifti?.extensions.map((e) => [e.code, e.content.length]));
      if (v.nifti?.source.format === `nifti${version}` && v.nifti?.source.storage === "single") {
        const a = { ...v.nifti!.header } as Record<string, unknown>;
        const b = { ...back.nifti!.header } as Record<string, unknown>;
        if (v.nifti!.header.datatype === 1) { delete a.datatype; delete a.bitpix; delete b.datatype; delete b.bitpix; }
        expect(b).toEqual(a);
      }
    });
  }
  it("reorientToCanonical output writes and reads back as RAS with the same voxels", () => {
    const v = readNiftiFileSync(sharedPath("nifti/niivue/packages/niivue/tests/images/nifti_space/LIA.nii.gz"));
    const c = reorientToCanonical(v);
    const back = readNifti(writeNifti(c));
    expect(axisCodes(back.affine)).toBe("RAS");
    expect(voxelSha256(back)).toBe(voxelSha256(c));
    expect(affinesClose(back.affine, c.affine, 1e-4)).toBe(true);
  });
});

describe("readNiftiHeader inflates only what it needs", () => {
  it("parses the header from the first bytes of a large .nii.gz", () => {
    const v = createVolume(new Int16Array(128 * 128 * 64).map((_, i) => (i * 2654435761) >>> 20), [128, 128, 64], { spacing: diagonalAffine()[0].slice(0, 3).map(() => 0.9) });
    const gz = writeNifti(v, { gzip: true, level: 1 });
    const prefix = gz.subarray(0, 2048);
    const info = readNiftiHeader(prefix);
    expect(info.shape).toEqual([128, 128, 64]);
    expect(info.dtype).toBe("int16");
  });
});
