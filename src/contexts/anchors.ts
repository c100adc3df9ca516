// Pinned contexts after clustering. Each pinned context is one node in the clustering graph; the
// community it lands in joins it. When Louvain puts two pinned contexts in one community, the
// unpinned files of that community go to the pinned context they are most tied to (spreading out from
// the pinned files), so configured contexts never merge.
import type { ClusterInput } from './cluster-input.js';
import type { IndexedGraph } from './graph-index.js';

/** Rewrites `labels` so each pinned context has its own label; returns label -> pinned context name. */
export function splitAnchoredCommunities(indexed: IndexedGraph, input: ClusterInput, labels: number[]): Map<number, string> {
  const anchorsByLabel = new Map<number, { name: string; members: number[] }[]>();
  input.anchorOf.forEach((name, clusterNode) => {
    if (name === null) return;
    const members = input.members[clusterNode] ?? [];
    const label = labels[members[0] as number] as number;
    const list = anchorsByLabel.get(label) ?? [];
    list.push({ name, members });
    anchorsByLabel.set(label, list);
  });
  const anchored = new Map<number, string>();
  let nextLabel = labels.reduce((max, label) => Math.max(max, label), -1) + 1;
  for (const [label, anchors] of [...anchorsByLabel].sort((a, b) => a[0] - b[0])) {
    anchors.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const anchorLabels = anchors.map((anchor, position) => (position === 0 ? label : nextLabel++));
    anchors.forEach((anchor, position) => {
      anchored.set(anchorLabels[position] as number, anchor.name);
      for (const node of anchor.members) labels[node] = anchorLabels[position] as number;
    });
    if (anchors.length === 1) continue;
    const pinnedNodes = new Set(anchors.flatMap((anchor) => anchor.members));
    let open = labels.map((value, node) => (value === label && !pinnedNodes.has(node) ? node : -1)).filter((node) => node >= 0);
    const allowed = new Set(anchorLabels);
    // Mark open nodes unlabelled, then let them join the anchor they touch most, wave by wave.
    for (const node of open) labels[node] = -1;
    while (open.length > 0) {
      const decided: [number, number][] = [];
      for (const node of open) {
        let best = -1;
        let bestWeight = 0;
        const neighbors = indexed.adjacency.neighbors[node] as number[];
        const weights = indexed.adjacency.weights[node] as number[];
        const ties = new Map<number, number>();
        for (let k = 0; k < neighbors.length; k++) {
          const other = labels[neighbors[k] as number] as number;
          if (allowed.has(other)) ties.set(other, (ties.get(other) ?? 0) + (weights[k] as number));
        }
        for (const candidate of anchorLabels) {
          const weight = ties.get(candidate) ?? 0;
          if (weight > bestWeight) {
            best = candidate;
            bestWeight = weight;
          }
        }
        if (best >= 0) decided.push([node, best]);
      }
      if (decided.length === 0) break;
      for (const [node, best] of decided) labels[node] = best;
      open = open.filter((node) => labels[node] === -1);
    }
    for (const node of open) labels[node] = label;
  }
  return anchored;
}
