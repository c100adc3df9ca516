// Seeded Louvain runs (graphology-communities-louvain) and the consensus of several runs
// (Lancichinetti & Fortunato 2012): one run's result depends on its visiting order, and on sparse
// graphs two seeds can disagree on a good share of the files. Pairs that land together in most runs are
// kept, the rest dropped, and the agreement graph is clustered again until the runs agree.
import louvainModule from 'graphology-communities-louvain';
import { UndirectedGraph } from 'graphology';
import type { EdgeAttributes, NodeAttributes, WeightedGraph } from '../graph/to-graphology.js';
import { createRandom, deriveSeed } from '../shared/random.js';
import { type Adjacency, normalizeLabels, toAdjacency } from './adjacency.js';
import { refineByLocalMoves } from './local-moves.js';

// The package is CommonJS typed with `export default`: under NodeNext TypeScript sees the module object,
// while Node (and vitest) hand over the function itself. Take whichever is callable.
type LouvainFunction = typeof louvainModule.default;
const louvain: LouvainFunction =
  (louvainModule as unknown as { default?: LouvainFunction }).default ?? (louvainModule as unknown as LouvainFunction);

/** Pairs together in fewer than this share of the runs are cut from the consensus graph. */
export const CONSENSUS_THRESHOLD = 0.5;
/** Re-clustering rounds of the consensus graph before taking the first partition of the last round. */
export const CONSENSUS_MAX_ROUNDS = 4;
/**
 * Runs per re-clustering round. The agreement graph is nearly settled after the first round, so a few
 * runs decide it as well as many (measured: same NMI on generated monoliths, a third of the time).
 */
export const CONSENSUS_ROUND_RUNS = 3;

export interface LouvainSettings {
  resolution: number;
  seed: number;
  runs: number;
}

export interface ConsensusResult {
  /** Dense community number per node index. */
  labels: number[];
  /** The first-level runs on the input graph, for stability. */
  runs: number[][];
  rounds: number;
}

/** One seeded Louvain run: dense labels per node index (the graph's node order). */
export function louvainRun(graph: WeightedGraph, resolution: number, seed: number): number[] {
  const communities = louvain(graph, {
    resolution,
    rng: createRandom(seed),
    getEdgeWeight: 'weight',
  });
  return normalizeLabels(graph.nodes().map((node) => communities[node] as number));
}

function samePartition(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((label, index) => label === b[index]);
}

/** Agreement graph: the input's edges, weighted by the share of runs that keep their ends together. */
function consensusGraph(adjacency: Adjacency, partitions: number[][]): WeightedGraph {
  const graph = new UndirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  for (const id of adjacency.ids) graph.addNode(id, { type: 'module', loc: 0 });
  for (let a = 0; a < adjacency.ids.length; a++) {
    for (const b of adjacency.neighbors[a] as number[]) {
      if (b <= a) continue;
      let together = 0;
      for (const labels of partitions) if (labels[a] === labels[b]) together++;
      const share = together / partitions.length;
      if (share >= CONSENSUS_THRESHOLD) {
        graph.addEdge(adjacency.ids[a] as string, adjacency.ids[b] as string, { weight: share });
      }
    }
  }
  return graph;
}

/** A seeded Louvain run followed by node-level refinement (local-moves.ts). */
export function refinedLouvainRun(
  graph: WeightedGraph,
  adjacency: Adjacency,
  resolution: number,
  seed: number,
): number[] {
  return refineByLocalMoves(adjacency, louvainRun(graph, resolution, seed), resolution);
}

export function consensusLouvain(
  graph: WeightedGraph,
  adjacency: Adjacency,
  settings: LouvainSettings,
): ConsensusResult {
  const runCount = Math.max(1, settings.runs);
  const runAll = (target: WeightedGraph, targetAdjacency: Adjacency, round: number): number[][] =>
    Array.from({ length: round === 0 ? runCount : Math.min(runCount, CONSENSUS_ROUND_RUNS) }, (_, run) =>
      refinedLouvainRun(target, targetAdjacency, settings.resolution, deriveSeed(settings.seed, round * runCount + run)),
    );
  const firstRuns = runAll(graph, adjacency, 0);
  let partitions = firstRuns;
  let rounds = 0;
  while (rounds < CONSENSUS_MAX_ROUNDS && !partitions.every((labels) => samePartition(labels, partitions[0] as number[]))) {
    rounds++;
    const agreement = consensusGraph(adjacency, partitions);
    partitions = runAll(agreement, toAdjacency(agreement), rounds);
  }
  // The consensus graph forgets the weights; a last refinement on the real graph puts them back.
  const labels = refineByLocalMoves(adjacency, partitions[0] as number[], settings.resolution);
  return { labels, runs: firstRuns, rounds };
}
