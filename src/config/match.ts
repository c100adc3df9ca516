// Which context a file belongs to, and whether a context exposes it. Globs are picomatch globs over
// RepoPaths (relative to the analyzed folder, '/'-separated); a leading './' is ignored and a leading
// '!' excludes. Matchers are compiled once per config object: check calls these for every file.
import { CarveError } from '../shared/errors.js';
import type { RepoPath } from '../shared/facts.js';
import { GlobIndex } from './glob-index.js';
import { formatFieldPath } from './issues.js';
import type { CarveConfig } from './schema.js';

type Test = (path: string) => boolean;

interface ContextMatcher {
  name: string;
  /** null: the context exposes all its files (no `expose`, or an empty one). */
  isExposed: Test | null;
}

/** A context whose paths match a file, with the index in `paths` of its first positive glob matching. */
export interface ContextClaim {
  context: number;
  name: string;
  index: number;
}

interface CompiledConfig {
  contexts: ContextMatcher[];
  byName: Map<string, ContextMatcher>;
  claimsOf: (path: string) => ContextClaim[];
}

const compiled = new WeakMap<CarveConfig, CompiledConfig>();
const displayNames = new WeakMap<CarveConfig, string>();

const NEVER: Test = () => false;

// picomatch's regexes use '.', which stops at line terminators; a file name can hold one.
const LINE_TERMINATORS = /[\n\r\u2028\u2029]/g;

/** The path as the matchers see it: line terminators become U+001F (matched by '?' and '*'). */
export function matchablePath(path: string): string {
  return path.replace(LINE_TERMINATORS, '\u001f');
}

/**
 * One test for a list of globs. Plain file paths (what `carve init` writes for a mixed folder, by
 * the hundred in a layered codebase) are looked up exactly; a real glob is tried only on paths in its
 * static folder (glob-index.ts), so thousands of globs do not make every test walk all of them.
 */
function matcher(globs: readonly string[]): Test {
  const index = new GlobIndex<true>();
  for (const glob of globs) index.add(glob, true);
  return (path) => index.matches(matchablePath(path)).length > 0;
}

export function normalizeGlob(glob: string): string {
  return glob.startsWith('./') ? glob.slice(2) : glob;
}

/** Compiles a list of globs where '!glob' entries subtract from the others. */
export function compileGlobs(globs: readonly string[]): Test {
  const positive = globs.filter((glob) => !glob.startsWith('!')).map(normalizeGlob);
  const negative = globs.filter((glob) => glob.startsWith('!')).map((glob) => normalizeGlob(glob.slice(1)));
  const isIncluded = positive.length > 0 ? matcher(positive) : NEVER;
  const isExcluded = negative.length > 0 ? matcher(negative) : NEVER;
  return (path) => isIncluded(path) && !isExcluded(path);
}

/** Remembers the file name a config came from, for errors raised later while matching. */
export function rememberConfigSource(config: CarveConfig, displayPath: string): void {
  displayNames.set(config, displayPath);
}

export function configDisplayName(config: CarveConfig): string {
  return displayNames.get(config) ?? 'carve.config.json';
}

function compile(config: CarveConfig): CompiledConfig {
  let result = compiled.get(config);
  if (result) return result;
  const included = new GlobIndex<{ context: number; index: number }>();
  const excluded = new GlobIndex<number>();
  const contexts: ContextMatcher[] = Object.entries(config.contexts).map(([name, context], position) => {
    context.paths.forEach((glob, index) => {
      if (glob.startsWith('!')) excluded.add(normalizeGlob(glob.slice(1)), position);
      else included.add(normalizeGlob(glob), { context: position, index });
    });
    const expose = context.expose ?? [];
    return { name, isExposed: expose.length > 0 ? compileGlobs(expose) : null };
  });
  // Every context's globs in one index: a file is tried on the globs of its own folders only, not on
  // every glob of every context.
  const claimsOf = (path: string): ContextClaim[] => {
    const matchable = matchablePath(path);
    const left = new Set(excluded.matches(matchable));
    const claims: ContextClaim[] = [];
    for (const { context, index } of included.matches(matchable)) {
      if (left.has(context) || claims.at(-1)?.context === context) continue;
      claims.push({ context, name: (contexts[context] as ContextMatcher).name, index });
    }
    return claims;
  };
  result = { contexts, byName: new Map(contexts.map((context) => [context.name, context])), claimsOf };
  compiled.set(config, result);
  return result;
}

/**
 * The contexts whose `paths` match the file (a '!glob' of a context leaves it out of that one), in
 * the config's order, each with the index of its first positive glob that matches.
 */
export function contextsClaiming(config: CarveConfig, repoPath: RepoPath): ContextClaim[] {
  return compile(config).claimsOf(repoPath);
}

/**
 * The context whose `paths` match the file, or null when none does. A file matched by two contexts is
 * a config error (each file belongs to one context), named by both fields.
 */
export function contextOfFile(config: CarveConfig, repoPath: RepoPath): string | null {
  const [found, other] = compile(config).claimsOf(repoPath);
  if (found && other) {
    const first = formatFieldPath(['contexts', found.name, 'paths', found.index]);
    const second = formatFieldPath(['contexts', other.name, 'paths', other.index]);
    throw new CarveError(
      'bad-config',
      `${configDisplayName(config)}: ${second}: '${repoPath}' is also matched by ${first}; a file belongs to one context`,
      'narrow one of the globs, or exclude the file from one context with a "!glob" entry',
    );
  }
  return found?.name ?? null;
}

/** Whether other contexts may import this file of `context` (true when the context lists no `expose`). */
export function isExposedFile(config: CarveConfig, context: string, repoPath: RepoPath): boolean {
  const found = compile(config).byName.get(context);
  return !found?.isExposed || found.isExposed(repoPath);
}

/** Whether the context's `paths` match the file (ignoring other contexts). */
export function isInContext(config: CarveConfig, context: string, repoPath: RepoPath): boolean {
  return compile(config).claimsOf(repoPath).some((claim) => claim.name === context);
}

/**
 * The config's globs that match none of the analyzed files (a context's paths, or its expose), as
 * config issues: a context whose globs match nothing guards nothing, which is almost always a typo
 * or a moved folder. '!glob' entries only subtract and are not checked.
 */
export function unmatchedGlobs(config: CarveConfig, files: readonly RepoPath[]): { path: (string | number)[]; message: string }[] {
  // All positive globs in one index, each file tried once on the globs of its own folders: linear in
  // the files, whatever the number of globs (init writes hundreds of plain paths for layered code).
  const index = new GlobIndex<string>();
  const fields: { key: string; path: (string | number)[]; glob: string }[] = [];
  for (const [name, context] of Object.entries(config.contexts)) {
    for (const field of ['paths', 'expose'] as const) {
      context[field]?.forEach((glob, position) => {
        if (glob.startsWith('!')) return;
        const key = `${fields.length}`;
        fields.push({ key, path: ['contexts', name, field, position], glob });
        index.add(normalizeGlob(glob), key);
      });
    }
  }
  const matched = new Set<string>();
  for (const file of files) for (const key of index.matches(matchablePath(file))) matched.add(key);
  return fields
    .filter((field) => !matched.has(field.key))
    .map((field) => ({ path: field.path, message: `"${field.glob}" matches none of the ${files.length} analyzed files` }));
}
