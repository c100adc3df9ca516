// How the layout reads the repository's configuration-like files (tsconfig chain, package.json,
// pnpm-workspace.yaml, .gitignore) and walks folders for tsconfig `include` patterns: through
// shared/safe-read.ts, confined to the repository (config) or the analyzed root (sources), never
// following a link out of them nor opening a FIFO or a device. What is passed over is a warning.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../shared/facts.js';
import { isInside, toRepoPath } from '../../shared/paths.js';
import { isWithin } from '../../shared/repository.js';
import { CONFIG_FILE_MAX_BYTES, describeRefusal, readTextInside, refusalCode } from '../../shared/safe-read.js';

export interface ProjectFiles {
  /** Real path of the analyzed folder: sources and walks stay in it. */
  root: string;
  /** Real path of the repository (shared/repository.ts): configuration-like files stay in it. */
  repository: string;
  /** Files and links passed over, keyed by path so each is said once. */
  warnings: Map<string, Diagnostic>;
}

/** A path as messages show it: relative to the analyzed root, with '/'. Never absolute. */
export function displayPath(files: ProjectFiles, path: string): string {
  return toRepoPath(files.root, resolve(path)) || '.';
}

export function warn(files: ProjectFiles, path: string, code: string, message: string): void {
  const file = displayPath(files, path);
  if (!files.warnings.has(file)) files.warnings.set(file, { file, code, message });
}

/** A configuration-like file's text; null when it is absent, or refused (with a warning). `within`: default the repository. */
export function readConfigText(files: ProjectFiles, path: string, within: string = files.repository): string | null {
  const read = readTextInside(path, within, CONFIG_FILE_MAX_BYTES);
  if (read.ok) return read.text;
  if (read.reason !== 'missing') warn(files, path, refusalCode(read), `ignored: ${describeRefusal(read)}`);
  return null;
}

/**
 * A folder's entries for the compiler's include matcher (ts.matchFiles), kept inside the analyzed
 * root: a link whose target resolves outside is skipped with a warning (`src/link -> /proc` would
 * walk the disk); a FIFO, socket or device is listed as a file, so the reader warns about it if it
 * is a source, and is never opened blocking. Links inside the root are followed as before.
 */
export function entriesInside(files: ProjectFiles): (folder: string) => { files: string[]; directories: string[] } {
  let lister = listers.get(files);
  if (!lister) {
    const listed = new Map<string, { files: string[]; directories: string[] }>();
    const list = listFolderInside(files);
    // Every tsconfig of a monorepo walks its own include: the folders they share are listed once.
    lister = (folder) => {
      const absolute = resolve(folder || '.');
      let entries = listed.get(absolute);
      if (!entries) {
        entries = list(absolute);
        listed.set(absolute, entries);
      }
      return { files: [...entries.files], directories: [...entries.directories] };
    };
    listers.set(files, lister);
  }
  return lister;
}

/** A folder's real path, once per folder of a layout (the include walk asks for each one it enters). */
export function realPathOf(files: ProjectFiles): (path: string) => string {
  let realPath = realPaths.get(files);
  if (!realPath) {
    const known = new Map<string, string>();
    realPath = (path) => {
      let real = known.get(path);
      if (real === undefined) {
        try {
          real = realpathSync.native(path);
        } catch {
          real = path;
        }
        known.set(path, real);
      }
      return real;
    };
    realPaths.set(files, realPath);
  }
  return realPath;
}

type FolderLister = (folder: string) => { files: string[]; directories: string[] };
const listers = new WeakMap<ProjectFiles, FolderLister>();
const realPaths = new WeakMap<ProjectFiles, (path: string) => string>();

function listFolderInside(files: ProjectFiles): FolderLister {
  const realPath = realPathOf(files);
  return (folder) => {
    const result = { files: [] as string[], directories: [] as string[] };
    const absolute = resolve(folder || '.');
    try {
      const real = realPath(absolute);
      if (!isWithin(files.root, real)) {
        // A tsconfig above the analyzed folder (apps/api/tsconfig.app.json, run on apps/api/src) walks
        // from its own folder: an ancestor lists only the one folder on the way down to the root.
        if (isInside(real, files.root)) result.directories.push(relative(real, files.root).split(sep)[0]!);
        return result;
      }
      for (const entry of readdirSync(absolute, { withFileTypes: true })) {
        if (entry.isDirectory()) result.directories.push(entry.name);
        else if (!entry.isSymbolicLink()) result.files.push(entry.name);
        else {
          const path = join(absolute, entry.name);
          let real: string;
          try {
            real = realpathSync.native(path);
          } catch {
            continue; // dangling or a loop
          }
          if (!isWithin(files.root, real)) {
            warn(files, path, 'link-outside-root', 'skipped: a symbolic link to outside the analyzed folder');
            continue;
          }
          if (statSync(real).isDirectory()) result.directories.push(entry.name);
          else result.files.push(entry.name);
        }
      }
    } catch {
      return result;
    }
    result.files.sort();
    result.directories.sort();
    return result;
  };
}

/**
 * Every file under the root whose name passes `isWanted`, through the same confined, memoized listing
 * the tsconfig include walks use (so the folders they listed cost nothing more), skipping folders by
 * name and each real folder after the first (a link loop is walked once).
 */
export function walkInside(files: ProjectFiles, skippedFolders: ReadonlySet<string>, isWanted: (name: string) => boolean): string[] {
  const list = entriesInside(files);
  const realPath = realPathOf(files);
  const found: string[] = [];
  const seen = new Set<string>();
  const pending = [files.root];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    const real = realPath(folder);
    if (seen.has(real)) continue;
    seen.add(real);
    const entries = list(folder);
    for (const name of entries.files) if (isWanted(name)) found.push(join(folder, name));
    for (const name of entries.directories) if (!skippedFolders.has(name)) pending.push(join(folder, name));
  }
  return found;
}
