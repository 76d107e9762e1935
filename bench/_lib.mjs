// Helpers shared by the benchmark scripts.

/**
 * Seeded PRNG (Tommy Ettinger's mulberry32, the stream flarekit's phantom uses), so that every run
 * times the same generated volumes. Floats in [0, 1).
 */
export function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
