// Where src/shared/typescript.cts keeps V8's compiled code of the TypeScript compiler, and how it
// authenticates it: a folder in Carve's cache and tag functions closed over the cache key, handed over
// before the command's modules load. Compiled code is executable, so there is no code cache with
// --no-cache, without a key, or when the cache folder lies inside the analyzed folder (a checkout could
// then plant files there; the tags already refuse them, this is the second lock).
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isWithin } from '../shared/repository.js';
import { defaultCacheDir } from './analysis-options.js';

/** The same key typescript.cts reads (Symbol.for is global across module systems). */
const CODE_CACHE = Symbol.for('carve.codeCache');

/** What typescript.cts gets: the folder, and the tag of compiled code bound to what it was compiled from. */
export interface CodeCache {
  dir: string;
  tagBytes: number;
  tag(binding: string, data: Uint8Array): Buffer;
  isAuthentic(tag: Uint8Array, binding: string, data: Uint8Array): boolean;
}

/** `target`: the folder (or file) the command reads. The key's module is loaded here, not by `carve --version`. */
export async function useCodeCache(options: Record<string, unknown>, target: string): Promise<void> {
  if (options.cache === false) return;
  const cacheDir = typeof options.cacheDir === 'string' ? resolve(options.cacheDir) : defaultCacheDir();
  try {
    if (isWithin(realPath(resolve(target)), realPath(cacheDir))) return;
  } catch {
    return;
  }
  const { cacheSecret, cacheTag, isAuthentic, TAG_BYTES } = await import('../shared/cache-key.js');
  const secret = cacheSecret();
  if (!secret) return;
  const codeCache: CodeCache = {
    dir: join(cacheDir, 'code'),
    tagBytes: TAG_BYTES,
    tag: (binding, data) => cacheTag(secret, binding, data),
    isAuthentic: (tag, binding, data) => isAuthentic(secret, tag, binding, data),
  };
  (globalThis as Record<symbol, unknown>)[CODE_CACHE] = codeCache;
}

/** The path with links resolved as far as it exists (a cache folder may not exist yet). */
function realPath(path: string): string {
  if (existsSync(path)) return realpathSync.native(path);
  const parent = dirname(path);
  return parent === path ? path : join(realPath(parent), relative(parent, path));
}
