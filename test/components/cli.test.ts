// `flarekit postprocess` as a user runs it: spawns the built dist/cli.js.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVolume } from "../../src/core/volume.ts";
import { readNiftiFileSync, writeNiftiFile } from "../../src/node/index.ts";
import { REPO_ROOT } from "../helpers/shared.ts";

const CLI = join(REPO_ROOT, "dist", "cli.js");

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
const NX = 30;
const NY = 20;
const NZ = 10;
const at = (i: number, j: number, k: number): number => i + NX * (j + NY * k);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "flarekit-cli-postprocess-"));
  // 30×20×10 @ 2×2×2 mm (8 mm³ voxels): liver block 10×10×10 = 1000 voxels (8000 mm³) with one
  // interior hole; a second liver block of 2×2×2 = 8 voxels (64 mm³); one kidney speck; one spleen voxel.
  const d = new Int16Array(NX * NY * NZ);
  for (let k = 0; k < 10; k++) for (let j = 0; j < 10; j++) for (let i = 0; i < 10; i++) d[at(i, j, k)] = 1;
  d[at(5, 5, 5)] = 0;
  for (let k = 0; k < 2; k++) for (let j = 15; j < 17; j++) for (let i = 20; i < 22; i++) d[at(i, j, k)] = 1;
  d[at(25, 5, 5)] = 2;
  d[at(28, 18, 8)] = 3;
  await writeNiftiFile(join(dir, "pred.nii.gz"), createVolume(d, [NX, NY, NZ], { spacing: [2, 2, 2] }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("flarekit postprocess", () => {
  it("postprocess with no options applies the FLARE21 rule and prints the removals per label", () => {
    const out = join(dir, "flare.nii.gz");
    const r = cli("postprocess", join(dir, "pred.nii.gz"), out);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("removed 3 component(s)");
    const rows = r.stdout.trim().split("\n").slice(3).map((l) => l.trim().split(/\s+/));
    // label, components, removed, voxels removed, mL removed
    expect(rows).toEqual([
      ["1", "2", "1", "8", "0.064"],
      ["2", "1", "1", "1", "0.008"],
      ["3", "1", "1", "1", "0.008"],
    ]);
    const v = readNiftiFileSync(out);
    expect(v.dtype).toBe("int16");
    expect([...v.spacing]).toEqual([2, 2, 2]);
    expect(v.data[at(0, 0, 0)]).toBe(1);
    expect(v.data[at(20, 15, 0)]).toBe(0);
    expect(v.data[at(25, 5, 5)]).toBe(0);
    expect(v.data[at(5, 5, 5)]).toBe(0); // hole not filled without --fill-holes
  });

  it("postprocess --min-voxels 2 --fill-holes --json removes the specks, fills the hole and reports both", () => {
    const out = join(dir, "small.nii");
    const r = cli("postprocess", join(dir, "pred.nii.gz"), out, "--min-voxels", "2", "--fill-holes", "--json");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.connectivity).toBe(26);
    expect(report.removed).toEqual([
      { label: 1, componentsBefore: 2, componentsRemoved: 0, voxelsRemoved: 0, volumeRemovedMm3: 0 },
      { label: 2, componentsBefore: 1, componentsRemoved: 1, voxelsRemoved: 1, volumeRemovedMm3: 8 },
      { label: 3, componentsBefore: 1, componentsRemoved: 1, voxelsRemoved: 1, volumeRemovedMm3: 8 },
    ]);
    // labels 2 and 3 are gone before the holes are filled
    expect(report.filled).toEqual([{ label: 1, voxelsFilled: 1, volumeFilledMm3: 8 }]);
    const v = readNiftiFileSync(out);
    expect(v.data[at(5, 5, 5)]).toBe(1);
    expect(v.data[at(20, 15, 0)]).toBe(1);
  });

  it("postprocess --keep 1 keeps one component per label and nothing else", () => {
    const r = cli("postprocess", join(dir, "pred.nii.gz"), join(dir, "keep.nii.gz"), "--keep", "1", "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).removed.map((x: { componentsRemoved: number }) => x.componentsRemoved)).toEqual([1, 0, 0]);
  });

  it("postprocess exits 2 on bad usage and 1 on a missing file", () => {
    const input = join(dir, "pred.nii.gz");
    const o = join(dir, "x.nii.gz");
    expect(cli("postprocess", input).status).toBe(2);
    expect(cli("postprocess", input, o, "--connectivity", "7").status).toBe(2);
    expect(cli("postprocess", input, o, "--keep", "liver:1").status).toBe(2);
    expect(cli("postprocess", input, o, "--min-voxels", "3", "--min-volume", "10").status).toBe(2);
    const notNifti = cli("postprocess", input, join(dir, "x.txt"));
    expect(notNifti.status).toBe(2);
    expect(notNifti.stderr).toMatch(/must end in \.nii or \.nii\.gz, got ".*x\.txt"/);
    const missing = cli("postprocess", join(dir, "missing.nii.gz"), o);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/missing\.nii\.gz/);
  });

  it("postprocess refuses a float label map with a clear one-line error", async () => {
    await writeNiftiFile(join(dir, "float.nii.gz"), createVolume(new Float32Array(8), [2, 2, 2]));
    const r = cli("postprocess", join(dir, "float.nii.gz"), join(dir, "y.nii.gz"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/labels\.dtype.*float32/);
  });
});
