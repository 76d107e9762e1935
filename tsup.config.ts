import { defineConfig, type Options } from "tsup";

/** One entry per package.json export; keep the two maps equal (a test checks it). */
export const entries: Record<string, string> = {
  index: "src/index.ts",
  nifti: "src/nifti/index.ts",
  node: "src/node/index.ts",
  ndarray: "src/ndarray/index.ts",
  metrics: "src/metrics/index.ts",
  components: "src/components/index.ts",
  intensity: "src/intensity/index.ts",
  resample: "src/resample/index.ts",
  stats: "src/stats/index.ts",
  render: "src/render/index.ts",
  cli: "src/node/cli/main.ts",
  worker: "src/node/worker.ts",
};

const config: Options = {
  entry: entries,
  format: ["esm"],
  dts: { entry: Object.fromEntries(Object.entries(entries).filter(([k]) => k !== "cli" && k !== "worker")) },
  splitting: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  external: ["ndarray", /^node:/],
  treeshake: true,
  tsconfig: "tsconfig.build.json",
};

export default defineConfig(config) as Options;
