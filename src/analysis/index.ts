// Stage orchestration: the table of contents of a run. Each stage takes the previous stage's plain
// data: config -> layout -> extract -> graph -> contexts -> plan. This module assembles the
// Analysis (analysis.json), sorted, with no timestamps inside.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Analysis, AnalysisMetrics, ContextRecord } from '../shared/analysis.js';
import { CarveError } from '../shared/errors.js';
import type { RepoPath } from '../shared/facts.js';
import { compareStrings } from '../shared/sort.js';
import { carveVersion } from '../shared/version.js';
import { contextOfFile, type LoadedConfig } from '../config/index.js';
import type { ExtractResult } from '../extract/index.js';
import { buildGraph } from '../graph/index.js';
import { readChangeCounts, readCoChanges } from '../graph/history.js';
import type { CoChange } from '../graph/types.js';
import { detectContexts, type ContextMap } from '../contexts/index.js';
import { planMigration } from '../plan/index.js';
import { compareWith } from './compare-with.js';
import { moduleRecords, readProject, timer, type AnalyzeOptions } from './read-project.js';
import { readCachedResult, resultKey, writeCachedResult } from './result-cache.js';

export { analyzeBoundaries, type AnalyzeOptions, type BoundaryFacts, type BoundaryResult, type ProgressEvent } from './read-project.js';

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

function pinnedContexts(loaded: LoadedConfig, paths: RepoPath[]): Record<RepoPath, string> {
  const pinned: Record<RepoPath, string> = {};
  for (const path of paths) {
    const context = contextOfFile(loaded.config, path);
    if (context) pinned[path] = context;
  }
  return pinned;
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
