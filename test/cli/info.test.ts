import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { createVolume, diagonalAffine, writeNifti } from "../../src/index.ts";
import { REPO_ROOT } from "../helpers/shared.ts";

const CLI = join(REPO_ROOT, "dist", "cli.js");
function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
}

describe("flarekit info (spawned, as a user runs it)", () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
  const dir = mkdtempSync(join(tmpdir(), "flarekit-cli-"));
  const file = join(dir, "ct.nii.gz");
  const affine = diagonalAffine([-0.8, -0.8, 2.5]);
  writeFileSync(file, writeNifti(createVolume(new Int16Array(4 * 5 * 6), [4, 5, 6], { affine, scaling: { slope: 1, intercept: -1024 } }), { gzip: true }));

  it("prints shape, spacing, orientation and scaling", () => {
    const r = run("info", file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("4 × 5 × 6");
    expect(r.stdout).toContain("0.8 × 0.8 × 2.5 mm");
    expect(r.stdout).toContain("LPS");
    expect(r.stdout).toContain("× 1 + -1024");
  });
  it("--json gives machine-readable output", () => {
    const r = run("info", file, "--json");
    expect(r.status).toBe(0);
    const [info] = JSON.parse(r.stdout);
    expect(info).toMatchObject({ shape: [4, 5, 6], dtype: "int16", axisCodes: "LPS", affineSource: "sform", format: "nifti1", gzip: true });
  });
  it("a missing file is one clear line and exit code 1", () => {
    const r = run("info", join(dir, "nope.nii.gz"));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("no such file");
  });
  it("a non-NIfTI file is one clear line and exit code 1", () => {
    const bad = join(dir, "bad.nii");
    writeFileSync(bad, "hello world, not nifti".repeat(30));
    const r = run("info", bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Not a NIfTI or Analyze file/);
  });
  it("usage errors exit 2; --help and --version exit 0", () => {
    expect(run("info").status).toBe(2);
    expect(run("info", "--bogus", file).status).toBe(2);
    expect(run("nonsense").status).toBe(2);
    const help = run("info", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Example:");
    expect(run("--help").stdout).toContain("info");
    expect(run("--version").stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
