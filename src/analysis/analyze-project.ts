// What the CLI calls to analyze a folder. First the fully cached run: config, then the layout, every
// file's facts and the result, each from the cache and each checked against stat stamps. None of that
// loads the TypeScript compiler, the extractor, or graph, contexts and plan code, which on a small
// project is most of a warm run. Anything changed or missing: the full pipeline, loaded on demand.
import { resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/index.js';
import { readCachedLayout, readFactsFromCache } from '../extract/cached.js';
import type { AnalyzeOptions, AnalyzeResult } from './read-project.js';
import { readCachedResult, resultKey } from './result-cache.js';
import { factsIdentity, layoutOptions, resultInputs, timer } from './run-inputs.js';

export async function analyzeProject(dir: string, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const cached = readCachedRun(dir, options);
  if ('analysis' in cached) return cached;
  const { readProjectOrCachedResult } = await import('./read-project.js');
  const withConfig = cached.loaded ? { ...options, loadedConfig: cached.loaded } : options;
  const read = readProjectOrCachedResult(dir, withConfig);
  if ('analysis' in read) return read;
  const { analyzeFacts } = await import('./index.js');
  return analyzeFacts(read, withConfig);
}

/**
 * The last run's result when nothing it depends on changed, found without the compiler; otherwise the
 * config it read (null: none), so that the full run does not read it again.
 */
export function readCachedRun(dir: string, options: AnalyzeOptions): AnalyzeResult | { loaded: LoadedConfig | null } {
  const { cacheDir } = options;
  // Git history is not in any key (it changes without the files changing): such runs are never cached.
  if (cacheDir === undefined || options.history) return { loaded: null };
  const timings: Record<string, number> = {};
  const time = timer(timings);
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: 'layout' });
  const loaded = options.ignoreConfig ? null : (options.loadedConfig ?? time('config', () => loadConfig(resolve(dir), options.configPath)));
  const layout = time('layout', () => readCachedLayout(cacheDir, dir, layoutOptions(options, loaded)));
  if (!layout) return { loaded };
  const read = time('extract', () =>
    readFactsFromCache(layout, { cacheDir, ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}) }),
  );
  if (!read) return { loaded };
  progress({ stage: 'read', done: layout.files.length, total: layout.files.length });
  const key = time('resultKey', () => resultKey(layout.root, factsIdentity(read), resultInputs(options, loaded)));
  const analysis = time('resultCache', () => readCachedResult(cacheDir, layout.root, key));
  if (!analysis) return { loaded };
  timings.dataAccess = Math.round(read.dataAccessMs);
  progress({ stage: 'done' });
  return { analysis, timings, cacheStats: read.cacheStats, config: loaded, resultFromCache: true };
}
