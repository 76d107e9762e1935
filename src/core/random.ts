/**
 * Small seeded pseudo-random generators (internal): the phantom's noise and jitter,
 * nnU-Net-style sampling in CT normalisation statistics.
 *
 * Seeds are mixed with splitmix32 (the 32-bit variant of Steele, Lea & Flood's
 * SplitMix, "Fast splittable pseudorandom number generators", OOPSLA 2014) and
 * the stream is Tommy Ettinger's mulberry32 (public domain, 2017): a 32-bit
 * state advanced by the Weyl constant 0x6D2B79F5 and scrambled by two
 * xor-shift-multiply rounds. Written from those descriptions; not
 * cryptographic, period 2^32, ample for noise and jitter in a test phantom.
 * @internal
 * @module
 */

/** A seeded stream of numbers. */
export interface Random {
  /** A float in [0, 1) with 32 random bits. */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A standard normal deviate (Box–Muller, the second value of each pair cached). */
  normal(): number;
}

/** splitmix32 finaliser: a well-mixed 32-bit value from any 32-bit input. */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A raw mulberry32 stream: floats in [0, 1) with 32 random bits, starting from the 32-bit `seed`. */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A mulberry32 stream seeded from `seed` (any finite number; non-integers are
 * truncated) and an optional `stream` number so one seed can feed independent
 * streams (noise, anatomy jitter, perturbations …).
 */
export function createRandom(seed: number, stream = 0): Random {
  const next = mulberry32(splitmix32(splitmix32(Math.trunc(seed) | 0) ^ Math.imul(stream + 1, 0x27d4eb2d)));
  let spare = 0;
  let hasSpare = false;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      // Box & Muller (1958): two uniforms → two independent normals.
      let u = next();
      while (u <= 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      hasSpare = true;
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
