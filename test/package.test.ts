import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { entries } from "../tsup.config.ts";
import { VERSION } from "../src/node/cli/run.ts";
import { REPO_ROOT } from "./helpers/shared.ts";

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
const typedoc = JSON.parse(readFileSync(join(REPO_ROOT, "typedoc.json"), "utf8"));

describe("package layout", () => {
  const subpaths = Object.keys(pkg.exports).filter((k) => k !== "./package.json");
  it("every export has a types condition first and a tsup entry of the same name", () => {
    for (const sub of subpaths) {
      const name = sub === "." ? "index" : sub.slice(2);
      expect(Object.keys(pkg.exports[sub])[0], sub).toBe("types");
      expect(pkg.exports[sub].default).toBe(`./dist/${name}.js`);
      expect(pkg.exports[sub].types).toBe(`./dist/${name}.d.ts`);
      expect(entries[name], `tsup entry for ${sub}`).toBeDefined();
    }
  });
  it("tsup builds exactly the exports plus the CLI and the worker", () => {
    const names = subpaths.map((s) => (s === "." ? "index" : s.slice(2))).sort();
    expect(Object.keys(entries).filter((k) => k !== "cli" && k !== "worker").sort()).toEqual(names);
    expect(pkg.bin.flarekit).toBe("dist/cli.js");
  });
  it("typedoc documents every exported entry", () => {
    const docEntries = (typedoc.entryPoints as string[]).slice().sort();
    expect(docEntries).toEqual(Object.entries(entries).filter(([k]) => k !== "cli" && k !== "worker").map(([, v]) => v).sort());
    expect(typedoc.treatWarningsAsErrors).toBe(true);
  });
  it("is ESM-only, side-effect free, for Node ≥ 20.19, and pins the tool versions", () => {
    expect(pkg.type).toBe("module");
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines.node).toBe(">=20.19");
    expect(pkg.devDependencies.typescript).toBe("5.9.3");
    expect(pkg.devDependencies.tsup).toBe("8.5.1");
    expect(pkg.devDependencies.vitest).toBe("4.1.12");
    expect(pkg.devDependencies.typedoc).toBe("0.28.20");
  });
  it("the CLI reports the package version", () => {
    expect(VERSION).toBe(pkg.version);
  });
});
