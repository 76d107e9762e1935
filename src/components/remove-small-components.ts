import type { DType, DTypeArrayMap } from "../core/dtypes.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import type { Volume } from "../core/volume.ts";
import { filterComponents } from "./filter-components.ts";
import { checkConnectivity } from "./run-table.ts";
import type { Connectivity, LabelRemoval } from "./types.ts";

/** Options of {@link removeSmallComponents}: give exactly one of `minVoxels` and `minVolumeMm3`. */
export interface RemoveSmallComponentsOptions<D extends DType = DType> {
  /** Remove components with fewer voxels than this (a component of exactly `minVoxels` stays, as in cc3d `dust` and skimage `remove_small_objects`). */
  minVoxels?: number;
  /** Remove components whose volume (mm³, from the spacing) is below this. */
  minVolumeMm3?: number;
  /** Neighbourhood, see `labelComponents`. @defaultValue 26 */
  connectivity?: Connectivity;
  /** Array to write into: same type and length as `labels.data`, or `labels.data` itself to work in place. Allocated when omitted. */
  out?: DTypeArrayMap[D];
  /** Called once with what was removed per label value (ascending). */
  onSummary?: (removed: LabelRemoval[]) => void;
}

/**
 * Sets to 0 every connected component (per label value) smaller than
 * `minVoxels` voxels or `minVolumeMm3` mm³; everything else is copied
 * unchanged. One labelling scan for all labels; memory as `keepLargest`.
 *
 * @param labels - A 2D or 3D map of any integer dtype; values ≥ 0.
 * @param options - Exactly one of `minVoxels` / `minVolumeMm3`; connectivity, `out`, `onSummary`.
 * @returns A volume on the same grid and of the same dtype.
 * @throws `InvalidArgumentError` when neither or both thresholds are given, a threshold is
 *   negative or not finite, `out` is wrong, and every input error of `labelComponents`.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { removeSmallComponents } from "flarekit/components";
 * const labels = createVolume(new Uint8Array([1, 0, 1, 1, 0, 3]), [6, 1, 1]);
 * Array.from(removeSmallComponents(labels, { minVoxels: 2 }).data); // [0, 0, 1, 1, 0, 0]
 * ```
 * @see cc3d `dust` and scikit-image `remove_small_objects` for the same rule; labelling as in `labelComponents`.
 */
export function removeSmallComponents<D extends DType>(
  labels: Volume<D>,
  options: RemoveSmallComponentsOptions<D>,
): Volume<D> {
  const connectivity = checkConnectivity(options?.connectivity);
  const { minVoxels, minVolumeMm3 } = options ?? {};
  if ((minVoxels === undefined) === (minVolumeMm3 === undefined)) {
    throw new InvalidArgumentError(
      "options",
      minVoxels === undefined ? "neither minVoxels nor minVolumeMm3" : "both minVoxels and minVolumeMm3",
      "exactly one of minVoxels and minVolumeMm3",
    );
  }
  const name = minVoxels !== undefined ? "minVoxels" : "minVolumeMm3";
  const threshold = (minVoxels ?? minVolumeMm3) as number;
  if (typeof threshold !== "number" || !(threshold >= 0) || threshold === Infinity) {
    throw new InvalidArgumentError(name, threshold, "a finite number ≥ 0");
  }
  return filterComponents(labels, connectivity, options.out, options.onSummary, (sizes, _values, count, grid, drop) => {
    const scale = minVoxels !== undefined ? 1 : grid.voxelVolumeMm3;
    for (let c = 1; c <= count; c++) if (sizes[c] * scale < threshold) drop[c] = 1;
  });
}
