// One file of Carve's cache folder (facts shards, layout, result): a value stored with its format
// number and key, written atomically, read back only when both match. The folder is not trusted (see
// cache-key.ts): each file starts with an HMAC tag over its bytes, its name, format and key, checked
// before anything is deserialized. Anything unreadable, oversized, not a regular file, forged, corrupt,
// from another format or under another key reads as undefined and is rebuilt, never trusted; a cache
// that cannot be written (or no key) only costs speed next time.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from './atomic-write.js';
import { cacheSecret, cacheTag, isAuthentic, TAG_BYTES } from './cache-key.js';

/** Far larger than any cache file Carve writes (the result for 50,000 files is tens of MB): such a file is a miss, never read. */
const MAX_CACHE_FILE_BYTES = 256 * 1024 * 1024;

interface StoredValue<T> {
  format: number;
  key: string;
  value: T;
}

/** `<cacheDir>/<kind>-<hash of root><suffix>`: one file (or set of files) per analyzed folder. */
export function cacheFilePath(cacheDir: string, kind: string, root: string, suffix = '.bin'): string {
  return join(cacheDir, `${kind}-${createHash('sha1').update(root).digest('hex').slice(0, 16)}${suffix}`);
}

/** The stored value when the file is authentic and holds `format` and `key` and `isValue` accepts it; else undefined. */
export function readCacheFile<T>(file: string, format: number, key: string, isValue: (value: unknown) => value is T): T | undefined {
  const secret = cacheSecret();
  const bytes = secret ? readRegularFile(file, MAX_CACHE_FILE_BYTES) : undefined;
  if (!secret || !bytes || bytes.length <= TAG_BYTES) return undefined;
  const payload = bytes.subarray(TAG_BYTES);
  if (!isAuthentic(secret, bytes.subarray(0, TAG_BYTES), binding(file, format, key), payload)) return undefined;
  try {
    const stored = deserialize(payload) as Partial<StoredValue<unknown>> | null;
    if (stored && stored.format === format && stored.key === key && isValue(stored.value)) return stored.value;
  } catch {
    // Authentic but unreadable (another Node's serializer): the caller rebuilds.
  }
  return undefined;
}

export function writeCacheFile(file: string, format: number, key: string, value: unknown): void {
  const secret = cacheSecret();
  if (!secret) return;
  try {
    const payload = serialize({ format, key, value } satisfies StoredValue<unknown>);
    if (payload.length + TAG_BYTES > MAX_CACHE_FILE_BYTES) return;
    writeFileAtomic(file, Buffer.concat([cacheTag(secret, binding(file, format, key), payload), payload]));
  } catch {
    // Not written: the next run computes afresh.
  }
}

/** What a data file's tag binds its bytes to: its name (kind, root, shard), format and key. */
function binding(file: string, format: number, key: string): string {
  return `carve data cache\u0000${basename(file)}\u0000${format}\u0000${key}`;
}

/**
 * The bytes of `file` when it is a regular file of at most `maxBytes`; else undefined. Opened without
 * blocking, so a FIFO planted under a cache file's name cannot hang the run.
 */
function readRegularFile(file: string, maxBytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const count = readSync(fd, bytes, read, bytes.length - read, read);
      if (count === 0) return undefined;
      read += count;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A plain object (not null, not an array): the shape check most cached values need. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
