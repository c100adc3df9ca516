// The stages every command shares: config, project layout and per-file facts (stage extract), and
// what `carve check` needs of them. Kept apart from the full analysis so that check loads neither
// graph, contexts nor plan code.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Analysis, ModuleRecord } from '../shared/analysis.js';
import type { RepoPath } from '../shared/facts.js';
import { loadConfig, type LoadedConfig } from '../config/index.js';
import { linkFacts, loadProjectLayout, readFacts, type ExtractResult, type LayoutOptions, type ProjectLayout, type ReadFacts } from '../extract/index.js';
import { readCachedResult, resultKey } from './result-cache.js';

export interface AnalyzeOptions extends LayoutOptions {
  maxFileBytes?: number;
  /** carve.config.json to read; default <dir>/carve.config.json when it exists. */
  configPath?: string;
  /** The config, already read and validated by the caller (check reads it first): not read again. */
  loadedConfig?: LoadedConfig;
  /** Cluster freely: the config is not read at all (so `init --force` works over a broken one). */
  ignoreConfig?: boolean;
  /** Git commits to read for co-change edges and change counts. */
  history?: number;
  resolution?: number;
  kernelThreshold?: number;
  /** Seed of the community detection (default 1): same seed, same contexts. */
  seed?: number;
  /** Another partition to score the contexts against: a JSON/TSV file, 'config', or 'folders:<depth>'. */
  compare?: string;
  /** Per-file facts cache folder; absent: no cache. */
  cacheDir?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { stage: 'layout' }
  | { stage: 'read'; done: number; total: number }
  | { stage: 'history' }
  | { stage: 'contexts' }
  | { stage: 'plan' }
  | { stage: 'done' };

export type Timer = <T>(name: string, run: () => T) => T;

export function timer(timings: Record<string, number>): Timer {
  return (name, run) => {
    const start = performance.now();
    const value = run();
    timings[name] = Math.round(performance.now() - start);
    return value;
  };
}

/** The stages every command shares: config, layout, per-file facts (not yet linked). */
export function readProject(dir: string, options: AnalyzeOptions, time: Timer, timings: Record<string, number>) {
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: 'layout' });
  const loaded = options.ignoreConfig ? null : (options.loadedConfig ?? time('config', () => loadConfig(resolve(dir), options.configPath)));
  const layout = time('layout', () => loadProjectLayout(dir, layoutOptions(options, loaded)));
  const read = time('extract', () =>
    readFacts(layout, {
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
      ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
      onProgress: (done, total) => progress({ stage: 'read', done, total }),
    }),
  );
  return { loaded, layout, read };
}

/** What `carve check` judges: files, imports, tables and their accesses. */
export type BoundaryFacts = Pick<Analysis, 'modules' | 'dependencies' | 'entities' | 'dataAccess' | 'diagnostics'>;

export interface BoundaryResult {
  facts: BoundaryFacts;
  timings: Record<string, number>;
  cacheStats: ExtractResult['cacheStats'];
}

/**
 * The facts without graph, contexts or plan: check places files by the config's globs, so clustering
 * the rest (seconds on thousands of files) would be wasted on every pull request.
 */
export function analyzeBoundaries(dir: string, options: AnalyzeOptions = {}): BoundaryResult {
  const timings: Record<string, number> = {};
  const time = timer(timings);
  const { read } = readProject(dir, options, time, timings);
  const extracted = time('link', () => linkFacts(read));
  timings.dataAccess = extracted.dataAccessMs;
  (options.onProgress ?? (() => undefined))({ stage: 'done' });
  return {
    facts: {
      modules: moduleRecords(extracted, {}),
      dependencies: extracted.dependencies,
      entities: extracted.entities,
      dataAccess: extracted.dataAccess,
      diagnostics: extracted.diagnostics,
    },
    timings,
    cacheStats: extracted.cacheStats,
  };
}

export function moduleRecords(extracted: ExtractResult, membership: Readonly<Record<RepoPath, string>>): ModuleRecord[] {
  const entryPointsByPath = new Map(extracted.files.map((facts) => [facts.path, facts.entryPoints]));
  return extracted.modules.map((module) => ({
    id: module.id,
    loc: module.loc,
    context: membership[module.id] ?? null,
    external: module.external,
    unresolvedDataAccess: module.unresolvedDataAccess,
    entryPoints: entryPointsByPath.get(module.id) ?? [],
  }));
}

/** CLI globs win; the config's include/exclude apply when the command line gives none. */
function layoutOptions(options: AnalyzeOptions, loaded: LoadedConfig | null): LayoutOptions {
  const layout: LayoutOptions = {};
  if (options.tsconfig) layout.tsconfig = options.tsconfig;
  const include = options.include ?? loaded?.config.include;
  if (include && include.length > 0) layout.include = include;
  const exclude = [...(options.exclude ?? []), ...(loaded?.config.exclude ?? [])];
  if (exclude.length > 0) layout.exclude = exclude;
  if (options.includeTests) layout.includeTests = true;
  if (options.maxFiles !== undefined) layout.maxFiles = options.maxFiles;
  return layout;
}

export interface AnalyzeResult {
  analysis: Analysis;
  /** Wall time per stage in ms, for the summary and the bench; never written into reports. */
  timings: Record<string, number>;
  cacheStats: { hits: number; misses: number } | null;
  /** The config read, if any. */
  config: LoadedConfig | null;
  /** Graph, contexts and plan were read from the result cache: nothing they depend on changed. */
  resultFromCache: boolean;
}

/** A project read up to its per-file facts, with the result-cache key (null: not cacheable). */
export interface ProjectFacts {
  loaded: LoadedConfig | null;
  layout: ProjectLayout;
  read: ReadFacts;
  key: string | null;
  timings: Record<string, number>;
}

/**
 * Config, layout and facts; then, when nothing the later stages read has changed since the last run
 * on this folder, that run's analysis from the result cache. This module does not load graph,
 * contexts or plan code, so a warm run that ends here never pays for it.
 */
export function readProjectOrCachedResult(dir: string, options: AnalyzeOptions): AnalyzeResult | ProjectFacts {
  const timings: Record<string, number> = {};
  const time = timer(timings);
  const { loaded, layout, read } = readProject(dir, options, time, timings);
  // Git history is not in the key (it changes without the files changing), so such runs are not cached.
  // The key is taken before linking: the linked records are a function of the facts and schemas.
  const canCache = options.cacheDir !== undefined && !options.history;
  const key = canCache ? time('resultKey', () => resultKey(layout.root, factsIdentity(read), resultInputs(options, loaded))) : null;
  if (key !== null && options.cacheDir !== undefined) {
    const cached = time('resultCache', () => readCachedResult(options.cacheDir as string, layout.root, key));
    if (cached) {
      timings.dataAccess = Math.round(read.dataAccessMs);
      (options.onProgress ?? (() => undefined))({ stage: 'done' });
      return { analysis: cached, timings, cacheStats: read.cacheStats, config: loaded, resultFromCache: true };
    }
  }
  return { loaded, layout, read, key, timings };
}

/** The facts and schemas the linked records come from, without run statistics (cache hits, timings). */
function factsIdentity(read: ReadFacts): unknown {
  return { files: read.files, diagnostics: read.diagnostics, schemas: read.schemas };
}

/** Everything besides the facts that the stages after extract read. */
function resultInputs(options: AnalyzeOptions, loaded: LoadedConfig | null): unknown {
  let compareFile: string | null = null;
  if (options.compare && options.compare !== 'config' && !options.compare.startsWith('folders:')) {
    try {
      compareFile = createHash('sha1').update(readFileSync(resolve(options.compare))).digest('hex');
    } catch {
      compareFile = 'unreadable';
    }
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
 * The whole analysis for the CLI: graph, contexts and plan code is imported only when the result
 * cache cannot answer, so a warm run does not load it (about 50 ms of a half-second run).
 */
export async function analyzeProject(dir: string, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const read = readProjectOrCachedResult(dir, options);
  if ('analysis' in read) return read;
  const { analyzeFacts } = await import('./index.js');
  return analyzeFacts(read, options);
}
