// Seeded pseudo-random numbers. Carve never calls Math.random: every random choice (Louvain's node
// order, tie-breaking in generators) draws from one of these, so the same seed gives the same bytes.

/** A source of floats in [0, 1), like Math.random but reproducible. */
export type RandomSource = () => number;

/** Mixes a 32-bit integer (splitmix32 finaliser) so that nearby seeds give unrelated streams. */
export function mixSeed(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The seed of the n-th derived stream of a seed (consensus run n, generator step n). */
export function deriveSeed(seed: number, stream: number): number {
  return mixSeed((mixSeed(seed) ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
}

/**
 * mulberry32: small, fast, statistically good enough for shuffles and tie-breaks, and identical on every
 * platform because it is integer arithmetic only.
 */
export function createRandom(seed: number): RandomSource {
  let state = mixSeed(seed >>> 0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, bound). */
export function randomInt(random: RandomSource, bound: number): number {
  return Math.floor(random() * bound);
}
