#!/usr/bin/env node
// Runs size-limit (budgets in package.json "size-limit") and prints one line per user
// story with its size and budget; each story is one check for the CI tally. Exits 1 when a
// budget is exceeded. Run after `npm run build`:  node scripts/size-report.mjs
import { spawnSync } from "node:child_process";
import { check, finish } from "./checks.mjs";

const r = spawnSync("npx", ["--no-install", "size-limit", "--json"], { encoding: "utf8" });
let rows = [];
try {
  rows = JSON.parse(r.stdout.slice(r.stdout.indexOf("["), r.stdout.lastIndexOf("]") + 1));
} catch {
  console.log(r.stdout, r.stderr);
}
await check("size-limit ran", () => {
  if (!rows.length) throw new Error(`size-limit failed (exit ${r.status})`);
});
const pkgLimits = JSON.parse((await import("node:fs")).readFileSync("package.json", "utf8"))["size-limit"];
for (const row of rows) {
  const limit = pkgLimits.find((e) => e.name === row.name)?.limit ?? "?";
  await check(`${(row.size / 1000).toFixed(2).padStart(6)} kB ≤ ${limit.padEnd(7)} ${row.name} (min+gzip)`, () => {
    if (!row.passed) throw new Error(`${row.name}: ${row.size} B exceeds ${limit}`);
  });
}
finish("size-limit");
