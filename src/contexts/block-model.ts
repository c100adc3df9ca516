// Block-model refinement after consensus. Modularity asks "more ties inside than chance", the same
// for every pair of contexts; real contexts depend on each other unevenly (orders uses catalog a lot,
// catalog never uses orders), and modularity reads such a legitimate dependency as a reason to move
// files across it. A directed stochastic block model learns, from the current cut, how likely an
// import from each context lands in each other context, and moves a file to the context under which
// its own imports and importers are most likely (hard-assignment EM, Karrer & Newman 2011 without the
// degree correction). Moves only go to contexts a file touches, and the pass stops if modularity
// falls: it refines a cut, it does not invent one.
import { type Adjacency, modularityOf, normalizeLabels } from './adjacency.js';
import type { WorkMeter } from './work-meter.js';

export interface DirectedEdge {
  source: number;
  target: number;
  weight: number;
}

/** Iterations of re-estimating the block matrix and moving files. */
export const BLOCK_MODEL_ITERATIONS = 8;
/** Pseudo-count per block pair, so unseen pairs are unlikely rather than impossible. */
const PRIOR = 0.5;
/** The refinement is kept only while modularity stays within this of where it started. */
export const BLOCK_MODEL_MAX_MODULARITY_LOSS = 0.01;

/**
 * The block matrix as log shares: for a pair of contexts, the log of the share of the first one's
 * edge weight that lands in the second, PRIOR added to every pair. Only pairs joined by an edge are
 * stored; every other pair of a row has the same value, so a repo of thousands of one-file clusters
 * needs no clusters-by-clusters matrix (10k isolated files made two of 800 MB).
 */
function blockLogShares(
  edges: readonly DirectedEdge[],
  labels: readonly number[],
  count: number,
  meter?: WorkMeter,
): (row: number, column: number) => number {
  const sums = new Map<number, Map<number, number>>();
  for (const edge of edges) {
    const source = labels[edge.source] as number;
    const column = labels[edge.target] as number;
    let row = sums.get(source);
    if (row === undefined) sums.set(source, (row = new Map()));
    row.set(column, (row.get(column) ?? PRIOR) + edge.weight);
  }
  // A row without edges is the prior alone: the same share for every column.
  const uniform = Math.log(PRIOR / (PRIOR * count));
  const stored = new Map<number, { shares: Map<number, number>; unseen: number }>();
  for (const [source, row] of sums) {
    const columns = [...row.keys()].sort((a, b) => a - b);
    let total = PRIOR * (count - columns.length);
    for (const column of columns) total += row.get(column) as number;
    const shares = new Map<number, number>();
    for (const column of columns) shares.set(column, Math.log((row.get(column) as number) / total));
    stored.set(source, { shares, unseen: Math.log(PRIOR / total) });
    if (meter) meter.units += columns.length + 1;
  }
  if (meter) meter.units += edges.length;
  return (row, column) => {
    const entry = stored.get(row);
    if (entry === undefined) return uniform;
    return entry.shares.get(column) ?? entry.unseen;
  };
}

export function refineByBlockModel(
  adjacency: Adjacency,
  edges: readonly DirectedEdge[],
  initial: readonly number[],
  resolution: number,
  fixed?: ReadonlySet<number>,
  meter?: WorkMeter,
): number[] {
  let labels = normalizeLabels(initial);
  const count = labels.reduce((max, label) => Math.max(max, label + 1), 0);
  if (count < 2) return labels;
  const outgoing: [number, number][][] = labels.map(() => []);
  const incoming: [number, number][][] = labels.map(() => []);
  for (const edge of edges) {
    if (edge.source === edge.target) continue;
    (outgoing[edge.source] as [number, number][]).push([edge.target, edge.weight]);
    (incoming[edge.target] as [number, number][]).push([edge.source, edge.weight]);
  }
  const floor = modularityOf(adjacency, labels, resolution) - BLOCK_MODEL_MAX_MODULARITY_LOSS;
  for (let iteration = 0; iteration < BLOCK_MODEL_ITERATIONS; iteration++) {
    const logShare = blockLogShares(edges, labels, count, meter);
    const next = [...labels];
    let moved = 0;
    for (let node = 0; node < next.length; node++) {
      if (fixed?.has(node)) continue;
      const own = next[node] as number;
      const candidates = new Set<number>([own]);
      for (const [other] of outgoing[node] as [number, number][]) candidates.add(next[other] as number);
      for (const [other] of incoming[node] as [number, number][]) candidates.add(next[other] as number);
      let best = own;
      let bestScore = -Infinity;
      for (const candidate of [...candidates].sort((a, b) => a - b)) {
        let score = 0;
        for (const [other, weight] of outgoing[node] as [number, number][]) score += weight * logShare(candidate, next[other] as number);
        for (const [other, weight] of incoming[node] as [number, number][]) score += weight * logShare(next[other] as number, candidate);
        // Staying wins ties; another context must be strictly more likely.
        if (score > bestScore + 1e-9 || (candidate === own && score >= bestScore - 1e-9)) {
          best = candidate;
          bestScore = Math.max(score, bestScore);
        }
      }
      if (best !== own) {
        next[node] = best;
        moved++;
      }
    }
    if (moved === 0 || modularityOf(adjacency, next, resolution) < floor) break;
    labels = next;
  }
  return normalizeLabels(labels);
}
