// Cleaning a noisy prediction with connected components, and the Dice per organ before and after.
// Run: node examples/postprocess.ts [prediction.nii.gz ground-truth.nii.gz]
// Without arguments it uses the built-in phantom's labels as ground truth and perturbLabels() as
// the "prediction": false-positive specks, holes inside organs and ragged boundaries.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makePhantom, perturbLabels, type IntegerDType, type Volume } from "flarekit";
import { labelComponents, postprocessFlare } from "flarekit/components";
import { dice } from "flarekit/metrics";
import { readNiftiFile, writeNiftiFile } from "flarekit/node";

const NAMES: Record<number, string> = { 1: "liver", 2: "kidneys", 3: "spleen", 4: "pancreas" };

const [predPath, gtPath] = process.argv.slice(2);
let gt: Volume<IntegerDType>;
let pred: Volume<IntegerDType>;
if (predPath && gtPath) {
  // label maps hold an integer dtype (postprocessFlare throws a clear error otherwise)
  pred = (await readNiftiFile(predPath)) as Volume<IntegerDType>;
  gt = (await readNiftiFile(gtPath)) as Volume<IntegerDType>;
} else {
  gt = makePhantom({ shape: [192, 192, 48] }).labels;
  pred = perturbLabels(gt, { seed: 1, specks: 60, speckRadiusVoxels: 1, holes: 8, shiftVoxels: 0 });
}

console.log(`prediction: ${labelComponents(pred).count} components (26-connected)`);
const cleaned = postprocessFlare(pred, {
  fillHoles: true,
  onSummary: (removed) => {
    for (const r of removed) {
      console.log(`  label ${r.label}: removed ${r.componentsRemoved} of ${r.componentsBefore} components (${r.volumeRemovedMm3.toFixed(0)} mm³)`);
    }
  },
  onFill: (filled) => console.log(`  holes filled: ${filled.map((f) => `label ${f.label} ${f.voxelsFilled} voxels`).join(", ")}`),
});
console.log(`cleaned: ${labelComponents(cleaned).count} components`);
for (const label of [1, 2, 3, 4]) {
  const before = dice(gt, pred, { label });
  const after = dice(gt, cleaned, { label });
  console.log(`${NAMES[label].padEnd(9)} Dice ${before.toFixed(4)} → ${after.toFixed(4)}`);
}
const out = join(tmpdir(), "flarekit-postprocessed.nii.gz");
await writeNiftiFile(out, cleaned);
console.log(`written ${out}`);
