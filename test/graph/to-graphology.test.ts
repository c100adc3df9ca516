import { describe, expect, it } from 'vitest';
import { toGraphology } from '../../src/graph/to-graphology.js';
import type { DependencyGraph } from '../../src/graph/types.js';

const graph: DependencyGraph = {
  nodes: [
    { id: 'src/b.ts', type: 'module', loc: 3 },
    { id: 'src/a.ts', type: 'module', loc: 5 },
    { id: 'entity:Order', type: 'entity', loc: 0 },
  ],
  edges: [
    { source: 'src/a.ts', target: 'src/b.ts', type: 'import', raw: 3, weight: 2 },
    { source: 'src/b.ts', target: 'src/a.ts', type: 'type', raw: 1, weight: 0.75 },
    { source: 'src/a.ts', target: 'src/b.ts', type: 'cochange', raw: 2, weight: 1 },
    { source: 'src/a.ts', target: 'entity:Order', type: 'data-write', raw: 1, weight: 1 },
  ],
};

describe('toGraphology', () => {
  it('sums parallel and opposite edges into one undirected weighted edge, nodes sorted', () => {
    const result = toGraphology(graph);
    expect(result.type).toBe('undirected');
    expect(result.nodes()).toEqual(['entity:Order', 'src/a.ts', 'src/b.ts']);
    expect(result.size).toBe(2);
    expect(result.getEdgeAttribute(result.edge('src/b.ts', 'src/a.ts') as string, 'weight')).toBe(3.75);
    expect(result.getNodeAttributes('src/a.ts')).toEqual({ type: 'module', loc: 5 });
  });

  it('filters nodes and edge types, and can drop the weights', () => {
    const result = toGraphology(graph, {
      includeNode: (node) => node.type === 'module',
      edgeTypes: new Set(['import', 'type']),
      isUnweighted: true,
    });
    expect(result.order).toBe(2);
    expect(result.getEdgeAttribute(result.edge('src/a.ts', 'src/b.ts') as string, 'weight')).toBe(2);
  });
});
