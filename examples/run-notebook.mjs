// Executes examples/flare-tour.ipynb headlessly with the Deno kernel (after `npm run build`) and checks
// that it ran without errors and that its outputs hold an image. Needs Debian's jupyter-nbconvert and
// python3-ipykernel, and `npx deno jupyter --install` (.ci/run installs both when missing).
// Prints "notebook: N passed, N failed" (one check per code cell plus the image check).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// Deno's Jupyter kernel (unstable) now and then reports a cell idle before its outputs reach nbclient,
// which then records the cell with no output. An attempt whose cells all ran without an error but lost
// outputs is repeated (up to 4 attempts, each reported); an error output fails at once.
let passed = 0;
let failed = 0;
let images = 0;
for (let attempt = 1; attempt <= 4; attempt++) {
  const out = join(mkdtempSync(join(tmpdir(), "flarekit-nb-")), "flare-tour.out.ipynb");
  const r = spawnSync(
    "jupyter",
    ["nbconvert", "--to", "notebook", "--execute", "flare-tour.ipynb", "--output", out,
      "--ExecutePreprocessor.kernel_name=deno", "--ExecutePreprocessor.timeout=300"],
    { cwd: here, encoding: "utf8" },
  );
  if (r.status !== 0) {
    console.log(r.stdout, r.stderr);
    console.log("notebook: 0 passed, 1 failed");
    report(0, 1);
    process.exit(1);
  }
  const nb = JSON.parse(readFileSync(out, "utf8"));
  passed = 0;
  failed = 0;
  images = 0;
  let errors = 0;
  const problems = [];
  for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
    const errs = cell.outputs.filter((o) => o.output_type === "error");
    errors += errs.length;
    if (errs.length || cell.outputs.length === 0) {
      failed++;
      problems.push(`cell ${cell.id}: ${errs.map((e) => `${e.ename}: ${e.evalue}`).join("; ") || "no output"}`);
    } else passed++;
    images += cell.outputs.filter((o) => o.data && typeof o.data["image/png"] === "string" && o.data["image/png"].length > 1000).length;
  }
  if (images > 0) passed++;
  else {
    failed++;
    problems.push("no cell output holds an image/png");
  }
  for (const p of problems) console.log(`${errors ? "FAIL" : "lost output"} (attempt ${attempt}): ${p}`);
  if (failed === 0 || errors > 0) break;
}
console.log(`notebook: ${passed} passed, ${failed} failed (${images} image output${images === 1 ? "" : "s"})`);
process.exitCode = failed ? 1 : 0;

/** Under .ci/run, records the counts for the closing summary line. */
function report(p, f) {
  const dir = process.env.FLAREKIT_CI_COUNTS;
  if (dir) writeFileSync(join(dir, "notebook.json"), JSON.stringify({ passed: p, failed: f }));
}
report(passed, failed);
