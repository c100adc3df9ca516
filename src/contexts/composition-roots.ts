// Composition roots: the files that wire the application together (an entry file, the app that mounts
// every router, a root module listing every feature module, a job scheduler). Nothing in the project
// imports them, or only other composition roots do, and what they import spreads over many contexts by
// design. Left in the graph they tie unrelated contexts together (every router of an express app lands
// with the app), so they are left out of clustering altogether and reported on their own: they belong
// to no context. Candidates are judged level by level from the entry files down.
import { type IndexedEdge, isImportEdge, type IndexedGraph } from './graph-index.js';
import type { NodeLabels } from './kernel.js';
import { COMPOSITION_ROOT_MIN_CONTEXTS, COMPOSITION_ROOT_MIN_PRIVATE_SHARE } from './options.js';

/** Project importers of each module, over import and type edges. */
export function importersOf(indexed: IndexedGraph): Map<number, Set<number>> {
  const result = new Map<number, Set<number>>();
  for (const edge of indexed.edges) {
    if (!isImportEdge(edge)) continue;
    const set = result.get(edge.target) ?? new Set<number>();
    set.add(edge.source);
    result.set(edge.target, set);
  }
  return result;
}

/**
 * The next modules to judge: not judged yet, importing at least one project file, and imported by
 * nothing or only by wiring (roots and pass-through files). The first call gives the entry files.
 */
export function nextRootCandidates(
  indexed: IndexedGraph,
  importers: ReadonlyMap<number, ReadonlySet<number>>,
  isWiring: (node: number) => boolean,
  judged: ReadonlySet<number>,
  isEligible: (node: number) => boolean,
): number[] {
  const importsSomething = new Set<number>();
  for (const edge of indexed.edges) if (isImportEdge(edge)) importsSomething.add(edge.source);
  const candidates: number[] = [];
  for (let node = 0; node < indexed.ids.length; node++) {
    if (indexed.types[node] !== 'module' || judged.has(node) || isWiring(node) || !isEligible(node)) continue;
    if (!importsSomething.has(node)) continue;
    const by = importers.get(node);
    if (by === undefined || [...by].every(isWiring)) candidates.push(node);
  }
  return candidates;
}

/**
 * 'pass-through': not a root by itself, but everything it imports (kernel aside) is used by nothing
 * else, as an entry file that only starts the app: what it imports is judged next, and the file
 * counts as a root when one of them is.
 */
export type RootVerdict = 'root' | 'pass-through' | 'not-root';

/**
 * A candidate is a composition root when it wires files nothing else uses (at least
 * COMPOSITION_ROOT_MIN_PRIVATE_SHARE of the project files it imports, kernel left aside, are imported
 * by no other file but wiring: routers an app mounts, jobs a scheduler starts, the app an entry file
 * starts) and those private files lie in at least COMPOSITION_ROOT_MIN_CONTEXTS contexts. A controller
 * the entry file wires reaches several contexts too at high mixing, but the services it calls are
 * shared; an admin dashboard calling every service is a god module, not wiring; a controller with
 * files of its own keeps them in its context. `labels` come from a clustering without the candidate, so its own imports did not
 * shape the communities it is judged against.
 */
export function judgeRootCandidate(
  node: number,
  outgoing: readonly IndexedEdge[],
  labels: NodeLabels,
  countedContexts: ReadonlySet<number>,
  importers: ReadonlyMap<number, ReadonlySet<number>>,
  isWiring: (node: number) => boolean,
  isKernel: (node: number) => boolean,
): RootVerdict {
  const reached = new Set<number>();
  const targets = new Set<number>();
  let privateTargets = 0;
  for (const edge of outgoing) {
    if (!isImportEdge(edge) || isKernel(edge.target) || targets.has(edge.target)) continue;
    targets.add(edge.target);
    const by = importers.get(edge.target) ?? new Set<number>();
    if (![...by].every((importer) => importer === node || isWiring(importer))) continue;
    privateTargets++;
    const label = labels[edge.target] as number;
    if (countedContexts.has(label)) reached.add(label);
  }
  if (reached.size >= COMPOSITION_ROOT_MIN_CONTEXTS && privateTargets >= COMPOSITION_ROOT_MIN_PRIVATE_SHARE * targets.size) return 'root';
  return targets.size > 0 && privateTargets === targets.size ? 'pass-through' : 'not-root';
}

/** Outgoing edges per node, in the indexed graph's order. */
export function outgoingEdges(indexed: IndexedGraph): Map<number, IndexedEdge[]> {
  const result = new Map<number, IndexedEdge[]>();
  for (const edge of indexed.edges) {
    const list = result.get(edge.source);
    if (list) list.push(edge);
    else result.set(edge.source, [edge]);
  }
  return result;
}
