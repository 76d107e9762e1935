import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/shared.ts";

const DIST = process.env.FLAREKIT_DIST ?? join(REPO_ROOT, "dist");

/** Every file an ESM entry of dist/ loads through relative imports (static `from './x.js'` / `import './x.js'`). */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(/(?:from|import)\s*['"](\.\/[^'"]+)['"]/g)) closure(join(dirname(file), m[1]), seen);
  return seen;
}
function loads(entry: string, needle: string): boolean {
  return [...closure(join(DIST, entry))].some((f) => readFileSync(f, "utf8").includes(needle));
}

describe("the PNG encoder stays in flarekit/render (built bundles)", () => {
  if (!existsSync(join(DIST, "render.js"))) throw new Error(`${DIST}/render.js is missing: run \`npm run build\` first (npm test does).`);

  it("dist/render.js loads the PNG writer and the notebook hook", () => {
    expect(loads("render.js", '"IDAT"')).toBe(true);
    expect(loads("render.js", "Jupyter.display")).toBe(true);
  });

  it("no other library entry loads the PNG writer, the renderer or the notebook hook", () => {
    for (const entry of ["index.js", "nifti.js", "node.js", "metrics.js", "components.js", "intensity.js", "resample.js", "stats.js"]) {
      expect(loads(entry, '"IDAT"'), entry).toBe(false);
      expect(loads(entry, "Jupyter.display"), entry).toBe(false);
      expect(loads(entry, "function renderSlice"), entry).toBe(false);
    }
  });
});

describe("volumes display themselves in notebooks after importing the built flarekit/render", () => {
  it('dist/render.js installs Volume.prototype[Symbol.for("Jupyter.display")] (kept despite "sideEffects": false)', async () => {
    const root = (await import(pathToFileURL(join(DIST, "index.js")).href)) as typeof import("../../src/index.ts");
    await import(pathToFileURL(join(DIST, "render.js")).href);
    const { ct } = root.makePhantom({ shape: [32, 32, 8], spacing: [12, 12, 20] });
    const hook = (ct as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")];
    expect(typeof hook).toBe("function");
    const png = Buffer.from(hook.call(ct)["image/png"], "base64");
    expect([...png.subarray(1, 4)]).toEqual([80, 78, 71]);
  });
});
