// readNifti / readNiftiFile(Sync) with `into`: the voxels land in the caller's buffer (no allocation) when it
// is large enough, with the very values of a plain read; otherwise the plain read happens.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createVolume, readNifti, writeNifti } from "../../src/index.ts";
import { useNativeZlib } from "../../src/core/gzip.ts";
import { readNiftiFile, readNiftiFileSync, readNiftiFileSyncReusing } from "../../src/node/nifti-files.ts";
import { ReusableBuffer } from "../../src/node/reusable-buffer.ts";

const shape = [40, 30, 20];
const n = shape[0] * shape[1] * shape[2];
const values = Int16Array.from({ length: n }, (_, i) => ((i * 7919) % 4001) - 2000);
const volume = createVolume(values, shape, { spacing: [0.8, 0.8, 2.5] });
const gz = writeNifti(volume, { gzip: true });
const raw = writeNifti(volume);
const dir = mkdtempSync(join(tmpdir(), "flarekit-into-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readNifti(bytes, { into })", () => {
  it("inflates a .nii.gz into the given buffer; the data views it and equals a plain read", () => {
    const into = new Uint8Array(raw.length + 1000);
    const v = readNifti(gz, { into });
    expect(v.data.buffer).toBe(into.buffer);
    expect(Array.from(v.data as Int16Array)).toEqual(Array.from(values));
    // a second file into the same buffer replaces the first
    const other = writeNifti(createVolume(Int16Array.from(values, (x) => -x), shape), { gzip: true });
    const w = readNifti(other, { into });
    expect(w.data.buffer).toBe(into.buffer);
    expect((w.data as Int16Array)[1]).toBe(-values[1]);
  });

  it("falls back to a new buffer when `into` is too small, is the input itself, or native zlib is off", () => {
    const small = new Uint8Array(100);
    const a = readNifti(gz, { into: small });
    expect(a.data.buffer).not.toBe(small.buffer);
    expect(Array.from(a.data as Int16Array)).toEqual(Array.from(values));
    const b = readNifti(gz, { into: gz });
    expect(Array.from(b.data as Int16Array)).toEqual(Array.from(values));
    useNativeZlib(false);
    try {
      const into = new Uint8Array(raw.length + 1000);
      const c = readNifti(gz, { into });
      expect(Array.from(c.data as Int16Array)).toEqual(Array.from(values));
    } finally {
      useNativeZlib(true);
    }
  });

  it("refuses an `into` that is not a Uint8Array with a typed error (readNifti and the file readers)", () => {
    const bad = { into: new ArrayBuffer(raw.length + 64) as unknown as Uint8Array };
    expect(() => readNifti(gz, bad)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", argument: "into" }));
    writeFileSync(join(dir, "c.nii"), raw);
    expect(() => readNiftiFileSync(join(dir, "c.nii"), bad)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", argument: "into" }));
  });

  it("reports a truncated .nii.gz with the same error as without `into`", () => {
    const cut = gz.subarray(0, gz.length - 200);
    const plain = (() => {
      try {
        readNifti(cut);
      } catch (e) {
        return (e as { code?: string }).code;
      }
    })();
    expect(plain).toBeDefined();
    expect(() => readNifti(cut, { into: new Uint8Array(raw.length + 1000) })).toThrow(expect.objectContaining({ code: plain }));
  });
});

describe("readNiftiFile(Sync)(path, { into })", () => {
  writeFileSync(join(dir, "a.nii.gz"), gz);
  writeFileSync(join(dir, "a.nii"), raw);
  for (const name of ["a.nii.gz", "a.nii"]) {
    it(`${name}: sync and async reads land in the buffer with the plain read's values`, async () => {
      const into = new Uint8Array(raw.length + 64);
      const s = readNiftiFileSync(join(dir, name), { into });
      expect(s.data.buffer).toBe(into.buffer);
      expect(Array.from(s.data as Int16Array)).toEqual(Array.from(values));
      const into2 = new Uint8Array(raw.length + 64);
      const a = await readNiftiFile(join(dir, name), { into: into2 });
      expect(a.data.buffer).toBe(into2.buffer);
      expect(Array.from(a.data as Int16Array)).toEqual(Array.from(values));
      // too small: a plain read
      const tiny = new Uint8Array(64);
      expect(Array.from(readNiftiFileSync(join(dir, name), { into: tiny }).data as Int16Array)).toEqual(Array.from(values));
    });
  }
});

describe("readNiftiFileSyncReusing (dataset workers)", () => {
  it("reads .nii.gz and .nii case after case through the same buffers, with the plain read's values", () => {
    // large enough (≥ 1 MiB of voxels) for a buffer to be kept between cases
    const bigShape = [128, 128, 40];
    const big = Int16Array.from({ length: 128 * 128 * 40 }, (_, i) => ((i * 7919) % 4001) - 2000);
    const bigVolume = createVolume(big, bigShape);
    writeFileSync(join(dir, "b.nii.gz"), writeNifti(bigVolume, { gzip: true }));
    writeFileSync(join(dir, "b.nii"), writeNifti(bigVolume));
    const file = new ReusableBuffer();
    const voxels = new ReusableBuffer();
    for (const name of ["b.nii.gz", "b.nii", "b.nii.gz", "b.nii.gz"]) {
      const v = readNiftiFileSyncReusing(join(dir, name), voxels.into, file);
      expect((v.data as Int16Array).every((x, i) => x === big[i])).toBe(true);
      voxels.adopt(v.data);
    }
    // after the first read, the voxels land in the adopted buffer
    const v = readNiftiFileSyncReusing(join(dir, "b.nii.gz"), voxels.into, file);
    expect(v.data.buffer).toBe(voxels.into?.buffer);
  });

  it("a .nii.gz that is not compressed (misnamed .nii) keeps its voxels when the next file is read", () => {
    writeFileSync(join(dir, "raw-named.nii.gz"), raw); // uncompressed bytes under a .gz name
    const other = createVolume(Int16Array.from(values, (x) => x + 1), shape);
    writeFileSync(join(dir, "other.nii.gz"), writeNifti(other, { gzip: true }));
    const file = new ReusableBuffer();
    const first = readNiftiFileSyncReusing(join(dir, "raw-named.nii.gz"), undefined, file);
    const second = readNiftiFileSyncReusing(join(dir, "other.nii.gz"), undefined, file);
    expect(Array.from(first.data as Int16Array)).toEqual(Array.from(values));
    expect((second.data as Int16Array)[5]).toBe(values[5] + 1);
  });

  it("reports a missing file as an IoError naming it", () => {
    expect(() => readNiftiFileSyncReusing(join(dir, "missing.nii.gz"), undefined, new ReusableBuffer())).toThrow(
      expect.objectContaining({ code: "IO_ERROR", message: expect.stringContaining("missing.nii.gz") }),
    );
  });
});
