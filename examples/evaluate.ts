// FLARE21 evaluation on the built-in phantom: one case in memory, then a folder with `evaluateDataset`.
// Run: node examples/evaluate.ts
// The prediction is the phantom's ground truth perturbed (boundary noise, the pancreas missed);
// DSC and NSD at 1 mm are those of the official FLARE21 code, to the last bit.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makePhantom, perturbLabels } from "flarekit";
import { evaluateCase, surfaceDistances, hausdorffFromDistances } from "flarekit/metrics";
import { evaluateDataset, writeNiftiFile } from "flarekit/node";

// 1. One case in memory.
const { labels } = makePhantom({ shape: [160, 160, 40], seed: 1 });
const prediction = perturbLabels(labels, { seed: 2, missLabels: [4] });
const result = evaluateCase(labels, prediction, { hd95: true });
console.table(
  result.labels.map((l) => ({
    organ: l.name,
    rule: l.branch,
    DSC: l.dsc.toFixed(4),
    "NSD 1 mm": l.nsd.toFixed(4),
    "HD95 (mm)": l.hd95Mm?.toFixed(2),
  })),
);
console.log(`mean DSC ${result.meanDsc.toFixed(4)}, mean NSD ${result.meanNsd.toFixed(4)}`);

// The surface distances behind NSD: sorted by (distance, area) like the official code.
const liver = surfaceDistances(labels, prediction, { label: 1 });
console.log(`liver: ${liver.distancesGtToPredMm.length} GT surfels, HD ${hausdorffFromDistances(liver, 100).toFixed(2)} mm`);

// 2. A folder of cases: ground truths and predictions by name, two worker threads, the official CSV.
const dir = mkdtempSync(join(tmpdir(), "flarekit-eval-example-"));
try {
  mkdirSync(join(dir, "gt"));
  mkdirSync(join(dir, "pred"));
  for (let seed = 0; seed < 3; seed++) {
    const phantom = makePhantom({ shape: [128, 128, 32], seed });
    await writeNiftiFile(join(dir, "gt", `case_${seed}.nii.gz`), phantom.labels);
    await writeNiftiFile(join(dir, "pred", `case_${seed}.nii.gz`), perturbLabels(phantom.labels, { seed: 10 + seed }));
  }
  const evaluation = await evaluateDataset(join(dir, "gt"), join(dir, "pred"), { concurrency: 2 });
  process.stdout.write(evaluation.csv); // Name,DSC_1,NSD-1mm_1,…
  console.log(`overall DSC ${evaluation.summary.overall.dsc.mean.toFixed(4)} ± ${evaluation.summary.overall.dsc.std.toFixed(4)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
