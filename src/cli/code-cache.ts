// Where src/shared/typescript.cts keeps V8's compiled code of the TypeScript compiler: a folder in
// Carve's cache, named before the command's modules load. Nothing is cached with --no-cache.
import { join, resolve } from 'node:path';
import { defaultCacheDir } from './analysis-options.js';

/** The same key typescript.cts reads (Symbol.for is global across module systems). */
const CODE_CACHE_DIR = Symbol.for('carve.codeCacheDir');

export function useCodeCache(options: Record<string, unknown>): void {
  if (options.cache === false) return;
  const cacheDir = typeof options.cacheDir === 'string' ? resolve(options.cacheDir) : defaultCacheDir();
  (globalThis as Record<symbol, unknown>)[CODE_CACHE_DIR] = join(cacheDir, 'code');
}
