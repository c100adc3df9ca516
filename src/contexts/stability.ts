// Stability of a context: the share of its files that stay together across the seeded runs. For each
// run, the largest group of the context's files that the run put in one community, over the context's
// size; averaged over the runs. 1 means every run agreed on this context.
import type { ClusterInput } from './cluster-input.js';

export function stabilityByLabel(
  input: ClusterInput,
  runs: readonly number[][],
  labels: readonly number[],
  isModule: (node: number) => boolean,
): Map<number, number> {
  const clusterNodeOf = new Map<number, number>();
  input.members.forEach((members, clusterNode) => {
    for (const node of members) clusterNodeOf.set(node, clusterNode);
  });
  const filesByLabel = new Map<number, number[]>();
  labels.forEach((label, node) => {
    const clusterNode = clusterNodeOf.get(node);
    if (label < 0 || clusterNode === undefined || !isModule(node)) return;
    const list = filesByLabel.get(label);
    if (list) list.push(clusterNode);
    else filesByLabel.set(label, [clusterNode]);
  });
  const stability = new Map<number, number>();
  for (const [label, clusterNodes] of filesByLabel) {
    let sum = 0;
    for (const run of runs) {
      const counts = new Map<number, number>();
      let largest = 0;
      for (const clusterNode of clusterNodes) {
        const community = run[clusterNode] as number;
        const count = (counts.get(community) ?? 0) + 1;
        counts.set(community, count);
        if (count > largest) largest = count;
      }
      sum += largest / clusterNodes.length;
    }
    stability.set(label, runs.length === 0 ? 1 : sum / runs.length);
  }
  return stability;
}
