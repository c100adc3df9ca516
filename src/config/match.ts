// Which context a file belongs to, and whether a context exposes it. Globs are picomatch globs over
// RepoPaths (relative to the analyzed folder, '/'-separated); a leading './' is ignored and a leading
// '!' excludes. Matchers are compiled once per config object: check calls these for every file.
import picomatch from 'picomatch';
import { CarveError } from '../shared/errors.js';
import type { RepoPath } from '../shared/facts.js';
import { formatFieldPath } from './issues.js';
import type { CarveConfig } from './schema.js';

type Test = (path: string) => boolean;

interface ContextMatcher {
  name: string;
  /** Whether any positive glob of `paths` matches. */
  isIncluded: Test;
  /** The index in `paths` of the first positive glob matching (to name the field in errors). */
  indexOf: (path: string) => number;
  isExcluded: Test;
  /** null: the context exposes all its files (no `expose`, or an empty one). */
  isExposed: Test | null;
}

interface CompiledConfig {
  contexts: ContextMatcher[];
  byName: Map<string, ContextMatcher>;
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
 * the hundred in a layered codebase) are looked up in a set; only real globs run picomatch.
 */
function matcher(globs: string | string[]): Test {
  const literals = new Set<string>();
  const patterns: string[] = [];
  for (const glob of typeof globs === 'string' ? [globs] : globs) {
    if (picomatch.scan(glob).isGlob) patterns.push(glob);
    else literals.add(glob.replace(/\\(.)/g, '$1'));
  }
  const test = patterns.length > 0 ? picomatch(patterns, { dot: true }) : NEVER;
  return (path) => {
    const matchable = matchablePath(path);
    return literals.has(matchable) || test(matchable);
  };
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
  const contexts: ContextMatcher[] = Object.entries(config.contexts).map(([name, context]) => {
    const negative = context.paths.filter((glob) => glob.startsWith('!')).map((glob) => normalizeGlob(glob.slice(1)));
    const positive = context.paths.filter((glob) => !glob.startsWith('!')).map(normalizeGlob);
    const expose = context.expose ?? [];
    return {
      name,
      isIncluded: positive.length > 0 ? matcher(positive) : NEVER,
      indexOf: (path) => context.paths.findIndex((glob) => !glob.startsWith('!') && matcher(normalizeGlob(glob))(path)),
      isExcluded: negative.length > 0 ? matcher(negative) : NEVER,
      isExposed: expose.length > 0 ? compileGlobs(expose) : null,
    };
  });
  result = { contexts, byName: new Map(contexts.map((context) => [context.name, context])) };
  compiled.set(config, result);
  return result;
}

/**
 * The context whose `paths` match the file, or null when none does. A file matched by two contexts is
 * a config error (each file belongs to one context), named by both fields.
 */
export function contextOfFile(config: CarveConfig, repoPath: RepoPath): string | null {
  let found: ContextMatcher | null = null;
  for (const context of compile(config).contexts) {
    if (!context.isIncluded(repoPath) || context.isExcluded(repoPath)) continue;
    if (found) {
      const first = formatFieldPath(['contexts', found.name, 'paths', found.indexOf(repoPath)]);
      const second = formatFieldPath(['contexts', context.name, 'paths', context.indexOf(repoPath)]);
      throw new CarveError(
        'bad-config',
        `${configDisplayName(config)}: ${second}: '${repoPath}' is also matched by ${first}; a file belongs to one context`,
        'narrow one of the globs, or exclude the file from one context with a "!glob" entry',
      );
    }
    found = context;
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
  const found = compile(config).byName.get(context);
  return !!found && found.isIncluded(repoPath) && !found.isExcluded(repoPath);
}
