/**
 * How much of dependency-cruiser's module graph Carve also has, on real back-ends: the share of
 * dependency-cruiser's internal file -> file edges (both ends project source files in the scope, not
 * node_modules, not Node core) that are in Carve's analysis.json, and for the missing ones a reason
 * read from both outputs (file left out and why, specifier counted as a package, unresolved, kind of
 * import), so a gap points at a rule to fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inScope } from './backend-truth.js';
import type { Prng } from './prng.js';

interface CruiseDependency {
  module: string;
  resolved: string;
  couldNotResolve?: boolean;
  coreModule?: boolean;
  dependencyTypes?: string[];
}

interface CruiseModule {
  source: string;
  coreModule?: boolean;
  couldNotResolve?: boolean;
  dependencies: CruiseDependency[];
}

export interface CruiseEdge {
  from: string;
  to: string;
  /** The specifier as written, and the kinds dependency-cruiser saw (import, type-only, dynamic ...). */
  specifier: string;
  types: string[];
}

export interface CruiseGraph {
  /** Project source files of the scope dependency-cruiser visited. */
  files: Set<string>;
  edges: Map<string, CruiseEdge>;
  /** Specifiers it could not resolve at all (packages without node_modules, or broken aliases). */
  unresolved: number;
}

export interface CarveGraph {
  files: Set<string>;
  /** Direct import records (as written); through-barrel records (`via`) are counted apart. */
  edges: Set<string>;
  viaEdges: number;
  /** Per file: the package names its imports were counted as. */
  externals: Map<string, Set<string>>;
  /** Per file: the specifiers Carve reported as unresolved. */
  unresolved: Map<string, string[]>;
  entities: { id: string; table: string; definedIn: string | null }[];
  accesses: { module: string; entity: string; mode: string; operations: string[]; line: number }[];
  summary: Record<string, unknown>;
}

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export function isSourceFile(path: string): boolean {
  return SOURCE_FILE.test(path) && !/\.d\.(ts|mts|cts)$/.test(path) && !path.split('/').includes('node_modules');
}

export const edgeKey = (from: string, to: string): string => `${from}\n${to}`;

/** dependency-cruiser's JSON (paths relative to the checkout, as it ran from there). */
export function readCruiseGraph(path: string, scope: readonly string[]): CruiseGraph {
  const output = JSON.parse(readFileSync(path, 'utf8')) as { modules?: CruiseModule[] };
  const files = new Set<string>();
  const edges = new Map<string, CruiseEdge>();
  let unresolved = 0;
  for (const m of output.modules ?? []) {
    if (m.coreModule || m.couldNotResolve || !isSourceFile(m.source) || !inScope(m.source, scope)) continue;
    files.add(m.source);
    for (const d of m.dependencies) {
      if (d.couldNotResolve) unresolved++;
      if (d.couldNotResolve || d.coreModule || !isSourceFile(d.resolved) || !inScope(d.resolved, scope)) continue;
      const key = edgeKey(m.source, d.resolved);
      if (!edges.has(key)) edges.set(key, { from: m.source, to: d.resolved, specifier: d.module, types: d.dependencyTypes ?? [] });
    }
  }
  return { files, edges, unresolved };
}

interface CarveAnalysis {
  summary: Record<string, unknown>;
  modules: { id: string; external: Record<string, number> }[];
  dependencies: { from: string; to: string; via?: string }[];
  entities: { id: string; table: string; definedIn: string | null }[];
  dataAccess: { module: string; entity: string; mode: string; operations: string[]; locations: { line: number }[] }[];
  diagnostics: { file?: string; code: string; message: string; line?: number }[];
}

/** Carve's analysis.json, its paths made checkout-relative (Carve's are relative to the analyzed dir). */
export function readCarveGraph(outDir: string, dirInCheckout: string): CarveGraph | null {
  const path = join(outDir, 'analysis.json');
  if (!existsSync(path)) return null;
  const analysis = JSON.parse(readFileSync(path, 'utf8')) as CarveAnalysis;
  const prefix = dirInCheckout === '.' || dirInCheckout === '' ? '' : `${dirInCheckout.replace(/\/$/, '')}/`;
  const at = (p: string): string => `${prefix}${p}`;
  const externals = new Map<string, Set<string>>();
  for (const m of analysis.modules) externals.set(at(m.id), new Set(Object.keys(m.external)));
  const unresolved = new Map<string, string[]>();
  for (const d of analysis.diagnostics) {
    if (d.code !== 'unresolved-import' || d.file === undefined) continue;
    const specifier = /cannot resolve '([^']*)'/.exec(d.message)?.[1] ?? d.message;
    const list = unresolved.get(at(d.file)) ?? [];
    list.push(specifier);
    unresolved.set(at(d.file), list);
  }
  return {
    files: new Set(analysis.modules.map((m) => at(m.id))),
    edges: new Set(analysis.dependencies.filter((d) => d.via === undefined).map((d) => edgeKey(at(d.from), at(d.to)))),
    viaEdges: analysis.dependencies.filter((d) => d.via !== undefined).length,
    externals,
    unresolved,
    entities: analysis.entities.map((e) => ({ ...e, definedIn: e.definedIn === null ? null : at(e.definedIn) })),
    accesses: analysis.dataAccess.map((a) => ({
      module: at(a.module),
      entity: a.entity,
      mode: a.mode,
      operations: a.operations,
      line: a.locations[0]?.line ?? 0,
    })),
    summary: analysis.summary,
  };
}

const TEST_LIKE = /(\.(spec|test|e2e-spec|e2e|stories)\.[cm]?[jt]sx?$)|(^|\/)(__tests__|__mocks__|e2e|test|tests|spec|playwright|cypress)\//;

/** Why Carve has no module for a file dependency-cruiser visited (by the file's path alone). */
export function whyFileMissing(path: string): string {
  if (TEST_LIKE.test(path)) return 'test-like path left out';
  if (/(^|\/)\.[^/]+\//.test(path)) return 'dot-folder left out';
  if (/\.(js|jsx|mjs|cjs)$/.test(path)) return 'JavaScript file left out';
  if (/(^|\/)(dist|build|generated|\.next)\//.test(path)) return 'build/generated folder left out';
  return 'file left out (other)';
}

/** The package name a bare specifier would be counted as: `@scope/name` or `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

export function whyEdgeMissing(edge: CruiseEdge, carve: CarveGraph): string {
  if (!carve.files.has(edge.from)) return `importer: ${whyFileMissing(edge.from)}`;
  if (!carve.files.has(edge.to)) return `target: ${whyFileMissing(edge.to)}`;
  if (carve.unresolved.get(edge.from)?.includes(edge.specifier)) return 'specifier unresolved by Carve';
  const externals = carve.externals.get(edge.from);
  if (externals !== undefined && (externals.has(edge.specifier) || externals.has(packageName(edge.specifier)))) {
    return 'specifier counted as an npm package';
  }
  const types = new Set(edge.types);
  if (types.has('dynamic-import')) return 'dynamic import';
  if (types.has('require')) return 'require()';
  if (types.has('type-only') || types.has('pre-compilation-only')) return 'type-only import';
  if (types.has('export')) return 're-export';
  if (types.has('triple-slash-directive')) return 'triple-slash reference';
  if (edge.types.some((t) => t.startsWith('aliased'))) return 'alias resolved elsewhere or dropped';
  return 'relative import resolved elsewhere or dropped';
}

export interface MissingEdgeSample {
  from: string;
  to: string;
  specifier: string;
  line: number | null;
  reason: string;
}

export interface Agreement {
  cruiseFiles: number;
  cruiseEdges: number;
  /** Carve's direct edges with both ends source files of the scope (through-barrel records left out). */
  carveEdges: number;
  shared: number;
  /** shared / cruiseEdges. */
  agreement: number;
  /** The same share over edges whose two ends are not test-like paths (Carve leaves tests out on purpose). */
  agreementNonTest: number;
  carveFilesInScope: number;
  reasons: Record<string, number>;
  samples: MissingEdgeSample[];
}

/** The first line of a file that names the specifier in quotes, to point an engineer at the import. */
function lineOf(checkout: string, file: string, specifier: string): number | null {
  try {
    const lines = readFileSync(join(checkout, file), 'utf8').split('\n');
    const index = lines.findIndex((l) => l.includes(`'${specifier}'`) || l.includes(`"${specifier}"`) || l.includes(`\`${specifier}\``));
    return index < 0 ? null : index + 1;
  } catch {
    return null;
  }
}

export function compareGraphs(cruise: CruiseGraph, carve: CarveGraph, checkout: string, scope: readonly string[], prng: Prng): Agreement {
  let shared = 0;
  let nonTest = 0;
  let nonTestShared = 0;
  const missing: CruiseEdge[] = [];
  for (const [key, edge] of cruise.edges) {
    const has = carve.edges.has(key);
    if (has) shared++;
    else missing.push(edge);
    if (!TEST_LIKE.test(edge.from) && !TEST_LIKE.test(edge.to)) {
      nonTest++;
      if (has) nonTestShared++;
    }
  }
  let carveEdges = 0;
  for (const key of carve.edges) {
    const [from, to] = key.split('\n') as [string, string];
    if (inScope(from, scope) && inScope(to, scope) && isSourceFile(from) && isSourceFile(to)) carveEdges++;
  }
  const reasons: Record<string, number> = {};
  const withReason = missing.map((edge) => ({ edge, reason: whyEdgeMissing(edge, carve) }));
  for (const { reason } of withReason) reasons[reason] = (reasons[reason] ?? 0) + 1;
  // Samples: non-test gaps first (those are the defects), seeded so a rerun shows the same ones.
  const ranked = [...prng.shuffle(withReason.filter((m) => !m.reason.includes('test-like'))), ...prng.shuffle(withReason.filter((m) => m.reason.includes('test-like')))];
  const samples = ranked.slice(0, 10).map(({ edge, reason }) => ({
    from: edge.from,
    to: edge.to,
    specifier: edge.specifier,
    line: lineOf(checkout, edge.from, edge.specifier),
    reason,
  }));
  return {
    cruiseFiles: cruise.files.size,
    cruiseEdges: cruise.edges.size,
    carveEdges,
    shared,
    agreement: cruise.edges.size === 0 ? 0 : shared / cruise.edges.size,
    agreementNonTest: nonTest === 0 ? 0 : nonTestShared / nonTest,
    carveFilesInScope: [...carve.files].filter((f) => inScope(f, scope)).length,
    reasons: Object.fromEntries(Object.entries(reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    samples,
  };
}
