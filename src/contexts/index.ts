// The contexts stage: DependencyGraph -> ContextMap. Preliminary clusterings find the shared kernel
// (files imported from most contexts, and helper leaves imported from many), god modules (files
// importing from most contexts) and composition roots (wiring that nothing but other wiring imports).
// The rest is clustered by consensus of seeded Louvain runs with node-level refinement, then refined
// by a directed block model, pinned config contexts acting as fixed anchors; god modules take part
// without their own imports. Only domain files are clustered (roles from src/graph/roles.ts): wiring is
// placed afterwards with what it declares, platform glue, schema and tooling files stay in no context.
// Then clean-up (tiny clusters merged, entities to the context that writes them), names, stability
// and metrics. Same input, same bytes. Reasons and figures:
// docs/decisions/contexts.md.
import type { DependencyGraph } from '../graph/types.js';
import type { ContextRecord } from '../shared/analysis.js';
import type { RepoPath } from '../shared/facts.js';
import { ownValue, sortedRecord } from '../shared/records.js';
import { compareStrings } from '../shared/sort.js';
import { ENTITY_PREFIX } from '../graph/index.js';
import { assignEntities, attachToMostTied, mergeTinyClusters } from './cleanup.js';
import { type ClusterInput, buildClusterInput, directedClusterEdges } from './cluster-input.js';
import { type IndexedEdge, type IndexedGraph, indexGraph, isImportEdge } from './graph-index.js';
import { countedContexts, detectGodModules, detectKernel } from './kernel.js';
import { importersOf, judgeRootCandidate, nextRootCandidates, outgoingEdges } from './composition-roots.js';
import { consensusLouvain, refinedLouvainRun } from './louvain.js';
import { type OverallMetrics, contextMetrics } from './metrics.js';
import { nameContexts } from './naming.js';
import { type ContextOptions, resolveContextOptions } from './options.js';
import { splitAnchoredCommunities } from './anchors.js';
import { stabilityByLabel } from './stability.js';
import { placePrivateGlue, placeWiring } from './wiring.js';
import { refineByBlockModel } from './block-model.js';

export type { ContextOptions } from './options.js';

/** At most this many preliminary passes; they stop early when a pass finds nothing new. */
const PRELIMINARY_PASSES = 6;
export { DEFAULT_CONTEXT_OPTIONS } from './options.js';
export type { OverallMetrics } from './metrics.js';
export { comparePartitions, type Partition, type PartitionScores } from './compare.js';
export { detectFeatureModules, type FeatureModules } from './feature-modules.js';

export interface ContextMap {
  /** Sorted by id. */
  contexts: ContextRecord[];
  /** Graph node id (module path, or 'entity:<id>') -> context id, for every node in a context. */
  membership: Record<string, string>;
  sharedKernel: RepoPath[];
  godModules: RepoPath[];
  /**
   * Files that wire the application (imported by nothing or only by other roots, importing many
   * contexts): left out of clustering, in no context.
   */
  compositionRoots: RepoPath[];
  /**
   * Cross-cutting glue set aside before clustering (role 'platform'), in no context. Widely imported
   * helpers that the kernel test still finds imported from most contexts are in sharedKernel instead.
   */
  platform: RepoPath[];
  /** Modules in no context and not kernel, platform, schema or tooling (tied to nothing). */
  unassigned: RepoPath[];
  metrics: OverallMetrics;
}

function expand(input: ClusterInput, clusterLabels: readonly number[], nodeCount: number): number[] {
  const labels = new Array<number>(nodeCount).fill(-1);
  input.members.forEach((members, clusterNode) => {
    for (const node of members) labels[node] = clusterLabels[clusterNode] as number;
  });
  return labels;
}

/** Renumbers the labels that hold at least one module (or a pinned context) densely, in node order. */
function compactLabels(indexed: IndexedGraph, labels: number[], anchored: ReadonlyMap<number, string>): Map<number, string | null> {
  const hasModule = new Set<number>();
  labels.forEach((label, node) => {
    if (label >= 0 && indexed.types[node] === 'module') hasModule.add(label);
  });
  const renumber = new Map<number, number>();
  const result = new Map<number, string | null>();
  labels.forEach((label, node) => {
    if (label < 0) return;
    if (!hasModule.has(label) && !anchored.has(label)) {
      labels[node] = -1;
      return;
    }
    let dense = renumber.get(label);
    if (dense === undefined) {
      dense = renumber.size;
      renumber.set(label, dense);
      result.set(dense, anchored.get(label) ?? null);
    }
    labels[node] = dense;
  });
  return result;
}

/** The module with the most weight inside its own context (god modules skipped: they tie to everything). */
function hubOf(indexed: IndexedGraph, labels: readonly number[], modules: number[], skip: ReadonlySet<number>): number | undefined {
  let best: number | undefined;
  let bestWeight = -1;
  for (const node of modules) {
    if (skip.has(node)) continue;
    let weight = 0;
    const neighbors = indexed.adjacency.neighbors[node] as number[];
    const weights = indexed.adjacency.weights[node] as number[];
    for (let k = 0; k < neighbors.length; k++) if (labels[neighbors[k] as number] === labels[node]) weight += weights[k] as number;
    if (weight > bestWeight) {
      best = node;
      bestWeight = weight;
    }
  }
  return best;
}

export function detectContexts(graph: DependencyGraph, options: Partial<ContextOptions> = {}): ContextMap {
  const settings = resolveContextOptions(options);
  const indexed = indexGraph(graph);
  const nodeCount = indexed.ids.length;
  const isModule = (node: number): boolean => indexed.types[node] === 'module';
  const pinnedOf = (node: number): string | undefined =>
    isModule(node) && settings.pinned ? ownValue(settings.pinned, indexed.ids[node] as string) : undefined;
  const louvain = { resolution: settings.resolution, seed: settings.seed, runs: settings.runs };
  // Classify before clustering: only domain files (and entities) are clustered. A pinned file is
  // clustered where the config says, whatever its role.
  const setAside = new Set<number>();
  for (let node = 0; node < nodeCount; node++) {
    if (isModule(node) && indexed.roles[node] !== 'domain' && pinnedOf(node) === undefined) setAside.add(node);
  }
  const isWiringRole = (node: number): boolean => setAside.has(node) && indexed.roles[node] === 'wiring';
  // A file that declares an entity or writes a table is a domain core: never shared kernel (twelve core
  // models of a Sequelize app, a user service writing the users table, were taken out as kernel).
  const writesTable = new Set<number>();
  for (const edge of indexed.edges) if (edge.type === 'data-write') writesTable.add(edge.source);
  indexed.definesEntity.forEach((defines, node) => {
    if (defines) writesTable.add(node);
  });

  // Preliminary passes find what should not be clustered: the first, on everything, finds the obvious
  // kernel (a logger imported by most files blurs every community around it); each next pass, without
  // what was found, gives communities good enough to judge god modules and the kernel they hid.
  const isFree = (node: number): boolean => pinnedOf(node) === undefined;
  const clusterWithout = (
    excluded: ReadonlySet<number>,
    isFinal: boolean,
    keepEdge: (edge: IndexedEdge) => boolean = () => true,
  ): { input: ClusterInput; labels: number[]; runs: number[][] } => {
    const clusterInput = buildClusterInput(indexed, (node) => !excluded.has(node) && !setAside.has(node), pinnedOf, keepEdge);
    // The first two passes only need communities good enough to count importers by: one refined run.
    if (!isFinal) {
      const labels = refinedLouvainRun(clusterInput.graph, clusterInput.adjacency, louvain.resolution, louvain.seed);
      return { input: clusterInput, labels: expand(clusterInput, labels, nodeCount), runs: [] };
    }
    const result = consensusLouvain(clusterInput.graph, clusterInput.adjacency, louvain);
    const anchors = new Set(clusterInput.anchorOf.flatMap((name, clusterNode) => (name === null ? [] : [clusterNode])));
    const refined = refineByBlockModel(clusterInput.adjacency, directedClusterEdges(indexed, clusterInput, keepEdge), result.labels, louvain.resolution, anchors);
    return { input: clusterInput, labels: expand(clusterInput, refined, nodeCount), runs: result.runs };
  };
  const kernel = new Set<number>();
  const detectKernelOn = (passLabels: number[]): Set<number> =>
    detectKernel(indexed, passLabels, settings.kernelThreshold, settings.minContextSize, (node) => isFree(node) && !setAside.has(node) && !writesTable.has(node), kernel);
  const leftOut = new Set<number>();
  // Composition roots are judged level by level from the entry files down; a candidate stays out of
  // the clustering it is judged on, so its own imports cannot pull its targets together.
  const roots = new Set<number>();
  const judged = new Set<number>();
  const importers = importersOf(indexed);
  const outgoing = outgoingEdges(indexed);
  const passThrough = new Set<number>();
  const isWiring = (node: number): boolean => roots.has(node) || passThrough.has(node);
  // Wiring files may be composition roots (an app mounting every router); other set-aside files may not.
  const nextCandidates = (): number[] => nextRootCandidates(indexed, importers, isWiring, judged, (node) => isFree(node) && (!setAside.has(node) || isWiringRole(node)));
  let pending = nextCandidates();
  for (let pass = 0; pass < PRELIMINARY_PASSES; pass++) {
    const passLabels = clusterWithout(new Set([...kernel, ...leftOut, ...roots, ...pending]), false).labels;
    const before = kernel.size + leftOut.size + roots.size;
    for (const node of detectKernelOn(passLabels)) if (!roots.has(node)) kernel.add(node);
    // Not on the first pass: with the kernel still in, communities are too blurred to judge spread.
    if (pass > 0) {
      const counted = countedContexts(indexed, passLabels, settings.minContextSize);
      // Set-aside wiring, placed provisionally with what it declares, so that an entry file starting the
      // root module is seen to reach the contexts that module declares.
      const judgeLabels = [...passLabels];
      placeWiring(indexed, judgeLabels, [...setAside].filter((node) => isWiringRole(node) && !roots.has(node) && !pending.includes(node)).sort((a, b) => a - b));
      for (const node of pending) {
        judged.add(node);
        if (kernel.has(node)) continue;
        // Platform glue counts as the kernel does: what every entry file imports, not what it wires.
        const isShared = (other: number): boolean => kernel.has(other) || (setAside.has(other) && !isWiringRole(other));
        // A file that only wiring imports (a feature module, a router the app mounts) is private to it.
        const verdict = judgeRootCandidate(node, outgoing.get(node) ?? [], judgeLabels, counted, importers, (other) => isWiring(other) || isWiringRole(other), isShared);
        if (verdict === 'root') roots.add(node);
        if (verdict === 'pass-through') passThrough.add(node);
      }
      pending = nextCandidates();
      for (const node of detectGodModules(indexed, passLabels, settings.minContextSize, (node) => isFree(node) && !setAside.has(node) && !kernel.has(node) && !roots.has(node))) leftOut.add(node);
    }
    for (const node of [...kernel, ...roots]) leftOut.delete(node);
    if (pass > 0 && kernel.size + leftOut.size + roots.size === before && pending.length === 0) break;
  }

  // An entry file that only starts a root is wiring too; repeated so a chain of them all counts.
  for (let added = true; added; ) {
    added = false;
    for (const node of passThrough) {
      if (roots.has(node) || !(outgoing.get(node) ?? []).some((edge) => roots.has(edge.target))) continue;
      roots.add(node);
      added = true;
    }
  }
  for (const node of roots) leftOut.delete(node);

  // The final clustering, without kernel and composition roots. God modules stay without their own
  // imports: those spread over many contexts by definition and would glue them together, while the
  // files that import a god module (its controller, its DTO) and the tables it writes still place it
  // and let those files follow it.
  // A god module nothing imports and that writes nothing would float alone: it is put back afterwards.
  const placedBy = new Set<number>();
  for (const edge of indexed.edges) {
    if (leftOut.has(edge.target) && isImportEdge(edge)) placedBy.add(edge.target);
    if (leftOut.has(edge.source) && edge.type === 'data-write') placedBy.add(edge.source);
  }
  const floating = [...leftOut].filter((node) => !placedBy.has(node)).sort((a, b) => a - b);
  const keepEdge = (edge: IndexedEdge): boolean => !leftOut.has(edge.source) || !isImportEdge(edge);
  const final = clusterWithout(new Set([...kernel, ...roots, ...floating]), true, keepEdge);
  const input = final.input;
  const labels = final.labels;
  const anchored = splitAnchoredCommunities(indexed, input, labels);
  attachToMostTied(indexed, labels, floating, true);

  mergeTinyClusters(indexed, labels, settings.minContextSize, new Set(anchored.keys()));
  placeWiring(indexed, labels, [...setAside].filter((node) => isWiringRole(node) && !roots.has(node)).sort((a, b) => a - b));
  // Widely imported helpers were set aside as platform; those imported from most contexts are kernel.
  const platformKernel = detectKernel(
    indexed,
    labels,
    settings.kernelThreshold,
    settings.minContextSize,
    (node) => setAside.has(node) && indexed.widelyImported[node] === true && !roots.has(node),
    kernel,
  );
  for (const node of platformKernel) kernel.add(node);
  // Glue that one context alone imports (a pipe only the table controller applies) is that context's own.
  placePrivateGlue(indexed, labels, [...setAside].filter((node) => indexed.roles[node] === 'platform' && !kernel.has(node) && !roots.has(node)).sort((a, b) => a - b));
  assignEntities(indexed, labels);
  const pinnedNameOf = compactLabels(indexed, labels, anchored);
  const stability = stabilityByLabel(input, final.runs, labels, isModule);

  const modulesOf = new Map<number, number[]>();
  const entitiesOf = new Map<number, number[]>();
  labels.forEach((label, node) => {
    if (label < 0) return;
    const target = isModule(node) ? modulesOf : entitiesOf;
    const list = target.get(label);
    if (list) list.push(node);
    else target.set(label, [node]);
  });
  const tableOf = (node: number): string => {
    const entity = (indexed.ids[node] as string).slice(ENTITY_PREFIX.length);
    return (settings.entityTables && ownValue(settings.entityTables, entity)) ?? entity;
  };
  const names = nameContexts(
    [...pinnedNameOf].map(([label, pinnedName]) => {
      const hub = hubOf(indexed, labels, modulesOf.get(label) ?? [], leftOut);
      return {
        key: label,
        modules: (modulesOf.get(label) ?? []).map((node) => indexed.ids[node] as string),
        tables: (entitiesOf.get(label) ?? []).map(tableOf),
        ...(hub === undefined ? {} : { hub: indexed.ids[hub] as string }),
        ...(pinnedName === null ? {} : { fixedName: pinnedName }),
      };
    }),
  );
  const { perContext, overall } = contextMetrics({ indexed, labels, contextIds: names, stability, tableOf });
  const gods = detectGodModules(indexed, labels, settings.minContextSize, (node) => labels[node] as number >= 0);

  const contexts: ContextRecord[] = [...names]
    .map(([label, id]) => ({
      id,
      modules: (modulesOf.get(label) ?? []).map((node) => indexed.ids[node] as string).sort(compareStrings),
      entities: (entitiesOf.get(label) ?? []).map((node) => (indexed.ids[node] as string).slice(ENTITY_PREFIX.length)).sort(compareStrings),
      origin: pinnedNameOf.get(label) === null ? ('detected' as const) : ('config' as const),
      metrics: perContext.get(label) as ContextRecord['metrics'],
    }))
    .sort((a, b) => compareStrings(a.id, b.id));
  const membership = new Map<string, string>();
  labels.forEach((label, node) => {
    if (label >= 0) membership.set(indexed.ids[node] as string, names.get(label) as string);
  });
  const pathsOf = (nodes: Iterable<number>): RepoPath[] => [...nodes].map((node) => indexed.ids[node] as string).sort(compareStrings);
  const platform = [...setAside].filter((node) => indexed.roles[node] === 'platform' && labels[node] === -1 && !kernel.has(node) && !roots.has(node));
  const outsideDomains = [...setAside].filter((node) => indexed.roles[node] === 'schema' || indexed.roles[node] === 'tooling').length;
  const unassigned = indexed.ids.filter(
    (_, node) => isModule(node) && labels[node] === -1 && !kernel.has(node) && !roots.has(node) && (!setAside.has(node) || isWiringRole(node)),
  );
  return {
    contexts,
    membership: sortedRecord(membership),
    sharedKernel: pathsOf(kernel),
    godModules: pathsOf(gods),
    compositionRoots: pathsOf(roots),
    platform: pathsOf(platform),
    unassigned: [...unassigned].sort(compareStrings),
    metrics: {
      ...overall,
      sharedKernel: kernel.size,
      godModules: gods.size,
      compositionRoots: roots.size,
      platform: platform.length,
      outsideDomains,
      unassigned: unassigned.length,
    },
  };
}
