// `flarekit resample` as a user runs it: spawns the built dist/cli.js (npm test builds before this suite runs in CI).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVolume } from "../../src/core/volume.ts";
import { readNiftiFileSync, writeNiftiFileSync } from "../../src/node/index.ts";
import { REPO_ROOT } from "../helpers/shared.ts";

const CLI = join(REPO_ROOT, "dist", "cli.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, "resample", ...args], { encoding: "utf8" });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flarekit-cli-resample-"));
  const ct = Int16Array.from({ length: 4 * 4 * 2 }, (_, i) => (i % 4) * 100 - 1000);
  writeNiftiFileSync(join(dir, "ct.nii.gz"), createVolume(ct, [4, 4, 2], { spacing: [1, 1, 3] }));
  const labels = Uint8Array.from({ length: 4 * 4 * 2 }, (_, i) => (i % 4 >= 2 ? 2 : 0));
  writeNiftiFileSync(join(dir, "seg.nii.gz"), createVolume(labels, [4, 4, 2], { spacing: [1, 1, 3] }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("flarekit resample", () => {
  it("resample ct out --spacing 2,2,3 (linear, center) halves x and y and writes float32 HU", () => {
    const r = cli(join(dir, "ct.nii.gz"), join(dir, "ct2.nii.gz"), "--spacing", "2,2,3");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = readNiftiFileSync(join(dir, "ct2.nii.gz"));
    expect([...out.shape]).toEqual([2, 2, 2]);
    expect(out.dtype).toBe("float32");
    // center: x = o·2 → samples source x = 0, 2 → HU −1000, −800
    expect([...out.data].slice(0, 2)).toEqual([-1000, -800]);
    expect([...out.spacing]).toEqual([2, 2, 3]);
  });

  it("resample seg out --spacing 2 --labels --convention extent keeps uint8 labels (nearest)", () => {
    const r = cli(join(dir, "seg.nii.gz"), join(dir, "seg2.nii.gz"), "--spacing", "2", "--labels", "--convention", "extent");
    expect(r.status).toBe(0);
    const out = readNiftiFileSync(join(dir, "seg2.nii.gz"));
    expect(out.dtype).toBe("uint8");
    expect([...out.shape]).toEqual([2, 2, 3]);
    // extent along x: x = (o + 0.5)·4/2 − 0.5 = 0.5, 2.5 → rounds half up to 1, 3 → labels 0, 2
    expect([...out.data].slice(0, 2)).toEqual([0, 2]);
    expect(new Set(Array.from(out.data as Uint8Array))).toEqual(new Set([0, 2]));
  });

  it("resample seg out --like ct2 --labels lands on the reference grid", () => {
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "ref.nii.gz"), "--spacing", "2,2,3").status).toBe(0);
    const r = cli(join(dir, "seg.nii.gz"), join(dir, "seg_like.nii.gz"), "--like", join(dir, "ref.nii.gz"), "--labels");
    expect(r.status).toBe(0);
    const out = readNiftiFileSync(join(dir, "seg_like.nii.gz"));
    const ref = readNiftiFileSync(join(dir, "ref.nii.gz"));
    expect([...out.shape]).toEqual([...ref.shape]);
    expect(out.affine).toEqual(ref.affine);
    // reference voxel i sits at source x = 2i → labels 0 (x = 0) and 2 (x = 2)
    expect(Array.from(out.data as Uint8Array).slice(0, 2)).toEqual([0, 2]);
  });

  it("bad usage exits 2: missing or malformed --spacing, unknown convention or interpolation", () => {
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii")).status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--spacing", "1,0,1").status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--spacing", "1,NaN,1").status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--spacing", "1,1").status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--spacing", "1", "--convention", "corner").status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--spacing", "1", "--interpolation", "spline").status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--spacing", "1", "--like", join(dir, "ct.nii.gz")).status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--spacing", "1", "--fill", "0").status).toBe(2);
  });
});
