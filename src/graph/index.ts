// The graph stage: ExtractResult -> DependencyGraph. One node per module and per entity
// ('entity:<id>'), one edge per (source, target, type) with its raw strength and the weight clustering
// uses. Imports count by use (symbols + references), type-only imports and barrels less, data writes
// more than reads, and optional git co-change. Plain sorted data: graphology stays inside graph/ and
// contexts/ (see to-graphology.ts).
import type { ExtractResult } from '../extract/types.js';
import type { DependencyRecord } from '../shared/analysis.js';
import type { CoChange, DependencyGraph, GraphEdge, GraphEdgeType, GraphNode } from './types.js';
import { compareStrings } from '../shared/sort.js';
import { lexicalTies } from './lexical.js';
import { classifyModules, declaredTies } from './roles.js';
import {
  COCHANGE_FACTOR,
  DATA_READ_FACTOR,
  DATA_WRITE_FACTOR,
  REEXPORT_FACTOR,
  importFactor,
  roundWeight,
  useStrength,
} from './weights.js';

export type { CoChange, DependencyGraph, GraphEdge, GraphNode } from './types.js';
export { classifyModules, roleBySyntax, type RoleAssignment } from './roles.js';

export interface BuildGraphOptions {
  coChanges?: CoChange[];
}

export const ENTITY_PREFIX = 'entity:';

export function entityNodeId(entityId: string): string {
  return `${ENTITY_PREFIX}${entityId}`;
}

interface EdgeSum {
  source: string;
  target: string;
  type: GraphEdgeType;
  raw: number;
  weight: number;
}

class EdgeAccumulator {
  private readonly sums = new Map<string, EdgeSum>();

  constructor(private readonly nodeIds: ReadonlySet<string>) {}

  add(source: string, target: string, type: GraphEdgeType, raw: number, weight: number): void {
    if (source === target || !this.nodeIds.has(source) || !this.nodeIds.has(target)) return;
    const key = `${source}\u0000${target}\u0000${type}`;
    const sum = this.sums.get(key);
    if (sum) {
      sum.raw += raw;
      sum.weight += weight;
    } else {
      this.sums.set(key, { source, target, type, raw, weight });
    }
  }

  edges(): GraphEdge[] {
    return [...this.sums.values()]
      .map((sum) => ({ ...sum, raw: roundWeight(sum.raw), weight: roundWeight(sum.weight) }))
      .sort(
        (a, b) =>
          compareStrings(a.source, b.source) || compareStrings(a.target, b.target) || compareStrings(a.type, b.type),
      );
  }
}

/** Symbols each importer takes through each barrel: sum over the records with `via` set. */
function symbolsThroughBarrels(dependencies: DependencyRecord[]): Map<string, number> {
  const passed = new Map<string, number>();
  for (const dependency of dependencies) {
    if (dependency.via === undefined) continue;
    const key = `${dependency.from}\u0000${dependency.via}`;
    passed.set(key, (passed.get(key) ?? 0) + Math.max(dependency.symbols.length, 1));
  }
  return passed;
}

/**
 * (file, re-exported file) pairs. `export type { X } from './x'` reaches the graph as a type import;
 * it is a barrel's plumbing like any re-export, and weighs as one.
 */
function reexportPairs(extract: ExtractResult): Set<string> {
  const pairs = new Set<string>();
  for (const facts of extract.files) {
    for (const reexport of facts.exports.reexports) if (reexport.from !== null) pairs.add(`${facts.path}\u0000${reexport.from}`);
  }
  return pairs;
}

function addImportEdges(edges: EdgeAccumulator, dependencies: DependencyRecord[], reexports: ReadonlySet<string>): void {
  const passed = symbolsThroughBarrels(dependencies);
  for (const original of dependencies) {
    const isTypeReexport = original.kind === 'type' && original.via === undefined && reexports.has(`${original.from}\u0000${original.to}`);
    const dependency: DependencyRecord = isTypeReexport ? { ...original, kind: 'reexport' } : original;
    const type: GraphEdgeType = dependency.kind === 'type' ? 'type' : 'import';
    const symbols = Math.max(dependency.symbols.length, 1);
    // The direct edge to the defining file carries the use; the importer -> barrel edge keeps full
    // weight only for what the barrel declares itself, and the passed-through part counts as plumbing.
    const passedOn = Math.min(passed.get(`${dependency.from}\u0000${dependency.to}`) ?? 0, symbols);
    const ownUse = symbols - passedOn;
    const weight =
      (ownUse > 0 ? importFactor(dependency.kind) * useStrength(ownUse) : 0) +
      (passedOn > 0 ? REEXPORT_FACTOR * useStrength(passedOn) : 0);
    edges.add(dependency.from, dependency.to, type, Math.max(dependency.weight, 1), weight);
  }
}

function addDataEdges(edges: EdgeAccumulator, extract: ExtractResult): void {
  for (const access of extract.dataAccess) {
    const raw = Math.max(access.locations.length, 1);
    const isWrite = access.mode === 'write';
    const factor = isWrite ? DATA_WRITE_FACTOR : DATA_READ_FACTOR;
    // Not scaled by the number of distinct operations: how many an access needs says more about the
    // ORM's API (findOneBy or find with where) than about who owns the table.
    edges.add(access.module, entityNodeId(access.entity), isWrite ? 'data-write' : 'data-read', raw, factor);
  }
}

function addCoChangeEdges(edges: EdgeAccumulator, coChanges: CoChange[]): void {
  for (const pair of coChanges) {
    if (pair.count <= 0) continue;
    const [source, target] = compareStrings(pair.a, pair.b) <= 0 ? [pair.a, pair.b] : [pair.b, pair.a];
    edges.add(source, target, 'cochange', pair.count, COCHANGE_FACTOR * useStrength(pair.count));
  }
}

/** Soft ties between files whose names share a domain stem (lexical.ts): undirected, like co-change. */
function addLexicalEdges(edges: EdgeAccumulator, extract: ExtractResult): void {
  for (const tie of lexicalTies(extract.modules.map((module) => module.id))) {
    edges.add(tie.source, tie.target, 'lexical', 1, tie.weight);
  }
}

export function buildGraph(extract: ExtractResult, options: BuildGraphOptions = {}): DependencyGraph {
  const roles = classifyModules(extract);
  const definers = new Set(extract.entities.flatMap((entity) => (entity.definedIn === null ? [] : [entity.definedIn])));
  const moduleNode = (id: string, loc: number): GraphNode => {
    const assigned = roles.get(id);
    if (!assigned || assigned.role === 'domain') return { id, type: 'module', loc, ...(definers.has(id) ? { definesEntity: true as const } : {}) };
    return {
      id,
      type: 'module',
      loc,
      role: assigned.role,
      ...(assigned.reason === undefined ? {} : { roleReason: assigned.reason }),
      ...(assigned.widelyImported ? { widelyImported: true as const } : {}),
      ...(definers.has(id) ? { definesEntity: true as const } : {}),
    };
  };
  const nodes: GraphNode[] = [
    ...extract.modules.map((module): GraphNode => moduleNode(module.id, module.loc)),
    ...extract.entities.map((entity): GraphNode => ({ id: entityNodeId(entity.id), type: 'entity', loc: 0 })),
  ];
  const unique = new Map(nodes.map((node) => [node.id, node]));
  const sortedNodes = [...unique.values()].sort((a, b) => compareStrings(a.id, b.id));
  const edges = new EdgeAccumulator(new Set(unique.keys()));
  addImportEdges(edges, extract.dependencies, reexportPairs(extract));
  addDataEdges(edges, extract);
  addCoChangeEdges(edges, options.coChanges ?? []);
  addLexicalEdges(edges, extract);
  // Ties between the files each wiring file declares: undirected, clustering-only, like lexical ties.
  for (const tie of declaredTies(extract, roles)) edges.add(tie.source, tie.target, 'declared', 1, tie.weight);
  return { nodes: sortedNodes, edges: edges.edges() };
}
