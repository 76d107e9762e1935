/**
 * The shared core of keepLargest and removeSmallComponents (internal): one
 * labelling scan, a decision per component, one write per removed run.
 * @internal
 * @module
 */
import type { DType, DTypeArrayMap } from "../core/dtypes.ts";
import { volumeLike, type Volume } from "../core/volume.ts";
import { checkOut, componentSizes, componentValues, labelGrid, scanRuns, zeroComponents, type LabelGrid, type RunTable } from "./run-table.ts";
import type { Connectivity, LabelRemoval } from "./types.ts";

/** Decides which components to drop: sets `drop[id] = 1`. */
export type DropRule = (sizes: Float64Array, values: Uint32Array, count: number, grid: LabelGrid, drop: Uint8Array) => void;

/** Runs a component filter and returns the filtered volume. */
export function filterComponents<D extends DType>(
  labels: Volume<D>,
  connectivity: Connectivity,
  out: DTypeArrayMap[D] | undefined,
  onSummary: ((removed: LabelRemoval[]) => void) | undefined,
  rule: DropRule,
  grid: LabelGrid = labelGrid(labels),
): Volume<D> {
  const t = scanRuns(grid, connectivity, false, false);
  const sizes = componentSizes(t);
  const values = componentValues(t);
  const drop = new Uint8Array(t.count + 1);
  rule(sizes, values, t.count, grid, drop);
  const target = checkOut(out, labels.data);
  if (target !== labels.data) (target as Uint8Array).set(labels.data as Uint8Array);
  zeroComponents(t, drop, target as Uint8Array);
  if (onSummary) onSummary(removalSummary(t, sizes, values, drop, grid.voxelVolumeMm3));
  return volumeLike<D>(labels, target, { dtype: labels.dtype });
}

/** Per label value (ascending): components before, removed, voxels and mm³ removed. */
export function removalSummary(
  t: RunTable,
  sizes: Float64Array,
  values: Uint32Array,
  drop: Uint8Array,
  voxelVolumeMm3: number,
): LabelRemoval[] {
  const byLabel = new Map<number, LabelRemoval>();
  for (let c = 1; c <= t.count; c++) {
    const label = values[c];
    let s = byLabel.get(label);
    if (!s) {
      s = { label, componentsBefore: 0, componentsRemoved: 0, voxelsRemoved: 0, volumeRemovedMm3: 0 };
      byLabel.set(label, s);
    }
    s.componentsBefore++;
    if (drop[c]) {
      s.componentsRemoved++;
      s.voxelsRemoved += sizes[c];
    }
  }
  const list = [...byLabel.values()].sort((a, b) => a.label - b.label);
  for (const s of list) s.volumeRemovedMm3 = s.voxelsRemoved * voxelVolumeMm3;
  return list;
}
