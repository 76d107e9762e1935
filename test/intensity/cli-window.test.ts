// `flarekit window` as a user runs it: spawns the built dist/cli.js (npm test builds before this suite runs in CI).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVolume } from "../../src/core/volume.ts";
import { readNiftiFileSync, writeNiftiFileSync } from "../../src/node/index.ts";
import { REPO_ROOT } from "../helpers/shared.ts";

const CLI = join(REPO_ROOT, "dist", "cli.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, "window", ...args], { encoding: "utf8" });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flarekit-cli-window-"));
  // raw + scl_inter −1024 → HU [−1024, −135, 40, 215, 2000]
  const raw = Int16Array.from([0, 889, 1064, 1239, 3024]);
  writeNiftiFileSync(join(dir, "ct.nii.gz"), createVolume(raw, [5, 1, 1], { spacing: [0.8, 0.8, 2.5], scaling: { slope: 1, intercept: -1024 } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("flarekit window", () => {
  it("window ct out --preset abdomen --uint8 writes round(255·y) as uint8, unscaled", () => {
    const r = cli(join(dir, "ct.nii.gz"), join(dir, "w.nii.gz"), "--preset", "abdomen", "--uint8");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("abdomen (L40 W350)");
    const out = readNiftiFileSync(join(dir, "w.nii.gz"));
    expect(out.dtype).toBe("uint8");
    expect(out.scaling).toBeUndefined();
    expect(Array.from(out.data as Uint8Array)).toEqual([0, 0, 128, 255, 255]);
    expect([out.nifti?.header.cal_min, out.nifti?.header.cal_max]).toEqual([0, 255]);
    expect([...out.spacing].map((s) => Math.fround(s))).toEqual([0.8, 0.8, 2.5].map(Math.fround));
  });

  it("window ct out --center 40 --width 400 --function linear-exact writes float32 in [0, 1]", () => {
    const r = cli(join(dir, "ct.nii.gz"), join(dir, "f.nii"), "--center", "40", "--width", "400", "--function", "linear-exact");
    expect(r.status).toBe(0);
    const out = readNiftiFileSync(join(dir, "f.nii"));
    expect(out.dtype).toBe("float32");
    expect([...out.data]).toEqual([0, (-135 - 40) / 400 + 0.5, 0.5, (215 - 40) / 400 + 0.5, 1].map(Math.fround));
  });

  it("bad usage exits 2 (unknown preset, width and preset together, missing width); width < 1 exits 1", () => {
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--preset", "kidney").status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--preset", "liver", "--width", "3").status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--center", "3").status).toBe(2);
    expect(cli(join(dir, "ct.nii.gz")).status).toBe(2);
    const r = cli(join(dir, "ct.nii.gz"), join(dir, "x.nii"), "--center", "3", "--width", "0.5");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/width/);
  });
});
