import type { DType, DTypeArrayMap } from "../core/dtypes.ts";
import { InvalidArgumentError } from "../core/errors.ts";
import { volumeLike, type Volume } from "../core/volume.ts";
import { checkOut, componentValues, labelGrid, scanRuns, type LabelGrid, type NumberLabelArray } from "./run-table.ts";
import type { LabelFill } from "./types.ts";

/** Options of {@link fillHoles}. */
export interface FillHolesOptions<D extends DType = DType> {
  /**
   * `"3d"`: a hole is enclosed in 3D (6-connectivity, the volume's faces are
   * the border). `"slices"`: each slice perpendicular to `axis` is filled on
   * its own (4-connectivity, the slice's edges are the border).
   * @defaultValue "3d"
   */
  mode?: "3d" | "slices";
  /** The axis the slices are perpendicular to (only with `mode: "slices"`; 2 = axial for RAS-like volumes). @defaultValue 2 */
  axis?: 0 | 1 | 2;
  /** Array to write into: same type and length as `labels.data`, or `labels.data` itself to work in place. Allocated when omitted. */
  out?: DTypeArrayMap[D];
  /** Called once with the voxels filled per label value (ascending; labels that filled nothing are listed with 0). */
  onSummary?: (filled: LabelFill[]) => void;
}

/**
 * Fills the holes of every label: for each label value c, ascending, the
 * voxels not in c that cannot reach the border of the volume (or slice)
 * through voxels not in c — scipy `ndimage.binary_fill_holes(labels == c)`
 * semantics — are set to c, but only where they are background (0), so one
 * organ never overwrites another and an earlier (smaller) label wins where
 * holes nest. A 2D map (third axis of size 1) is filled as one slice.
 *
 * All labels are handled from one labelling scan (6- or 4-connected runs of
 * every value, background included) and a graph of which regions touch: a
 * background region is a hole of c when, without c's regions, it is cut off
 * from every region touching the border; per label only the neighbourhood of
 * the enclosed background regions is searched. No mask per label is built.
 * Extra memory besides the output: 16 bytes per run of equal values along x
 * plus 16 bytes per touching pair of runs; `mode: "slices"` with `axis` 0 or
 * 1 also makes one transposed copy of the input.
 *
 * @param labels - A 2D or 3D map of any integer dtype; values ≥ 0.
 * @param options - `mode`, `axis`, `out`, `onSummary`.
 * @returns A volume on the same grid and of the same dtype with the holes filled.
 * @throws `InvalidArgumentError` for an unknown mode, an axis other than 0, 1, 2, an
 *   `axis` with `mode: "3d"`, a wrong `out`, and every input error of `labelComponents`.
 * @example
 * ```ts
 * import { createVolume } from "flarekit";
 * import { fillHoles } from "flarekit/components";
 * // a ring of 1s around one background voxel, in a 5×5 slice
 * const data = new Uint8Array(25);
 * for (const i of [6, 7, 8, 11, 13, 16, 17, 18]) data[i] = 1;
 * const filled = fillHoles(createVolume(data, [5, 5, 1]));
 * filled.data[12]; // 1
 * ```
 * @see scipy.ndimage.binary_fill_holes (the semantics);
 *   P. Soille, "Morphological Image Analysis", 2nd ed., Springer 2003, §6.3.7 (hole filling as
 *   reconstruction from the border); region adjacency from the run-based labelling of
 *   He, Chao, Suzuki, IEEE Trans. Image Processing 17 (2008) 749–756.
 */
export function fillHoles<D extends DType>(labels: Volume<D>, options: FillHolesOptions<D> = {}): Volume<D> {
  const grid = labelGrid(labels);
  const mode = options.mode ?? "3d";
  if (mode !== "3d" && mode !== "slices") {
    throw new InvalidArgumentError("mode", mode, '"3d" or "slices"');
  }
  if (mode === "3d" && options.axis !== undefined) {
    throw new InvalidArgumentError("axis", options.axis, 'no axis with mode "3d"', 'Pass mode: "slices" to fill slice by slice.');
  }
  const axis = options.axis ?? 2;
  if (axis !== 0 && axis !== 1 && axis !== 2) throw new InvalidArgumentError("axis", axis, "0, 1 or 2");
  const { nx, ny, nz } = grid;
  // Strides of the working grid's axes in the original storage: slices along `axis` become constant z.
  let work: LabelGrid = grid;
  let sx = 1;
  let sy = nx;
  let sz = nx * ny;
  if (mode === "slices" && axis !== 2) {
    const src = grid.data;
    const w = new (src.constructor as new (n: number) => NumberLabelArray)(src.length);
    // axis 0: working (x', y', z') = (j, k, i); axis 1: (i, k, j).
    const [wx, wy, wz] = axis === 0 ? [ny, nz, nx] : [nx, nz, ny];
    [sx, sy, sz] = axis === 0 ? [nx, nx * ny, 1] : [1, nx * ny, nx];
    let p = 0;
    for (let z = 0; z < wz; z++) {
      for (let y = 0; y < wy; y++) {
        let q = y * sy + z * sz;
        for (let x = 0; x < wx; x++, q += sx) w[p++] = src[q];
      }
    }
    work = { ...grid, data: w, nx: wx, ny: wy, nz: wz };
  }
  const t = scanRuns(work, mode === "3d" ? 6 : 4, true, true);
  const R = t.count;
  const value = componentValues(t);
  const border = new Uint8Array(R + 1);
  const { rowStart, x0, x1, component } = t;
  const zBorder = mode === "3d" && work.nz > 1;
  for (let z = 0; z < work.nz; z++) {
    for (let y = 0; y < work.ny; y++) {
      const r = y + work.ny * z;
      const rowOnBorder = y === 0 || y === work.ny - 1 || (zBorder && (z === 0 || z === work.nz - 1));
      for (let i = rowStart[r], e = rowStart[r + 1]; i < e; i++) {
        if (rowOnBorder || x0[i] === 0 || x1[i] === work.nx) border[component[i]] = 1;
      }
    }
  }
  // Candidate holes: background regions off the border.
  const candidates: number[] = [];
  const present = new Set<number>();
  for (let c = 1; c <= R; c++) {
    if (value[c] === 0) {
      if (!border[c]) candidates.push(c);
    } else present.add(value[c]);
  }
  const labelList = [...present].sort((a, b) => a - b);
  const fill = new Uint32Array(R + 1);
  if (candidates.length > 0) {
    // Region adjacency graph in CSR form (both directions; repeated pairs are harmless).
    const ne = t.edgeCount;
    const E = t.edges;
    const start = new Int32Array(R + 2);
    for (let e = 0; e < 2 * ne; e++) start[component[E[e]] + 1]++;
    for (let r = 1; r <= R + 1; r++) start[r] += start[r - 1];
    const adj = new Int32Array(2 * ne);
    const next = start.slice(0, R + 1);
    for (let e = 0; e < ne; e++) {
      const a = component[E[2 * e]];
      const b = component[E[2 * e + 1]];
      adj[next[a]++] = b;
      adj[next[b]++] = a;
    }
    // Per label c: from each unfilled candidate, search the regions not of value c until a
    // border region is met (not a hole) or the search runs out (every background region met
    // is a hole of c). Results are memoised per label: 1 = reaches the border, 2 = enclosed.
    const seen = new Int32Array(R + 1);
    const state = new Uint8Array(R + 1);
    const queue = new Int32Array(R + 1);
    let pass = 0;
    let open = candidates.length;
    for (const c of labelList) {
      if (open === 0) break;
      pass++;
      for (const g of candidates) {
        if (fill[g] !== 0 || seen[g] === pass) continue;
        let qn = 0;
        let head = 0;
        queue[qn++] = g;
        seen[g] = pass;
        state[g] = 0;
        let outside = false;
        while (head < qn && !outside) {
          const r = queue[head++];
          for (let k = start[r], ke = start[r + 1]; k < ke; k++) {
            const n = adj[k];
            if (value[n] === c) continue;
            if (seen[n] === pass) {
              if (state[n] === 1) {
                outside = true;
                break;
              }
              continue;
            }
            seen[n] = pass;
            if (border[n]) {
              state[n] = 1;
              outside = true;
              break;
            }
            state[n] = 0;
            queue[qn++] = n;
          }
        }
        const mark = outside ? 1 : 2;
        for (let q = 0; q < qn; q++) {
          const r = queue[q];
          state[r] = mark;
          if (!outside && value[r] === 0 && fill[r] === 0) {
            fill[r] = c;
            open--;
          }
        }
      }
    }
  }
  // Write: copy the input, then the filled background runs.
  const target = checkOut(options.out, labels.data);
  if (target !== labels.data) (target as Uint8Array).set(labels.data as Uint8Array);
  const big = target instanceof BigInt64Array || target instanceof BigUint64Array;
  const filledVoxels = new Map<number, number>();
  for (const c of labelList) filledVoxels.set(c, 0);
  for (let z = 0; z < work.nz; z++) {
    for (let y = 0; y < work.ny; y++) {
      const r = y + work.ny * z;
      const base = y * sy + z * sz;
      for (let i = rowStart[r], e = rowStart[r + 1]; i < e; i++) {
        const f = fill[component[i]];
        if (f === 0) continue;
        filledVoxels.set(f, (filledVoxels.get(f) as number) + x1[i] - x0[i]);
        for (let x = x0[i], q = base + x0[i] * sx; x < x1[i]; x++, q += sx) {
          if (big) (target as BigInt64Array)[q] = BigInt(f);
          else (target as NumberLabelArray)[q] = f;
        }
      }
    }
  }
  if (options.onSummary) {
    options.onSummary(
      labelList.map((label) => {
        const v = filledVoxels.get(label) as number;
        return { label, voxelsFilled: v, volumeFilledMm3: v * grid.voxelVolumeMm3 };
      }),
    );
  }
  return volumeLike<D>(labels, target, { dtype: labels.dtype });
}
