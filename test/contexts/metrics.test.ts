import { describe, expect, it } from 'vitest';
import type { DependencyGraph, GraphEdge } from '../../src/graph/types.js';
import { indexGraph } from '../../src/contexts/graph-index.js';
import { contextMetrics } from '../../src/contexts/metrics.js';

function importEdge(source: string, target: string, raw: number, weight: number): GraphEdge {
  return { source, target, type: 'import', raw, weight };
}

function measure(graph: DependencyGraph, contextOf: Record<string, string>) {
  const indexed = indexGraph(graph);
  const ids = [...new Set(Object.values(contextOf))].sort();
  const labels = indexed.ids.map((id) => (contextOf[id] === undefined ? -1 : ids.indexOf(contextOf[id] as string)));
  return contextMetrics({
    indexed,
    labels,
    contextIds: new Map(ids.map((id, label) => [label, id])),
    stability: new Map(ids.map((_, label) => [label, 1])),
    tableOf: (node) => (indexed.ids[node] as string).replace('entity:', '').toLowerCase(),
  });
}

describe('contextMetrics', () => {
  // c1 = {a1, a2}, c2 = {b1, b2, b3}; one crossing edge a2 -> b1.
  const graph: DependencyGraph = {
    nodes: ['a1', 'a2', 'b1', 'b2', 'b3', 'kernel'].map((id) => ({ id, type: 'module' as const, loc: 10 })),
    edges: [
      importEdge('a1', 'a2', 2, 1),
      importEdge('b1', 'b2', 2, 1),
      importEdge('b2', 'b3', 3, 1),
      importEdge('b1', 'b3', 1, 1),
      importEdge('a2', 'b1', 4, 2),
      importEdge('a1', 'kernel', 9, 1),
    ],
  };
  const { perContext, overall } = measure(graph, { a1: 'c1', a2: 'c1', b1: 'c2', b2: 'c2', b3: 'c2' });

  it('gives cohesion and coupling per context from internal and crossing weight', () => {
    expect(perContext.get(0)).toMatchObject({ size: 2, loc: 20, cohesion: 0.333333, coupling: 0.666667, inbound: {}, outbound: { c2: 1 } });
    expect(perContext.get(1)).toMatchObject({ size: 3, loc: 30, cohesion: 0.6, coupling: 0.4, inbound: { c1: 1 }, outbound: {} });
    expect(overall.cohesion).toBeCloseTo(4 / 6, 5);
    expect(overall.coupling).toBeCloseTo(2 / 6, 5);
  });

  it('computes modularity, ICP, IFN, NED and SM as the hand computation says (kernel left out)', () => {
    // Undirected: m = 6, degrees c1 = 4, c2 = 8: Q = 4/6 - (16 + 64) / 144.
    expect(overall.modularity).toBeCloseTo(4 / 6 - 80 / 144, 5);
    // Cross-context use 4 of 12.
    expect(overall.icp).toBeCloseTo(4 / 12, 5);
    // c1 exposes nothing, c2 exposes b1.
    expect(overall.ifn).toBe(0.5);
    // Both contexts are under 5 files: all files are in extreme contexts.
    expect(overall.ned).toBe(1);
    // (1/4 + 3/9) / 2 - 1 / (2 * 2 * 3)
    expect(overall.sm).toBeCloseTo((1 / 4 + 3 / 9) / 2 - 1 / 12, 5);
    expect(overall.contexts).toBe(2);
  });

  it('lists owned tables and the tables touched from more than one context', () => {
    const withData: DependencyGraph = {
      nodes: [...graph.nodes, { id: 'entity:Order', type: 'entity', loc: 0 }, { id: 'entity:Stock', type: 'entity', loc: 0 }],
      edges: [
        ...graph.edges,
        { source: 'a1', target: 'entity:Order', type: 'data-write', raw: 1, weight: 1 },
        { source: 'b2', target: 'entity:Order', type: 'data-read', raw: 1, weight: 0.5 },
        { source: 'b3', target: 'entity:Stock', type: 'data-write', raw: 1, weight: 1 },
      ],
    };
    const result = measure(withData, {
      a1: 'c1', a2: 'c1', b1: 'c2', b2: 'c2', b3: 'c2', 'entity:Order': 'c1', 'entity:Stock': 'c2',
    });
    expect(result.perContext.get(0)).toMatchObject({ tablesOwned: ['order'], tablesShared: ['order'] });
    expect(result.perContext.get(1)).toMatchObject({ tablesOwned: ['stock'], tablesShared: ['order'], outbound: { c1: 1 } });
  });
});
