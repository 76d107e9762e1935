import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVolume } from "../../src/core/volume.ts";
import { writeNiftiFile } from "../../src/node/index.ts";
import { REPO_ROOT } from "../helpers/shared.ts";

const CLI = join(REPO_ROOT, "dist", "cli.js");

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "flarekit-cli-stats-"));
  // 10×10×10 @ 1×1×2 mm: liver = the block i, j, k ∈ {4, 5} (8 voxels, 16 mm³), spleen = one voxel at the x border.
  const labels = new Uint8Array(1000);
  const ct = new Int16Array(1000).fill(-1000);
  let n = 0;
  for (let k = 4; k <= 5; k++) for (let j = 4; j <= 5; j++) for (let i = 4; i <= 5; i++) {
    labels[i + 10 * (j + 10 * k)] = 1;
    ct[i + 10 * (j + 10 * k)] = 50 + 2 * n++; // 50, 52, …, 64
  }
  labels[2 + 10 * (5 + 10 * 5)] = 3;
  ct[2 + 10 * (5 + 10 * 5)] = 45;
  const opts = { spacing: [1, 1, 2] };
  await writeNiftiFile(join(dir, "labels.nii.gz"), createVolume(labels, [10, 10, 10], opts));
  await writeNiftiFile(join(dir, "ct.nii.gz"), createVolume(ct, [10, 10, 10], opts));
  await writeNiftiFile(join(dir, "ct-other.nii.gz"), createVolume(new Int16Array(500), [10, 10, 5], opts));
  mkdirSync(join(dir, "ds", "imagesTr"), { recursive: true });
  mkdirSync(join(dir, "ds", "labelsTr"));
  await writeNiftiFile(join(dir, "ds", "imagesTr", "train_000_0000.nii.gz"), createVolume(ct, [10, 10, 10], opts));
  await writeNiftiFile(join(dir, "ds", "labelsTr", "train_000.nii.gz"), createVolume(labels, [10, 10, 10], opts));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("flarekit stats / summary (built CLI)", () => {
  it("flarekit stats --image --json prints one object per organ with HU statistics", () => {
    const r = cli("stats", join(dir, "labels.nii.gz"), "--image", join(dir, "ct.nii.gz"), "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.map((o: { name: string; voxelCount: number }) => [o.name, o.voxelCount])).toEqual([["liver", 8], ["kidney", 0], ["spleen", 1], ["pancreas", 0]]);
    expect(out[0].volumeMm3).toBe(16);
    expect(out[0].hu).toMatchObject({ mean: 57, min: 50, max: 64, median: 57 });
    expect(out[0].bboxMin).toEqual([4, 4, 4]);
  });

  it("flarekit stats --csv prints a header and one row per organ", () => {
    const r = cli("stats", join(dir, "labels.nii.gz"), "--csv", "--no-surface");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0].startsWith("label,name,voxels,volume_mm3,volume_ml,surface_area_mm2,")).toBe(true);
    expect(lines[1].startsWith("1,liver,8,16,0.016,,4,4,4,5,5,5,")).toBe(true);
    expect(lines).toHaveLength(5);
  });

  it("flarekit stats prints an aligned table by default", () => {
    const r = cli("stats", join(dir, "labels.nii.gz"), "--image", join(dir, "ct.nii.gz"));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Label\s+Organ\s+Voxels/);
    expect(r.stdout).toMatch(/1\s+liver\s+8\s+0\.02/);
  });

  it("flarekit stats --totalseg prints statistics.json, zeroing the organ at the border", () => {
    const r = cli("stats", join(dir, "labels.nii.gz"), "--image", join(dir, "ct.nii.gz"), "--totalseg");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      liver: { volume: 16, intensity: 57 },
      kidney: { volume: 0, intensity: 0 },
      spleen: { volume: 0, intensity: 0 },
      pancreas: { volume: 0, intensity: 0 },
    });
  });

  it("flarekit stats: bad usage exits 2, an image on another grid exits 1 with one line", () => {
    expect(cli("stats").status).toBe(2);
    expect(cli("stats", join(dir, "labels.nii.gz"), "--json", "--csv").status).toBe(2);
    expect(cli("stats", join(dir, "labels.nii.gz"), "--totalseg").status).toBe(2);
    const badWorkers = cli("summary", dir, "--workers", "0");
    expect(badWorkers.status).toBe(2);
    expect(badWorkers.stderr).toContain('--workers expects a positive integer, got "0"');
    const r = cli("stats", join(dir, "labels.nii.gz"), "--image", join(dir, "ct-other.nii.gz"));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/Shape mismatch/);
  });

  it("flarekit summary --json / --markdown summarise a dataset folder with progress on stderr", () => {
    const j = cli("summary", join(dir, "ds"), "--json", "--workers", "1");
    expect(j.status).toBe(0);
    const s = JSON.parse(j.stdout);
    expect(s.casesBySplit).toEqual({ train: 1, validation: 0, test: 0 });
    expect(s.organs[0]).toMatchObject({ name: "liver", cases: 1, coveragePercent: 100, volumeCm3: { max: 0.016, mean: 0.016, median: 0.016, min: 0.016 } });
    expect(j.stderr).toMatch(/summary: 1\/1/);
    const m = cli("summary", join(dir, "ds"), "--quiet");
    expect(m.status).toBe(0);
    expect(m.stderr).toBe("");
    expect(m.stdout).toContain("| Spleen | 1 | 100.00 % | 0.00 | 0.00 | 0.00 | 0.00 |");
    expect(cli("summary", join(dir, "nope")).status).toBe(1);
    expect(cli("summary", join(dir, "ds"), "--workers", "0").status).toBe(2);
  });
});
