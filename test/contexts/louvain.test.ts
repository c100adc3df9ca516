import { describe, expect, it } from 'vitest';
import { toGraphology } from '../../src/graph/to-graphology.js';
import type { DependencyGraph } from '../../src/graph/types.js';
import { modularityOf, toAdjacency } from '../../src/contexts/adjacency.js';
import { consensusLouvain, louvainRun } from '../../src/contexts/louvain.js';
import { refineByLocalMoves } from '../../src/contexts/local-moves.js';
import { BLOCK_MODEL_MAX_MODULARITY_LOSS, refineByBlockModel } from '../../src/contexts/block-model.js';
import { createRandom, deriveSeed } from '../../src/shared/random.js';

/** Planted partition: `groups` groups of `size` nodes; each node gets intra and cross edges by a seeded draw. */
function planted(groups: number, size: number, intra: number, cross: number, seed: number): DependencyGraph {
  const random = createRandom(seed);
  const id = (group: number, member: number): string => `g${String(group).padStart(2, '0')}/n${String(member).padStart(3, '0')}`;
  const nodes = [];
  const edges = new Map<string, DependencyGraph['edges'][number]>();
  for (let g = 0; g < groups; g++) for (let m = 0; m < size; m++) nodes.push({ id: id(g, m), type: 'module' as const, loc: 1 });
  for (let g = 0; g < groups; g++) {
    for (let m = 0; m < size; m++) {
      const add = (target: string): void => {
        const source = id(g, m);
        if (source !== target) edges.set(`${source}>${target}`, { source, target, type: 'import', raw: 1, weight: 1 });
      };
      for (let k = 0; k < intra; k++) add(id(g, Math.floor(random() * size)));
      for (let k = 0; k < cross; k++) add(id((g + 1 + Math.floor(random() * (groups - 1))) % groups, Math.floor(random() * size)));
    }
  }
  return { nodes, edges: [...edges.values()] };
}

describe('seeded random numbers', () => {
  it('repeat for a seed, differ between seeds and streams, stay in [0, 1)', () => {
    const draw = (seed: number): number[] => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(deriveSeed(7, 0)).not.toBe(deriveSeed(7, 1));
    const random = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      const value = random();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });
});

describe('Louvain runs', () => {
  const graph = toGraphology(planted(6, 40, 3, 1, 3));
  const adjacency = toAdjacency(graph);

  it('give the same labels for the same seed', () => {
    expect(louvainRun(graph, 1, 5)).toEqual(louvainRun(graph, 1, 5));
  });

  it('refinement never lowers modularity and converges', () => {
    for (const seed of [1, 2, 3]) {
      const labels = louvainRun(graph, 1, seed);
      const refined = refineByLocalMoves(adjacency, labels, 1);
      expect(modularityOf(adjacency, refined)).toBeGreaterThanOrEqual(modularityOf(adjacency, labels) - 1e-12);
      expect(refineByLocalMoves(adjacency, refined, 1)).toEqual(refined);
    }
  });

  it('consensus is deterministic and keeps one first-level run per requested run', () => {
    const first = consensusLouvain(graph, adjacency, { resolution: 1, seed: 4, runs: 6 });
    const second = consensusLouvain(graph, adjacency, { resolution: 1, seed: 4, runs: 6 });
    expect(second).toEqual(first);
    expect(first.runs).toHaveLength(6);
    expect(new Set(first.labels).size).toBe(6);
  });
});

describe('block-model refinement', () => {
  const planted6 = planted(6, 40, 2, 1, 9);
  const graph = toGraphology(planted6);
  const adjacency = toAdjacency(graph);
  const edges = planted6.edges.map((edge) => ({
    source: adjacency.indexOf.get(edge.source) as number,
    target: adjacency.indexOf.get(edge.target) as number,
    weight: edge.weight,
  }));
  const truth = adjacency.ids.map((id) => Number(id.slice(1, 3)));
  const start = louvainRun(graph, 1, 2);

  it('keeps modularity within its bound, leaves fixed nodes alone, and is deterministic', () => {
    const fixed = new Set([0, 1, 2, 50, 51]);
    const refined = refineByBlockModel(adjacency, edges, start, 1, fixed);
    expect(modularityOf(adjacency, refined)).toBeGreaterThanOrEqual(modularityOf(adjacency, start) - BLOCK_MODEL_MAX_MODULARITY_LOSS - 1e-12);
    const sameGroup = (labels: number[], a: number, b: number): boolean => labels[a] === labels[b];
    for (const a of fixed) for (const b of fixed) expect(sameGroup(refined, a, b)).toBe(sameGroup(start, a, b));
    expect(refineByBlockModel(adjacency, edges, start, 1, fixed)).toEqual(refined);
  });

  it('leaves the planted partition where it is', () => {
    const refined = refineByBlockModel(adjacency, edges, truth, 1);
    const moved = refined.filter((label, node) => label !== refined[node - (node % 40)]).length;
    expect(moved).toBeLessThan(adjacency.ids.length * 0.05);
  });
});
