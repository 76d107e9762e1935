// Windowing and resampling benchmark: flarekit against the Python figures quoted in issue 5 (scipy 1.10 /
// numpy 1.24 measured on the same 2-core machine), and numpy's windowing and allocation floor in the same run when
// python3 has numpy.
// Usage: npm run bench -- intensity-resample      (builds first)
//
// Data: a generated 512×512×100 int16 CT-like volume at 0.8×0.8×2.5 mm (smooth anatomy + noise) and a label
// map with four organs on the same grid, resampled to 1.5 mm isotropic (273×273×167). Times are medians of
// 7 runs after a warm-up, in milliseconds.
import { spawnSync } from "node:child_process";
const dist = process.env.FLAREKIT_DIST ?? "../dist";
const { createVolume } = await import(`${dist}/index.js`);
const { applyWindow } = await import(`${dist}/intensity.js`);
const { resampleToSpacing } = await import(`${dist}/resample.js`);

const [nx, ny, nz] = [512, 512, 100];
const ctData = new Int16Array(nx * ny * nz);
const labelData = new Uint8Array(nx * ny * nz);
let seed = 12345;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
for (let z = 0; z < nz; z++)
  for (let y = 0; y < ny; y++)
    for (let x = 0; x < nx; x++) {
      const p = x + nx * (y + ny * z);
      const dx = (x - 256) / 200;
      const dy = (y - 256) / 150;
      const body = dx * dx + dy * dy < 1;
      const liver = ((x - 180) / 80) ** 2 + ((y - 240) / 60) ** 2 + ((z - 50) / 40) ** 2 < 1;
      const kidney = ((x - 330) / 25) ** 2 + ((y - 300) / 35) ** 2 + ((z - 45) / 20) ** 2 < 1;
      const spleen = ((x - 360) / 35) ** 2 + ((y - 200) / 30) ** 2 + ((z - 60) / 18) ** 2 < 1;
      const pancreas = ((x - 260) / 50) ** 2 + ((y - 270) / 10) ** 2 + ((z - 50) / 8) ** 2 < 1;
      const label = liver ? 1 : kidney ? 2 : spleen ? 3 : pancreas ? 4 : 0;
      labelData[p] = label;
      const base = !body ? -1000 : label ? [0, 60, 150, 45, 40][label] : 40 + 20 * Math.sin(x / 17) * Math.cos(y / 23);
      ctData[p] = Math.round(base + (body ? (rnd() - 0.5) * 30 : 0));
    }
const spacing = [0.8, 0.8, 2.5];
const ct = createVolume(ctData, [nx, ny, nz], { spacing });
const labels = createVolume(labelData, [nx, ny, nz], { spacing });
const target = [1.5, 1.5, 1.5];
const reuse = new Float32Array(ct.voxelCount);

/** Median wall and CPU (user + system) milliseconds; CPU time is less disturbed by other load on the machine. */
function median(fn, runs = 7) {
  fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (t) => t.sort((a, b) => a - b)[Math.floor(runs / 2)];
  return [mid(wall), mid(cpu)];
}

// [name, run, Python ms (quoted from issue 5), target ms, peer, memory beyond the input (from the algorithm)]
const rows = [
  ["windowing → float32 (abdomen, clip)", () => applyWindow(ct, "abdomen"), 80, 60, "numpy clip+scale", "out 105 MB + 256 KB table"],
  ["windowing → float32, reusing `out`", () => applyWindow(ct, "abdomen", { out: reuse }), 80, 60, "numpy clip+scale", "256 KB table"],
  // the floor of any fresh float32 output: allocating and first touching 105 MB (page faults; no windowing)
  ["floor: `new Float32Array(n).fill(0.5)`, no windowing", () => new Float32Array(ct.voxelCount).fill(0.5), undefined, undefined, "–", "105 MB"],
  ["resample linear → 1.5 mm", () => resampleToSpacing(ct, target, { interpolation: "linear" }), 1840, 400, "scipy zoom order 1", "out 50 MB + 30 MB + 0.6 MB"],
  ["resample cubic → 1.5 mm", () => resampleToSpacing(ct, target, { interpolation: "cubic" }), 3320, 1000, "scipy zoom order 3", "out 50 MB + 30 MB + 4.6 MB"],
  ["resample labels nearest → 1.5 mm", () => resampleToSpacing(labels, target, { interpolation: "nearest" }), 130, 100, "scipy zoom order 0", "out 12 MB"],
  ["resample labels-linear → 1.5 mm", () => resampleToSpacing(labels, target, { interpolation: "labels-linear" }), undefined, undefined, "nnU-Net, not quoted", "out 12 MB"],
];

const out = resampleToSpacing(ct, target);
console.log(`input ${ct}  →  ${out.shape.join("×")} @ 1.5 mm; node ${process.version}`);
console.log("");
console.log("| operation | flarekit wall (ms) | flarekit CPU (ms) | Python (ms, quoted) | speed-up (wall) | target (ms) | memory |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [name, fn, py, goal, peer, mem] of rows) {
  const [ms, cpuMs] = median(fn);
  const ratio = py ? `${(py / ms).toFixed(1)}×` : "–";
  const ok = goal ? `${goal} ${ms <= goal ? "✓" : "✗"}` : "–";
  console.log(`| ${name} | ${ms.toFixed(0)} | ${cpuMs.toFixed(0)} | ${py ?? "–"} (${peer}) | ${ratio} | ${ok} | ${mem} |`);
}
// The same fresh-output windowing in a child process whose glibc malloc asks for transparent huge pages
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1, glibc ≥ 2.35): what the page faults cost when the allocator does
// what numpy does for its large arrays.
if (process.platform === "linux" && !process.env.GLIBC_TUNABLES) {
  const child = `
const { createVolume } = await import(${JSON.stringify(new URL(`${dist}/index.js`, import.meta.url).href)});
const { applyWindow } = await import(${JSON.stringify(new URL(`${dist}/intensity.js`, import.meta.url).href)});
const data = new Int16Array(${ct.voxelCount});
for (let i = 0; i < data.length; i++) data[i] = ((i * 7919) % 4024) - 1024;
const ct = createVolume(data, [${nx}, ${ny}, ${nz}]);
const t = [];
for (let r = 0; r < 8; r++) { globalThis.gc?.(); const t0 = performance.now(); applyWindow(ct, "abdomen"); t.push(performance.now() - t0); }
t.sort((a, b) => a - b);
console.log(t[4].toFixed(0));`;
  const r = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", child], { encoding: "utf8", env: { ...process.env, GLIBC_TUNABLES: "glibc.malloc.hugetlb=1" } });
  if (r.status === 0) {
    console.log("");
    console.log(`windowing → float32 with a fresh output, node started with GLIBC_TUNABLES=glibc.malloc.hugetlb=1: ${r.stdout.trim()} ms (target 60).`);
  }
}

// numpy in the same run, when python3 has it: the usual windowing expression, and its allocation floor with and
// without the transparent huge pages numpy requests (madvise) for large arrays — which JS runtimes do not
const numpyProbe = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" });
if (numpyProbe.status === 0) {
  const py = `
import numpy as np, time, json
ct = np.random.default_rng(0).integers(-1024, 3000, ${ct.voxelCount}).astype(np.int16)
def med(f, runs=7):
    f(); t = []
    for _ in range(runs):
        t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
    return sorted(t)[runs // 2] * 1000
lo, w = 40 - 175, 350
out = {"window": med(lambda: np.clip((ct.astype(np.float32) - lo) / w, 0, 1))}
out["floor_thp"] = med(lambda: np.empty(ct.size, np.float32).fill(0.5))
try:
    np.core.multiarray._set_madvise_hugepage(False)
    out["floor_no_thp"] = med(lambda: np.empty(ct.size, np.float32).fill(0.5))
except Exception:
    pass
print(json.dumps(out))`;
  const r = spawnSync("python3", ["-c", py], { encoding: "utf8" });
  if (r.status === 0) {
    const m = JSON.parse(r.stdout.trim());
    console.log("");
    console.log(`numpy ${"same run"}: window np.clip((ct.astype(float32) − lo) / w, 0, 1) ${m.window.toFixed(0)} ms; allocation floor np.empty(n, float32).fill: ${m.floor_thp.toFixed(0)} ms with numpy's huge-page madvise${m.floor_no_thp !== undefined ? `, ${m.floor_no_thp.toFixed(0)} ms without` : ""}.`);
  }
} else {
  console.log("\n(numpy not available: the same-run numpy rows are skipped)");
}
console.log("");
console.log("Memory: the output (273×273×167 float32 = 49.8 MB; uint8 labels 12.4 MB) plus one float32 intermediate of");
console.log("273×273×100 = 29.8 MB (x then y resampled slice by slice into it, then z), one 273×512 float32 slice (0.6 MB)");
console.log("and, for cubic, a float64 scratch of (n + 24) rows × ≤ 4096 columns (≤ 4 MB). Windowing: the output and a 65 536-entry table.");
