// Naive per-voxel oracles for resampling, written from the definitions (scipy.ndimage.map_coordinates with
// mode "nearest": order 0 rounds half up and clamps; order 1 is trilinear with clamped taps; nnU-Net
// labels-linear takes the largest label whose interpolated one-hot value is ≥ 0.5).

export type Order = 0 | 1;

function clamp(i: number, n: number): number {
  return Math.min(n - 1, Math.max(0, i));
}

/** Per-axis source coordinates for a convention. */
export function coordinatesFor(n: number, m: number, convention: "extent" | "center", sIn: number, sOut: number): number[] {
  const out: number[] = [];
  for (let o = 0; o < m; o++) out.push(convention === "extent" ? ((o + 0.5) * n) / m - 0.5 : (o * sOut) / sIn);
  return out;
}

/** 1D weights of one axis at coordinate x: list of [index, weight]. */
function taps(x: number, n: number, order: Order): [number, number][] {
  if (order === 0) return [[clamp(Math.floor(x + 0.5), n), 1]];
  const f = Math.floor(x);
  const w0 = 1 - (x - f);
  return [
    [clamp(f, n), w0],
    [clamp(f + 1, n), 1 - w0],
  ];
}

/** Interpolates `data` (dims n, x fastest) at the tensor grid of coordinates with a per-axis order. */
export function naiveResample(data: ArrayLike<number>, n: readonly number[], coords: number[][], orders: readonly Order[]): Float64Array {
  const [cx, cy, cz] = coords;
  const out = new Float64Array(cx.length * cy.length * cz.length);
  let p = 0;
  for (const z of cz) {
    for (const y of cy) {
      for (const x of cx) {
        let acc = 0;
        for (const [i, wi] of taps(x, n[0], orders[0])) {
          for (const [j, wj] of taps(y, n[1], orders[1])) {
            for (const [k, wk] of taps(z, n[2], orders[2])) acc += data[i + n[0] * (j + n[1] * k)] * wi * wj * wk;
          }
        }
        out[p++] = acc;
      }
    }
  }
  return out;
}

/** nnU-Net's loop: for each label ascending, interpolate its one-hot mask (scipy's product order) and set it where ≥ 0.5. */
export function naiveLabelsLinear(data: ArrayLike<number>, n: readonly number[], coords: number[][], orders: readonly Order[]): Float64Array {
  const labels = [...new Set(Array.from(data))].sort((a, b) => a - b);
  const [cx, cy, cz] = coords;
  const out = new Float64Array(cx.length * cy.length * cz.length);
  for (const label of labels) {
    let p = 0;
    for (const z of cz) {
      for (const y of cy) {
        for (const x of cx) {
          let t = 0;
          for (const [i, wi] of taps(x, n[0], orders[0])) {
            for (const [j, wj] of taps(y, n[1], orders[1])) {
              for (const [k, wk] of taps(z, n[2], orders[2])) {
                const v = data[i + n[0] * (j + n[1] * k)] === label ? 1 : 0;
                t += v * wi * wj * wk;
              }
            }
          }
          if (t >= 0.5) out[p] = label;
          p++;
        }
      }
    }
  }
  return out;
}
