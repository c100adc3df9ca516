// Classify before clustering (issue 14): a role per module from syntax and the import graph, so the
// contexts stage clusters only domain code. Framework furniture ties files together by layer, not by
// domain: every `*.module.ts` imports its neighbours, a router aggregator imports every handler, a guard
// or a base class is imported by one layer across all domains. Roles:
// - wiring: module declarations (@Module/@NgModule), routers and apps mounting many files, DI provider
//   and factory files. Left out of clustering, then placed with the files they declare or mount.
// - platform: cross-cutting glue: guards, interceptors, pipes, filters, middleware, custom decorators,
//   base classes of one layer, and files imported from many name stems with no entity and no table
//   access of their own. Set aside, in no context, each with its reason.
// - schema: migrations and seeds. tooling: files in dev-tooling folders (scripts/, tools/). Outside the
//   domains, in no context.
// - domain: everything else; clustered.
// Thresholds and what they were measured on: docs/decisions/contexts.md, "Roles".
import { posix } from 'node:path';
import type { ExtractResult } from '../extract/types.js';
import type { ModuleRole } from '../shared/analysis.js';
import type { FileFacts, RepoPath } from '../shared/facts.js';
import { lexicalKey } from './lexical.js';
import { compareStrings } from '../shared/sort.js';

export type { ModuleRole } from '../shared/analysis.js';

export interface RoleAssignment {
  role: ModuleRole;
  /** Why the file was set aside (absent for domain): a short sentence. */
  reason?: string;
  /** Set aside only for being imported from many name stems (no framework role of its own). */
  widelyImported?: true;
}

/** A file mounting (`.use`, `.register`) at least this many project files is a router aggregator: one router and its middleware is not. */
export const WIRING_MIN_MOUNTS = 3;
/** A file whose exported create/make/build functions construct at least this many project classes is a DI factory. */
export const WIRING_MIN_CONSTRUCTS = 3;
/** A base class extended from at least this many name stems (sharing no word) is a layer's base class. */
export const PLATFORM_MIN_BASE_STEMS = 3;
/**
 * A file with no entity and no table access imported from at least this many distinct name stems, and
 * from at least PLATFORM_HUB_MIN_STEM_SHARE of the project's stems, is cross-cutting glue.
 */
export const PLATFORM_HUB_MIN_STEMS = 8;
export const PLATFORM_HUB_MIN_STEM_SHARE = 0.1;

/** Nest glue by the interface it implements. */
const GLUE_INTERFACES: Record<string, string> = {
  CanActivate: 'a guard (implements CanActivate)',
  NestInterceptor: 'an interceptor (implements NestInterceptor)',
  PipeTransform: 'a pipe (implements PipeTransform)',
  ExceptionFilter: 'an exception filter (implements ExceptionFilter)',
  NestMiddleware: 'a middleware (implements NestMiddleware)',
};
const WIRING_DECORATORS: Record<string, string> = {
  Module: 'a Nest module declaration (@Module)',
  NgModule: 'an Angular module declaration (@NgModule)',
};
/** Glue by file-name suffix (`jwt-auth.guard.ts`), as Nest's generators name it. */
const GLUE_SUFFIX = /\.(guard|interceptor|pipe|filter|middleware|decorator)s?\.[cm]?[jt]sx?$/i;
const GLUE_FOLDERS = new Set(['guards', 'interceptors', 'middleware', 'middlewares', 'decorators']);
/** Folders of developer tooling, not of the running application. */
const TOOLING_FOLDERS = new Set(['scripts', 'script', 'tools', 'tooling', 'devtools', 'dev-tools', 'bench', 'benchmarks', '__mocks__', 'mocks']);

function folderSegments(path: RepoPath): string[] {
  return posix.dirname(path).split('/').map((segment) => segment.toLowerCase());
}

/** The role by the file's own syntax and place alone (no graph), or null for "decided by the graph". */
export function roleBySyntax(facts: Pick<FileFacts, 'path' | 'roleFacts'>): RoleAssignment | null {
  const role = facts.roleFacts ?? {};
  if (role.schema) return { role: 'schema', reason: role.schema === 'seed' ? 'a seed: fills the schema, no domain code' : 'a migration: changes the schema, no domain code' };
  const tooling = folderSegments(facts.path).find((segment) => TOOLING_FOLDERS.has(segment));
  if (tooling) return { role: 'tooling', reason: `in a dev-tooling folder (${tooling}/)` };
  for (const decorator of role.decorators ?? []) {
    const reason = WIRING_DECORATORS[decorator];
    if (reason) return { role: 'wiring', reason };
  }
  const mounts = role.mounts?.length ?? 0;
  if (mounts >= WIRING_MIN_MOUNTS) return { role: 'wiring', reason: `mounts ${mounts} project files (a router or app aggregating handlers)` };
  const constructs = role.constructs?.length ?? 0;
  if (constructs >= WIRING_MIN_CONSTRUCTS) return { role: 'wiring', reason: `a DI factory: constructs ${constructs} project classes` };
  if ((role.providers ?? 0) > 0 && (role.classes ?? 0) === 0) return { role: 'wiring', reason: 'declares DI providers ({ provide, useFactory })' };
  for (const name of role.implements ?? []) {
    const reason = GLUE_INTERFACES[name];
    if (reason) return { role: 'platform', reason };
  }
  if (role.decorators?.includes('Catch')) return { role: 'platform', reason: 'an exception filter (@Catch)' };
  if (role.decoratorFactories) return { role: 'platform', reason: `a custom decorator (${role.decoratorFactories.join(', ')})` };
  const suffix = GLUE_SUFFIX.exec(posix.basename(facts.path));
  if (suffix) return { role: 'platform', reason: `a ${(suffix[1] as string).toLowerCase()} by its file name` };
  const middleware = role.middleware ?? 0;
  if (middleware > 0 && middleware * 2 >= (role.exportedFunctions ?? 0)) return { role: 'platform', reason: 'middleware: exports (req, res, next) or (ctx, next) functions' };
  const folder = folderSegments(facts.path).find((segment) => GLUE_FOLDERS.has(segment));
  if (folder) return { role: 'platform', reason: `in a ${folder}/ folder` };
  return null;
}

/** Distinct name stems of the given files (files without a domain stem left out). */
function stemsOf(files: Iterable<RepoPath>): Set<string> {
  const stems = new Set<string>();
  for (const file of files) {
    const key = lexicalKey(file);
    if (key !== null) stems.add(key);
  }
  return stems;
}

/** Stems that share no word: `user`, `order`, `invoice` do; `text-field`, `date-field` share 'field'. */
function shareNoWord(stems: ReadonlySet<string>): boolean {
  const [first, ...rest] = [...stems];
  if (first === undefined) return true;
  return !first.split('-').some((word) => rest.every((stem) => stem.split('-').includes(word)));
}

/** A role for every module of the extraction, in module order. */
export function classifyModules(extract: ExtractResult): Map<RepoPath, RoleAssignment> {
  const factsOf = new Map(extract.files.map((facts) => [facts.path, facts]));
  const hasData = new Set<RepoPath>(extract.dataAccess.map((access) => access.module));
  for (const entity of extract.entities) if (entity.definedIn !== null) hasData.add(entity.definedIn);
  const importers = new Map<RepoPath, Set<RepoPath>>();
  for (const dependency of extract.dependencies) {
    // Re-exports are a barrel's plumbing; an import through a barrel counts for the defining file too.
    if (dependency.kind === 'reexport' || dependency.from === dependency.to) continue;
    const set = importers.get(dependency.to) ?? new Set<RepoPath>();
    set.add(dependency.from);
    importers.set(dependency.to, set);
  }
  const extenders = new Map<RepoPath, Set<RepoPath>>();
  for (const facts of extract.files) {
    for (const base of facts.roleFacts?.bases ?? []) {
      const set = extenders.get(base) ?? new Set<RepoPath>();
      set.add(facts.path);
      extenders.set(base, set);
    }
  }
  const projectStems = stemsOf(extract.modules.map((module) => module.id)).size;
  const hubStems = Math.max(PLATFORM_HUB_MIN_STEMS, Math.ceil(PLATFORM_HUB_MIN_STEM_SHARE * projectStems));

  const roles = new Map<RepoPath, RoleAssignment>();
  for (const module of extract.modules) {
    const facts = factsOf.get(module.id);
    const bySyntax = facts ? roleBySyntax(facts) : null;
    if (bySyntax) {
      roles.set(module.id, bySyntax);
      continue;
    }
    if (!hasData.has(module.id)) {
      const extendedFrom = stemsOf(extenders.get(module.id) ?? []);
      if (extendedFrom.size >= PLATFORM_MIN_BASE_STEMS && shareNoWord(extendedFrom)) {
        roles.set(module.id, { role: 'platform', reason: `a base class extended across ${extendedFrom.size} unrelated name stems (one layer's base)` });
        continue;
      }
      const importedFrom = stemsOf(importers.get(module.id) ?? []);
      if (importedFrom.size >= hubStems) {
        roles.set(module.id, { role: 'platform', reason: `imported from ${importedFrom.size} name stems, with no entity or table access of its own`, widelyImported: true });
        continue;
      }
    }
    roles.set(module.id, { role: 'domain' });
  }
  return roles;
}

/** Co-declaration weight a file gets in all per wiring file declaring it, spread over its co-declared files. */
export const DECLARED_UNITS_PER_FILE = 2;
/**
 * A wiring file declaring more files than this ties none of them: the pairs grow with the square of
 * the group (a root mounting 300 handlers gave 45,000 edges and tripled clustering time on the bench's
 * 5,000 files) while each pair's weight shrinks to nothing; the same bound as the lexical ties' groups.
 */
export const DECLARED_MAX_GROUP = 40;

export interface DeclaredTie {
  source: RepoPath;
  target: RepoPath;
  weight: number;
}

/**
 * Soft ties between the domain files one wiring file declares or mounts (a Nest module's controllers,
 * providers and entities): the declaration says they belong together, while the wiring file itself is
 * left out of clustering (its ties to other wiring tied every module together). Like lexical ties, a
 * file gets DECLARED_UNITS_PER_FILE in all per declaring file, so a root aggregating forty files ties
 * each pair hardly at all. Sorted by (source, target), summed over wiring files.
 */
export function declaredTies(extract: ExtractResult, roles: ReadonlyMap<RepoPath, RoleAssignment>): DeclaredTie[] {
  const declared = new Map<RepoPath, Set<RepoPath>>();
  for (const dependency of extract.dependencies) {
    if (dependency.kind === 'reexport' || dependency.via !== undefined || dependency.from === dependency.to) continue;
    if (roles.get(dependency.from)?.role !== 'wiring' || (roles.get(dependency.to)?.role ?? 'domain') !== 'domain') continue;
    const set = declared.get(dependency.from) ?? new Set<RepoPath>();
    set.add(dependency.to);
    declared.set(dependency.from, set);
  }
  const sums = new Map<string, DeclaredTie>();
  for (const wiring of [...declared.keys()].sort(compareStrings)) {
    const files = [...(declared.get(wiring) as Set<RepoPath>)].sort(compareStrings);
    if (files.length < 2 || files.length > DECLARED_MAX_GROUP || DECLARED_UNITS_PER_FILE <= 0) continue;
    const weight = DECLARED_UNITS_PER_FILE / (files.length - 1);
    for (let a = 0; a < files.length; a++) {
      for (let b = a + 1; b < files.length; b++) {
        const key = `${files[a]}\u0000${files[b]}`;
        const sum = sums.get(key);
        if (sum) sum.weight += weight;
        else sums.set(key, { source: files[a] as string, target: files[b] as string, weight });
      }
    }
  }
  return [...sums.values()].sort((x, y) => compareStrings(x.source, y.source) || compareStrings(x.target, y.target));
}
