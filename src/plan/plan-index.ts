// Lookups over one Analysis that every planner rule reads: which context a file is in, the imports
// that cross contexts (an import through a barrel counted once, at the file that defines the symbol),
// the imports from wiring and into the shared kernel, and which files an HTTP request reaches.
import type { Analysis, DependencyRecord, SeamStyle } from '../shared/analysis.js';
import type { EntryPointFact, ImportKind, RepoPath } from '../shared/facts.js';
import { compareStrings } from '../shared/sort.js';
import { classifySeam } from './seam-style.js';

export type PlanInput = Omit<Analysis, 'plan'>;

/** Type-only imports vanish at run time: they tie contexts by a contract, at half the weight. */
export const TYPE_ONLY_FACTOR = 0.5;

export interface PlanEdge {
  from: RepoPath;
  to: RepoPath;
  kind: ImportKind;
  /** Weight for coupling: the record's weight, its barrel duplicate removed, type-only halved. */
  weight: number;
  symbols: string[];
  lines: number[];
  calls: { used: number; discarded: number };
  style: SeamStyle;
}

export interface CrossEdge extends PlanEdge {
  fromContext: string;
  toContext: string;
}

export interface PlanIndex {
  input: PlanInput;
  contextIds: string[];
  contextOf: Map<RepoPath, string>;
  kernel: Set<RepoPath>;
  /** Imports between two contexts, sorted by from, to. */
  cross: CrossEdge[];
  /** Weight of imports inside each context. */
  internalWeight: Map<string, number>;
  /** Imports of a context's files by files in no context and not in the kernel (composition roots). */
  wiring: Array<PlanEdge & { toContext: string }>;
  /** Context -> kernel files its files import. */
  kernelUse: Map<string, Set<RepoPath>>;
  entryPointsOf: Map<RepoPath, EntryPointFact[]>;
  /** Files reached through calls from a file with an HTTP route. */
  requestPath: Set<RepoPath>;
  locOf: Map<RepoPath, number>;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * An import through a barrel yields the edge to the barrel and one per symbol to its defining file
 * (with `via`). The defining-file edges say where the symbols live; the barrel edge keeps only the
 * symbols no such edge covers, and its weight shrinks in proportion.
 */
function withoutBarrelDuplicates(dependencies: readonly DependencyRecord[]): DependencyRecord[] {
  const covered = new Map<string, Set<string>>();
  for (const dependency of dependencies) {
    if (dependency.via === undefined) continue;
    const key = `${dependency.from}\u0000${dependency.via}`;
    const set = covered.get(key) ?? new Set<string>();
    for (const symbol of dependency.symbols) set.add(symbol);
    covered.set(key, set);
  }
  const result: DependencyRecord[] = [];
  for (const dependency of dependencies) {
    const symbolsCovered = dependency.via === undefined ? covered.get(`${dependency.from}\u0000${dependency.to}`) : undefined;
    if (!symbolsCovered) {
      result.push(dependency);
      continue;
    }
    const left = dependency.symbols.filter((symbol) => !symbolsCovered.has(symbol));
    if (left.length === 0) continue;
    const share = left.length / dependency.symbols.length;
    result.push({ ...dependency, symbols: left, weight: Math.max(1, round(dependency.weight * share)) });
  }
  return result;
}

/**
 * Leaf libraries: files that import no project file at run time except the shared kernel, touch no
 * table, define no entity and serve no entry point. Calling them is using shared code.
 */
function leafLibraries(input: PlanInput, kernel: ReadonlySet<RepoPath>, entitiesIn: ReadonlyMap<RepoPath, Set<string>>): Set<RepoPath> {
  const notLeaf = new Set<RepoPath>();
  for (const dependency of input.dependencies) {
    if (dependency.kind !== 'type' && !kernel.has(dependency.to)) notLeaf.add(dependency.from);
  }
  for (const access of input.dataAccess) notLeaf.add(access.module);
  const leaves = new Set<RepoPath>();
  for (const module of input.modules) {
    if (!notLeaf.has(module.id) && !entitiesIn.has(module.id) && module.entryPoints.length === 0 && !kernel.has(module.id)) leaves.add(module.id);
  }
  return leaves;
}

function toPlanEdge(dependency: DependencyRecord, entitiesIn: ReadonlyMap<RepoPath, Set<string>>, libraries: ReadonlySet<RepoPath>): PlanEdge {
  return {
    from: dependency.from,
    to: dependency.to,
    kind: dependency.kind,
    weight: dependency.kind === 'type' ? round(dependency.weight * TYPE_ONLY_FACTOR) : dependency.weight,
    symbols: dependency.symbols,
    lines: dependency.locations.map((location) => location.line),
    calls: dependency.calls,
    style: classifySeam(dependency, { entities: entitiesIn.get(dependency.to) ?? new Set(), isLibrary: libraries.has(dependency.to) }),
  };
}

export function contextMembership(input: PlanInput): Map<RepoPath, string> {
  const contextOf = new Map<RepoPath, string>();
  for (const module of input.modules) if (module.context !== null) contextOf.set(module.id, module.context);
  // The contexts' own module lists win: they are what the contexts stage decided.
  for (const context of input.contexts) for (const module of context.modules) contextOf.set(module, context.id);
  return contextOf;
}

export function buildPlanIndex(input: PlanInput): PlanIndex {
  const contextIds = input.contexts.map((context) => context.id).sort(compareStrings);
  const contextOf = contextMembership(input);
  const kernel = new Set(input.sharedKernel);
  const entitiesIn = new Map<RepoPath, Set<string>>();
  for (const entity of input.entities) {
    if (entity.definedIn === null) continue;
    const set = entitiesIn.get(entity.definedIn) ?? new Set<string>();
    set.add(entity.id);
    entitiesIn.set(entity.definedIn, set);
  }

  const cross: CrossEdge[] = [];
  const internalWeight = new Map<string, number>(contextIds.map((id) => [id, 0]));
  const wiring: PlanIndex['wiring'] = [];
  const kernelUse = new Map<string, Set<RepoPath>>();
  const libraries = leafLibraries(input, kernel, entitiesIn);
  const edges = withoutBarrelDuplicates(input.dependencies).map((dependency) => toPlanEdge(dependency, entitiesIn, libraries));
  for (const edge of edges) {
    const fromContext = contextOf.get(edge.from);
    const toContext = contextOf.get(edge.to);
    if (fromContext !== undefined && toContext !== undefined) {
      if (fromContext === toContext) internalWeight.set(fromContext, (internalWeight.get(fromContext) ?? 0) + edge.weight);
      else cross.push({ ...edge, fromContext, toContext });
    } else if (fromContext === undefined && toContext !== undefined && !kernel.has(edge.from)) {
      wiring.push({ ...edge, toContext });
    } else if (fromContext !== undefined && kernel.has(edge.to)) {
      const set = kernelUse.get(fromContext) ?? new Set<RepoPath>();
      set.add(edge.to);
      kernelUse.set(fromContext, set);
    }
  }
  cross.sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || compareStrings(a.kind, b.kind));
  wiring.sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || compareStrings(a.kind, b.kind));

  const entryPointsOf = new Map<RepoPath, EntryPointFact[]>();
  const locOf = new Map<RepoPath, number>();
  for (const module of input.modules) {
    locOf.set(module.id, module.loc);
    if (module.entryPoints.length > 0) entryPointsOf.set(module.id, module.entryPoints);
  }
  return {
    input,
    contextIds,
    contextOf,
    kernel,
    cross,
    internalWeight,
    wiring,
    kernelUse,
    entryPointsOf,
    requestPath: reachedFromRoutes(edges, entryPointsOf),
    locOf,
  };
}

/** Breadth-first over edges that carry calls (sync or event), from every file with an HTTP route. */
function reachedFromRoutes(edges: readonly PlanEdge[], entryPointsOf: ReadonlyMap<RepoPath, EntryPointFact[]>): Set<RepoPath> {
  const callees = new Map<RepoPath, RepoPath[]>();
  for (const edge of edges) {
    if (edge.style !== 'sync' && edge.style !== 'event') continue;
    const list = callees.get(edge.from);
    if (list) list.push(edge.to);
    else callees.set(edge.from, [edge.to]);
  }
  const reached = new Set<RepoPath>();
  const queue: RepoPath[] = [];
  for (const [module, entryPoints] of entryPointsOf) {
    if (entryPoints.some((entryPoint) => entryPoint.kind === 'http')) {
      reached.add(module);
      queue.push(module);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    for (const next of callees.get(queue[head] as RepoPath) ?? []) {
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(next);
    }
  }
  return reached;
}
