// The built-in phantom, a fake prediction, slices with organ overlays, a PNG montage and NIfTI files.
// Run (after `npm run build`): node --import tsx examples/phantom-render.ts
// Writes phantom_ct.nii.gz, phantom_labels.nii.gz, phantom_prediction.nii.gz and phantom.png to the
// working folder, and checks that the organs sit where the radiological convention puts them.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { makePhantom, perturbLabels } from "flarekit";
import { writeNiftiFile } from "flarekit/node";
import { encodePng, montage, renderSlice, show, sliceCount } from "flarekit/render";

// 1. A 256×256×64 CT at 1.5×1.5×2.5 mm (int16 HU) with FLARE21 labels, and a fake prediction.
const { ct, labels } = makePhantom({ seed: 7 });
const prediction = perturbLabels(labels, { seed: 8, missLabels: [4] }); // misses the pancreas
console.log(String(ct)); // Volume<int16> 256×256×64 @ 1.50×1.50×2.50 mm
await writeNiftiFile("phantom_ct.nii.gz", ct);
await writeNiftiFile("phantom_labels.nii.gz", labels);
await writeNiftiFile("phantom_prediction.nii.gz", prediction);

// 2. Axial slices with the ground truth, the prediction as outlines, and a coronal slice.
const n = sliceCount(ct, "axial"); // 64
const tiles = [
  renderSlice(ct, { axis: "axial", index: Math.round(n * 0.3), labels }),
  renderSlice(ct, { axis: "axial", index: Math.round(n * 0.6), labels }),
  renderSlice(ct, { axis: "axial", index: Math.round(n * 0.6), labels: prediction, outline: true, alpha: 0 }),
  renderSlice(ct, { axis: "coronal", labels, window: { center: 40, width: 400 } }),
];
const png = encodePng(montage(tiles, { columns: 2 }));
await writeFile("phantom.png", png);
console.log(`phantom.png: ${png.length} bytes`);

// 3. Radiological convention: the liver (red, patient's right) is on the image's left,
//    the spleen (blue, patient's left) on the right.
const slice = renderSlice(ct, { index: Math.round(n * 0.6), labels, alpha: 1 });
let liverLeft = 0;
let spleenRight = 0;
for (let y = 0; y < slice.height; y++) {
  for (let x = 0; x < slice.width; x++) {
    const q = (y * slice.width + x) * 4;
    const [r, g, b] = [slice.rgba[q], slice.rgba[q + 1], slice.rgba[q + 2]];
    if (r === 255 && g === 0 && b === 0 && x < slice.width / 2) liverLeft++;
    if (r === 0 && g === 0 && b === 255 && x >= slice.width / 2) spleenRight++;
  }
}
assert.ok(liverLeft > 1000, "the liver should be on the image's left");
assert.ok(spleenRight > 100, "the spleen should be on the image's right");

// 4. In a Deno Jupyter notebook, `show(ct, { labels })` as the last expression of a cell displays the
//    slice; elsewhere it offers a data URL for an <img> element.
const shown = show(ct, { labels, index: 40 });
assert.ok(shown.toDataURL().startsWith("data:image/png;base64,"));
console.log(`${String(shown)}, liver pixels on the left: ${liverLeft}, spleen pixels on the right: ${spleenRight}`);
