// The partition file `--compare` names, found the one way both its reader (compare-with.ts) and the
// result-cache key (run-inputs.ts) look for it. Kept apart from both: the key is taken by a fully cached
// run, which must not load the contexts code compare-with.ts needs.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Whether `--compare <source>` names a file, rather than 'config' or 'folders:<depth>'. */
export function comparesWithFile(source: string): boolean {
  return source !== 'config' && !source.startsWith('folders:');
}

/** The file `--compare <source>` reads: from the working directory, else under the analyzed root; null when neither exists. */
export function compareFilePath(source: string, root: string): string | null {
  return [resolve(source), resolve(root, source)].find((candidate) => existsSync(candidate)) ?? null;
}
