// Wiring files (module declarations, routers mounting handlers, DI factories: role 'wiring') are left
// out of clustering, where their imports would tie a layer together, and placed afterwards in the
// context of what they declare: the one receiving most of their import weight. A root module that
// only lists feature modules follows them once they are placed, so placing repeats until nothing moves;
// a provider file that imports nothing placed follows the files that import it.
import { type IndexedGraph, isImportEdge } from './graph-index.js';

/** The label with the most weight (ties: the smaller label), or -1. */
function heaviest(weights: ReadonlyMap<number, number>): number {
  let best = -1;
  let bestWeight = 0;
  for (const [label, weight] of weights) {
    if (weight > bestWeight || (weight === bestWeight && weight > 0 && label < best)) {
      best = label;
      bestWeight = weight;
    }
  }
  return best;
}

/** Sets `labels` of the wiring nodes it can place; the rest stay -1. `nodes` in ascending order. */
export function placeWiring(indexed: IndexedGraph, labels: number[], nodes: readonly number[]): void {
  const outgoing = new Map<number, { target: number; weight: number }[]>();
  const incoming = new Map<number, { source: number; weight: number }[]>();
  const pending = new Set(nodes);
  for (const edge of indexed.edges) {
    if (!isImportEdge(edge)) continue;
    if (pending.has(edge.source)) {
      const list = outgoing.get(edge.source) ?? [];
      list.push({ target: edge.target, weight: edge.weight });
      outgoing.set(edge.source, list);
    }
    if (pending.has(edge.target)) {
      const list = incoming.get(edge.target) ?? [];
      list.push({ source: edge.source, weight: edge.weight });
      incoming.set(edge.target, list);
    }
  }
  const placeBy = (byImports: boolean): boolean => {
    // One round reads the labels as they were before it, so the order of `nodes` cannot matter.
    const placed = new Map<number, number>();
    for (const node of pending) {
      const weights = new Map<number, number>();
      if (byImports) {
        for (const { target, weight } of outgoing.get(node) ?? []) {
          const label = labels[target] as number;
          if (label >= 0) weights.set(label, (weights.get(label) ?? 0) + weight);
        }
      } else {
        for (const { source, weight } of incoming.get(node) ?? []) {
          const label = labels[source] as number;
          if (label >= 0) weights.set(label, (weights.get(label) ?? 0) + weight);
        }
      }
      const label = heaviest(weights);
      if (label >= 0) placed.set(node, label);
    }
    for (const [node, label] of placed) {
      labels[node] = label;
      pending.delete(node);
    }
    return placed.size > 0;
  };
  while (pending.size > 0) {
    if (placeBy(true)) continue;
    if (!placeBy(false)) break;
  }
}

/**
 * Platform glue that only one context uses (a pipe only the table controller applies, a guard of one
 * feature) is that context's own: placed with its importers. Glue imported from two contexts or more
 * stays set aside. `nodes` in ascending order.
 */
export function placePrivateGlue(indexed: IndexedGraph, labels: number[], nodes: readonly number[]): void {
  const candidates = new Set(nodes);
  const importerLabels = new Map<number, Set<number>>();
  for (const edge of indexed.edges) {
    if (!isImportEdge(edge) || !candidates.has(edge.target)) continue;
    const set = importerLabels.get(edge.target) ?? new Set<number>();
    set.add(labels[edge.source] as number);
    importerLabels.set(edge.target, set);
  }
  const placed = new Map<number, number>();
  for (const node of nodes) {
    const found = importerLabels.get(node);
    if (found === undefined || found.size !== 1) continue;
    const label = [...found][0] as number;
    if (label >= 0) placed.set(node, label);
  }
  for (const [node, label] of placed) labels[node] = label;
}
