import type { DType, DTypeArrayMap } from "../core/dtypes.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import { filterComponents } from "./filter-components.ts";
import { checkConnectivity } from "./run-table.ts";
import type { Connectivity, LabelRemoval } from "./types.ts";

/** How many components to keep: one number for every label, or a number per label value. */
export type KeepCount = number | Readonly<Record<number, number>>;

/** Options of {@link keepLargest}. */
export interface KeepLargestOptions<D extends DType = DType> {
  /**
   * Components to keep per label value: a number for all labels, or a map
   * such as `{ 1: 1, 2: 2, 3: 1, 4: 1 }`. With a map, label values not listed
   * are left untouched. `0` removes the label entirely.
   * @defaultValue 1
   */
  k?: KeepCount;
  /** Also remove components smaller than this volume (mm³, from the spacing); a component of exactly this volume stays. @defaultValue 0 */
  minVolumeMm3?: number;
  /** Neighbourhood, see `labelComponents`. @defaultValue 26 */
  connectivity?: Connectivity;
  /** Array to write into: same type and length as `labels.data`, or `labels.data` itself to work in place. Allocated when omitted. */
  out?: DTypeArrayMap[D];
  /** Called once with what was removed per label value (ascending), for logs and reports. */
  onSummary?: (removed: LabelRemoval[]) => void;
}

/**
 * Keeps, per label value, the `k` largest connected components (by voxel
 * count) and sets the others to 0; ties go to the component whose first
 * voxel comes first in storage order. Components smaller than
 * `minVolumeMm3` are removed as well. Other voxels are copied unchanged.
 *
 * One labelling scan for all labels together (no mask per label); extra
 * memory besides the output is 16 bytes per run of non-zero values along x
 * plus a few bytes per component.
 *
 * @param labels - A 2D or 3D map of any integer dtype; values ≥ 0.
 * @param options - `k` (number or per-label map), `minVolumeMm3`, connectivity, `out`, `onSummary`.
 * @returns A volume on the same grid and of the same dtype (viewing `out` when given).
 * @throws `InvalidArgumentError` for a negative or fractional `k`, a bad map key,
 *   a negative `minVolumeMm3`, a wrong `out`, and every input error of `labelComponents`.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { keepLargest } from "flarekit/components";
 * const labels = createVolume(new Uint8Array([2, 2, 0, 2, 0, 2, 2, 2]), [8, 1, 1]);
 * Array.from(keepLargest(labels, { k: 1 }).data); // [0, 0, 0, 0, 0, 2, 2, 2]
 * Array.from(keepLargest(labels, { k: { 2: 2 } }).data); // [2, 2, 0, 0, 0, 2, 2, 2]
 * ```
 * @see The keep-largest-component post-processing of nnU-Net (Isensee et al., Nature Methods 18, 2021) and the FLARE21 solutions; labelling as in `labelComponents`.
 */
export function keepLargest<D extends DType>(labels: Volume<D>, options: KeepLargestOptions<D> = {}): Volume<D> {
  const connectivity = checkConnectivity(options.connectivity);
  const k = options.k ?? 1;
  let kAll = -1;
  let kMap: Map<number, number> | undefined;
  if (typeof k === "number") {
    checkK(k, "k");
    kAll = k;
  } else if (k && typeof k === "object") {
    kMap = new Map();
    for (const [key, v] of Object.entries(k)) {
      const label = Number(key);
      if (!Number.isInteger(label) || label < 1) {
        throw new InvalidArgumentError("k", key, "label values (integers ≥ 1) as keys, for example { 1: 1, 2: 2 }");
      }
      checkK(v, `k[${key}]`);
      kMap.set(label, v);
    }
  } else {
    throw new InvalidArgumentError("k", k, "a number or a map from label value to count, for example { 1: 1, 2: 2 }");
  }
  const minVolumeMm3 = options.minVolumeMm3 ?? 0;
  if (typeof minVolumeMm3 !== "number" || !(minVolumeMm3 >= 0) || minVolumeMm3 === Infinity) {
    throw new InvalidArgumentError("minVolumeMm3", minVolumeMm3, "a finite number ≥ 0 (mm³)");
  }
  return filterComponents(labels, connectivity, options.out, options.onSummary, (sizes, values, count, grid, drop) => {
    const groups = new Map<number, number[]>();
    for (let c = 1; c <= count; c++) {
      if (sizes[c] * grid.voxelVolumeMm3 < minVolumeMm3) {
        drop[c] = 1;
        continue;
      }
      const label = values[c];
      let g = groups.get(label);
      if (!g) groups.set(label, (g = []));
      g.push(c);
    }
    for (const [label, ids] of groups) {
      const keep = kMap ? kMap.get(label) : kAll;
      if (keep === undefined || ids.length <= keep) continue;
      // Stable sort: equal sizes keep their first-voxel order.
      ids.sort((a, b) => sizes[b] - sizes[a]);
      for (let i = keep; i < ids.length; i++) drop[ids[i]] = 1;
    }
  });
}

function checkK(v: unknown, what: string): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    throw new InvalidArgumentError(what, v, "an integer ≥ 0 (components to keep)");
  }
}
