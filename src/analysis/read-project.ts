// The stages every command shares: config, project layout and per-file facts (stage extract), and
// what `carve check` needs of them. Kept apart from the full analysis so that check loads neither
// graph, contexts nor plan code.
import { resolve } from 'node:path';
import type { Analysis, ModuleRecord } from '../shared/analysis.js';
import type { RepoPath } from '../shared/facts.js';
import { loadConfig, type LoadedConfig } from '../config/index.js';
import { extract, loadProjectLayout, type ExtractResult, type LayoutOptions } from '../extract/index.js';

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

/** The stages every command shares: config, layout, per-file facts. */
export function readProject(dir: string, options: AnalyzeOptions, time: Timer, timings: Record<string, number>) {
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: 'layout' });
  const loaded = options.ignoreConfig ? null : (options.loadedConfig ?? time('config', () => loadConfig(resolve(dir), options.configPath)));
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

