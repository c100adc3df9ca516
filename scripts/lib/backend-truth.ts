/**
 * What we know about one real back-end, written by hand in scripts/backends/<name>.json after reading
 * its code: which folders are its back-end, the tsconfig that builds them, and how to count its data
 * model and data-access files by a grep of its ORM's patterns (the estimate Carve is measured against).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BackendTruth {
  name: string;
  /** Folder under the back-ends root holding the checkout. */
  folder: string;
  /** The commit the truth was established at (the script reports the checkout's actual commit). */
  commit: string;
  orm: string;
  /** Folder (relative to the checkout) Carve analyzes with --tsconfig; the scope is included from it. */
  dir: string;
  /** Folders (relative to the checkout) whose files are the back-end: compared and counted. */
  scope: string[];
  /** The tsconfig that builds the back-end, relative to the checkout. */
  tsconfig: string;
  /**
   * When the tsconfig cannot be read without the checkout's node_modules (it extends a package), the
   * compiler options to use instead: written to a scratch tsconfig for Carve --tsconfig and
   * dependency-cruiser alike (the zero-config run still meets the real tsconfig).
   */
  tsconfigStandIn?: Record<string, unknown>;
  entities: {
    /** Regex on checkout-relative paths of the files declaring the model. */
    files: string;
    /** Regex (multiline): one entity per match, or per distinct first capture group when it has one. */
    pattern: string;
    /** Regex whose matches are subtracted (e.g. abstract base entities). */
    notEntity?: string;
  };
  /** Regexes: a scope file whose text matches one is estimated to access data. */
  accessPatterns: string[];
  /** Regexes on paths left out of the estimate and of the found files (migrations, seeds). */
  notAccessFiles: string[];
  notes?: string;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function parseTruth(text: string, source: string): BackendTruth {
  const value = JSON.parse(text) as Partial<BackendTruth>;
  const problems: string[] = [];
  for (const key of ['name', 'folder', 'commit', 'orm', 'dir', 'tsconfig'] as const) {
    if (typeof value[key] !== 'string') problems.push(`${key} must be a string`);
  }
  if (!isStringList(value.scope) || value.scope.length === 0) problems.push('scope must be a non-empty list of folders');
  if (!isStringList(value.accessPatterns)) problems.push('accessPatterns must be a list of regexes');
  if (!isStringList(value.notAccessFiles)) problems.push('notAccessFiles must be a list of regexes');
  const entities = value.entities;
  if (typeof entities !== 'object' || entities === null || typeof entities.files !== 'string' || typeof entities.pattern !== 'string') {
    problems.push('entities must have files and pattern regexes');
  }
  if (problems.length > 0) throw new Error(`${source}: ${problems.join('; ')}`);
  return value as BackendTruth;
}

/** Every truth file of a folder, by name. */
export function loadTruths(folder: string): BackendTruth[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => parseTruth(readFileSync(join(folder, name), 'utf8'), name));
}

/** True when a checkout-relative path lies in one of the scope folders. */
export function inScope(path: string, scope: readonly string[]): boolean {
  return scope.some((folder) => folder === '.' || path === folder || path.startsWith(`${folder.replace(/\/$/, '')}/`));
}
