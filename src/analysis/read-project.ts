// The stages every command shares: config, project layout and per-file facts (stage extract), and
// what `carve check` needs of them. Kept apart from the full analysis so that check loads neither
// graph, contexts nor plan code.
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Analysis, ModuleRecord } from '../shared/analysis.js';
import type { RepoPath } from '../shared/facts.js';
import type { LoadedConfig } from '../config/index.js';
import { factsDonor, linkFacts, loadProjectLayout, readFacts, type ExtractResult, type FactsDonor, type FactsReuse, type LayoutOptions, type ProjectLayout, type ReadFacts } from '../extract/index.js';
import { LayoutInputs, readCachedLayout, writeCachedLayout, type FactsCacheScan } from '../extract/cached.js';
import { layoutOptions, lookUpResult, runConfig, timer, type Timer } from './run-inputs.js';
import { classifyModules, type RoleAssignment } from '../graph/roles.js';

export { timer, type Timer } from './run-inputs.js';

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
  /** Where the reports go: a folder Carve writes to, so not one whose changes invalidate the cached layout. */
  outDir?: string;
  /** Facts of another tree of the project, reused where provably the same (check --base). */
  reuse?: FactsReuse;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { stage: 'layout' }
  | { stage: 'read'; done: number; total: number }
  | { stage: 'history' }
  | { stage: 'contexts' }
  | { stage: 'plan' }
  | { stage: 'done' };

/** What a cached attempt (analyze-project.ts) found before it had to give up: nothing is read twice. */
export interface WarmStart {
  loaded: LoadedConfig | null;
  /** The stages timed so far; the full run adds its own. */
  timings: Record<string, number>;
  layout?: ProjectLayout;
  scan?: FactsCacheScan;
  /** Every file's facts, when the cache had them all, and the result-cache key they missed under. */
  read?: ReadFacts;
  key?: string | null;
}

/** The stages every command shares: config, layout, per-file facts (not yet linked). */
export function readProject(dir: string, options: AnalyzeOptions, time: Timer, warm?: WarmStart) {
  const progress = options.onProgress ?? (() => undefined);
  if (!warm) progress({ stage: 'layout' });
  const loaded = warm ? warm.loaded : runConfig(dir, options, time);
  const layout = warm?.layout ?? time('layout', () => loadLayout(dir, layoutOptions(options, loaded), options));
  const onProgress = (done: number, total: number): void => progress({ stage: 'read', done, total });
  const read = warm?.read ?? time('extract', () => readFacts(layout, { ...options, onProgress }, warm?.scan));
  return { loaded, layout, read };
}

/** The layout from the layout cache when nothing it was read from changed, else read (and cached). */
function loadLayout(dir: string, layoutOptions: LayoutOptions, options: AnalyzeOptions): ProjectLayout {
  const { cacheDir } = options;
  if (cacheDir === undefined) return loadProjectLayout(dir, layoutOptions);
  const cached = readCachedLayout(cacheDir, dir, layoutOptions);
  if (cached) return cached;
  const inputs = new LayoutInputs([cacheDir, ...(options.outDir !== undefined ? [options.outDir] : [])].map(realFolder));
  const layout = loadProjectLayout(dir, layoutOptions, inputs);
  writeCachedLayout(cacheDir, dir, layoutOptions, layout, inputs);
  return layout;
}

/** A folder's real path when it exists (the layout walks real paths), else its absolute path. */
function realFolder(path: string): string {
  const absolute = resolve(path);
  return existsSync(absolute) ? realpathSync.native(absolute) : absolute;
}

/** What `carve check` judges: files, imports, tables and their accesses. */
export type BoundaryFacts = Pick<Analysis, 'modules' | 'dependencies' | 'entities' | 'dataAccess' | 'diagnostics'>;

export interface BoundaryResult {
  facts: BoundaryFacts;
  timings: Record<string, number>;
  cacheStats: ExtractResult['cacheStats'];
  /** This tree's facts, on offer to another tree of the project (check's base). */
  donor: FactsDonor;
}

/**
 * The facts without graph, contexts or plan: check places files by the config's globs, so clustering
 * the rest (seconds on thousands of files) would be wasted on every pull request.
 */
export function analyzeBoundaries(dir: string, options: AnalyzeOptions = {}): BoundaryResult {
  const timings: Record<string, number> = {};
  const time = timer(timings);
  const { layout, read } = readProject(dir, options, time);
  const extracted = time('link', () => linkFacts(read));
  timings.dataAccess = extracted.dataAccessMs;
  (options.onProgress ?? (() => undefined))({ stage: 'done' });
  return {
    facts: {
      modules: moduleRecords(extracted, {}, classifyModules(extracted)),
      dependencies: extracted.dependencies,
      entities: extracted.entities,
      dataAccess: extracted.dataAccess,
      diagnostics: extracted.diagnostics,
    },
    timings,
    cacheStats: extracted.cacheStats,
    donor: factsDonor(layout, read.everyFile),
  };
}

/** `roles`: each module's role before clustering (graph/roles.ts); a module it does not list is domain. */
export function moduleRecords(
  extracted: ExtractResult,
  membership: Readonly<Record<RepoPath, string>>,
  roles: ReadonlyMap<RepoPath, RoleAssignment>,
): ModuleRecord[] {
  const entryPointsByPath = new Map(extracted.files.map((facts) => [facts.path, facts.entryPoints]));
  return extracted.modules.map((module) => {
    const role = roles.get(module.id) ?? { role: 'domain' as const };
    return {
      id: module.id,
      loc: module.loc,
      context: membership[module.id] ?? null,
      external: module.external,
      unresolvedDataAccess: module.unresolvedDataAccess,
      entryPoints: entryPointsByPath.get(module.id) ?? [],
      role: role.role,
      ...(role.role !== 'domain' && role.reason !== undefined ? { roleReason: role.reason } : {}),
    };
  });
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
export function readProjectOrCachedResult(dir: string, options: AnalyzeOptions, warm?: WarmStart): AnalyzeResult | ProjectFacts {
  const timings: Record<string, number> = warm?.timings ?? {};
  const time = timer(timings);
  const project = readProject(dir, options, time, warm);
  const result = warm?.key !== undefined ? { key: warm.key } : lookUpResult(project, options, time, timings);
  return 'analysis' in result ? result : { ...project, key: result.key, timings };
}

// The base of `check --base` reuses the work tree's facts (src/extract/reuse-facts.ts): the CLI reaches
// extraction only through this stage.
export { createFactsReuse, type FactsDonor } from '../extract/index.js';
