/**
 * Fake predictions from ground-truth labels.
 * @module
 */
import { allocate, DTYPES, type IntegerDType } from "../core/dtypes.ts";
import { InvalidArgumentError, ShapeMismatchError } from "../core/errors.ts";
import { type Volume, volumeLike } from "../core/volume.ts";
import { createRandom } from "../core/random.ts";

/** Options of {@link perturbLabels}; every perturbation can be turned off with 0 (or `[]`). */
export interface PerturbLabelsOptions {
  /**
   * Seed; each kind of perturbation draws from its own stream, so turning one
   * off does not change the others.
   * @defaultValue `0`
   */
  seed?: number;
  /**
   * Largest shift per axis, in voxels: each organ is translated by random
   * integer offsets in [−n, n] along i, j and k (a systematic boundary error).
   * @defaultValue `1`
   */
  shiftVoxels?: number;
  /**
   * Systematic over- or under-segmentation, in voxels: each organ grows into
   * background by `n` 6-connected steps (n > 0) or loses its outer `|n|`
   * layers (n < 0).
   * @defaultValue `0`
   */
  growVoxels?: number;
  /**
   * Probability, in [0, 1], that a boundary voxel (one whose 6-neighbour holds
   * another label) takes the label of such a neighbour (a ragged boundary).
   * @defaultValue `0.2`
   */
  boundaryFlipProbability?: number;
  /**
   * Number of false-positive specks: small balls of an organ label placed in
   * background within the labelled region's bounding box (grown by 10
   * voxels), not touching anything labelled. They are separate components,
   * which largest-component postprocessing removes.
   * @defaultValue `12`
   */
  specks?: number;
  /**
   * Where specks may go: a volume on the same grid whose non-zero voxels
   * allow a speck centre there (for example the body, `ct > −500 HU`).
   * @defaultValue anywhere in the labelled region's bounding box grown by 10 voxels
   */
  speckMask?: Volume;
  /**
   * Radius of each speck in voxels (0: one voxel, 1: a 7-voxel cross, 2: a 33-voxel ball).
   * @defaultValue `1`
   */
  speckRadiusVoxels?: number;
  /**
   * Number of holes: balls set to background deep inside organs, fully
   * enclosed by the organ (hole filling repairs them).
   * @defaultValue `4`
   */
  holes?: number;
  /**
   * Radius of each hole in voxels.
   * @defaultValue `2`
   */
  holeRadiusVoxels?: number;
  /**
   * Labels the fake prediction misses entirely (set to background), for example `[4]`.
   * @defaultValue `[]`
   */
  missLabels?: readonly number[];
}

function checkCount(name: string, v: unknown, max = Infinity): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) {
    throw new InvalidArgumentError(name, v, `an integer in [0, ${max}]`);
  }
  return v;
}

/**
 * Fakes a segmentation model's prediction from ground-truth labels: missed
 * organs, organs shifted by a voxel or two, grown or shrunk, ragged boundaries, small
 * false-positive specks and enclosed holes — the errors FLARE-style
 * postprocessing and metrics are about. Steps run in that order; the result
 * is deterministic for a seed. The input is not modified.
 *
 * Memory: two label arrays of the input's size. Time: a few passes over the
 * voxels (about 0.1 s for 256×256×64).
 *
 * @param labels - An integer label volume (for example {@link makePhantom}'s `labels`).
 * @param options - Which perturbations, how strong, and the seed.
 * @returns A new label volume of the same dtype and grid.
 * @throws {@link InvalidArgumentError} when `labels` is not an integer volume or an option is out of range.
 * @throws {@link ShapeMismatchError} when `speckMask` is on another grid.
 * @example
 * ```ts
 * import { makePhantom, perturbLabels } from "flarekit";
 * const { labels } = makePhantom({ seed: 1 });
 * const prediction = perturbLabels(labels, { seed: 2, missLabels: [4] });
 * prediction.data.includes(4); // false
 * ```
 */
export function perturbLabels<D extends IntegerDType>(labels: Volume<D>, options: PerturbLabelsOptions = {}): Volume<D> {
  const info = DTYPES[labels.dtype];
  if (!info || !info.integer || info.components !== 1 || labels.dtype === ("int64" as string) || labels.dtype === ("uint64" as string)) {
    throw new InvalidArgumentError("labels.dtype", labels.dtype, "an integer label dtype (uint8, int16, uint16, int32, …)");
  }
  const seed = options.seed ?? 0;
  if (typeof seed !== "number" || !Number.isFinite(seed)) throw new InvalidArgumentError("seed", seed, "a finite number");
  const shiftVoxels = checkCount("shiftVoxels", options.shiftVoxels ?? 1, 64);
  const grow = options.growVoxels ?? 0;
  if (typeof grow !== "number" || !Number.isInteger(grow) || Math.abs(grow) > 16) {
    throw new InvalidArgumentError("growVoxels", grow, "an integer from −16 to 16");
  }
  const flipP = options.boundaryFlipProbability ?? 0.2;
  if (typeof flipP !== "number" || !(flipP >= 0 && flipP <= 1)) throw new InvalidArgumentError("boundaryFlipProbability", flipP, "a number in [0, 1]");
  const specks = checkCount("specks", options.specks ?? 12, 1e6);
  const speckR = checkCount("speckRadiusVoxels", options.speckRadiusVoxels ?? 1, 16);
  const holes = checkCount("holes", options.holes ?? 4, 1e6);
  const holeR = checkCount("holeRadiusVoxels", options.holeRadiusVoxels ?? 2, 16);
  const miss = options.missLabels ?? [];
  if (!Array.isArray(miss) || miss.some((l) => typeof l !== "number" || !Number.isInteger(l) || l === 0)) {
    throw new InvalidArgumentError("missLabels", miss, "an array of non-zero integer labels");
  }
  const speckMask = options.speckMask;
  if (speckMask !== undefined) {
    const same = [0, 1, 2].every((a) => (speckMask.shape[a] ?? 1) === (labels.shape[a] ?? 1));
    if (!same) throw new ShapeMismatchError([...labels.shape], [...speckMask.shape], "speckMask");
  }
  const nx = labels.shape[0];
  const ny = labels.shape[1] ?? 1;
  const nz = labels.shape[2] ?? 1;
  const n = nx * ny * nz;
  const src = labels.data as unknown as ArrayLike<number>;
  const total = src.length;
  let cur = allocate(labels.dtype, n) as unknown as Int32Array; // same element type as the input (typed as a generic numeric array)
  let next = allocate(labels.dtype, n) as unknown as Int32Array;
  const missSet = new Set(miss);

  // 1. Missed organs (also copies the first 3D volume; later volumes of 4D input are kept as they are).
  const present = new Set<number>();
  for (let p = 0; p < n; p++) {
    const v = src[p];
    const w = missSet.has(v) ? 0 : v;
    cur[p] = w;
    if (w !== 0) present.add(w);
  }
  const organs = [...present].sort((a, b) => a - b);

  // 2. Shift each organ by its own integer offset.
  if (shiftVoxels > 0 && organs.length > 0) {
    const rng = createRandom(seed, 11);
    const off = new Map<number, [number, number, number]>();
    for (const l of organs) {
      const r = (): number => rng.int(2 * shiftVoxels + 1) - shiftVoxels;
      off.set(l, [r(), r(), r()]);
    }
    next.fill(0);
    for (let k = 0, p = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++, p++) {
          const l = cur[p];
          if (l === 0) continue;
          const o = off.get(l) as [number, number, number];
          const a = i + o[0];
          const b = j + o[1];
          const c = k + o[2];
          if (a < 0 || a >= nx || b < 0 || b >= ny || c < 0 || c >= nz) continue;
          next[a + nx * (b + ny * c)] = l;
        }
      }
    }
    [cur, next] = [next, cur];
  }

  // 3. Grow (into background) or shrink (to background) every organ, one 6-connected layer per step.
  for (let step = 0; step < Math.abs(grow); step++) {
    next.set(cur);
    for (let k = 0, p = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++, p++) {
          const l = cur[p];
          if (grow > 0 ? l !== 0 : l === 0) continue;
          // neighbours in a fixed order: −i, +i, −j, +j, −k, +k
          const a = i > 0 ? cur[p - 1] : l;
          const b = i < nx - 1 ? cur[p + 1] : l;
          const c = j > 0 ? cur[p - nx] : l;
          const d = j < ny - 1 ? cur[p + nx] : l;
          const e = k > 0 ? cur[p - nx * ny] : l;
          const f = k < nz - 1 ? cur[p + nx * ny] : l;
          if (grow > 0) {
            const w = a || b || c || d || e || f;
            if (w !== 0) next[p] = w;
          } else if (a !== l || b !== l || c !== l || d !== l || e !== l || f !== l) {
            next[p] = 0;
          }
        }
      }
    }
    [cur, next] = [next, cur];
  }

  // 4. Ragged boundaries: a boundary voxel takes a differing 6-neighbour's label with probability flipP.
  if (flipP > 0) {
    const rng = createRandom(seed, 12);
    next.set(cur);
    const nbr = [0, 0, 0, 0, 0, 0];
    for (let k = 0, p = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++, p++) {
          const l = cur[p];
          let m = 0;
          if (i > 0 && cur[p - 1] !== l) nbr[m++] = cur[p - 1];
          if (i < nx - 1 && cur[p + 1] !== l) nbr[m++] = cur[p + 1];
          if (j > 0 && cur[p - nx] !== l) nbr[m++] = cur[p - nx];
          if (j < ny - 1 && cur[p + nx] !== l) nbr[m++] = cur[p + nx];
          if (k > 0 && cur[p - nx * ny] !== l) nbr[m++] = cur[p - nx * ny];
          if (k < nz - 1 && cur[p + nx * ny] !== l) nbr[m++] = cur[p + nx * ny];
          if (m > 0 && rng.next() < flipP) next[p] = nbr[rng.int(m)];
        }
      }
    }
    [cur, next] = [next, cur];
  }

  // Bounding box of the labelled voxels, for placing specks and holes.
  let i0 = nx, i1 = -1, j0 = ny, j1 = -1, k0 = nz, k1 = -1;
  for (let k = 0, p = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++) {
        if (cur[p] === 0) continue;
        if (i < i0) i0 = i;
        if (i > i1) i1 = i;
        if (j < j0) j0 = j;
        if (j > j1) j1 = j;
        if (k < k0) k0 = k;
        if (k > k1) k1 = k;
      }
    }
  }
  const haveBox = i1 >= 0 && organs.length > 0;

  // Is every voxel within Chebyshev distance r of (i, j, k) inside the grid and equal to `value`?
  const cubeAll = (i: number, j: number, k: number, r: number, value: number): boolean => {
    if (i - r < 0 || j - r < 0 || k - r < 0 || i + r >= nx || j + r >= ny || k + r >= nz) return false;
    for (let c = k - r; c <= k + r; c++) {
      for (let b = j - r; b <= j + r; b++) {
        const row = nx * (b + ny * c);
        for (let a = i - r; a <= i + r; a++) if (cur[a + row] !== value) return false;
      }
    }
    return true;
  };
  const paintBall = (i: number, j: number, k: number, r: number, value: number): void => {
    for (let c = -r; c <= r; c++) {
      for (let b = -r; b <= r; b++) {
        for (let a = -r; a <= r; a++) {
          if (a * a + b * b + c * c <= r * r) cur[i + a + nx * (j + b + ny * (k + c))] = value;
        }
      }
    }
  };

  // 5. Specks: balls of an organ label in background, not touching anything labelled.
  if (specks > 0 && haveBox) {
    const rng = createRandom(seed, 13);
    const allowed = speckMask ? (speckMask.data as ArrayLike<number | bigint>) : undefined;
    const m = 10;
    const a0 = Math.max(0, i0 - m), a1 = Math.min(nx - 1, i1 + m);
    const b0 = Math.max(0, j0 - m), b1 = Math.min(ny - 1, j1 + m);
    const c0 = Math.max(0, k0 - m), c1 = Math.min(nz - 1, k1 + m);
    for (let s = 0; s < specks; s++) {
      for (let attempt = 0; attempt < 500; attempt++) {
        const i = a0 + rng.int(a1 - a0 + 1);
        const j = b0 + rng.int(b1 - b0 + 1);
        const k = c0 + rng.int(c1 - c0 + 1);
        if (allowed && !allowed[i + nx * (j + ny * k)]) continue;
        if (!cubeAll(i, j, k, speckR + 1, 0)) continue;
        paintBall(i, j, k, speckR, organs[rng.int(organs.length)]);
        break;
      }
    }
  }

  // 6. Holes: background balls fully enclosed by one organ.
  if (holes > 0 && haveBox) {
    const rng = createRandom(seed, 14);
    for (let h = 0; h < holes; h++) {
      for (let attempt = 0; attempt < 2000; attempt++) {
        const i = i0 + rng.int(i1 - i0 + 1);
        const j = j0 + rng.int(j1 - j0 + 1);
        const k = k0 + rng.int(k1 - k0 + 1);
        const l = cur[i + nx * (j + ny * k)];
        if (l === 0 || !cubeAll(i, j, k, holeR + 1, l)) continue;
        paintBall(i, j, k, holeR, 0);
        break;
      }
    }
  }

  let out = cur;
  if (total > n) {
    // 4D label maps: perturb the first volume, keep the rest.
    out = allocate(labels.dtype, total) as unknown as Int32Array;
    out.set(cur.subarray(0, n));
    for (let p = n; p < total; p++) out[p] = src[p];
  }
  return volumeLike(labels, out as unknown as Volume<D>["data"], { dtype: labels.dtype });
}
