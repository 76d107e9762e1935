// Runs every example in this folder as a user would (after `npm run build`), each in its own process
// with tsx, in a fresh temporary working directory. Prints one line per example and a closing
// "N passed, N failed" line; exits 1 if any example fails.
// Usage: node examples/run-all.mjs [name …]
import { readdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// tsx from this repository's node_modules, whatever the working directory.
const tsxLoader = import.meta.resolve("tsx");
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
let passed = 0;
let failed = 0;
for (const f of files) {
  const cwd = mkdtempSync(join(tmpdir(), "flarekit-example-"));
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["--import", tsxLoader, join(here, f)], { cwd, encoding: "utf8", timeout: 300_000 });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status === 0) {
    passed++;
    console.log(`ok   examples/${f} (${secs} s)`);
  } else {
    failed++;
    console.log(`FAIL examples/${f} (${secs} s, exit ${r.status})\n${r.stdout}\n${r.stderr}`);
  }
}
console.log(`examples: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;

/** Under .ci/run, records the counts for the closing summary line. */
function report(p, f) {
  const dir = process.env.FLAREKIT_CI_COUNTS;
  if (dir) writeFileSync(join(dir, "examples.json"), JSON.stringify({ passed: p, failed: f }));
}
report(passed, failed);
