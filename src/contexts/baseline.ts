// The reference point Carve is measured against: one plain Louvain run on the unweighted import graph
// (every file, kernel included, no consensus, no refinement, no clean-up). Tests and the bench print it
// beside detectContexts so the gain is visible.
import type { DependencyGraph } from '../graph/types.js';
import { toGraphology } from '../graph/to-graphology.js';
import { emptyRecord } from '../shared/records.js';
import { louvainRun } from './louvain.js';

export function plainLouvain(graph: DependencyGraph, seed: number, resolution = 1): Record<string, string> {
  const imports = toGraphology(graph, {
    includeNode: (node) => node.type === 'module',
    edgeTypes: new Set(['import', 'type']),
    isUnweighted: true,
  });
  const labels = louvainRun(imports, resolution, seed);
  const partition = emptyRecord<string>();
  imports.nodes().forEach((id, index) => {
    partition[id] = `c${labels[index] as number}`;
  });
  return partition;
}
