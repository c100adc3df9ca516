// The graph Louvain actually sees: kernel and god modules left out, and each pinned context (from
// carve.config.json) collapsed into one node, so its files stay together and act as an anchor that
// unpinned files can join.
import type { DependencyGraph, GraphNode } from '../graph/types.js';
import { type WeightedGraph, toGraphology } from '../graph/to-graphology.js';
import { type Adjacency, toAdjacency } from './adjacency.js';
import type { DirectedEdge } from './block-model.js';
import type { IndexedEdge, IndexedGraph } from './graph-index.js';

/** Prefix of a pinned context's node; '\u0000' cannot occur in a file path. */
export const PINNED_PREFIX = '\u0000pinned:';

export interface ClusterInput {
  graph: WeightedGraph;
  adjacency: Adjacency;
  /** Per clustering node (adjacency order): the indexed-graph nodes it stands for. */
  members: number[][];
  /** Per clustering node: the pinned context it anchors, or null. */
  anchorOf: (string | null)[];
}

export function buildClusterInput(
  indexed: IndexedGraph,
  isIncluded: (node: number) => boolean,
  pinnedContextOf: (node: number) => string | undefined,
  keepEdge: (edge: IndexedEdge) => boolean = () => true,
): ClusterInput {
  const keyOf = (node: number): string => {
    const pinned = pinnedContextOf(node);
    return pinned === undefined ? (indexed.ids[node] as string) : `${PINNED_PREFIX}${pinned}`;
  };
  const nodes = new Map<string, GraphNode>();
  const membersByKey = new Map<string, number[]>();
  for (let node = 0; node < indexed.ids.length; node++) {
    if (!isIncluded(node)) continue;
    const key = keyOf(node);
    if (!nodes.has(key)) nodes.set(key, { id: key, type: indexed.types[node] ?? 'module', loc: 0 });
    const list = membersByKey.get(key) ?? [];
    list.push(node);
    membersByKey.set(key, list);
  }
  const mapped: DependencyGraph = {
    nodes: [...nodes.values()],
    edges: indexed.edges
      .filter((edge) => isIncluded(edge.source) && isIncluded(edge.target) && keepEdge(edge))
      .map((edge) => ({
        source: keyOf(edge.source),
        target: keyOf(edge.target),
        type: edge.type,
        raw: edge.raw,
        weight: edge.weight,
      })),
  };
  const graph = toGraphology(mapped);
  const adjacency = toAdjacency(graph);
  return {
    graph,
    adjacency,
    members: adjacency.ids.map((key) => membersByKey.get(key) ?? []),
    anchorOf: adjacency.ids.map((key) => (key.startsWith(PINNED_PREFIX) ? key.slice(PINNED_PREFIX.length) : null)),
  };
}

/** The graph's directed edges between clustering nodes (pinned files folded into their anchor). */
export function directedClusterEdges(
  indexed: IndexedGraph,
  input: ClusterInput,
  keepEdge: (edge: IndexedEdge) => boolean = () => true,
): DirectedEdge[] {
  const clusterNodeOf = new Map<number, number>();
  input.members.forEach((members, clusterNode) => {
    for (const node of members) clusterNodeOf.set(node, clusterNode);
  });
  const sums = new Map<string, DirectedEdge>();
  for (const edge of indexed.edges) {
    // Co-change, lexical and co-declaration ties are evidence of belonging, not dependencies with a direction.
    if (edge.type === 'cochange' || edge.type === 'lexical' || edge.type === 'declared' || !keepEdge(edge)) continue;
    const source = clusterNodeOf.get(edge.source);
    const target = clusterNodeOf.get(edge.target);
    if (source === undefined || target === undefined || source === target) continue;
    const key = `${source}:${target}`;
    const sum = sums.get(key);
    if (sum) sum.weight += edge.weight;
    else sums.set(key, { source, target, weight: edge.weight });
  }
  return [...sums.values()].sort((a, b) => a.source - b.source || a.target - b.target);
}
