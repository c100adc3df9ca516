// A repo whose files barely import each other has about one cluster per file until clean-up: every
// step that walks all clusters once per cluster, or keeps a cluster-by-cluster matrix, turns quadratic
// there (10k such files took 51 s and 2 GB). The work is counted, not timed: at 4x the files it must
// stay within about 5x (linear, with room for sorting).
import { describe, expect, it } from 'vitest';
import { refineByBlockModel } from '../../src/contexts/block-model.js';
import { mergeTinyClusters } from '../../src/contexts/cleanup.js';
import { detectContexts } from '../../src/contexts/index.js';
import { indexGraph } from '../../src/contexts/graph-index.js';
import type { WorkMeter } from '../../src/contexts/work-meter.js';
import type { DependencyGraph, GraphEdge } from '../../src/graph/types.js';

/**
 * `files` modules in folders of 10; every fifth file imports the next one, every fiftieth folder is a
 * chain of imports (a real context): mostly isolated files, a few pairs and a few contexts.
 */
function mostlyIsolated(files: number): DependencyGraph {
  const id = (file: number): string => `src/f${Math.floor(file / 10)}/m${file}.ts`;
  const nodes = Array.from({ length: files }, (_, file) => ({ id: id(file), type: 'module' as const, loc: 10 }));
  const edges: GraphEdge[] = [];
  const link = (source: number, target: number): void => {
    edges.push({ source: id(source), target: id(target), type: 'import', raw: 2, weight: 2 });
  };
  for (let file = 0; file + 1 < files; file++) {
    const inContext = Math.floor(file / 10) % 50 === 0;
    if (inContext && (file + 1) % 10 !== 0) link(file, file + 1);
    else if (!inContext && file % 5 === 0) link(file, file + 1);
  }
  return { nodes, edges };
}

const SIZES = [1000, 4000];
const MAX_GROWTH = 5;

describe('contexts stage on mostly isolated files', () => {
  it('merges tiny clusters with work linear in the file count (one cluster per file to start with)', () => {
    const work = SIZES.map((files) => {
      const indexed = indexGraph(mostlyIsolated(files));
      const labels = indexed.ids.map((_, node) => node);
      const meter: WorkMeter = { units: 0 };
      mergeTinyClusters(indexed, labels, 3, new Set(), meter);
      return meter.units;
    });
    expect(work[1]).toBeLessThanOrEqual(MAX_GROWTH * (work[0] as number));
  });

  it('refines by block model with work linear in the file count (one block per file)', () => {
    const work = SIZES.map((files) => {
      const indexed = indexGraph(mostlyIsolated(files));
      const edges = indexed.edges.map(({ source, target, weight }) => ({ source, target, weight }));
      const meter: WorkMeter = { units: 0 };
      refineByBlockModel(indexed.adjacency, edges, indexed.ids.map((_, node) => node), 1, undefined, meter);
      return meter.units;
    });
    expect(work[1]).toBeLessThanOrEqual(MAX_GROWTH * (work[0] as number));
  });

  it('finds the chained folders as contexts and leaves the isolated files unassigned, deterministically', () => {
    const graph = mostlyIsolated(2000);
    const map = detectContexts(graph);
    expect(map.contexts.map((context) => context.modules.length)).toEqual([10, 10, 10, 10]);
    expect(map.unassigned.length).toBe(2000 - 40);
    expect(JSON.stringify(detectContexts(graph))).toBe(JSON.stringify(map));
  });
});
