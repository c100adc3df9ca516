// What a project layout was read from: every file the layout read or probed (tsconfig chains, package
// manifests, .gitignore files) and every folder under the root, each with a stamp of its state. When
// every stamp still holds, the same layout would come out again, so a warm run can take it from the
// cache without loading the TypeScript compiler to parse tsconfig files.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { statStamp } from '../cache/index.js';

/**
 * 'missing', or 'folder:' / 'file:' and the entry's statStamp (the facts cache's); null when it
 * changed in the last 2 s.
 */
export function pathStamp(path: string, now: number): string | null {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 'missing';
  }
  const stamp = statStamp(stat, now);
  return stamp === null ? null : `${stat.isDirectory() ? 'folder' : 'file'}:${stamp}`;
}

export class LayoutInputs {
  /** Absolute path to its stamp. */
  readonly stamps = new Map<string, string>();
  /** False once any input was too fresh to stamp: such a layout is not cached. */
  isStampable = true;
  private readonly now = Date.now();

  /** `unwatched`: absolute folders whose changes do not matter (Carve's own --out and cache folders). */
  constructor(private readonly unwatched: readonly string[] = []) {}

  /** Records a file or folder the layout read or checked for. */
  note(path: string): void {
    if (this.stamps.has(path)) return;
    const stamp = pathStamp(path, this.now);
    if (stamp === null) this.isStampable = false;
    else this.stamps.set(path, stamp);
  }

  /**
   * Every folder under root except the skipped ones: a folder's modification time changes when an
   * entry is added, removed or renamed in it, so these stamps catch every new, deleted or moved source
   * file and every new folder. Symbolic links are not followed: a link's own folder covers it, and what
   * lies outside the root is never read.
   */
  noteFolders(root: string, skippedNames: ReadonlySet<string>): void {
    const unwatched = new Set(this.unwatched);
    const pending = [root];
    while (pending.length > 0) {
      const folder = pending.pop() as string;
      this.note(folder);
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (!entry.isDirectory() || skippedNames.has(entry.name)) continue;
        const path = join(folder, entry.name);
        if (!unwatched.has(path)) pending.push(path);
      }
    }
  }
}

/** Whether every recorded stamp still holds. */
export function inputsUnchanged(stamps: Iterable<[string, string]>): boolean {
  const now = Date.now();
  for (const [path, stamp] of stamps) if (pathStamp(path, now) !== stamp) return false;
  return true;
}
