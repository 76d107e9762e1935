import { createHash } from "node:crypto";
import type { Volume } from "../../src/core/volume.ts";

/** sha256 of a volume's voxels as little-endian bytes, x fastest (the truth files' `sha256_unscaled_le_fortran`). */
export function voxelSha256(v: Volume): string {
  const d = v.data;
  const bytes = new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  return createHash("sha256").update(bytes).digest("hex");
}

/** NaN-aware statistics over a float array, like numpy's nanmin / nanmax / nanmean / nansum. */
export function nanStats(a: ArrayLike<number>, stride = 1, offset = 0): { nan_count: number; inf_count: number; min: number; max: number; mean: number; sum: number; nonzero_count: number } {
  let nan = 0, inf = 0, min = Infinity, max = -Infinity, sum = 0, nz = 0, n = 0;
  for (let i = offset; i < a.length; i += stride) {
    const v = a[i];
    if (Number.isNaN(v)) { nan++; continue; }
    if (!Number.isFinite(v)) inf++;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
    if (v !== 0) nz++;
  }
  return { nan_count: nan, inf_count: inf, min, max, mean: sum / n, sum, nonzero_count: nz };
}
