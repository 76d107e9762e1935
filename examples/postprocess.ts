// Cleaning a noisy FLARE21-style prediction with connected components, and the Dice before and after.
// Run: node examples/postprocess.ts [prediction.nii.gz ground-truth.nii.gz]
// Without arguments it builds a synthetic case: five organs as ellipsoids (two kidneys share label 2),
// and a "prediction" with 400 false-positive specks, a false spleen and holes punched into the liver.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVolume, type Volume } from "flarekit";
import { labelComponents, postprocessFlare } from "flarekit/components";
import { readNiftiFile, writeNiftiFile } from "flarekit/node";

const NAMES: Record<number, string> = { 1: "liver", 2: "kidneys", 3: "spleen", 4: "pancreas" };

function syntheticCase(): { gt: Volume; pred: Volume } {
  const [nx, ny, nz] = [160, 128, 48];
  const gt = new Uint8Array(nx * ny * nz);
  const organs = [
    [1, 55, 60, 24, 35, 30, 14],
    [2, 60, 95, 20, 10, 12, 8],
    [2, 110, 95, 20, 10, 12, 8],
    [3, 115, 55, 26, 16, 14, 8],
    [4, 85, 70, 20, 22, 6, 4],
  ];
  for (const [v, cx, cy, cz, rx, ry, rz] of organs) {
    for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      if (((i - cx) / rx) ** 2 + ((j - cy) / ry) ** 2 + ((k - cz) / rz) ** 2 <= 1) gt[i + nx * (j + ny * k)] = v;
    }
  }
  const pred = gt.slice();
  let seed = 7; // mulberry32
  const rnd = (n: number): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const cube = (v: number, i0: number, j0: number, k0: number, w: number, onlyIn = -1): void => {
    for (let k = k0; k < Math.min(nz, k0 + w); k++) for (let j = j0; j < Math.min(ny, j0 + w); j++) for (let i = i0; i < Math.min(nx, i0 + w); i++) {
      const p = i + nx * (j + ny * k);
      if (onlyIn < 0 || pred[p] === onlyIn) pred[p] = v;
    }
  };
  for (let s = 0; s < 400; s++) cube(1 + rnd(4), rnd(nx), rnd(ny), rnd(nz), 1 + rnd(3)); // false-positive specks
  for (let s = 0; s < 40; s++) cube(0, 40 + rnd(30), 45 + rnd(30), 18 + rnd(12), 3, 1); // holes in the liver
  cube(3, 20, 110, 5, 9); // a 729-voxel (1640 mm³) false spleen
  const spacing = [1.5, 1.5, 3];
  return { gt: createVolume(gt, [nx, ny, nz], { spacing }), pred: createVolume(pred, [nx, ny, nz], { spacing }) };
}

function dice(a: Volume, b: Volume, label: number): number {
  let na = 0, nb = 0, both = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i] === label, y = b.data[i] === label;
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return (2 * both) / (na + nb);
}

const [predPath, gtPath] = process.argv.slice(2);
const { gt, pred } = predPath && gtPath ? { pred: await readNiftiFile(predPath), gt: await readNiftiFile(gtPath) } : syntheticCase();

console.log(`prediction: ${labelComponents(pred).count} components (26-connected)`);
const cleaned = postprocessFlare(pred, {
  fillHoles: true,
  onSummary: (removed) => {
    for (const r of removed) console.log(`  label ${r.label}: removed ${r.componentsRemoved} of ${r.componentsBefore} components (${r.voxelsRemoved} voxels)`);
  },
  onFill: (filled) => console.log(`  holes filled: ${filled.map((f) => `label ${f.label} ${f.voxelsFilled} voxels`).join(", ")}`),
});
console.log(`cleaned: ${labelComponents(cleaned).count} components`);
for (const label of [1, 2, 3, 4]) {
  console.log(`${NAMES[label].padEnd(9)} Dice ${dice(gt, pred, label).toFixed(4)} → ${dice(gt, cleaned, label).toFixed(4)}`);
}
const out = join(tmpdir(), "flarekit-postprocessed.nii.gz");
await writeNiftiFile(out, cleaned);
console.log(`written ${out}`);
