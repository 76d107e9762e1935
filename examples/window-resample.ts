// Window a CT for display and resample it (and its labels) to 1.5 mm isotropic, then write the results.
// Run: node --import tsx examples/window-resample.ts [ct.nii.gz [labels.nii.gz]]
// Without arguments it builds a small synthetic CT (a water cylinder with a liver-like ellipsoid in air,
// 0.8×0.8×2.5 mm, stored as int16 with scl_inter = −1024 like many scanners) and a label map.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVolume, type Volume } from "flarekit";
import { applyWindow, ctNormalizationStats, normalizeCT, percentile } from "flarekit/intensity";
import { readNiftiFile, writeNiftiFile } from "flarekit/node";
import { resampleLike, resampleToSpacing } from "flarekit/resample";

function syntheticCase(): { ct: Volume; labels: Volume } {
  const [nx, ny, nz] = [160, 160, 40];
  const raw = new Int16Array(nx * ny * nz);
  const lab = new Uint8Array(nx * ny * nz);
  for (let k = 0, p = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, p++) {
        const body = (i - 80) ** 2 + (j - 80) ** 2 < 70 ** 2;
        const liver = ((i - 60) / 30) ** 2 + ((j - 75) / 25) ** 2 + ((k - 20) / 12) ** 2 < 1;
        lab[p] = liver ? 1 : 0;
        raw[p] = (liver ? 60 : body ? 20 + ((i * 7 + j * 13 + k * 3) % 21) - 10 : -1000) + 1024;
      }
  const spacing = [0.8, 0.8, 2.5];
  return {
    ct: createVolume(raw, [nx, ny, nz], { spacing, scaling: { slope: 1, intercept: -1024 } }),
    labels: createVolume(lab, [nx, ny, nz], { spacing }),
  };
}

const [ctPath, labelsPath] = process.argv.slice(2);
const { ct, labels } = ctPath
  ? { ct: await readNiftiFile(ctPath), labels: labelsPath ? await readNiftiFile(labelsPath) : undefined }
  : syntheticCase();
const out = mkdtempSync(join(tmpdir(), "flarekit-window-resample-"));

// 1. Display windows: the abdomen preset (W350/L40) as uint8, and DICOM's "linear" function as float32.
const display = applyWindow(ct, "abdomen", { output: "uint8" });
const dicom = applyWindow(ct, { center: 40, width: 400 }, { function: "linear" });
console.log(`${display}`, "→ p50 display value", percentile(display, 50), "| DICOM linear p99", percentile(dicom, 99).toFixed(3));

// 2. Resample to 1.5 mm: CT with cubic B-splines (scipy order 3), labels the nnU-Net way; both on the "extent" grid.
const ct15 = resampleToSpacing(ct, [1.5, 1.5, 1.5], { interpolation: "cubic", convention: "extent" });
console.log(`${ct}  →  ${ct15}`);
await writeNiftiFile(join(out, "ct_1.5mm.nii.gz"), ct15);
await writeNiftiFile(join(out, "ct_abdomen_u8.nii.gz"), display);
if (labels) {
  const labels15 = resampleToSpacing(labels, [1.5, 1.5, 1.5], { interpolation: "labels-linear", convention: "extent" });
  await writeNiftiFile(join(out, "labels_1.5mm.nii.gz"), labels15);
  // Back onto the original grid through both affines: most voxels recover their label.
  const back = resampleLike(labels15, labels, { interpolation: "nearest" });
  let same = 0;
  for (let i = 0; i < back.data.length; i++) if (back.data[i] === labels.data[i]) same++;
  console.log(`labels ${labels15}; round trip agrees on ${((100 * same) / back.data.length).toFixed(2)} % of voxels`);
  // 3. nnU-Net CT normalisation from the foreground statistics.
  const stats = ctNormalizationStats([{ image: ct15, labels: labels15 }]);
  const norm = normalizeCT(ct15, stats);
  console.log("CT normalisation stats (HU):", stats, "→ normalised median", percentile(norm, 50).toFixed(3));
}
console.log(`written to ${out}`);
