/**
 * Tree-shaking: a bundler that imports one function gets that function's code and its
 * helpers, not the rest of the package. Bundled with esbuild for the browser, from the
 * source (so every byte is attributed to its `src/<capability>/` folder) and from the
 * built `dist/` files users get. Sizes are checked by size-limit in CI (`npm run size`).
 */
import { build, type Metafile } from "esbuild";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { entries } from "../../tsup.config.ts";
import { REPO_ROOT } from "../helpers/shared.ts";

/** The inputs that contribute bytes to the bundle of `export { names } from entry`. */
async function contributors(file: string, names: string): Promise<{ inputs: string[]; text: string }> {
  const result = await build({
    stdin: { contents: `export { ${names} } from ${JSON.stringify(file)};`, resolveDir: REPO_ROOT, loader: "js" },
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    metafile: true,
    external: ["ndarray"],
    logLevel: "silent",
  });
  const outputs = Object.values((result.metafile as Metafile).outputs);
  const inputs = outputs.flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([p]) => p));
  return { inputs, text: result.outputFiles[0].text };
}

const folder = (p: string): string =>
  p.startsWith("src/") ? p.split("/")[1] : p.startsWith("node_modules/") ? `npm:${p.split("/")[1]}` : p;

const NIFTI_MARKERS = ['"n+1"', '"ni1"', "sizeof_hdr", "vox_offset"];

const src = (entry: string): string => join(REPO_ROOT, entries[entry]);
const dist = (entry: string): string => join(REPO_ROOT, "dist", `${entry}.js`);

describe("tree-shaking (esbuild, browser)", () => {
  const stories: { entry: string; names: string; allowed: string[] }[] = [
    { entry: "metrics", names: "dice", allowed: ["core", "metrics"] },
    { entry: "index", names: "dice", allowed: ["core", "metrics"] },
    { entry: "index", names: "createVolume", allowed: ["core"] },
    { entry: "components", names: "labelComponents", allowed: ["core", "components"] },
    { entry: "intensity", names: "applyWindow", allowed: ["core", "intensity"] },
    { entry: "resample", names: "resampleToSpacing", allowed: ["core", "resample"] },
    { entry: "index", names: "readNifti", allowed: ["core", "nifti", "npm:fflate"] },
    { entry: "nifti", names: "readNifti, writeNifti", allowed: ["core", "nifti", "npm:fflate"] },
  ];
  for (const { entry, names, allowed } of stories) {
    const from = entry === "index" ? "flarekit" : `flarekit/${entry}`;
    it(`import { ${names} } from "${from}" bundles only ${allowed.join(", ")} code`, async () => {
      const { inputs } = await contributors(src(entry), names);
      const folders = [...new Set(inputs.filter((p) => p !== "<stdin>").map(folder))].sort();
      expect(folders.filter((f) => !allowed.includes(f)), `contributing inputs: ${inputs.join(", ")}`).toEqual([]);
    });
  }

  for (const [entry, names] of [["metrics", "dice"], ["components", "labelComponents"], ["intensity", "applyWindow"], ["stats", "labelStatistics"]]) {
    it(`the built flarekit/${entry} { ${names} } carries no gzip (fflate) and no NIfTI code`, async () => {
      const { inputs, text } = await contributors(dist(entry), names);
      expect(inputs.filter((p) => p.includes("fflate"))).toEqual([]);
      // Strings only the NIfTI reader/writer contains: the magic strings (as quoted literals:
      // a bare n+1 is common minified code) and header field names.
      for (const marker of NIFTI_MARKERS) expect(text.includes(marker), marker).toBe(false);
    });
  }

  it("the NIfTI markers above are found where the NIfTI code is (the check can fail)", async () => {
    const { text } = await contributors(dist("nifti"), "readNifti, writeNifti");
    expect(NIFTI_MARKERS.filter((m) => !text.includes(m))).toEqual([]);
  });

  for (const entry of Object.keys(entries).filter((e) => !["node", "cli", "worker"].includes(e))) {
    it(`the whole built ${entry === "index" ? "flarekit" : `flarekit/${entry}`} bundles for the browser with no node:* import`, async () => {
      const result = await build({
        entryPoints: [dist(entry)], absWorkingDir: REPO_ROOT, bundle: true, write: false, format: "esm",
        platform: "browser", metafile: true, external: ["ndarray"], logLevel: "silent",
      });
      const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
      expect(imports.filter((p) => p.startsWith("node:"))).toEqual([]);
    });
  }
});
