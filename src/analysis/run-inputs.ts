// What every run starts with and what its caches are keyed on: the config, the layout options, the
// facts' identity and the inputs of the stages after extract, and the result-cache lookup. Kept apart
// from read-project.ts because a fully cached run (analyze-project.ts) needs them without loading the
// extractor and, with it, the TypeScript compiler.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig, projectTsconfigPath, type LoadedConfig } from '../config/index.js';
import type { LayoutOptions, ProjectLayout, ReadFacts } from '../extract/index.js';
import type { AnalyzeOptions, AnalyzeResult } from './read-project.js';
import { readCachedResult, resultKey } from './result-cache.js';
import { compareFilePath, comparesWithFile } from './compare-file.js';
import { DATA_FILE_MAX_BYTES, readNamedFile } from '../shared/safe-read.js';

export type Timer = <T>(name: string, run: () => T) => T;

/** Times stages into `timings` (ms); a stage timed twice (a cached attempt, then the real work) adds up. */
export function timer(timings: Record<string, number>): Timer {
  return (name, run) => {
    const start = performance.now();
    const value = run();
    timings[name] = (timings[name] ?? 0) + Math.round(performance.now() - start);
    return value;
  };
}

/** The config of the run: none with ignoreConfig, the caller's when it read one, else read now. */
export function runConfig(dir: string, options: AnalyzeOptions, time: Timer): LoadedConfig | null {
  if (options.ignoreConfig) return null;
  return options.loadedConfig ?? time('config', () => loadConfig(resolve(dir), options.configPath));
}

/**
 * The command line wins; the config's project (the tsconfig and include `carve init` used) and
 * exclude apply when it gives none, so `check` in CI reads the project init read.
 */
export function layoutOptions(options: AnalyzeOptions, loaded: LoadedConfig | null): LayoutOptions {
  const layout: LayoutOptions = {};
  const tsconfig = options.tsconfig ?? (loaded ? projectTsconfigPath(loaded) : null);
  if (tsconfig) layout.tsconfig = tsconfig;
  const include = options.include ?? loaded?.config.project?.include ?? loaded?.config.include;
  if (include && include.length > 0) layout.include = include;
  const exclude = [...(options.exclude ?? []), ...(loaded?.config.exclude ?? [])];
  if (exclude.length > 0) layout.exclude = exclude;
  if (options.includeTests) layout.includeTests = true;
  if (options.maxFiles !== undefined) layout.maxFiles = options.maxFiles;
  const dataAccess = loaded?.config.dataAccess;
  if (dataAccess && ((dataAccess.entityDecorators?.length ?? 0) > 0 || (dataAccess.repositoryFactories?.length ?? 0) > 0)) layout.dataAccess = dataAccess;
  return layout;
}

/** The facts and schemas the linked records come from, without run statistics (cache hits, timings). */
function factsIdentity(read: ReadFacts): unknown {
  return { files: read.files, diagnostics: read.diagnostics, schemas: read.schemas, leftOut: read.leftOut, tsconfigs: read.tsconfigs };
}

/** Everything besides the facts that the stages after extract read; `root`: the analyzed root. */
function resultInputs(options: AnalyzeOptions, loaded: LoadedConfig | null, root: string): unknown {
  let compareFile: string | null = null;
  if (options.compare && comparesWithFile(options.compare)) {
    // The file compare-with.ts will read, found the same way (it may lie under the analyzed root).
    const path = compareFilePath(options.compare, root);
    const read = path === null ? null : readNamedFile(path, DATA_FILE_MAX_BYTES);
    compareFile = read?.ok ? createHash('sha1').update(read.bytes).digest('hex') : 'unreadable';
  }
  return {
    resolution: options.resolution ?? null,
    kernelThreshold: options.kernelThreshold ?? null,
    seed: options.seed ?? null,
    compare: options.compare ?? null,
    compareFile,
    config: loaded?.config ?? null,
  };
}

/**
 * The last run's analysis when the facts, config and options are those it was computed from;
 * otherwise the key to store this run's under (null: not cacheable). Git history is not in the key
 * (it changes without the files changing), so runs that read it are not cached. The key is taken
 * before linking: the linked records are a function of the facts and schemas.
 */
export function lookUpResult(
  project: { loaded: LoadedConfig | null; layout: ProjectLayout; read: ReadFacts },
  options: AnalyzeOptions,
  time: Timer,
  timings: Record<string, number>,
): AnalyzeResult | { key: string | null } {
  const { cacheDir } = options;
  if (cacheDir === undefined || options.history) return { key: null };
  const { loaded, layout, read } = project;
  const key = time('resultKey', () => resultKey(layout.root, factsIdentity(read), resultInputs(options, loaded, layout.root)));
  const analysis = time('resultCache', () => readCachedResult(cacheDir, layout.root, key));
  if (!analysis) return { key };
  timings.dataAccess = Math.round(read.dataAccessMs);
  (options.onProgress ?? (() => undefined))({ stage: 'done' });
  return { analysis, timings, cacheStats: read.cacheStats, config: loaded, resultFromCache: true };
}
