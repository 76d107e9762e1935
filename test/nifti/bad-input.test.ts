import { mkdtempSync, readdirSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { createVolume, readNifti, readNiftiHeader, writeNifti, isFlarekitError, FlarekitError, type FlarekitErrorCode } from "../../src/index.ts";
import { readNiftiFile, readNiftiFileSync, writeNiftiFile } from "../../src/node/nifti-files.ts";
import { describeShared, sharedPath } from "../helpers/shared.ts";

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

function expectCode(fn: () => unknown, code: FlarekitErrorCode): FlarekitError {
  const e = caught(fn);
  expect(isFlarekitError(e, code), `${String(e)}`).toBe(true);
  return e as FlarekitError;
}

const good = writeNifti(createVolume(new Int16Array(4 * 4 * 4).map((_, i) => i), [4, 4, 4]));
function mutated(edit: (dv: DataView, b: Uint8Array) => void): Uint8Array {
  const b = good.slice();
  edit(new DataView(b.buffer), b);
  return b;
}

describe("bad input gives typed errors that say what was found and what to do", () => {
  it("readNifti(random bytes) → NOT_NIFTI naming sizeof_hdr", () => {
    const e = expectCode(() => readNifti(new Uint8Array(400).fill(7)), "NOT_NIFTI");
    expect(e.message).toMatch(/sizeof_hdr is .* expected 348/);
  });
  it("readNifti(empty) → NOT_NIFTI", () => {
    expectCode(() => readNifti(new Uint8Array(0)), "NOT_NIFTI");
  });
  it("a truncated header → TRUNCATED_DATA with the missing byte count", () => {
    const e = expectCode(() => readNifti(good.subarray(0, 100)), "TRUNCATED_DATA");
    expect(e).toMatchObject({ part: "header", expectedBytes: 348, actualBytes: 100, missingBytes: 248 });
  });
  it("voxels shorter than the header requires → TRUNCATED_DATA saying how many bytes are missing", () => {
    const e = expectCode(() => readNifti(good.subarray(0, good.length - 10)), "TRUNCATED_DATA");
    expect(e).toMatchObject({ part: "voxels", expectedBytes: 128, actualBytes: 118, missingBytes: 10 });
    expect(e.message).toContain("10 missing");
  });
  it("a truncated .nii.gz → TRUNCATED_DATA", () => {
    const gz = writeNifti(createVolume(new Int16Array(64 * 64 * 16).map((_, i) => (i * 7919) & 0x7fff), [64, 64, 16]), { gzip: true });
    expectCode(() => readNifti(gz.subarray(0, Math.floor(gz.length / 2))), "TRUNCATED_DATA");
  });
  it("dims ≤ 0 → INVALID_HEADER naming the dim", () => {
    const e = expectCode(() => readNifti(mutated((dv) => dv.setInt16(44, 0, true))), "INVALID_HEADER");
    expect(e).toMatchObject({ field: "dim[2]", actual: 0 });
    expectCode(() => readNifti(mutated((dv) => dv.setInt16(40, 9, true))), "INVALID_HEADER");
  });
  it("a size beyond the limit → SIZE_LIMIT before allocating", () => {
    const huge = mutated((dv) => {
      dv.setInt16(42, 32767, true);
      dv.setInt16(44, 32767, true);
      dv.setInt16(46, 32767, true);
    });
    const e = expectCode(() => readNifti(huge), "SIZE_LIMIT");
    expect(e.message).toContain("32767×32767×32767");
    expectCode(() => readNifti(good, { maxBytes: 64 }), "SIZE_LIMIT");
  });
  it("vox_offset beyond the file → INVALID_HEADER", () => {
    const e = expectCode(() => readNifti(mutated((dv) => dv.setFloat32(108, 1e6, true))), "INVALID_HEADER");
    expect(e).toMatchObject({ field: "vox_offset" });
  });
  it("corrupt gzip → CORRUPT_GZIP", () => {
    const gz = writeNifti(createVolume(new Int16Array(32 * 32 * 8).map((_, i) => i), [32, 32, 8]), { gzip: true });
    const bad = gz.slice();
    for (let i = 40; i < bad.length - 8; i += 3) bad[i] ^= 0x5a;
    expectCode(() => readNifti(bad), "CORRUPT_GZIP");
  });
  it("bitpix inconsistent with datatype → INVALID_HEADER", () => {
    const e = expectCode(() => readNifti(mutated((dv) => dv.setInt16(72, 8, true))), "INVALID_HEADER");
    expect(e.message).toMatch(/bitpix is 8, expected 16/);
  });
  it("float128 → UNSUPPORTED_DATATYPE; unknown codes too", () => {
    expectCode(() => readNifti(mutated((dv) => { dv.setInt16(70, 1536, true); dv.setInt16(72, 128, true); })), "UNSUPPORTED_DATATYPE");
    expectCode(() => readNifti(mutated((dv) => dv.setInt16(70, 3, true))), "UNSUPPORTED_DATATYPE");
  });
  it("a pair header without its image → MISSING_PARTNER (bytes and paths)", () => {
    const hdr = good.slice(0, 348);
    hdr.set([0x6e, 0x69, 0x31, 0], 344);
    expectCode(() => readNifti(hdr), "MISSING_PARTNER");
    const dir = mkdtempSync(join(tmpdir(), "flarekit-"));
    writeFileSync(join(dir, "lonely.hdr"), hdr);
    const e = expectCode(() => readNiftiFileSync(join(dir, "lonely.hdr")), "MISSING_PARTNER");
    expect(e.message).toContain("lonely.img");
    expect(readNiftiHeader(hdr).shape).toEqual([4, 4, 4]);
  });
  it("a missing file → IO_ERROR naming the path", async () => {
    await expect(readNiftiFile("/nonexistent/x.nii.gz")).rejects.toMatchObject({ code: "IO_ERROR", path: "/nonexistent/x.nii.gz" });
  });
});

describe("writeNiftiFile is atomic", () => {
  it("a failed write leaves the existing file untouched and no temporary file behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flarekit-"));
    const path = join(dir, "keep.nii");
    const v = createVolume(new Uint8Array(8).fill(3), [2, 2, 2]);
    await writeNiftiFile(path, v);
    const before = readFileSync(path);
    const tooBig = createVolume(new Uint8Array(40000), [40000, 1, 1]);
    await expect(writeNiftiFile(path, tooBig, { version: 1 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(readFileSync(path).equals(before)).toBe(true);
    await expect(writeNiftiFile(join(dir, "no-such-dir", "x.nii"), v)).rejects.toMatchObject({ code: "IO_ERROR" });
    expect(readdirSync(dir)).toEqual(["keep.nii"]);
  });
  it("picks gzip from the extension", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flarekit-"));
    await writeNiftiFile(join(dir, "a.nii.gz"), createVolume(new Uint8Array(8), [2, 2, 2]));
    const b = readFileSync(join(dir, "a.nii.gz"));
    expect([b[0], b[1]]).toEqual([0x1f, 0x8b]);
  });
});

describeShared("the corpus's negative case", () => {
  it("not-nifti.nii is refused with NOT_NIFTI", () => {
    expectCode(() => readNiftiFileSync(sharedPath("nifti/NIFTI-Reader-JS/data/not-nifti.nii")), "NOT_NIFTI");
  });
});
