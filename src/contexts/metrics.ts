// How good the cut is, per context and overall. Formulas and sources: docs/decisions/contexts.md.
// cohesion/coupling/modularity use the clustering weights; ICP uses raw use (symbols + references, the
// static stand-in for call counts); IFN, SM and the inbound/outbound counts use distinct file pairs.
import type { ContextMetrics } from '../shared/analysis.js';
import { roundWeight } from '../graph/weights.js';
import { sortedRecord } from '../shared/records.js';
import { sortedUnique } from '../shared/sort.js';
import { isDataEdge, isImportEdge, type IndexedGraph } from './graph-index.js';
import { NED_MAX_SIZE, NED_MIN_SIZE } from './options.js';

export interface OverallMetrics {
  modularity: number;
  cohesion: number;
  coupling: number;
  /** Inter-context call percentage (Jin et al. 2019): cross-context use / all use. Lower is better. */
  icp: number;
  /** Interface number (Jin et al. 2019): files imported from other contexts, per context. Lower is better. */
  ifn: number;
  /** Non-extreme distribution (Wu et al. 2005; Mono2Micro): share of files in too small or too big contexts. */
  ned: number;
  /** Structural modularity (Jin et al. 2019): mean cohesion minus mean pairwise coupling. Higher is better. */
  sm: number;
  stability: number;
  contexts: number;
  sharedKernel: number;
  godModules: number;
  /** Wiring files left out of every context (entry files, apps mounting routers, schedulers). */
  compositionRoots: number;
  /** Cross-cutting glue set aside before clustering, in no context (roles, issue 14). */
  platform: number;
  /** Migrations, seeds and dev tooling: outside the domains, in no context. */
  outsideDomains: number;
  unassigned: number;
}

export interface MetricsInput {
  indexed: IndexedGraph;
  /** Final label per indexed node, -1 for none. */
  labels: readonly number[];
  /** Context id per label. */
  contextIds: ReadonlyMap<number, string>;
  stability: ReadonlyMap<number, number>;
  tableOf: (node: number) => string;
}

function add(map: Map<number, number>, key: number, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

export function contextMetrics(input: MetricsInput): { perContext: Map<number, ContextMetrics>; overall: Omit<OverallMetrics, 'sharedKernel' | 'godModules' | 'compositionRoots' | 'platform' | 'outsideDomains' | 'unassigned'> } {
  const { indexed, labels, contextIds } = input;
  const labelList = [...contextIds.keys()].sort((a, b) => a - b);
  const size = new Map<number, number>();
  const loc = new Map<number, number>();
  labels.forEach((label, node) => {
    if (label < 0 || indexed.types[node] !== 'module') return;
    add(size, label, 1);
    add(loc, label, indexed.loc[node] ?? 0);
  });

  const internal = new Map<number, number>();
  const cross = new Map<number, number>();
  const outbound = new Map<number, Map<string, number>>();
  const inbound = new Map<number, Map<string, number>>();
  const touchers = new Map<number, Set<number>>();
  const interfaces = new Map<number, Set<number>>();
  /** Distinct directed module pairs with an import, for SM. */
  const importPairs = new Map<string, { from: number; to: number }>();
  /** Distinct directed pairs already counted in inbound/outbound. */
  const linked = new Set<string>();
  let useTotal = 0;
  let useCross = 0;
  for (const edge of indexed.edges) {
    const a = labels[edge.source] as number;
    const b = labels[edge.target] as number;
    if (a < 0 || b < 0) continue;
    if (a === b) add(internal, a, edge.weight);
    else {
      add(cross, a, edge.weight);
      add(cross, b, edge.weight);
    }
    if (!isImportEdge(edge) && !isDataEdge(edge)) continue;
    const pairKey = `${edge.source}\u0000${edge.target}`;
    if (isDataEdge(edge)) {
      const set = touchers.get(edge.target) ?? new Set<number>();
      set.add(a);
      touchers.set(edge.target, set);
    } else {
      importPairs.set(pairKey, { from: a, to: b });
      useTotal += edge.raw;
      if (a !== b) {
        useCross += edge.raw;
        const set = interfaces.get(b) ?? new Set<number>();
        set.add(edge.target);
        interfaces.set(b, set);
      }
    }
    if (a === b || linked.has(pairKey)) continue;
    linked.add(pairKey);
    const fromId = contextIds.get(a) as string;
    const toId = contextIds.get(b) as string;
    const out = outbound.get(a) ?? new Map<string, number>();
    out.set(toId, (out.get(toId) ?? 0) + 1);
    outbound.set(a, out);
    const into = inbound.get(b) ?? new Map<string, number>();
    into.set(fromId, (into.get(fromId) ?? 0) + 1);
    inbound.set(b, into);
  }

  const owned = new Map<number, string[]>();
  const shared = new Map<number, string[]>();
  const push = (map: Map<number, string[]>, label: number, table: string): void => {
    const list = map.get(label);
    if (list) list.push(table);
    else map.set(label, [table]);
  };
  labels.forEach((label, node) => {
    if (indexed.types[node] !== 'entity') return;
    const table = input.tableOf(node);
    if (label >= 0) push(owned, label, table);
    const contexts = new Set(touchers.get(node) ?? []);
    if (label >= 0) contexts.add(label);
    if (contexts.size > 1) for (const context of contexts) push(shared, context, table);
  });

  const perContext = new Map<number, ContextMetrics>();
  for (const label of labelList) {
    const inside = internal.get(label) ?? 0;
    const outside = cross.get(label) ?? 0;
    const total = inside + outside;
    perContext.set(label, {
      size: size.get(label) ?? 0,
      loc: loc.get(label) ?? 0,
      cohesion: total === 0 ? 1 : roundWeight(inside / total),
      coupling: total === 0 ? 0 : roundWeight(outside / total),
      stability: roundWeight(input.stability.get(label) ?? 1),
      inbound: sortedRecord(inbound.get(label) ?? new Map()),
      outbound: sortedRecord(outbound.get(label) ?? new Map()),
      tablesOwned: sortedUnique(owned.get(label) ?? []),
      tablesShared: sortedUnique(shared.get(label) ?? []),
    });
  }

  let allInternal = 0;
  let allCross = 0;
  for (const label of labelList) allInternal += internal.get(label) ?? 0;
  for (const label of labelList) allCross += (cross.get(label) ?? 0) / 2;
  const allWeight = allInternal + allCross;
  const k = labelList.length;
  const within = new Map<number, number>();
  const between = new Map<string, number>();
  for (const { from, to } of importPairs.values()) {
    if (from === to) add(within, from, 1);
    else {
      const key = from < to ? `${from}:${to}` : `${to}:${from}`;
      between.set(key, (between.get(key) ?? 0) + 1);
    }
  }
  let cohesionSum = 0;
  for (const label of labelList) {
    const files = size.get(label) ?? 0;
    if (files > 0) cohesionSum += (within.get(label) ?? 0) / (files * files);
  }
  let couplingSum = 0;
  for (const [key, count] of between) {
    const [a, b] = key.split(':').map(Number) as [number, number];
    const product = (size.get(a) ?? 0) * (size.get(b) ?? 0);
    if (product > 0) couplingSum += count / (2 * product);
  }
  const filesInContexts = [...size.values()].reduce((sum, value) => sum + value, 0);
  const nonExtreme = [...size.values()].filter((value) => value >= NED_MIN_SIZE && value <= NED_MAX_SIZE).reduce((sum, value) => sum + value, 0);
  let stabilityWeighted = 0;
  for (const label of labelList) stabilityWeighted += (input.stability.get(label) ?? 1) * (size.get(label) ?? 0);

  return {
    perContext,
    overall: {
      modularity: roundWeight(modularity(indexed, labels)),
      cohesion: allWeight === 0 ? 1 : roundWeight(allInternal / allWeight),
      coupling: allWeight === 0 ? 0 : roundWeight(allCross / allWeight),
      icp: useTotal === 0 ? 0 : roundWeight(useCross / useTotal),
      ifn: k === 0 ? 0 : roundWeight(labelList.reduce((sum, label) => sum + (interfaces.get(label)?.size ?? 0), 0) / k),
      ned: filesInContexts === 0 ? 0 : roundWeight(1 - nonExtreme / filesInContexts),
      sm: roundWeight((k === 0 ? 0 : cohesionSum / k) - (k < 2 ? 0 : couplingSum / ((k * (k - 1)) / 2))),
      stability: filesInContexts === 0 ? 1 : roundWeight(stabilityWeighted / filesInContexts),
      contexts: k,
    },
  };
}

/** Newman modularity over the nodes in a context (kernel and unassigned files left out). */
function modularity(indexed: IndexedGraph, labels: readonly number[]): number {
  const { neighbors, weights } = indexed.adjacency;
  let twiceTotal = 0;
  let internal = 0;
  const degree = new Map<number, number>();
  for (let node = 0; node < labels.length; node++) {
    const label = labels[node] as number;
    if (label < 0) continue;
    const list = neighbors[node] as number[];
    const listWeights = weights[node] as number[];
    for (let k = 0; k < list.length; k++) {
      const other = labels[list[k] as number] as number;
      if (other < 0) continue;
      const weight = listWeights[k] as number;
      twiceTotal += weight;
      add(degree, label, weight);
      if (other === label) internal += weight;
    }
  }
  if (twiceTotal === 0) return 0;
  let expected = 0;
  for (const value of degree.values()) expected += (value / twiceTotal) ** 2;
  return internal / twiceTotal - expected;
}
