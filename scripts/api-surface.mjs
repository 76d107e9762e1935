#!/usr/bin/env node
// Public API surface of every package entry point: `Object.keys(await import(entry))`
// over the built files in dist/, one sorted list per `exports` subpath.
//
//   node scripts/api-surface.mjs           print the surface as JSON
//   node scripts/api-surface.mjs --write   update test/dist/api-surface.json (commit it,
//                                          and say what changed in CHANGELOG)
//
// test/dist/api-surface.test.ts compares the built package with the committed file, so
// a change of the public surface is always deliberate. Run `npm run build` first.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SNAPSHOT = join(root, "test/dist/api-surface.json");

/** The `exports` subpaths that name code (not `./package.json`), with their built file. */
export function codeEntries() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return Object.entries(pkg.exports)
    .filter(([, target]) => typeof target === "object" && target !== null && "default" in target)
    .map(([subpath, target]) => ({ subpath, file: join(root, target.default) }));
}

/** `{ subpath: sorted export names }` of the built package. */
export async function apiSurface() {
  const surface = {};
  for (const { subpath, file } of codeEntries()) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
    surface[subpath] = Object.keys(await import(pathToFileURL(file).href)).sort();
  }
  return surface;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const surface = await apiSurface();
  const json = JSON.stringify(surface, null, 2) + "\n";
  if (process.argv.includes("--write")) {
    writeFileSync(SNAPSHOT, json);
    const n = Object.values(surface).reduce((a, names) => a + names.length, 0);
    console.log(`wrote ${SNAPSHOT}: ${Object.keys(surface).length} entry points, ${n} exports`);
  } else {
    process.stdout.write(json);
  }
}
