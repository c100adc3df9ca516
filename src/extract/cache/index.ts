// The per-file facts cache: FileFacts keyed by the file's content hash, inside one cache file per
// analyzed root whose key covers everything else facts depend on (the resolution settings, the set of
// files, Carve's own code). A second run after one file changed re-reads only that file. The cache
// lives in the user's cache folder, never in the analyzed repository; anything unreadable, corrupt or
// from another version is ignored and rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../../shared/atomic-write.js';
import type { FileFacts, RepoPath } from '../../shared/facts.js';
import { codeFingerprint } from '../../shared/code-fingerprint.js';

/** Bump when FileFacts change shape. */
const CACHE_FORMAT = 1;

interface CacheFile {
  format: number;
  key: string;
  entries: Record<RepoPath, FileFacts>;
}

export interface FactsCache {
  /** Facts for `path` when its content hash is unchanged. */
  get(path: RepoPath, hash: string): FileFacts | undefined;
  set(facts: FileFacts): void;
  /** Counts for the summary and the bench: files taken from the cache, files read afresh. */
  readonly stats: { hits: number; misses: number };
  /** Writes the cache (atomically) when anything changed; drops entries of files that are gone. */
  save(livePaths: Iterable<RepoPath>): void;
}

/** A hash of the extractor's own compiled code: a rebuilt Carve never trusts facts an older one wrote. */
function extractorFingerprint(): string {
  return codeFingerprint(dirname(dirname(fileURLToPath(import.meta.url))));
}

export function cacheKey(root: string, settings: unknown): string {
  return createHash('sha1').update(extractorFingerprint()).update(`${CACHE_FORMAT}`).update(root).update(JSON.stringify(settings)).digest('hex');
}

export function openFactsCache(cacheDir: string, root: string, key: string): FactsCache {
  const file = join(cacheDir, `facts-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.bin`);
  let entries: Record<RepoPath, FileFacts> = {};
  try {
    const loaded = deserialize(readFileSync(file)) as Partial<CacheFile>;
    if (loaded && loaded.format === CACHE_FORMAT && loaded.key === key && loaded.entries && typeof loaded.entries === 'object') {
      entries = loaded.entries;
    }
  } catch {
    // Missing or corrupt: start empty, rebuild.
  }
  let changed = false;
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    get(path, hash) {
      const facts = entries[path];
      if (facts && facts.hash === hash && facts.path === path) {
        stats.hits++;
        return facts;
      }
      stats.misses++;
      return undefined;
    },
    set(facts) {
      entries[facts.path] = facts;
      changed = true;
    },
    save(livePaths) {
      const live = new Set(livePaths);
      for (const path of Object.keys(entries)) {
        if (!live.has(path)) {
          delete entries[path];
          changed = true;
        }
      }
      if (!changed) return;
      try {
        writeFileAtomic(file, serialize({ format: CACHE_FORMAT, key, entries } satisfies CacheFile));
      } catch {
        // A cache that cannot be written only costs speed next time.
      }
    },
  };
}
