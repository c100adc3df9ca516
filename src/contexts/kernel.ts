// Shared kernel and god modules. A kernel file is imported from nearly every part of the code (logger,
// config, base classes); left in the graph it pulls one context towards everything, so it is taken
// out before the final clustering and reported. A god module is the mirror image: its own imports
// spread over many contexts (a composition root, an "everything" service); it is clustered without,
// reported, and put back in the context it is most tied to.
import { isDataEdge, isImportEdge, type IndexedGraph } from './graph-index.js';
import {
  GOD_MODULE_MAX_HOME_SHARE,
  GOD_MODULE_MIN_CONTEXT_SHARE,
  GOD_MODULE_MIN_FOREIGN_CONTEXTS,
  KERNEL_LEAF_MAX_CONTEXT_SHARE,
  KERNEL_LEAF_MIN_CONTEXTS,
  KERNEL_MIN_IMPORTING_CONTEXTS,
} from './options.js';

/** Labels per indexed node; -1 for nodes in no context. */
export type NodeLabels = readonly number[];

/** Contexts that count: labels held by at least `minSize` modules. */
export function countedContexts(indexed: IndexedGraph, labels: NodeLabels, minSize: number): Set<number> {
  const sizes = new Map<number, number>();
  labels.forEach((label, node) => {
    if (label >= 0 && indexed.types[node] === 'module') sizes.set(label, (sizes.get(label) ?? 0) + 1);
  });
  return new Set([...sizes].filter(([, size]) => size >= minSize).map(([label]) => label));
}

/**
 * Modules imported from at least `threshold` of the other contexts (and from at least two), and
 * helper leaves: files that import nothing but the kernel (a clock, money, pagination, an HTTP
 * helper), imported from at least KERNEL_LEAF_MIN_CONTEXTS contexts with no context holding half of
 * their importers. A lower bar on spread alone dissolved a hub context into the kernel (its core files,
 * product and price, are leaves imported from every spoke), but a hub's own files import them most.
 */
export function detectKernel(
  indexed: IndexedGraph,
  labels: NodeLabels,
  threshold: number,
  minContextSize: number,
  isCandidate: (node: number) => boolean,
  kernel: ReadonlySet<number> = new Set(),
): Set<number> {
  const counted = countedContexts(indexed, labels, minContextSize);
  const importers = new Map<number, Set<number>>();
  const importingFiles = new Map<number, Map<number, Set<number>>>();
  const importsBeyondKernel = new Set<number>();
  for (const edge of indexed.edges) {
    if (!isImportEdge(edge)) continue;
    if (!kernel.has(edge.target) && indexed.types[edge.target] === 'module') importsBeyondKernel.add(edge.source);
    const label = labels[edge.source] as number;
    if (!counted.has(label)) continue;
    const set = importers.get(edge.target) ?? new Set<number>();
    set.add(label);
    importers.set(edge.target, set);
    const files = importingFiles.get(edge.target) ?? new Map<number, Set<number>>();
    const ofLabel = files.get(label) ?? new Set<number>();
    ofLabel.add(edge.source);
    files.set(label, ofLabel);
    importingFiles.set(edge.target, files);
  }
  const isHelperLeaf = (node: number, foreign: number): boolean => {
    if (importsBeyondKernel.has(node) || foreign + 1 < KERNEL_LEAF_MIN_CONTEXTS) return false;
    const perContext = [...(importingFiles.get(node) ?? new Map<number, Set<number>>()).values()].map((files) => files.size);
    const total = perContext.reduce((sum, count) => sum + count, 0);
    return perContext.length >= KERNEL_LEAF_MIN_CONTEXTS && Math.max(...perContext) < KERNEL_LEAF_MAX_CONTEXT_SHARE * total;
  };
  const others = Math.max(counted.size - 1, 1);
  const shareOf = new Map<number, number>();
  for (const [node, contexts] of importers) {
    if (indexed.types[node] !== 'module' || !isCandidate(node)) continue;
    const foreign = [...contexts].filter((label) => label !== labels[node]).length;
    if (foreign >= KERNEL_MIN_IMPORTING_CONTEXTS) shareOf.set(node, isHelperLeaf(node, foreign) ? 1 : foreign / others);
  }
  return new Set([...shareOf].filter(([, share]) => share >= threshold).map(([node]) => node));
}

/** Outgoing import and data weight of one node, per context of the target. */
export function outgoingByContext(indexed: IndexedGraph, labels: NodeLabels): Map<number, Map<number, number>> {
  const result = new Map<number, Map<number, number>>();
  for (const edge of indexed.edges) {
    if (!isImportEdge(edge) && !isDataEdge(edge)) continue;
    const label = labels[edge.target] as number;
    if (label < 0) continue;
    const perContext = result.get(edge.source) ?? new Map<number, number>();
    perContext.set(label, (perContext.get(label) ?? 0) + edge.weight);
    result.set(edge.source, perContext);
  }
  return result;
}

/**
 * Modules whose outgoing weight reaches many other contexts (at least GOD_MODULE_MIN_FOREIGN_CONTEXTS
 * and GOD_MODULE_MIN_CONTEXT_SHARE of them) while at most GOD_MODULE_MAX_HOME_SHARE stays home.
 */
export function detectGodModules(
  indexed: IndexedGraph,
  labels: NodeLabels,
  minContextSize: number,
  isCandidate: (node: number) => boolean,
): Set<number> {
  // Only contexts of a real size count: a stray fragment is not a context a file can reach into.
  const counted = countedContexts(indexed, labels, minContextSize);
  const needed = Math.max(GOD_MODULE_MIN_FOREIGN_CONTEXTS, Math.ceil(GOD_MODULE_MIN_CONTEXT_SHARE * (counted.size - 1)));
  const gods = new Set<number>();
  for (const [node, perContext] of outgoingByContext(indexed, labels)) {
    if (indexed.types[node] !== 'module' || !isCandidate(node)) continue;
    const home = labels[node] as number;
    let total = 0;
    let foreign = 0;
    for (const [label, weight] of perContext) {
      if (!counted.has(label)) continue;
      total += weight;
      if (label !== home) foreign++;
    }
    if (foreign < needed) continue;
    if (total > 0 && (perContext.get(home) ?? 0) / total <= GOD_MODULE_MAX_HOME_SHARE) gods.add(node);
  }
  return gods;
}
