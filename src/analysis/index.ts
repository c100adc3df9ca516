// Stage orchestration: the table of contents of a run. Each stage takes the previous stage's plain
// data: config -> layout -> extract -> graph -> contexts -> plan. This module assembles the
// Analysis (analysis.json), sorted, with no timestamps inside.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Analysis, AnalysisMetrics, ContextRecord, ModuleRecord } from '../shared/analysis.js';
import { CarveError } from '../shared/errors.js';
import type { RepoPath } from '../shared/facts.js';
import { compareStrings } from '../shared/sort.js';
import { carveVersion } from '../shared/version.js';
import { contextOfFile, loadConfig, type LoadedConfig } from '../config/index.js';
import { extract, loadProjectLayout, type ExtractResult, type LayoutOptions } from '../extract/index.js';
import { buildGraph } from '../graph/index.js';
import { readChangeCounts, readCoChanges } from '../graph/history.js';
import type { CoChange } from '../graph/types.js';
import { detectContexts, type ContextMap } from '../contexts/index.js';
import { planMigration } from '../plan/index.js';
import { compareWith } from './compare-with.js';
import { readCachedResult, resultKey, writeCachedResult } from './result-cache.js';

export interface AnalyzeOptions extends LayoutOptions {
  maxFileBytes?: number;
  /** carve.config.json to read; default <dir>/carve.config.json when it exists. */
  configPath?: string;
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

type Timer = <T>(name: string, run: () => T) => T;

function timer(timings: Record<string, number>): Timer {
  return (name, run) => {
    const start = performance.now();
    const value = run();
    timings[name] = Math.round(performance.now() - start);
    return value;
  };
}

/** The stages every command shares: config, layout, per-file facts. */
function readProject(dir: string, options: AnalyzeOptions, time: Timer, timings: Record<string, number>) {
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: 'layout' });
  const loaded = options.ignoreConfig ? null : time('config', () => loadConfig(resolve(dir), options.configPath));
  const layout = time('layout', () => loadProjectLayout(dir, layoutOptions(options, loaded)));
  const extracted = time('extract', () =>
    extract(layout, {
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
      ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
      onProgress: (done, total) => progress({ stage: 'read', done, total }),
    }),
  );
  timings.dataAccess = extracted.dataAccessMs;
  return { loaded, layout, extracted };
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
  const { extracted } = readProject(dir, options, timer(timings), timings);
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

export function analyze(dir: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const timings: Record<string, number> = {};
  const time = timer(timings);
  const progress = options.onProgress ?? (() => undefined);
  const { loaded, layout, extracted } = readProject(dir, options, time, timings);
  // Git history is not in the key (it changes without the files changing), so such runs are not cached.
  const canCache = options.cacheDir !== undefined && !options.history;
  const key = canCache ? time('resultKey', () => resultKey(layout.root, extractedIdentity(extracted), resultInputs(options, loaded))) : null;
  if (key !== null && options.cacheDir !== undefined) {
    const cached = time('resultCache', () => readCachedResult(options.cacheDir as string, layout.root, key));
    if (cached) {
      progress({ stage: 'done' });
      return { analysis: cached, timings, cacheStats: extracted.cacheStats, config: loaded, resultFromCache: true };
    }
  }
  let coChanges: CoChange[] = [];
  let changeCounts: Record<RepoPath, number> | undefined;
  if (options.history) {
    progress({ stage: 'history' });
    const commits = options.history;
    time('history', () => {
      try {
        coChanges = readCoChanges(layout.root, commits);
        changeCounts = readChangeCounts(layout.root, commits);
      } catch (error) {
        throw new CarveError('no-history', (error as Error).message, 'run inside a git repository, or drop --history');
      }
    });
  }

  progress({ stage: 'contexts' });
  const modulePaths = extracted.modules.map((module) => module.id);
  const contextMap = time('contexts', () => {
    const graph = buildGraph(extracted, { coChanges });
    return detectContexts(graph, {
      ...(options.resolution !== undefined ? { resolution: options.resolution } : {}),
      ...(options.kernelThreshold !== undefined ? { kernelThreshold: options.kernelThreshold } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      pinned: loaded ? pinnedContexts(loaded, modulePaths) : {},
      entityTables: Object.fromEntries(extracted.entities.map((entity) => [entity.id, entity.table])),
    });
  });

  const withoutPlan = assemble(extracted, contextMap);
  if (options.compare) {
    const comparison = compareWith(options.compare, withoutPlan, loaded, layout.root);
    withoutPlan.metrics = { ...withoutPlan.metrics, comparison };
  }
  progress({ stage: 'plan' });
  const plan = time('plan', () => planMigration(withoutPlan, changeCounts ? { history: changeCounts } : {}));
  const analysis: Analysis = { ...withoutPlan, plan };
  if (key !== null && options.cacheDir !== undefined) writeCachedResult(options.cacheDir, layout.root, key, analysis);
  progress({ stage: 'done' });
  return { analysis, timings, cacheStats: extracted.cacheStats, config: loaded, resultFromCache: false };
}

/** The extract stage's output without its run statistics (cache hits, timings), which vary. */
function extractedIdentity(extracted: ExtractResult): unknown {
  const { cacheStats: _cacheStats, dataAccessMs: _dataAccessMs, ...identity } = extracted;
  return identity;
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

function pinnedContexts(loaded: LoadedConfig, paths: RepoPath[]): Record<RepoPath, string> {
  const pinned: Record<RepoPath, string> = {};
  for (const path of paths) {
    const context = contextOfFile(loaded.config, path);
    if (context) pinned[path] = context;
  }
  return pinned;
}

function moduleRecords(extracted: ExtractResult, membership: Readonly<Record<RepoPath, string>>): ModuleRecord[] {
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

function assemble(extracted: ExtractResult, contextMap: ContextMap): Omit<Analysis, 'plan'> {
  const modules = moduleRecords(extracted, contextMap.membership);
  const contexts: ContextRecord[] = [...contextMap.contexts].sort((a, b) => compareStrings(a.id, b.id));
  const externalImports = modules.reduce((sum, module) => sum + Object.values(module.external).reduce((a, b) => a + b, 0), 0);
  const unresolvedImports = extracted.diagnostics.filter((diagnostic) => diagnostic.code === 'unresolved-import').length;
  const metrics: AnalysisMetrics = { ...contextMap.metrics };
  return {
    schemaVersion: 1,
    tool: { name: 'carve', version: carveVersion() },
    root: '.',
    summary: {
      files: modules.length,
      dependencies: extracted.dependencies.length,
      externalImports,
      unresolvedImports,
      entities: extracted.entities.length,
      dataAccesses: extracted.dataAccess.length,
      contexts: contexts.length,
      warnings: extracted.diagnostics.length,
    },
    modules,
    dependencies: extracted.dependencies,
    entities: extracted.entities,
    dataAccess: extracted.dataAccess,
    contexts,
    sharedKernel: [...contextMap.sharedKernel].sort(compareStrings),
    godModules: [...contextMap.godModules].sort(compareStrings),
    compositionRoots: [...contextMap.compositionRoots].sort(compareStrings),
    metrics,
    diagnostics: extracted.diagnostics,
  };
}
