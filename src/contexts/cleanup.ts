// After clustering: tiny clusters merged into the context they are most tied to, god modules with
// nothing left to place them put back, entities given to the context that writes them most. Labels are per indexed node, -1 for none; every loop runs in
// index order so the result is deterministic.
import type { IndexedGraph } from './graph-index.js';
import { MinHeap } from './min-heap.js';
import type { WorkMeter } from './work-meter.js';

/** Summed undirected edge weight from `nodes` to each label (other than `exclude`). */
function tiesOf(indexed: IndexedGraph, labels: readonly number[], nodes: Iterable<number>, exclude: number): Map<number, number> {
  const ties = new Map<number, number>();
  for (const node of nodes) {
    const neighbors = indexed.adjacency.neighbors[node] as number[];
    const weights = indexed.adjacency.weights[node] as number[];
    for (let k = 0; k < neighbors.length; k++) {
      const label = labels[neighbors[k] as number] as number;
      if (label < 0 || label === exclude) continue;
      ties.set(label, (ties.get(label) ?? 0) + (weights[k] as number));
    }
  }
  return ties;
}

function moduleCounts(indexed: IndexedGraph, labels: readonly number[]): Map<number, number> {
  const sizes = new Map<number, number>();
  labels.forEach((label, node) => {
    if (label >= 0 && indexed.types[node] === 'module') sizes.set(label, (sizes.get(label) ?? 0) + 1);
  });
  return sizes;
}

/** The label with the most weight; ties go to the bigger context, then the lower label. */
function strongest(ties: Map<number, number>, sizes: Map<number, number>): number {
  let best = -1;
  let bestWeight = 0;
  for (const [label, weight] of [...ties].sort((a, b) => a[0] - b[0])) {
    const isBetter =
      weight > bestWeight ||
      (weight === bestWeight && best >= 0 && (sizes.get(label) ?? 0) > (sizes.get(best) ?? 0));
    if (weight > 0 && isBetter) {
      best = label;
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * Merges clusters with fewer than `minSize` modules into their most tied neighbour, smallest first;
 * a tiny cluster tied to nothing is dissolved (its files end up in no context). `kept` labels (pinned
 * contexts) are never dissolved. Sizes and member lists are updated merge by merge: recounting every
 * label once per tiny cluster was quadratic where most files are isolated (one tiny cluster each).
 */
export function mergeTinyClusters(
  indexed: IndexedGraph,
  labels: number[],
  minSize: number,
  kept: ReadonlySet<number>,
  meter?: WorkMeter,
): void {
  const sizes = moduleCounts(indexed, labels);
  const membersOf = new Map<number, number[]>();
  labels.forEach((label, node) => {
    if (label < 0) return;
    const list = membersOf.get(label);
    if (list) list.push(node);
    else membersOf.set(label, [node]);
  });
  if (meter) meter.units += 2 * labels.length;
  const isTiny = (label: number): boolean => !kept.has(label) && (sizes.get(label) ?? 0) < minSize;
  // Smallest size first, then the lowest label. Sizes only grow, so an entry whose size is no longer
  // the label's own is stale: the label was merged away, grew out of tiny, or has a newer entry.
  const queue = new MinHeap<[size: number, label: number]>((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const label of membersOf.keys()) if (isTiny(label)) queue.push([sizes.get(label) ?? 0, label]);
  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
    const [size, label] = entry;
    const members = membersOf.get(label);
    if (members === undefined || (sizes.get(label) ?? 0) !== size) continue;
    // In node order, so the ties are summed in the same order whatever merged into this cluster.
    members.sort((a, b) => a - b);
    const target = strongest(tiesOf(indexed, labels, members, label), sizes);
    for (const node of members) labels[node] = target;
    membersOf.delete(label);
    sizes.delete(label);
    if (meter) for (const node of members) meter.units += 1 + (indexed.adjacency.neighbors[node] as number[]).length;
    if (target < 0) continue;
    const into = membersOf.get(target) as number[];
    for (const node of members) into.push(node);
    sizes.set(target, (sizes.get(target) ?? 0) + size);
    if (isTiny(target)) queue.push([sizes.get(target) as number, target]);
  }
}

/** Per node, the weight of its data writes to the entities of each label. */
function writesByLabel(indexed: IndexedGraph, labels: readonly number[], nodes: ReadonlySet<number>): Map<number, Map<number, number>> {
  const result = new Map<number, Map<number, number>>();
  for (const edge of indexed.edges) {
    if (edge.type !== 'data-write' || !nodes.has(edge.source)) continue;
    const label = labels[edge.target] as number;
    if (label < 0) continue;
    const perLabel = result.get(edge.source) ?? new Map<number, number>();
    perLabel.set(label, (perLabel.get(label) ?? 0) + edge.weight);
    result.set(edge.source, perLabel);
  }
  return result;
}

/**
 * Gives each node the label it is most tied to, all decided on the labels as they were before. With
 * `byWrites` (god modules), a node that writes tables goes to the context owning most of what it
 * writes: its imports spread over many contexts by definition, what it writes says what it does.
 */
export function attachToMostTied(indexed: IndexedGraph, labels: number[], nodes: readonly number[], byWrites = false): void {
  const sizes = moduleCounts(indexed, labels);
  const writes = byWrites ? writesByLabel(indexed, labels, new Set(nodes)) : new Map<number, Map<number, number>>();
  const decided = nodes.map((node) => {
    const written = writes.get(node);
    return written === undefined ? strongest(tiesOf(indexed, labels, [node], -1), sizes) : strongest(written, sizes);
  });
  nodes.forEach((node, position) => {
    labels[node] = decided[position] as number;
  });
}

/** Entities join the context that writes them most; never written, the one that reads them most. */
export function assignEntities(indexed: IndexedGraph, labels: number[]): void {
  const writes = new Map<number, Map<number, number>>();
  const reads = new Map<number, Map<number, number>>();
  for (const edge of indexed.edges) {
    if (edge.type !== 'data-write' && edge.type !== 'data-read') continue;
    const label = labels[edge.source] as number;
    if (label < 0) continue;
    const table = edge.type === 'data-write' ? writes : reads;
    const perLabel = table.get(edge.target) ?? new Map<number, number>();
    perLabel.set(label, (perLabel.get(label) ?? 0) + edge.raw);
    table.set(edge.target, perLabel);
  }
  const sizes = moduleCounts(indexed, labels);
  for (let node = 0; node < labels.length; node++) {
    if (indexed.types[node] !== 'entity') continue;
    const owner = strongest(writes.get(node) ?? new Map(), sizes);
    const reader = strongest(reads.get(node) ?? new Map(), sizes);
    if (owner >= 0) labels[node] = owner;
    else if (reader >= 0) labels[node] = reader;
  }
}

