// The shortest globs that match exactly one context's files among all analyzed files: a folder glob
// (`src/orders/**`) for every folder whose files all belong to the context, a name pattern
// (`src/entities/order*`) for a group of its files in a mixed folder that no other file there shares,
// else the file itself. Folder globs also catch files added later, which is what people want.
import type { RepoPath } from '../shared/facts.js';
import { compareStrings } from '../shared/sort.js';
import { compileGlobs } from './match.js';

interface Folder {
  files: Map<string, string | null>;
  folders: Map<string, Folder>;
  /** Contexts of every file below (null for files in no context). */
  owners: Set<string | null>;
}

const GLOB_SPECIAL = /[\\*?[\]{}()!+@|#]/g;

/** A literal path as a glob that matches only it (a line terminator, which no glob can name, as '?'). */
export function escapeGlob(text: string): string {
  return text.replace(GLOB_SPECIAL, (char) => `\\${char}`).replace(/[\n\r\u2028\u2029]/g, '?');
}

function newFolder(): Folder {
  return { files: new Map(), folders: new Map(), owners: new Set() };
}

function buildTree(files: ReadonlyMap<RepoPath, string | null>): Folder {
  const root = newFolder();
  for (const [path, context] of files) {
    const segments = path.split('/');
    const name = segments.pop()!;
    let folder = root;
    folder.owners.add(context);
    for (const segment of segments) {
      let child = folder.folders.get(segment);
      if (!child) folder.folders.set(segment, (child = newFolder()));
      folder = child;
      folder.owners.add(context);
    }
    folder.files.set(name, context);
  }
  return root;
}

/** First word of a file name: 'order-line.entity.ts' -> 'order'. */
function stem(name: string): string {
  return name.split(/[.\-_]/)[0] ?? name;
}

function coverContext(folder: Folder, prefix: string, context: string, globs: string[]): void {
  if (folder.owners.size === 1 && folder.owners.has(context)) {
    globs.push(prefix === '' ? '**' : `${prefix}**`);
    return;
  }
  for (const [name, child] of folder.folders) {
    if (child.owners.has(context)) coverContext(child, `${prefix}${escapeGlob(name)}/`, context, globs);
  }
  const mine = [...folder.files].filter(([, owner]) => owner === context).map(([name]) => name);
  const others = [...folder.files].filter(([, owner]) => owner !== context).map(([name]) => name);
  const groups = new Map<string, string[]>();
  for (const name of mine) {
    const key = stem(name);
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  for (const [key, names] of groups) {
    const isPatternSafe = names.length > 1 && key.length > 0 && !others.some((other) => other.startsWith(key));
    if (isPatternSafe) globs.push(`${prefix}${escapeGlob(key)}*`);
    else for (const name of names) globs.push(`${prefix}${escapeGlob(name)}`);
  }
}

/**
 * Context -> its globs, for every context that has files. `files` maps each analyzed file to its
 * context (null: in none). Throws when a glob would capture another file: that would be a bug here.
 */
export function coverContexts(files: ReadonlyMap<RepoPath, string | null>): Map<string, string[]> {
  const tree = buildTree(files);
  const contexts = [...new Set([...files.values()].filter((context): context is string => context !== null))].sort(compareStrings);
  const result = new Map<string, string[]>();
  for (const context of contexts) {
    const globs: string[] = [];
    coverContext(tree, '', context, globs);
    result.set(context, globs.sort(compareStrings));
  }
  for (const [context, globs] of result) {
    const isMatch = compileGlobs(globs);
    for (const [path, owner] of files) {
      if (isMatch(path) !== (owner === context)) {
        throw new Error(`internal: globs of context '${context}' (${globs.join(', ')}) ${owner === context ? 'miss' : 'capture'} ${path}`);
      }
    }
  }
  return result;
}
