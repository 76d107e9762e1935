/**
 * The public surface of every entry point, `Object.keys(await import(entry))`, over the
 * built files, against the committed snapshot `api-surface.json`. A failing test here
 * means the surface changed: if that was deliberate, run `npm run api:update`, commit the
 * JSON and say what was added or removed in CHANGELOG.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it, expect } from "vitest";
import { entries } from "../../tsup.config.ts";
import { REPO_ROOT } from "../helpers/shared.ts";

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown> };
const snapshot = JSON.parse(readFileSync(join(REPO_ROOT, "test/dist/api-surface.json"), "utf8")) as Record<string, string[]>;
const subpaths = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === "object" && target !== null && "default" in target)
  .map(([subpath, target]) => ({ subpath, file: (target as { default: string }).default }));
const HINT = "the public API changed: if deliberate, run `npm run api:update` and record it in CHANGELOG";

describe("public API surface (api-surface.json)", () => {
  it("the snapshot lists exactly the package's entry points", () => {
    expect(Object.keys(snapshot).sort()).toEqual(subpaths.map((s) => s.subpath).sort());
  });

  for (const { subpath, file } of subpaths) {
    it(`Object.keys(await import("flarekit${subpath.slice(1)}")) matches the snapshot`, async () => {
      const built = join(REPO_ROOT, file);
      expect(existsSync(built), `${file} missing: run npm run build`).toBe(true);
      const keys = Object.keys(await import(pathToFileURL(built).href)).sort();
      expect(keys, HINT).toEqual(snapshot[subpath]);
    });

    it(`flarekit${subpath.slice(1)}: the built file exports what its source index exports`, async () => {
      const name = subpath === "." ? "index" : subpath.slice(2);
      const source = Object.keys(await import(pathToFileURL(join(REPO_ROOT, entries[name])).href)).sort();
      expect(source, "dist/ is stale: run npm run build").toEqual(snapshot[subpath]);
    });
  }

  it("no entry exports a default (named exports only) and every export is defined", async () => {
    for (const { subpath, file } of subpaths) {
      const mod = (await import(pathToFileURL(join(REPO_ROOT, file)).href)) as Record<string, unknown>;
      expect(Object.keys(mod), subpath).not.toContain("default");
      for (const [key, value] of Object.entries(mod)) expect(value, `${subpath} ${key}`).not.toBeUndefined();
    }
  });
});
