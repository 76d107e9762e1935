import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readNifti } from "../../src/nifti/index.ts";
import { makePhantom } from "../../src/phantom/index.ts";
import { REPO_ROOT } from "../helpers/shared.ts";
import { decodePng } from "../render/png-decode.ts";

// FLAREKIT_CLI lets a developer point the suite at a private build while others rebuild dist/.
const CLI = process.env.FLAREKIT_CLI ?? join(REPO_ROOT, "dist", "cli.js");
function run(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd });
}

interface DemoJson {
  files: string[];
  shape: number[];
  organs: { label: number; name: string; volumeMl: { truth: number; prediction: number; postprocessed: number }; dsc: { before: number; after: number }; nsd: { before: number; after: number } }[];
  meanDsc: { before: number; after: number };
  meanNsd: { before: number; after: number };
  componentsRemoved: number;
  holeVoxelsFilled: number;
}

const FILES = [
  "ct.nii.gz",
  "labels.nii.gz",
  "prediction.nii.gz",
  "ct_abdomen_window.nii.gz",
  "ct_2mm.nii.gz",
  "labels_2mm.nii.gz",
  "prediction_postprocessed.nii.gz",
  "montage.png",
];

describe("flarekit demo (spawned, as a user runs it)", () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);

  it("flarekit demo (defaults, into ./flarekit-demo) prints volume and metric tables and writes every file", () => {
    const cwd = mkdtempSync(join(tmpdir(), "flarekit-demo-"));
    const r = run(cwd, "demo");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    for (const head of ["Truth (mL)", "DSC before", "NSD after", "1 liver", "2 kidney", "3 spleen", "4 pancreas", "mean"]) expect(r.stdout).toContain(head);
    expect(readdirSync(join(cwd, "flarekit-demo")).sort()).toEqual([...FILES].sort());
    const png = decodePng(new Uint8Array(readFileSync(join(cwd, "flarekit-demo", "montage.png"))));
    expect(png.width).toBe(3 * 256 + 4 * 4);
  });

  it("flarekit demo out --json: the files hold the phantom, and postprocessing improves every organ", () => {
    const cwd = mkdtempSync(join(tmpdir(), "flarekit-demo-"));
    const r = run(cwd, "demo", "out", "--json", "--seed", "5", "--shape", "128,128,32", "--spacing", "3,3,5");
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as DemoJson;
    expect(j.files.sort()).toEqual([...FILES].sort());
    expect(j.shape).toEqual([128, 128, 32]);
    // the written ground truth is exactly the phantom's labels
    const { labels } = makePhantom({ seed: 5, shape: [128, 128, 32], spacing: [3, 3, 5] });
    const written = readNifti(new Uint8Array(readFileSync(join(cwd, "out", "labels.nii.gz"))));
    expect(Buffer.from(written.data as Uint8Array).equals(Buffer.from(labels.data))).toBe(true);
    // the 2 mm resampled CT covers the same field of view
    const ct2 = readNifti(new Uint8Array(readFileSync(join(cwd, "out", "ct_2mm.nii.gz"))));
    expect(ct2.spacing.map((s) => Math.round(s * 1000) / 1000)).toEqual([2, 2, 2]);
    expect(j.componentsRemoved).toBeGreaterThan(0);
    expect(j.holeVoxelsFilled).toBeGreaterThan(0);
    expect(j.organs.map((o) => o.name)).toEqual(["liver", "kidney", "spleen", "pancreas"]);
    for (const o of j.organs) {
      expect(o.dsc.after).toBeGreaterThan(o.dsc.before);
      expect(o.dsc.before).toBeGreaterThan(0.8);
      expect(Math.abs(o.volumeMl.postprocessed - o.volumeMl.truth) / o.volumeMl.truth).toBeLessThan(0.1);
    }
    expect(j.meanDsc.after).toBeGreaterThan(j.meanDsc.before);
    expect(j.meanNsd.after).toBeGreaterThan(j.meanNsd.before);
  });

  it("flarekit demo usage errors exit 2; an unwritable folder exits 1 with one line", () => {
    const cwd = mkdtempSync(join(tmpdir(), "flarekit-demo-"));
    for (const args of [["demo", "--shape", "1,2"], ["demo", "--seed", "x"], ["demo", "a", "b"], ["demo", "--spacing", "0,1,1"]]) {
      const r = run(cwd, ...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("flarekit demo --help");
    }
    writeFileSync(join(cwd, "a-file"), "not a folder");
    const bad = run(cwd, "demo", join("a-file", "demo"));
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});
