// FLARE21 metrics (issue 3): evaluateCase on synthetic label maps vs the official Python evaluation.
// Usage: npm run bench -- metrics        (builds first; or `node bench/metrics.mjs` after `npx tsup`)
//        node bench/metrics.mjs --runs 5 (timed runs per case, median reported; default 3)
// Peer: the official FLARE21 code (JunMa11/FLARE DSC_NSD_eval.py + SurfaceDice.py, numpy 1.24 / scipy 1.10).
// Its timings are quoted from the issue (measured on this machine), not re-run here.
import { linkSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { mulberry32 } from "./_lib.mjs";

// FLAREKIT_DIST=<dir> benchmarks another build (e.g. `npx tsup --out-dir .bench-dist/metrics --no-dts`),
// so that other people's builds wiping dist/ do not disturb a run.
const DIST = pathToFileURL(join(process.env.FLAREKIT_DIST ?? new URL("../dist", import.meta.url).pathname, "/")).href;
const { createVolume } = await import(new URL("index.js", DIST).href);
const { evaluateCase } = await import(new URL("metrics.js", DIST).href);
const { evaluateDataset, writeNiftiFile } = await import(new URL("node.js", DIST).href);
const ONLY = process.env.BENCH_ONLY; // "realistic" | "fragmented" | "dataset": run one part only

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

/**
 * Smooth organs: ellipsoids (mm) whose radius is modulated by a few low-frequency
 * harmonics of the direction; the prediction moves, scales and re-modulates each a little.
 */
function realisticPair(seed) {
  const [nx, ny, nz] = [488, 404, 90];
  const sp = [0.800000011920929, 0.800000011920929, 1];
  const rnd = mulberry32(seed);
  const organs = [
    // label, centre (voxels), radii (mm)
    [1, 150, 190, 45, 95, 80, 70],
    [2, 170, 280, 40, 28, 34, 45],
    [2, 320, 280, 40, 28, 34, 45],
    [3, 330, 170, 50, 45, 38, 40],
    [4, 240, 200, 38, 60, 14, 12],
  ];
  const gt = new Uint8Array(nx * ny * nz);
  const pred = new Uint8Array(nx * ny * nz);
  const paint = (out, [label, cx, cy, cz, rx, ry, rz], jitter) => {
    const harmonics = Array.from({ length: 4 }, (_, h) => [(h + 1) * 1.1 + (jitter ? (rnd() - 0.5) * 0.2 : 0), (h + 1) * 0.7, 0.05 / (h + 1)]);
    const dx = jitter ? (rnd() - 0.5) * 2 : 0, dy = jitter ? (rnd() - 0.5) * 2 : 0, dz = jitter ? (rnd() - 0.5) : 0;
    const scale = jitter ? 0.985 + rnd() * 0.03 : 1;
    const ex = (rx * 1.2) / sp[0], ey = (ry * 1.2) / sp[1], ez = (rz * 1.2) / sp[2];
    for (let z = Math.max(0, Math.floor(cz - ez)); z <= Math.min(nz - 1, Math.ceil(cz + ez)); z++)
      for (let y = Math.max(0, Math.floor(cy - ey)); y <= Math.min(ny - 1, Math.ceil(cy + ey)); y++)
        for (let x = Math.max(0, Math.floor(cx - ex)); x <= Math.min(nx - 1, Math.ceil(cx + ex)); x++) {
          const u = ((x - cx - dx) * sp[0]) / rx, v = ((y - cy - dy) * sp[1]) / ry, w = ((z - cz - dz) * sp[2]) / rz;
          const r = Math.sqrt(u * u + v * v + w * w);
          if (r > 1.2) continue;
          const theta = Math.atan2(v, u), phi = Math.acos(Math.max(-1, Math.min(1, w / (r || 1))));
          let m = 1;
          for (let h = 0; h < harmonics.length; h++) m += harmonics[h][2] * Math.sin((h + 1) * theta + harmonics[h][0]) * Math.cos((h + 1) * phi + harmonics[h][1]);
          if (r <= m * scale) out[x + nx * (y + ny * z)] = label;
        }
  };
  for (const o of organs) paint(gt, o, false);
  for (const o of organs) paint(pred, o, true);
  return { gt: { data: gt, shape: [nx, ny, nz], spacing: sp }, pred: { data: pred, shape: [nx, ny, nz] } };
}

/** Thousands of small blobs per label; the prediction drops, moves and adds some. */
function fragmentedPair(seed) {
  const [nx, ny, nz] = [512, 512, 100];
  const sp = [0.7421875, 0.7421875, 2.5];
  const rnd = mulberry32(seed);
  const gt = new Uint8Array(nx * ny * nz);
  const pred = new Uint8Array(nx * ny * nz);
  const blob = (out, label, cx, cy, cz, r) => {
    const rz = Math.max(1, Math.round(r / 3));
    for (let z = Math.max(0, cz - rz); z <= Math.min(nz - 1, cz + rz); z++)
      for (let y = Math.max(0, cy - r); y <= Math.min(ny - 1, cy + r); y++)
        for (let x = Math.max(0, cx - r); x <= Math.min(nx - 1, cx + r); x++)
          if (((x - cx) / r) ** 2 + ((y - cy) / r) ** 2 + ((z - cz) / rz) ** 2 <= 1) out[x + nx * (y + ny * z)] = label;
  };
  for (let label = 1; label <= 4; label++) {
    for (let b = 0; b < 2500; b++) {
      const cx = Math.floor(rnd() * nx), cy = Math.floor(rnd() * ny), cz = Math.floor(rnd() * nz), r = 1 + Math.floor(rnd() * 3);
      blob(gt, label, cx, cy, cz, r);
      const fate = rnd();
      if (fate < 0.1) continue; // missed
      const j = () => Math.round((rnd() - 0.5) * 3);
      blob(pred, label, cx + j(), cy + j(), cz, r);
      if (fate > 0.9) blob(pred, label, Math.floor(rnd() * nx), Math.floor(rnd() * ny), Math.floor(rnd() * nz), r); // false positive
    }
  }
  return { gt: { data: gt, shape: [nx, ny, nz], spacing: sp }, pred: { data: pred, shape: [nx, ny, nz] } };
}

/** Median wall time and median CPU time (s) of RUNS calls; CPU time is the steadier figure on a busy machine. */
function time(fn) {
  const wall = [];
  const cpu = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { median: wall[Math.floor(wall.length / 2)], cpu: cpu[Math.floor(cpu.length / 2)], result };
}

const rows = [];
const fmt = (x) => x.toFixed(3);
if (!ONLY || ONLY === "realistic") {
  const { gt, pred } = realisticPair(7);
  evaluateCase(gt, pred); // warm-up
  const a = time(() => evaluateCase(gt, pred));
  const b = time(() => evaluateCase(gt, pred, { hd95: true }));
  const r = a.result.labels.map((l) => `${l.name} ${l.dsc.toFixed(4)}/${l.nsd.toFixed(4)}`).join(", ");
  console.log(`realistic 488×404×90 @ 0.8×0.8×1.0 mm — DSC/NSD: ${r}`);
  rows.push(["realistic, DSC + NSD (4 labels)", a, "5.0–6.9 s (official, excl. loading)", 5.0, 0.5]);
  rows.push(["realistic, + HD95/HD/ASSD", b, "—", NaN, NaN]);
}
if (!ONLY || ONLY === "fragmented") {
  const { gt, pred } = fragmentedPair(11);
  const a = time(() => evaluateCase(gt, pred));
  const r = a.result.labels.map((l) => `${l.name} ${l.dsc.toFixed(4)}/${l.nsd.toFixed(4)}`).join(", ");
  console.log(`fragmented 512×512×100, ~2,500 blobs per label — DSC/NSD: ${r}`);
  rows.push(["fragmented, DSC + NSD (4 labels)", a, "71 s (official, incl. loading)", 71, 3.5]);
}
console.log(`\nevaluateCase, single thread, median of ${RUNS} runs (Node ${process.version}); wall and CPU time`);
console.log("| case | flarekit wall (s) | flarekit CPU (s) | official Python (issue) | speed-up (wall) | target |");
console.log("| --- | ---: | ---: | --- | ---: | --- |");
for (const [name, t, peer, peerS, target] of rows) {
  const ratio = Number.isFinite(peerS) ? `${(peerS / t.median).toFixed(1)}× (vs ${peerS} s)` : "—";
  const goal = Number.isFinite(target) ? `≤ ${target} s ${t.median <= target ? "✓" : "✗"} (CPU ${t.cpu <= target ? "✓" : "✗"})` : "—";
  console.log(`| ${name} | ${fmt(t.median)} | ${fmt(t.cpu)} | ${peer} | ${ratio} | ${goal} |`);
}

// evaluateDataset: a FLARE21-validation-sized folder of realistic cases, 1 worker vs all cores.
if (!ONLY || ONLY === "dataset") {
  // 50 cases as in FLARE21's validation set (BENCH_CASES to change), written as .nii.gz like FLARE's files
  // (BENCH_NII=1: uncompressed .nii); DISTINCT different pairs are generated and hard-linked under 50 names
  // (each case is still read, inflated and evaluated in full). The ratio grows with the case count as the
  // fixed costs of two workers (start, JIT warm-up, first-case page faults; ~0.3 s each) amortise.
  const CASES = Number(process.env.BENCH_CASES ?? 50);
  const DISTINCT = Math.min(CASES, 8);
  const ext = process.env.BENCH_NII ? ".nii" : ".nii.gz";
  const dir = mkdtempSync(join(tmpdir(), "flarekit-bench-metrics-"));
  try {
    mkdirSync(join(dir, "gt"));
    mkdirSync(join(dir, "pred"));
    for (let c = 0; c < CASES; c++) {
      const name = `case_${String(c).padStart(3, "0")}${ext}`;
      if (c < DISTINCT) {
        const { gt, pred } = realisticPair(100 + c);
        await writeNiftiFile(join(dir, "gt", name), createVolume(gt.data, gt.shape, { spacing: gt.spacing }));
        await writeNiftiFile(join(dir, "pred", name), createVolume(pred.data, pred.shape, { spacing: gt.spacing }));
      } else {
        const src = `case_${String(c % DISTINCT).padStart(3, "0")}${ext}`;
        linkSync(join(dir, "gt", src), join(dir, "gt", name));
        linkSync(join(dir, "pred", src), join(dir, "pred", name));
      }
    }
    const cores = availableParallelism();
    const run = async (concurrency) => {
      const t0 = performance.now();
      const r = await evaluateDataset(join(dir, "gt"), join(dir, "pred"), { concurrency });
      if (r.failures.length) throw new Error(r.failures[0].message);
      return { s: (performance.now() - t0) / 1000, csv: r.csv };
    };
    // alternating trials (1 worker, all cores, 1, …): the median of each, so that a burst of load from
    // other jobs on a shared machine does not decide the ratio
    const TRIALS = Number(process.env.BENCH_TRIALS ?? 3);
    const ones = [];
    const manys = [];
    for (let t = 0; t < TRIALS; t++) {
      ones.push(await run(1));
      manys.push(await run(cores));
      if (ones[t].csv !== manys[t].csv || ones[t].csv !== ones[0].csv) throw new Error("results differ between 1 and several workers");
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const one = { s: median(ones.map((r) => r.s)) };
    const many = { s: median(manys.map((r) => r.s)) };
    console.log(`\nevaluateDataset, ${CASES} realistic cases (${DISTINCT} distinct pairs, ${ext}, read + evaluate), identical CSVs; median of ${TRIALS} alternating trials`);
    console.log("| concurrency | wall (s) | per case (s) | speed-up | trials (s) |");
    console.log("| ---: | ---: | ---: | ---: | --- |");
    console.log(`| 1 | ${fmt(one.s)} | ${fmt(one.s / CASES)} | 1.0× | ${ones.map((r) => fmt(r.s)).join(", ")} |`);
    console.log(`| ${cores} | ${fmt(many.s)} | ${fmt(many.s / CASES)} | ${(one.s / many.s).toFixed(2)}× (target ≥ 1.8× on 2 cores) | ${manys.map((r) => fmt(r.s)).join(", ")} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
