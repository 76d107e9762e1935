/** A small FLARE-layout dataset on disk for the evaluateDataset and CLI tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVolume, type Volume } from "../../src/core/volume.ts";
import { writeNiftiFile } from "../../src/node/index.ts";

export const SHAPE: [number, number, number] = [24, 20, 12];
export const SPACING: [number, number, number] = [0.800000011920929, 0.800000011920929, 2.5];

/** Organ boxes (label, x0, x1, y0, y1, z0, z1), shifted by `d` voxels along x in the prediction. */
export function labels(seed: number, d = 0, drop: number[] = []): Uint8Array {
  const [nx, ny, nz] = SHAPE;
  const out = new Uint8Array(nx * ny * nz);
  const boxes = [
    [1, 2, 11, 2, 12, 1, 9],
    [2, 14, 18, 3, 8, 2, 6],
    [2, 14, 18, 12, 17, 2, 6],
    [3, 15, 21, 10, 12, 7, 10],
    [4, 6 + (seed % 3), 12, 14, 17, 3, 5],
  ];
  for (const [l, x0, x1, y0, y1, z0, z1] of boxes) {
    if (drop.includes(l)) continue;
    for (let z = z0; z <= z1; z++) for (let y = y0; y <= y1; y++) for (let x = x0 + d; x <= x1 + d; x++) out[x + nx * (y + ny * z)] = l;
  }
  return out;
}

export function volume(data: Uint8Array, shape: readonly number[] = SHAPE): Volume {
  return createVolume(data, shape, { spacing: SPACING });
}

/**
 * gt: a, b, c, d (c has no prediction); pred: a, b_0000 (nnU-Net name of b), d (wrong shape), x (no GT);
 * plus a text file that must be ignored.
 */
export async function makeDataset(): Promise<{ root: string; gtDir: string; predDir: string; gt: Record<string, Uint8Array>; pred: Record<string, Uint8Array> }> {
  const root = mkdtempSync(join(tmpdir(), "flarekit-eval-"));
  const gtDir = join(root, "gt");
  const predDir = join(root, "pred");
  mkdirSync(gtDir);
  mkdirSync(predDir);
  const gt = { a: labels(1), b: labels(2), c: labels(3), d: labels(4) };
  const pred = { a: labels(1, 1), b: labels(2, 0, [3]) };
  for (const [k, v] of Object.entries(gt)) await writeNiftiFile(join(gtDir, `${k}.nii.gz`), volume(v));
  await writeNiftiFile(join(predDir, "a.nii.gz"), volume(pred.a));
  await writeNiftiFile(join(predDir, "b_0000.nii.gz"), volume(pred.b));
  await writeNiftiFile(join(predDir, "d.nii.gz"), volume(new Uint8Array(24 * 20 * 11), [24, 20, 11]));
  await writeNiftiFile(join(predDir, "x.nii.gz"), volume(labels(5)));
  writeFileSync(join(predDir, "notes.txt"), "not an image\n");
  return { root, gtDir, predDir, gt, pred };
}
