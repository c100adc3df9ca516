// The graph Louvain actually sees: kernel and god modules left out, and each pinned context (from
// carve.config.json) collapsed into one node, so its files stay together and act as an anchor that
// unpinned files can join.
import type { DependencyGraph, GraphNode } from '../graph/types.js';
import { type WeightedGraph, toGraphology } from '../graph/to-graphology.js';
import { type Adjacency, toAdjacency } from './adjacency.js';
import type { IndexedGraph } from './graph-index.js';

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
      .filter((edge) => isIncluded(edge.source) && isIncluded(edge.target))
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
