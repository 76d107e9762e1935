/**
 * flarekit under Deno, unchanged: the TypeScript sources (imports written `./x.ts`) and the
 * built ESM files (`dist/*.js`, with the bare `fflate` import resolved from node_modules)
 * each run read → window → resample → components → stats → metrics → display on the built-in phantom, and give
 * identical numbers. Run: `npx deno test --allow-read --allow-write --allow-env test/deno/`
 * (after `npm run build`). Assertions use `node:assert`, which Deno provides.
 */
import assert from "node:assert/strict";
import * as srcRoot from "../../src/index.ts";
import * as srcIntensity from "../../src/intensity/index.ts";
import * as srcComponents from "../../src/components/index.ts";
import * as srcStats from "../../src/stats/index.ts";
import * as srcResample from "../../src/resample/index.ts";
import * as srcMetrics from "../../src/metrics/index.ts";
import * as srcRender from "../../src/render/index.ts";
import * as srcNode from "../../src/node/index.ts";
import type { Volume } from "../../src/index.ts";

// The Deno namespace, declared here so that `tsc` (Node types) also checks this file.
declare const Deno: {
  test(name: string, fn: () => void | Promise<void>): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  makeTempDir(options?: { prefix?: string }): Promise<string>;
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  version: { deno: string };
};

interface Api {
  root: typeof srcRoot;
  intensity: typeof srcIntensity;
  components: typeof srcComponents;
  stats: typeof srcStats;
  resample: typeof srcResample;
  metrics: typeof srcMetrics;
  render: typeof srcRender;
}

/** The built files, imported by URL so that type checking does not need dist/ to exist. */
async function distApi(): Promise<Api> {
  const load = (name: string): Promise<unknown> => import(new URL(`../../dist/${name}.js`, import.meta.url).href);
  return {
    root: (await load("index")) as typeof srcRoot,
    intensity: (await load("intensity")) as typeof srcIntensity,
    components: (await load("components")) as typeof srcComponents,
    stats: (await load("stats")) as typeof srcStats,
    resample: (await load("resample")) as typeof srcResample,
    metrics: (await load("metrics")) as typeof srcMetrics,
    render: (await load("render")) as typeof srcRender,
  };
}

const SHAPE = [96, 96, 32] as const;
const SPACING = [1.5, 1.5, 2.5] as const;

/** Dice of one label by direct counting (the oracle). */
function naiveDice(a: ArrayLike<number>, b: ArrayLike<number>, label: number): number {
  let na = 0, nb = 0, both = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] === label, y = b[i] === label;
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return (2 * both) / (na + nb);
}

/** Every figure the pipeline produces, for comparing the two builds. */
const figures: Record<string, unknown[]> = {};

function pipeline(build: "source" | "dist", getApi: () => Promise<Api>): void {
  let api: Api;
  let dir: string;
  let ct: Volume<"int16">;
  let labels: Volume<"uint8">;
  let pred: Volume<"uint8">;
  let cleaned: Volume<"uint8">;
  const record = (x: unknown): void => void (figures[build] ??= []).push(x);

  Deno.test(`${build}: read — phantom written as .nii.gz and read back with Deno.readFile`, async () => {
    api = await getApi();
    const phantom = api.root.makePhantom({ shape: SHAPE, spacing: SPACING, seed: 1 });
    dir = await Deno.makeTempDir({ prefix: "flarekit-deno-" });
    await Deno.writeFile(`${dir}/ct.nii.gz`, api.root.writeNifti(phantom.ct, { gzip: true }));
    await Deno.writeFile(`${dir}/labels.nii.gz`, api.root.writeNifti(phantom.labels, { gzip: true }));
    const readCt = api.root.readNifti(await Deno.readFile(`${dir}/ct.nii.gz`));
    const readLabels = api.root.readNifti(await Deno.readFile(`${dir}/labels.nii.gz`));
    assert.ok(api.root.hasDType(readCt, "int16") && api.root.hasDType(readLabels, "uint8"));
    ct = readCt;
    labels = readLabels;
    assert.equal(String(ct), "Volume<int16> 96×96×32 @ 1.50×1.50×2.50 mm");
    assert.deepEqual(Array.from(ct.data), Array.from(phantom.ct.data));
    assert.deepEqual(Array.from(labels.data), Array.from(phantom.labels.data));
    await Deno.remove(dir, { recursive: true });
  });

  Deno.test(`${build}: window — abdomen preset to uint8`, () => {
    const { center, width } = api.intensity.WINDOW_PRESETS.abdomen;
    const shown = api.intensity.applyWindow(ct, "abdomen", { output: "uint8" });
    assert.equal(shown.dtype, "uint8");
    // Below the window is 0 and above it 255 whatever the window function.
    let below = 0, above = 0;
    for (let i = 0; i < ct.data.length; i++) {
      const hu = ct.data[i];
      if (hu <= center - width / 2 - 1) { assert.equal(shown.data[i], 0); below++; }
      else if (hu >= center + width / 2 + 1) { assert.equal(shown.data[i], 255); above++; }
    }
    // Air and fat lie below the window, bone above it.
    assert.ok(below > 1000 && above > 100, `${below} voxels below and ${above} above the window`);
    record(Array.from(shown.data.subarray(0, 96 * 96)));
  });

  Deno.test(`${build}: resample — labels to 3 × 3 × 5 mm, nearest neighbour`, () => {
    const coarse = api.resample.resampleToSpacing(labels, [3, 3, 5], { interpolation: "nearest" });
    assert.ok(api.root.hasDType(coarse, "uint8"), `nearest neighbour keeps the dtype, got ${coarse.dtype}`);
    assert.deepEqual([...coarse.shape], [48, 48, 16]);
    assert.deepEqual([...coarse.spacing], [3, 3, 5]);
    // Nearest neighbour invents no label value.
    assert.deepEqual([...new Set(coarse.data)].sort(), [...new Set(labels.data)].sort());
    record(Array.from(coarse.data));
  });

  Deno.test(`${build}: components — the phantom's organs, a perturbed prediction and its cleaning`, () => {
    const truth = api.components.labelComponents(labels, { connectivity: 26 });
    // liver, two kidneys, spleen, pancreas
    assert.equal(truth.count, 5);
    assert.deepEqual(truth.components.map((c) => c.label).sort(), [1, 2, 2, 3, 4]);
    pred = api.root.perturbLabels(labels, { seed: 2 });
    const noisy = api.components.labelComponents(pred).count;
    assert.ok(noisy > 5, `the perturbed prediction has ${noisy} components`);
    cleaned = api.components.postprocessFlare(pred);
    assert.equal(api.components.labelComponents(cleaned).count, 5);
    record([truth.count, noisy]);
  });

  Deno.test(`${build}: stats — organ volumes and HU under the labels`, () => {
    const organs = api.stats.labelStatistics(labels, { image: ct });
    const voxelMl = (SPACING[0] * SPACING[1] * SPACING[2]) / 1000;
    for (const organ of organs) {
      let n = 0;
      for (let i = 0; i < labels.data.length; i++) if (labels.data[i] === organ.label) n++;
      assert.equal(organ.voxelCount, n, organ.name);
      assert.ok(Math.abs(organ.volumeMl - n * voxelMl) < 1e-9, organ.name);
    }
    const liver = organs.find((o) => o.label === 1);
    assert.equal(liver?.name, "liver");
    // The phantom's liver is 60 HU with 10 HU noise: the mean of ~100k voxels is within 1 HU.
    assert.ok(Math.abs((liver?.hu?.mean ?? NaN) - api.root.PHANTOM_HU.liver) < 1, `liver mean ${liver?.hu?.mean}`);
    record(organs.map((o) => [o.voxelCount, o.hu?.mean, o.surfaceAreaMm2]));
  });

  Deno.test(`${build}: metrics — Dice against a direct count, NSD of the truth with itself`, () => {
    for (const label of [1, 2, 3, 4]) {
      const before = api.metrics.dice(labels, pred, { label });
      const after = api.metrics.dice(labels, cleaned, { label });
      assert.ok(Math.abs(before - naiveDice(labels.data, pred.data, label)) < 1e-12);
      assert.ok(Math.abs(after - naiveDice(labels.data, cleaned.data, label)) < 1e-12);
      assert.ok(after >= before, `label ${label}: ${after} < ${before}`);
      record([before, after, api.metrics.surfaceDice(labels, pred, { label, toleranceMm: 1 })]);
    }
    assert.equal(api.metrics.surfaceDice(labels, labels, { label: 1, toleranceMm: 1 }), 1);
  });

  Deno.test(`${build}: render — a notebook display bundle holds a PNG`, () => {
    const shown = api.render.show(ct, { axis: "axial" });
    const bundle = (shown as unknown as Record<symbol, () => { "image/png": string }>)[Symbol.for("Jupyter.display")]();
    const png = Uint8Array.from(atob(bundle["image/png"]), (c) => c.charCodeAt(0));
    assert.deepEqual(Array.from(png.subarray(0, 8)), [137, 80, 78, 71, 13, 10, 26, 10]);
    assert.equal(`${shown.width}×${shown.height}`, "96×96");
  });
}

pipeline("source", () => Promise.resolve({
  root: srcRoot, intensity: srcIntensity, components: srcComponents, stats: srcStats, resample: srcResample, metrics: srcMetrics, render: srcRender,
}));
pipeline("dist", distApi);

Deno.test("source and dist give identical figures", () => {
  assert.ok((figures.source?.length ?? 0) > 0);
  assert.deepEqual(figures.dist, figures.source);
});

Deno.test("flarekit/node (node:fs, node:zlib) works under Deno", async () => {
  const dir = await Deno.makeTempDir({ prefix: "flarekit-deno-node-" });
  const volume = srcRoot.createVolume(new Int16Array([1, -2, 3, -4, 5, -6, 7, -8]), [2, 2, 2], { spacing: [0.5, 0.5, 1] });
  await srcNode.writeNiftiFile(`${dir}/v.nii.gz`, volume);
  const back = await srcNode.readNiftiFile(`${dir}/v.nii.gz`);
  assert.ok(srcRoot.hasDType(back, "int16"));
  assert.equal(String(back), "Volume<int16> 2×2×2 @ 0.50×0.50×1.00 mm");
  assert.deepEqual(Array.from(back.data), [1, -2, 3, -4, 5, -6, 7, -8]);
  await Deno.remove(dir, { recursive: true });
});
