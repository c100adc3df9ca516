// The repository of an analyzed folder, and the rule for paths that come from it.
//
// Configuration-like files (the tsconfig chain and its `extends` into node_modules, package.json,
// pnpm-workspace.yaml, .gitignore, carve.config.json, the baseline) may live anywhere in the
// repository, which is the nearest ancestor of the analyzed folder holding a `.git` entry (found by
// looking, never by running git), else the analyzed folder itself. Source files stay confined to the
// analyzed folder. Nothing is read, walked or written outside these roots, whatever links say.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isInside } from './paths.js';

/** The real path of the repository holding `dir` (a folder that exists). */
export function repositoryRoot(dir: string): string {
  const start = realpathSync.native(resolve(dir));
  for (let folder = start; ; folder = dirname(folder)) {
    if (hasEntry(resolve(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return start;
  }
}

function hasEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` is `root` or lies under it (both absolute). */
export function isWithin(root: string, path: string): boolean {
  return path === root || isInside(root, path);
}

/**
 * Whether writing `path` (creating missing folders on the way) stays inside `root`: its nearest
 * existing ancestor, links resolved, lies within root, so no folder is created outside it; and the
 * path itself, when it exists, resolves within root too.
 */
export function isWritableInside(root: string, path: string): boolean {
  const absolute = resolve(path);
  if (!isWithin(root, absolute)) return false;
  let existing = absolute;
  while (!existsSync(existing) && !isDanglingLink(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return false;
    existing = parent;
  }
  try {
    return isWithin(root, realpathSync.native(existing));
  } catch {
    // A dangling link: writing through it would create its target, wherever that is.
    return false;
  }
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

const ABSOLUTE = /^([\\/]|[A-Za-z]:)/;
// `..` as a whole path segment, also inside a brace list: "src/{..,a}/x" climbs too.
const CLIMBS = /(^|[\\/{,])\.\.($|[\\/},])/;

/** Absolute on any platform: '/x', '\\x', 'C:x'. */
export function isAbsoluteAnywhere(path: string): boolean {
  return ABSOLUTE.test(path);
}

/** Why a glob (a leading '!' allowed) would reach outside the folder it is relative to, or null; braces count ("src/{..,a}"). */
export function escapeOf(pattern: string): string | null {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (ABSOLUTE.test(body)) return 'is an absolute path';
  if (CLIMBS.test(body)) return 'climbs out with ".."';
  return null;
}

/**
 * The nearest `relativePath` that exists in `start` or a folder above it, not above `top` (which holds
 * `start`): a config, a tsconfig, an installed package, found the way tools find them.
 */
export function nearestAbove(start: string, top: string, relativePath: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = resolve(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    if (dir === top || dirname(dir) === dir) return null;
  }
}
