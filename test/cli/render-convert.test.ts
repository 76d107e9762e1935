import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scaledData } from "../../src/core/scaled-data.ts";
import { createVolume } from "../../src/core/volume.ts";
import { affinesClose, diagonalAffine } from "../../src/core/affine.ts";
import { readNifti, writeNifti } from "../../src/nifti/index.ts";
import { makePhantom } from "../../src/phantom/index.ts";
import { renderSlice, montage } from "../../src/render/index.ts";
import { REPO_ROOT } from "../helpers/shared.ts";
import { decodePng } from "../render/png-decode.ts";

// FLAREKIT_CLI lets a developer point the suite at a private build while others rebuild dist/.
const CLI = process.env.FLAREKIT_CLI ?? join(REPO_ROOT, "dist", "cli.js");
function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
}

describe("flarekit render (spawned, as a user runs it)", () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
  const dir = mkdtempSync(join(tmpdir(), "flarekit-render-"));
  const { ct, labels } = makePhantom({ seed: 2, shape: [64, 64, 16], spacing: [6, 6, 10] });
  const ctPath = join(dir, "ct.nii.gz");
  const segPath = join(dir, "seg.nii.gz");
  writeFileSync(ctPath, writeNifti(ct, { gzip: true }));
  writeFileSync(segPath, writeNifti(labels, { gzip: true }));

  it("flarekit render ct --labels seg --axis axial --index 10 --out slice.png writes exactly renderSlice's pixels", () => {
    const out = join(dir, "slice.png");
    const r = run("render", ctPath, "--labels", segPath, "--axis", "axial", "--index", "10", "--out", out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("64×64 PNG, axial slice 10 of 16 with labels");
    const png = decodePng(new Uint8Array(readFileSync(out)));
    const expected = renderSlice(ct, { index: 10, labels });
    expect([png.width, png.height]).toEqual([64, 64]);
    expect(Array.from(png.rgba)).toEqual(Array.from(expected.rgba));
  });

  it("flarekit render --index 4,8,12 --columns 3 --window auto --outline makes a montage", () => {
    const out = join(dir, "montage.png");
    const r = run("render", ctPath, "--labels", segPath, "--index", "4,8,12", "--columns", "3", "--window", "auto", "--outline", "--out", out);
    expect(r.status).toBe(0);
    const png = decodePng(new Uint8Array(readFileSync(out)));
    const expected = montage([4, 8, 12].map((index) => renderSlice(ct, { index, labels, window: "auto", outline: true })), { columns: 3 });
    expect([png.width, png.height]).toEqual([3 * 64 + 4 * 4, 64 + 2 * 4]);
    expect(Array.from(png.rgba)).toEqual(Array.from(expected.rgba));
  });

  it("flarekit render --axis coronal --window 60,160 shows true proportions (10 mm slices, 6 mm pixels)", () => {
    const out = join(dir, "coronal.png");
    const r = run("render", ctPath, "--axis", "coronal", "--window", "60,160", "--out", out);
    expect(r.status).toBe(0);
    const png = decodePng(new Uint8Array(readFileSync(out)));
    expect([png.width, png.height]).toEqual([64, Math.round((16 * 10) / 6)]);
  });

  it("flarekit render usage errors exit 2 with one hint; --help shows an example", () => {
    for (const args of [
      ["render", ctPath],
      ["render", ctPath, "--out", join(dir, "x.png"), "--axis", "oblique"],
      ["render", ctPath, "--out", join(dir, "x.png"), "--window", "wide"],
      ["render", ctPath, "--out", join(dir, "x.png"), "--index", "1.5"],
      ["render", ctPath, "--out", join(dir, "x.png"), "--alpha", "2"],
      ["render", ctPath, "--out", join(dir, "x.png"), "--frame", "-1"],
      ["render", ctPath, "--bogus"],
    ]) {
      const r = run(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("flarekit render --help");
    }
    const h = run("render", "--help");
    expect(h.status).toBe(0);
    expect(h.stdout).toContain("flarekit render ct.nii.gz --labels seg.nii.gz --axis axial --index 40 --out slice.png");
  });

  it("flarekit render failures exit 1 with one line (index out of range, missing file, labels on another grid)", () => {
    const other = join(dir, "other.nii.gz");
    writeFileSync(other, writeNifti(createVolume(new Uint8Array(8), [2, 2, 2]), { gzip: true }));
    for (const args of [
      ["render", ctPath, "--index", "16", "--out", join(dir, "x.png")],
      ["render", ctPath, "--frame", "1", "--out", join(dir, "x.png")],
      ["render", join(dir, "missing.nii.gz"), "--out", join(dir, "x.png")],
      ["render", ctPath, "--labels", other, "--out", join(dir, "x.png")],
    ]) {
      const r = run(...args);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("flarekit convert (spawned, as a user runs it)", () => {
  const dir = mkdtempSync(join(tmpdir(), "flarekit-convert-"));
  const affine = diagonalAffine([-0.8, -0.8, 2.5]);
  const raw = Int16Array.from({ length: 4 * 3 * 2 }, (_, i) => i * 100 - 50);
  const src = createVolume(raw, [4, 3, 2], { affine, scaling: { slope: 0.5, intercept: -1024 } });
  const inPath = join(dir, "in.nii.gz");
  writeFileSync(inPath, writeNifti(src, { gzip: true }));

  it("flarekit convert in.nii.gz out.nii decompresses and keeps data, scaling and affine", () => {
    const out = join(dir, "out.nii");
    const r = run("convert", inPath, out);
    expect(r.status).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));
    expect(new DataView(bytes.buffer, bytes.byteOffset).getInt32(0, true)).toBe(348); // plain NIfTI-1, not gzip
    const v = readNifti(bytes);
    expect(Array.from(v.data as Int16Array)).toEqual(Array.from(raw));
    expect(v.scaling).toEqual({ slope: 0.5, intercept: -1024 });
    expect(affinesClose(v.affine, affine)).toBe(true); // the header stores float32
  });

  it("flarekit convert --nifti 2 writes a NIfTI-2 header (sizeof_hdr 540) with the same voxels", () => {
    const out = join(dir, "out2.nii");
    const r = run("convert", inPath, out, "--nifti", "2");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("NIfTI-2");
    const bytes = new Uint8Array(readFileSync(out));
    expect(new DataView(bytes.buffer, bytes.byteOffset).getInt32(0, true)).toBe(540);
    expect(Array.from(readNifti(bytes).data as Int16Array)).toEqual(Array.from(raw));
    // and back to NIfTI-1, gzipped
    const back = join(dir, "back.nii.gz");
    expect(run("convert", out, back, "--nifti", "1").status).toBe(0);
    const b = new Uint8Array(readFileSync(back));
    expect([b[0], b[1]]).toEqual([0x1f, 0x8b]);
    expect(readNifti(b).nifti?.source.format).toBe("nifti1");
  });

  it("flarekit convert --datatype float32 stores the scaled values without scaling", () => {
    const out = join(dir, "f32.nii.gz");
    const r = run("convert", inPath, out, "--datatype", "float32");
    expect(r.status).toBe(0);
    const v = readNifti(new Uint8Array(readFileSync(out)));
    expect(v.dtype).toBe("float32");
    expect(v.scaling).toBeUndefined();
    expect(Array.from(v.data as Float32Array)).toEqual(Array.from(raw, (x) => x * 0.5 - 1024));
    expect(Array.from(scaledData(v))).toEqual(Array.from(scaledData(src)));
  });

  it("flarekit convert --datatype uint8 fails (exit 1) on values out of range, and clips with --clamp", () => {
    const out = join(dir, "u8.nii.gz");
    const r = run("convert", inPath, out, "--datatype", "uint8");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--clamp");
    expect(existsSync(out)).toBe(false);
    const c = run("convert", inPath, out, "--datatype", "uint8", "--clamp");
    expect(c.status).toBe(0);
    const v = readNifti(new Uint8Array(readFileSync(out)));
    expect(v.dtype).toBe("uint8");
    // x·0.5 − 1024 runs from −1049 to 101: negatives clip to 0
    expect(Array.from(v.data as Uint8Array)).toEqual(Array.from(raw, (x) => Math.min(255, Math.max(0, Math.round(x * 0.5 - 1024)))));
  });

  it("flarekit convert --datatype int16 rounds scaled values half away from zero", () => {
    const f = createVolume(new Float32Array([-1.5, -0.5, 0.5, 1.49, 2.5, 100.25]), [6, 1, 1]);
    const p = join(dir, "float.nii");
    writeFileSync(p, writeNifti(f));
    const out = join(dir, "int.nii");
    expect(run("convert", p, out, "--datatype", "int16").status).toBe(0);
    expect(Array.from(readNifti(new Uint8Array(readFileSync(out))).data as Int16Array)).toEqual([-2, -1, 1, 1, 3, 100]);
  });

  it("flarekit convert usage errors exit 2", () => {
    for (const args of [
      ["convert", inPath],
      ["convert", inPath, join(dir, "x.nii"), "--datatype", "float16"],
      ["convert", inPath, join(dir, "x.nii"), "--nifti", "3"],
      ["convert", inPath, join(dir, "x.png")],
      ["convert", inPath, join(dir, "x.nii"), "--level", "12"],
    ]) {
      const r = run(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("flarekit convert --help");
    }
  });
});
