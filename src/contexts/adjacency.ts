// A compact undirected weighted adjacency over node indices, built once from the graphology graph.
// Consensus, clean-up and metrics walk it many times; arrays are much faster than graphology lookups.
import type { WeightedGraph } from '../graph/to-graphology.js';

export interface Adjacency {
  /** Node ids in the graph's (sorted) order; a node's index is its position here. */
  ids: string[];
  indexOf: Map<string, number>;
  /** Per node: neighbour indices ascending, and the matching summed edge weights. */
  neighbors: number[][];
  weights: number[][];
  /** Per node: the sum of its edge weights. */
  strength: number[];
  /** Sum of all edge weights, each undirected edge once. */
  totalWeight: number;
}

export function toAdjacency(graph: WeightedGraph): Adjacency {
  const ids = graph.nodes();
  const indexOf = new Map(ids.map((id, index) => [id, index]));
  const neighbors: number[][] = ids.map(() => []);
  const weights: number[][] = ids.map(() => []);
  let totalWeight = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    const a = indexOf.get(source) as number;
    const b = indexOf.get(target) as number;
    (neighbors[a] as number[]).push(b);
    (weights[a] as number[]).push(attributes.weight);
    (neighbors[b] as number[]).push(a);
    (weights[b] as number[]).push(attributes.weight);
    totalWeight += attributes.weight;
  });
  // Sort each neighbour list so every later walk visits neighbours in the same order.
  for (let node = 0; node < ids.length; node++) {
    const order = (neighbors[node] as number[]).map((_, position) => position);
    const list = neighbors[node] as number[];
    const listWeights = weights[node] as number[];
    order.sort((x, y) => (list[x] as number) - (list[y] as number));
    neighbors[node] = order.map((position) => list[position] as number);
    weights[node] = order.map((position) => listWeights[position] as number);
  }
  const strength = weights.map((list) => list.reduce((sum, weight) => sum + weight, 0));
  return { ids, indexOf, neighbors, weights, strength, totalWeight };
}

/** Labels -> dense community numbers 0..k-1, numbered by first appearance in node order. */
export function normalizeLabels(labels: ArrayLike<number>): number[] {
  // Labels are nearly always small non-negative integers: an array lookup then, far cheaper than a
  // Map at tens of thousands of one-file communities (this runs a few times per clustering run).
  let max = -1;
  for (let node = 0; node < labels.length; node++) {
    const label = labels[node] as number;
    if (!Number.isInteger(label) || label < 0) return normalizeAnyLabels(labels);
    if (label > max) max = label;
  }
  if (max >= 4 * labels.length + 16) return normalizeAnyLabels(labels);
  const renumber = new Int32Array(max + 1).fill(-1);
  const result = new Array<number>(labels.length);
  let next = 0;
  for (let node = 0; node < labels.length; node++) {
    const label = labels[node] as number;
    let dense = renumber[label] as number;
    if (dense < 0) {
      dense = next++;
      renumber[label] = dense;
    }
    result[node] = dense;
  }
  return result;
}

function normalizeAnyLabels(labels: ArrayLike<number>): number[] {
  const renumber = new Map<number, number>();
  const result: number[] = [];
  for (let node = 0; node < labels.length; node++) {
    const label = labels[node] as number;
    let dense = renumber.get(label);
    if (dense === undefined) {
      dense = renumber.size;
      renumber.set(label, dense);
    }
    result.push(dense);
  }
  return result;
}

/** Newman modularity of a labelling on the adjacency (weighted, with a resolution). */
export function modularityOf(adjacency: Adjacency, labels: ArrayLike<number>, resolution = 1): number {
  const m = adjacency.totalWeight;
  if (m === 0) return 0;
  let internal = 0;
  const degreeSums = new Map<number, number>();
  for (let node = 0; node < adjacency.ids.length; node++) {
    const label = labels[node] as number;
    if (label < 0) continue;
    degreeSums.set(label, (degreeSums.get(label) ?? 0) + (adjacency.strength[node] as number));
    const list = adjacency.neighbors[node] as number[];
    const listWeights = adjacency.weights[node] as number[];
    for (let k = 0; k < list.length; k++) {
      if (labels[list[k] as number] === label) internal += listWeights[k] as number;
    }
  }
  // internal counted each edge twice (once from each end).
  let expected = 0;
  for (const sum of degreeSums.values()) expected += sum * sum;
  return internal / (2 * m) - (resolution * expected) / (4 * m * m);
}
