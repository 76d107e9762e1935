/**
 * jsr.json (the JSR / Deno publication, from the TypeScript sources) stays in step with
 * package.json: same version, licence and entry points, each pointing at the source file
 * tsup builds that entry from. `deno publish --dry-run` itself runs in CI (.ci/run).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { entries } from "../../tsup.config.ts";
import { REPO_ROOT } from "../helpers/shared.ts";

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
const jsr = JSON.parse(readFileSync(join(REPO_ROOT, "jsr.json"), "utf8"));

describe("jsr.json", () => {
  it("has the package's version and licence", () => {
    expect(jsr.version).toBe(pkg.version);
    expect(jsr.license).toBe(pkg.license);
    expect(jsr.name).toMatch(/^@[a-z0-9-]+\/[a-z0-9-]+$/);
  });

  it("exports every package.json entry point from its tsup source", () => {
    const subpaths = Object.keys(pkg.exports).filter((k) => k !== "./package.json").sort();
    expect(Object.keys(jsr.exports).sort()).toEqual(subpaths);
    for (const sub of subpaths) {
      const name = sub === "." ? "index" : sub.slice(2);
      expect(jsr.exports[sub], sub).toBe(`./${entries[name]}`);
    }
  });
});
