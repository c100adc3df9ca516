// One file of Carve's cache folder (facts shards, layout, result): a value stored with its format
// number and key, written atomically, read back only when both match. Anything unreadable, corrupt,
// from another format or under another key reads as undefined and is rebuilt, never trusted; a cache
// that cannot be written only costs speed next time.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from './atomic-write.js';

interface StoredValue<T> {
  format: number;
  key: string;
  value: T;
}

/** `<cacheDir>/<kind>-<hash of root><suffix>`: one file (or set of files) per analyzed folder. */
export function cacheFilePath(cacheDir: string, kind: string, root: string, suffix = '.bin'): string {
  return join(cacheDir, `${kind}-${createHash('sha1').update(root).digest('hex').slice(0, 16)}${suffix}`);
}

/** The stored value when the file holds `format` and `key` and `isValue` accepts it; else undefined. */
export function readCacheFile<T>(file: string, format: number, key: string, isValue: (value: unknown) => value is T): T | undefined {
  try {
    const stored = deserialize(readFileSync(file)) as Partial<StoredValue<unknown>> | null;
    if (stored && stored.format === format && stored.key === key && isValue(stored.value)) return stored.value;
  } catch {
    // Missing or corrupt: the caller rebuilds.
  }
  return undefined;
}

export function writeCacheFile(file: string, format: number, key: string, value: unknown): void {
  try {
    writeFileAtomic(file, serialize({ format, key, value } satisfies StoredValue<unknown>));
  } catch {
    // Not written: the next run computes afresh.
  }
}

/** A plain object (not null, not an array): the shape check most cached values need. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
