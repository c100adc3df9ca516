// DependencyGraph -> an undirected weighted graphology Graph for community detection. Direction does
// not matter to Louvain, so A->B and B->A, and an import plus a co-change between the same files, are
// summed into one edge. Nodes and edges go in sorted order: Louvain's result depends on insertion order.
import { UndirectedGraph } from 'graphology';
import type { DependencyGraph, GraphEdgeType, GraphNode } from './types.js';
import { compareStrings } from '../shared/sort.js';

export interface NodeAttributes {
  type: GraphNode['type'];
  loc: number;
}

export interface EdgeAttributes {
  weight: number;
}

export type WeightedGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

export interface ToGraphologyOptions {
  /** Keep only these nodes (default: all). Edges touching a dropped node are dropped. */
  includeNode?: (node: GraphNode) => boolean;
  /** Keep only these edge types (default: all). */
  edgeTypes?: ReadonlySet<GraphEdgeType>;
  /** Every kept edge weighs 1 (parallel edges still sum): the plain import graph baseline. */
  isUnweighted?: boolean;
}

export function toGraphology(graph: DependencyGraph, options: ToGraphologyOptions = {}): WeightedGraph {
  const result: WeightedGraph = new UndirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  const nodes = [...graph.nodes].sort((a, b) => compareStrings(a.id, b.id));
  for (const node of nodes) {
    if (options.includeNode && !options.includeNode(node)) continue;
    result.addNode(node.id, { type: node.type, loc: node.loc });
  }
  const sums = new Map<string, { a: string; b: string; weight: number }>();
  for (const edge of graph.edges) {
    if (options.edgeTypes && !options.edgeTypes.has(edge.type)) continue;
    if (edge.source === edge.target) continue;
    if (!result.hasNode(edge.source) || !result.hasNode(edge.target)) continue;
    const [a, b] = compareStrings(edge.source, edge.target) < 0 ? [edge.source, edge.target] : [edge.target, edge.source];
    const key = `${a}\u0000${b}`;
    const weight = options.isUnweighted ? 1 : edge.weight;
    const sum = sums.get(key);
    if (sum) sum.weight += weight;
    else sums.set(key, { a, b, weight });
  }
  const pairs = [...sums.values()].sort((x, y) => compareStrings(x.a, y.a) || compareStrings(x.b, y.b));
  for (const pair of pairs) {
    if (pair.weight > 0) result.addEdge(pair.a, pair.b, { weight: pair.weight });
  }
  return result;
}
