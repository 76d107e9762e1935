#!/usr/bin/env node
// Packs flarekit as npm would publish it, checks what the tarball holds, installs it into a
// fresh temporary project and uses it there the three ways users do: ESM `import` of every
// subpath, `require()` (Node's require(esm), ≥ 20.19) from a CommonJS script and `node -e`,
// and the `flarekit` bin. Run after `npm run build`:  node scripts/pack-smoke.mjs
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { check, finish } from "./checks.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const tmp = mkdtempSync(join(tmpdir(), "flarekit-pack-"));
const app = join(tmp, "app");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const allSubpaths = Object.keys(pkg.exports).filter((k) => k !== "./package.json");
// `flarekit/ndarray` needs its optional peer `ndarray`: checked after installing it.
const peerSubpaths = allSubpaths.filter((s) => s.slice(2) in (pkg.peerDependencies ?? {}));
const subpaths = allSubpaths.filter((s) => !peerSubpaths.includes(s));
const specifier = (sub) => (sub === "." ? pkg.name : `${pkg.name}/${sub.slice(2)}`);

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

console.log(`pack smoke test in ${tmp}`);
let tarball;
let files = [];
await check("npm pack produces a tarball", () => {
  const out = execFileSync(npm, ["pack", "--json", "--pack-destination", tmp], { cwd: root, encoding: "utf8" });
  const info = JSON.parse(out.slice(out.indexOf("[")))[0];
  tarball = join(tmp, info.filename);
  files = info.files.map((f) => f.path);
  const maps = files.filter((f) => f.endsWith(".map")).length;
  console.log(`      ${info.filename}: ${files.length} files (${maps} source maps), ${(info.size / 1024).toFixed(1)} KiB packed, ${(info.unpackedSize / 1024).toFixed(1)} KiB unpacked`);
});

await check("the tarball holds only dist/, README.md, LICENSE, CHANGELOG.md and package.json", () => {
  const allowed = new Set(["README.md", "LICENSE", "CHANGELOG.md", "package.json"]);
  const stray = files.filter((f) => !f.startsWith("dist/") && !allowed.has(f));
  assert.deepEqual(stray, [], `unexpected files: ${stray.join(", ")}`);
  for (const name of allowed) assert.ok(files.includes(name), `${name} missing`);
  const sources = files.filter((f) => /\.(ts|mts|cts)$/.test(f) && !/\.d\.(ts|mts|cts)$/.test(f));
  assert.deepEqual(sources, [], "TypeScript sources in the tarball");
  assert.deepEqual(files.filter((f) => /(^|\/)(test|tests|bench|fixtures|examples|__tests__)\//.test(f)), []);
});

await check("every exports target and the bin are in the tarball", () => {
  for (const sub of allSubpaths) {
    for (const [condition, target] of Object.entries(pkg.exports[sub])) {
      assert.ok(files.includes(target.replace(/^\.\//, "")), `${sub} ${condition} → ${target} missing`);
    }
  }
  for (const bin of Object.values(pkg.bin)) assert.ok(files.includes(bin.replace(/^\.\//, "")), `bin ${bin} missing`);
});

await check("the tarball installs into a fresh project", () => {
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "flarekit-smoke", private: true, type: "module" }));
  const r = run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock", tarball], app);
  assert.equal(r.status, 0, r.stderr);
});

const phantomFile = join(tmp, "phantom_ct.nii.gz");
await check("ESM: every subpath imports by name, and read → Dice → write works", () => {
  writeFileSync(join(app, "esm.mjs"), `
import { inspect } from "node:util";
${subpaths.map((s, i) => `import * as m${i} from ${JSON.stringify(specifier(s))};`).join("\n")}
const mods = [${subpaths.map((_, i) => `m${i}`).join(", ")}];
const root = m${subpaths.indexOf(".")};
const { dice } = await import("flarekit/metrics");
const { readNiftiFile, writeNiftiFile } = await import("flarekit/node");
const { ct, labels } = root.makePhantom({ shape: [48, 40, 12] });
const back = root.readNifti(root.writeNifti(labels, { gzip: true }));
await writeNiftiFile(${JSON.stringify(phantomFile)}, ct);
const fromFile = await readNiftiFile(${JSON.stringify(phantomFile)});
console.log(JSON.stringify({
  exportCounts: mods.map((m) => Object.keys(m).length),
  dice: dice(labels, back),
  inspect: inspect(fromFile),
  sameCt: fromFile.data.every((v, i) => v === ct.data[i]),
}));
`);
  const r = run(process.execPath, ["esm.mjs"], app);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.exportCounts.every((n) => n > 0), `empty entry: ${out.exportCounts}`);
  assert.equal(out.dice, 1);
  assert.equal(out.sameCt, true);
  assert.equal(out.inspect, "Volume<int16> 48×40×12 @ 1.50×1.50×2.50 mm");
});

await check("CommonJS: require() of every subpath works through require(esm), without warnings", () => {
  writeFileSync(join(app, "cjs.cjs"), `
const subpaths = ${JSON.stringify(subpaths.map(specifier))};
const counts = subpaths.map((s) => Object.keys(require(s)).length);
const { readNifti, writeNifti, createVolume } = require("flarekit");
const { dice } = require("flarekit/metrics");
const v = createVolume(new Uint8Array([0, 1, 1, 0, 2, 2, 0, 0]), [2, 2, 2]);
console.log(JSON.stringify({ counts, dice: dice(v, readNifti(writeNifti(v, { gzip: true }))) }));
`);
  const r = run(process.execPath, ["cjs.cjs"], app);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.counts.every((n) => n > 0));
  assert.equal(out.dice, 1);
  assert.equal(r.stderr.trim(), "", "require(esm) printed to stderr");
});

await check(`node -e 'const f = require("flarekit"); …' prints a volume as one line`, () => {
  const code = `const f = require("flarekit"); const v = f.readNifti(require("fs").readFileSync(${JSON.stringify(phantomFile)})); console.log(v); console.log(require("util").inspect({ ct: v }));`;
  const r = run(process.execPath, ["-e", code], app);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "Volume<int16> 48×40×12 @ 1.50×1.50×2.50 mm\n{ ct: Volume<int16> 48×40×12 @ 1.50×1.50×2.50 mm }\n");
});

await check("the Node REPL: require(\"flarekit\") and a volume echoed as one line", () => {
  const input = `const f = require("flarekit")\nf.createVolume(new Int16Array(24), [2, 3, 4], { spacing: [0.8, 0.8, 2.5] })\n`;
  const r = spawnSync(process.execPath, ["-i"], { cwd: app, input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", NODE_NO_WARNINGS: "" } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^> Volume<int16> 2×3×4 @ 0\.80×0\.80×2\.50 mm$/m, r.stdout);
  assert.doesNotMatch(r.stdout, /Uncaught/);
});

await check("flarekit/node runs tasks on worker threads from the installed dist/worker.js", () => {
  writeFileSync(join(app, "workers.mjs"), `
import { runTasks } from "flarekit/node";
const results = await runTasks("echo", [{ n: 1 }, { n: 2 }, { n: 3 }], { concurrency: 2 });
console.log(JSON.stringify(results));
`);
  const r = run(process.execPath, ["workers.mjs"], app);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [1, 2, 3].map((n) => ({ ok: true, value: { n } })));
});

await check(`subpaths with an optional peer (${peerSubpaths.join(", ")}) import once the peer is installed`, () => {
  const peers = peerSubpaths.map((s) => `${s.slice(2)}@${pkg.peerDependencies[s.slice(2)]}`);
  const install = run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-package-lock", tarball, ...peers], app);
  assert.equal(install.status, 0, install.stderr);
  for (const sub of peerSubpaths) {
    const r = run(process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(specifier(sub))}); if (!Object.keys(m).length) process.exit(3);`], app);
    assert.equal(r.status, 0, r.stderr);
    const c = run(process.execPath, ["-e", `if (!Object.keys(require(${JSON.stringify(specifier(sub))})).length) process.exit(3);`], app);
    assert.equal(c.status, 0, c.stderr);
  }
});

const bin = join(app, "node_modules", ".bin", "flarekit");
await check("the flarekit bin: --version, --help, info on a file", () => {
  const version = run(bin, ["--version"], app);
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), pkg.version);
  const help = run(bin, ["--help"], app);
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /info/);
  const info = run(bin, ["info", phantomFile], app);
  assert.equal(info.status, 0, info.stderr);
  assert.match(info.stdout, /48/);
  assert.match(info.stdout, /40/);
});

await check("the flarekit bin: a missing file is a one-line error (exit 1), an unknown command exit 2", () => {
  const missing = run(bin, ["info", join(tmp, "missing.nii.gz")], app);
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr.trim().split("\n").length, 1, missing.stderr);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);
  assert.equal(run(bin, ["no-such-command"], app).status, 2);
});

rmSync(tmp, { recursive: true, force: true });
finish("pack-smoke");
