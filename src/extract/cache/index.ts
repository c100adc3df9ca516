// The per-file facts cache: FileFacts keyed by the file's content hash, in cache files per analyzed
// root (sharded by path) whose key covers everything else facts depend on (the resolution settings, the set of
// files, Carve's own code). A second run after one file changed re-reads only that file. The cache
// lives in the user's cache folder, never in the analyzed repository; anything unreadable, corrupt or
// from another version is ignored and rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFilePath, isRecord, readCacheFile, writeCacheFile } from '../../shared/cache-file.js';
import type { FileFacts, RepoPath } from '../../shared/facts.js';
import type { ProjectLayout } from '../project/index.js';
import { codeFingerprint } from '../../shared/code-fingerprint.js';

/** Bump when FileFacts change shape. */
const CACHE_FORMAT = 6;

interface ShardContent {
  entries: Record<RepoPath, FileFacts>;
  /** Per file, the stat stamp its content had when hashed (see fileStamp). */
  stamps: Record<RepoPath, string>;
}

function isShardContent(value: unknown): value is ShardContent {
  return isRecord(value) && isRecord(value.entries) && isRecord(value.stamps);
}

/**
 * Size, modification time, change time and inode: unchanged, the content is taken as unchanged and the
 * file is not read and hashed again (git's index rule). The change time (ctime) is what makes the
 * stamp unforgeable: utimes can set a modification time back after a same-size edit, but every write
 * and every utimes sets ctime to the clock's now, which no unprivileged process can set back.
 * Null for an entry changed (by either time) in the last 2 s: a second write within the file system's
 * timestamp granularity could keep every field equal ("racy git"), so such a file gets no stamp and is
 * read and hashed again next time, `check` included, until its ctime is older than the stamp.
 */
export function statStamp(stat: Stats, now: number): string | null {
  return Math.max(stat.mtimeMs, stat.ctimeMs) > now - 2000 ? null : `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

/** A regular file's statStamp; null for anything else, a missing file, or one changed just now. */
export function fileStamp(absolutePath: string, now = Date.now()): string | null {
  try {
    const stat = statSync(absolutePath);
    return stat.isFile() ? statStamp(stat, now) : null;
  } catch {
    return null;
  }
}

export interface FactsCache {
  /** Facts for `path` when its stat stamp is the one recorded with them (no read, no hash). */
  getByStamp(path: RepoPath, stamp: string): FileFacts | undefined;
  /** Facts for `path` when its content hash is unchanged; records the new stamp, if any. */
  get(path: RepoPath, hash: string, stamp: string | null): FileFacts | undefined;
  set(facts: FileFacts, stamp: string | null): void;
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

/** The facts-cache key of a layout: its root and cacheSettings. */
export function factsCacheKey(layout: ProjectLayout, maxBytes: number): string {
  return cacheKey(layout.root, cacheSettings(layout, maxBytes));
}

/**
 * Everything besides a file's own text that its facts depend on: the files there are (resolution
 * answers change when one appears or goes), each project's compiler options, the workspaces.
 */
function cacheSettings(layout: ProjectLayout, maxBytes: number): unknown {
  return {
    maxBytes,
    files: layout.files.map((file) => `${file.project}:${file.path}`),
    projects: layout.projects.map((project) => ({ config: project.configPath, options: project.options })),
    workspaces: layout.workspaces.map((workspace) => [workspace.name, workspace.dir]),
    dataAccess: layout.dataAccess ?? null,
  };
}

/**
 * The cache is split into shards by path, each its own file: after one file changed only its shard is
 * written again (serializing all 5,000 files' facts took about 100 ms of a 1.3 s warm check).
 */
const SHARDS = 16;

interface Shard extends ShardContent {
  file: string;
  isChanged: boolean;
}

/** FNV-1a over the path's UTF-16 code units: cheap, stable across runs and machines. */
function shardOf(path: RepoPath): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    hash ^= path.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SHARDS;
}

export function openFactsCache(cacheDir: string, root: string, key: string): FactsCache {
  const shards: Shard[] = Array.from({ length: SHARDS }, (_, index) => {
    const file = cacheFilePath(cacheDir, 'facts', root, `-${String(index).padStart(2, '0')}.bin`);
    const content = readCacheFile(file, CACHE_FORMAT, key, isShardContent) ?? { entries: {}, stamps: {} };
    return { file, ...content, isChanged: false };
  });
  const shardFor = (path: RepoPath): Shard => shards[shardOf(path)] as Shard;
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    getByStamp(path, stamp) {
      const { entries, stamps } = shardFor(path);
      const facts = Object.hasOwn(entries, path) ? entries[path] : undefined;
      if (facts && facts.path === path && Object.hasOwn(stamps, path) && stamps[path] === stamp) {
        stats.hits++;
        return facts;
      }
      return undefined;
    },
    get(path, hash, stamp) {
      const shard = shardFor(path);
      const facts = Object.hasOwn(shard.entries, path) ? shard.entries[path] : undefined;
      if (facts && facts.hash === hash && facts.path === path) {
        stats.hits++;
        if (stamp !== null && shard.stamps[path] !== stamp) {
          shard.stamps[path] = stamp;
          shard.isChanged = true;
        }
        return facts;
      }
      stats.misses++;
      return undefined;
    },
    set(facts, stamp) {
      const shard = shardFor(facts.path);
      shard.entries[facts.path] = facts;
      if (stamp !== null) shard.stamps[facts.path] = stamp;
      else delete shard.stamps[facts.path];
      shard.isChanged = true;
    },
    save(livePaths) {
      const live = new Set(livePaths);
      for (const shard of shards) {
        for (const path of Object.keys(shard.entries)) {
          if (!live.has(path)) {
            delete shard.entries[path];
            delete shard.stamps[path];
            shard.isChanged = true;
          }
        }
        if (shard.isChanged) writeCacheFile(shard.file, CACHE_FORMAT, key, { entries: shard.entries, stamps: shard.stamps } satisfies ShardContent);
      }
    },
  };
}
