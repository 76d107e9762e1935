// Read → inspect → reorient → write, on a small CT written here so the example needs no download.
// Run: npm run build && npx tsx examples/read-inspect-reorient-write.ts [path/to/your.nii.gz]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVolume, scaledData, diagonalAffine } from "flarekit";
import { axisCodes, reorientToCanonical } from "flarekit/nifti";
import { readNiftiFile, readNiftiHeaderFile, writeNiftiFile } from "flarekit/node";

const dir = mkdtempSync(join(tmpdir(), "flarekit-example-"));
let input = process.argv[2];
if (!input) {
  // A 64×64×16 int16 "CT" stored LPS (x and y flipped), with a HU scaling, like many scanners write it.
  const data = new Int16Array(64 * 64 * 16).map((_, i) => ((i % 64) < 32 ? 1024 : 1084));
  const affine = diagonalAffine([-0.8, -0.8, 2.5]);
  affine[0][3] = 25;
  affine[1][3] = 25;
  const ct = createVolume(data, [64, 64, 16], { affine, scaling: { slope: 1, intercept: -1024 } });
  input = join(dir, "ct.nii.gz");
  await writeNiftiFile(input, ct);
}

// Inspect the header without decompressing the voxels.
const info = await readNiftiHeaderFile(input);
console.log(`${input}: ${info.shape.join("×")} ${info.dtype}, ${axisCodes(info.affine)}, affine from the ${info.affineSource}`);

// Read, look at the values in HU, reorient to RAS like nibabel's as_closest_canonical.
const volume = await readNiftiFile(input);
console.log(String(volume)); // Volume<int16> 64×64×16 @ 0.80×0.80×2.50 mm (scaled ×1 − 1024)
const hu = scaledData(volume);
console.log(`HU at voxel 0: ${hu[0]}, at voxel 40: ${hu[40]}`); // 0 and 60
const ras = reorientToCanonical(volume);
console.log(`reoriented: ${axisCodes(volume.affine)} → ${axisCodes(ras.affine)}`); // LPS → RAS

const output = join(dir, "ct_ras.nii.gz");
await writeNiftiFile(output, ras);
console.log(`wrote ${output}`);
