// The DependencyGraph indexed for the contexts stage: node ids by index, directed edges by index, and
// the undirected adjacency of the whole graph (for "how tied is this file to that context").
import type { DependencyGraph, GraphEdgeType, GraphNodeType } from '../graph/types.js';
import type { ModuleRole } from '../shared/analysis.js';
import { toGraphology } from '../graph/to-graphology.js';
import { type Adjacency, toAdjacency } from './adjacency.js';

export interface IndexedEdge {
  source: number;
  target: number;
  type: GraphEdgeType;
  raw: number;
  weight: number;
}

export interface IndexedGraph {
  ids: string[];
  types: GraphNodeType[];
  loc: number[];
  /** Per node: its role before clustering ('domain' for entities and unclassified modules). */
  roles: ModuleRole[];
  /** Per node: set aside as widely imported shared code (the kernel test may still claim it). */
  widelyImported: boolean[];
  /** Per node: a module declaring an entity. */
  definesEntity: boolean[];
  indexOf: Map<string, number>;
  edges: IndexedEdge[];
  /** Undirected, parallel edges summed, over every node. */
  adjacency: Adjacency;
}

export function indexGraph(graph: DependencyGraph): IndexedGraph {
  const adjacency = toAdjacency(toGraphology(graph));
  const ids = adjacency.ids;
  const indexOf = adjacency.indexOf;
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const edges: IndexedEdge[] = [];
  for (const edge of graph.edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined || source === target) continue;
    edges.push({ source, target, type: edge.type, raw: edge.raw, weight: edge.weight });
  }
  // Sums over edges must not depend on the order the graph listed them in.
  edges.sort((a, b) => a.source - b.source || a.target - b.target || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return {
    ids,
    types: ids.map((id) => byId.get(id)?.type ?? 'module'),
    loc: ids.map((id) => byId.get(id)?.loc ?? 0),
    roles: ids.map((id) => byId.get(id)?.role ?? 'domain'),
    widelyImported: ids.map((id) => byId.get(id)?.widelyImported === true),
    definesEntity: ids.map((id) => byId.get(id)?.definesEntity === true),
    indexOf,
    edges,
    adjacency,
  };
}

export function isImportEdge(edge: IndexedEdge): boolean {
  return edge.type === 'import' || edge.type === 'type';
}

export function isDataEdge(edge: IndexedEdge): boolean {
  return edge.type === 'data-write' || edge.type === 'data-read';
}
