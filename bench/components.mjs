// Connected-component postprocessing on a 512×512×100 uint8 FLARE-style label map with thousands of specks.
// Usage: npm run bench -- components     (builds first; or `node bench/components.mjs` after `npx tsup`)
// Python figures are quoted from issue 4 (measured on the project's 2-core machine), not run here.
import { cpus, loadavg } from "node:os";
import { createVolume } from "../dist/index.js";
import { fillHoles, keepLargest, labelComponents, postprocessFlare } from "../dist/components.js";
import { mulberry32 } from "./_lib.mjs";

const NX = 512, NY = 512, NZ = 100;
const N = NX * NY * NZ;

function makeLabels() {
  const rnd = mulberry32(42);
  const d = new Uint8Array(N);
  // Organs as ellipsoids (voxel units): liver, two kidneys (label 2), spleen, pancreas.
  const organs = [
    [1, 170, 260, 55, 110, 95, 38],
    [2, 190, 330, 50, 30, 40, 22],
    [2, 330, 330, 50, 30, 40, 22],
    [3, 350, 250, 60, 50, 45, 20],
    [4, 270, 230, 45, 70, 18, 12],
  ];
  for (const [v, cx, cy, cz, rx, ry, rz] of organs) {
    for (let z = Math.max(0, cz - rz); z <= Math.min(NZ - 1, cz + rz); z++) {
      for (let y = Math.max(0, cy - ry); y <= Math.min(NY - 1, cy + ry); y++) {
        for (let x = Math.max(0, cx - rx); x <= Math.min(NX - 1, cx + rx); x++) {
          const q = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 + ((z - cz) / rz) ** 2;
          if (q <= 1) {
            const p = x + NX * (y + NY * z);
            // Small internal holes (background bubbles) in the liver and spleen.
            if ((v === 1 || v === 3) && q < 0.5 && rnd() < 0.002) continue;
            d[p] = v;
          }
        }
      }
    }
  }
  // Thousands of specks: 1..3³-voxel cubes of random labels anywhere.
  for (let s = 0; s < 6000; s++) {
    const v = 1 + Math.floor(rnd() * 4);
    const w = 1 + Math.floor(rnd() * 3);
    const x0 = Math.floor(rnd() * (NX - w)), y0 = Math.floor(rnd() * (NY - w)), z0 = Math.floor(rnd() * (NZ - w));
    for (let z = z0; z < z0 + w; z++) for (let y = y0; y < y0 + w; y++) for (let x = x0; x < x0 + w; x++) d[x + NX * (y + NY * z)] = v;
  }
  return createVolume(d, [NX, NY, NZ], { spacing: [0.8, 0.8, 2.5] });
}

// Median wall time and median CPU time (user + system of this process) over `reps` runs after a warm-up.
// On a shared machine the CPU time is the steadier figure: wall time also counts waiting for a core.
function time(fn, reps = 5) {
  fn(); // warm-up (JIT)
  const wall = [];
  const cpu = [];
  for (let i = 0; i < reps; i++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { wall: med(wall), cpu: med(cpu) };
}

const labels = makeLabels();
const out8 = new Uint8Array(N);
const ids = new Uint32Array(N);
let info = "";
const cc = labelComponents(labels);
info += `components (26): ${cc.count}; `;
postprocessFlare(labels, { onSummary: (s) => (info += `FLARE removes ${s.reduce((a, b) => a + b.componentsRemoved, 0)} components; `) });
fillHoles(labels, { onSummary: (s) => (info += `fillHoles fills ${s.reduce((a, b) => a + b.voxelsFilled, 0)} voxels`) });
console.log(`volume ${NX}×${NY}×${NZ} uint8, ${info}`);

const rows = [
  ["labelComponents, 26-connected", time(() => labelComponents(labels)), 0.104, "cc3d (C++)", 3.0, "scipy per class", 0.2],
  ["labelComponents, 26, out: Uint32Array", time(() => labelComponents(labels, { out: ids })), 0.104, "cc3d (C++)", 3.0, "scipy per class", 0.2],
  ["labelComponents, 6-connected", time(() => labelComponents(labels, { connectivity: 6 })), undefined, "", undefined, "", undefined],
  ["postprocessFlare (keep-k + 2000 mm³)", time(() => postprocessFlare(labels)), 0.35, "cc3d single pass", 1.34, "scipy per organ", 0.35],
  ["postprocessFlare, out reused", time(() => postprocessFlare(labels, { out: out8 })), 0.35, "cc3d single pass", 1.34, "scipy per organ", 0.35],
  ["fillHoles, 4 labels, 3d", time(() => fillHoles(labels)), undefined, "", 6.9, "scipy binary_fill_holes ×4", 0.5],
  ["fillHoles, 4 labels, axial slices", time(() => fillHoles(labels, { mode: "slices" })), undefined, "", undefined, "", undefined],
];
const f = (x) => (x === undefined ? "—" : x.toFixed(3));
console.log("| operation | flarekit wall (s) | flarekit CPU (s) | target (s) | peer 1 (s, from issue 4) | ratio (wall) | peer 2 (s, from issue 4) | speed-up (wall) |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const [name, { wall, cpu }, p1, n1, p2, n2, target] of rows) {
  console.log(
    `| ${name} | ${f(wall)} | ${f(cpu)} | ${target === undefined ? "—" : (wall <= target ? "≤ " : "MISSED ") + target} | ${p1 === undefined ? "—" : `${n1} ${p1}`} | ${p1 === undefined ? "—" : (wall / p1).toFixed(2) + "×"} | ${p2 === undefined ? "—" : `${n2} ${p2}`} | ${p2 === undefined ? "—" : (p2 / wall).toFixed(1) + "×"} |`,
  );
}
console.log(`load average (1 min) during the run: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);

// A harder map: the same organs with 1% of all voxels replaced by random labels (≈ 260k specks).
const salted = new Uint8Array(labels.data);
{
  const rnd = mulberry32(7);
  for (let s = 0; s < N / 100; s++) salted[Math.floor(rnd() * N)] = Math.floor(rnd() * 5);
}
const saltedVolume = createVolume(salted, [NX, NY, NZ], { spacing: [0.8, 0.8, 2.5] });
const saltedCount = labelComponents(saltedVolume).count;
const tSalted = time(() => labelComponents(saltedVolume), 3);
const tSaltedFlare = time(() => postprocessFlare(saltedVolume), 3);
const tSaltedFill = time(() => fillHoles(saltedVolume), 3);
console.log(`\nstress: 1% salt noise, ${saltedCount} components (26), wall/CPU s: labelComponents ${f(tSalted.wall)}/${f(tSalted.cpu)}, postprocessFlare ${f(tSaltedFlare.wall)}/${f(tSaltedFlare.cpu)}, fillHoles ${f(tSaltedFill.wall)}/${f(tSaltedFill.cpu)}`);

// Many labels (TotalSegmentator-like): the organs cut into 32×32-voxel columns of 100 label values.
const many = new Uint8Array(labels.data);
for (let i = 0; i < N; i++) if (many[i]) many[i] = 1 + ((((i % NX) >> 5) + 16 * (((i / NX) | 0) % NY >> 5)) % 100);
const manyVolume = createVolume(many, [NX, NY, NZ], { spacing: [0.8, 0.8, 2.5] });
const tMany = time(() => fillHoles(manyVolume), 3);
const tManyLabel = time(() => labelComponents(manyVolume), 3);
console.log(`100 labels: labelComponents ${f(tManyLabel.wall)}/${f(tManyLabel.cpu)} s, fillHoles ${f(tMany.wall)}/${f(tMany.cpu)} s (wall/CPU)`);

// Extra memory of the labelling: 16 bytes per run of equal non-zero values along x (+ 4 bytes per row).
function runs(d) {
  let n = 0;
  for (let r = 0; r < NY * NZ; r++) {
    let prev = 0;
    for (let x = 0, b = r * NX; x < NX; x++) {
      const v = d[b + x];
      if (v !== 0 && v !== prev) n++;
      prev = v;
    }
  }
  return n;
}
for (const [name, d] of [["bench map", labels.data], ["salted map", salted]]) {
  const r = runs(d);
  console.log(`${name}: ${r} runs → labelling scratch ≈ ${((r * 16 + NY * NZ * 4) / 2 ** 20).toFixed(1)} MB (the uint8 map itself is ${(N / 2 ** 20).toFixed(0)} MB)`);
}
console.log(`heap after: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB, array buffers ${(process.memoryUsage().arrayBuffers / 2 ** 20).toFixed(0)} MB`);
