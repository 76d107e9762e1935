// Organ statistics of one CT and a FLARE21-style dataset card, on the built-in phantom.
// Run: node examples/organ-stats.ts [labels.nii.gz ct.nii.gz]
// Without arguments it uses makePhantom(); the dataset part writes three phantom cases (one without
// spleen) in the nnU-Net layout to a temporary folder and summarises it on two worker threads.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makePhantom, volumeLike } from "flarekit";
import { datasetSummary, readNiftiFile, writeNiftiFile } from "flarekit/node";
import { datasetSummaryMarkdown, labelStatistics } from "flarekit/stats";

const [labelsPath, ctPath] = process.argv.slice(2);
const { labels, ct } =
  labelsPath && ctPath ? { labels: await readNiftiFile(labelsPath), ct: await readNiftiFile(ctPath) } : makePhantom({ shape: [192, 192, 48] });

// 1. One volume: a table per organ.
console.table(
  labelStatistics(labels, { image: ct }).map((o) => ({
    organ: o.name,
    voxels: o.voxelCount,
    "volume (mL)": o.volumeMl.toFixed(1),
    "surface (cm²)": ((o.surfaceAreaMm2 ?? 0) / 100).toFixed(1),
    "centroid (mm, RAS)": o.centroidWorldMm?.map((x) => x.toFixed(0)).join(", ") ?? "–",
    "HU mean ± std": o.hu ? `${o.hu.mean.toFixed(1)} ± ${o.hu.std.toFixed(1)}` : "–",
    "HU p5 … p95": o.hu ? `${o.hu.percentile5} … ${o.hu.percentile95}` : "–",
  })),
);

// 2. A dataset: three phantom cases in imagesTr/ + labelsTr/, the spleen erased from one of them.
const dir = mkdtempSync(join(tmpdir(), "flarekit-example-"));
try {
  mkdirSync(join(dir, "imagesTr"));
  mkdirSync(join(dir, "labelsTr"));
  for (let seed = 0; seed < 3; seed++) {
    const phantom = makePhantom({ shape: [128, 128, 32], seed });
    let caseLabels = phantom.labels;
    if (seed === 2) caseLabels = volumeLike(phantom.labels, phantom.labels.data.map((v) => (v === 3 ? 0 : v)));
    await writeNiftiFile(join(dir, "imagesTr", `train_00${seed}_0000.nii.gz`), phantom.ct);
    await writeNiftiFile(join(dir, "labelsTr", `train_00${seed}.nii.gz`), caseLabels);
  }
  const summary = await datasetSummary(dir, { workers: 2 });
  console.log(datasetSummaryMarkdown(summary)); // … | Spleen | 2 | 66.67 % | … (absent from one of three cases)
} finally {
  rmSync(dir, { recursive: true, force: true });
}
