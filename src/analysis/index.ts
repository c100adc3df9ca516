// Stage orchestration: the table of contents of a run. Each stage takes the previous stage's plain
// data: config -> layout -> extract -> graph -> contexts -> plan. This module assembles the
// Analysis (analysis.json), sorted, with no timestamps inside.
import { analysisSchemaUrl, type Analysis, type AnalysisMetrics, type ContextRecord } from '../shared/analysis.js';
import { CarveError } from '../shared/errors.js';
import type { RepoPath } from '../shared/facts.js';
import { emptyRecord, recordOf } from '../shared/records.js';
import { compareStrings } from '../shared/sort.js';
import { carveVersion } from '../shared/version.js';
import { contextOfFile, type LoadedConfig } from '../config/index.js';
import { linkFacts, type ExtractResult } from '../extract/index.js';
import { buildGraph } from '../graph/index.js';
import { readChangeCounts, readCoChanges } from '../graph/history.js';
import type { CoChange, DependencyGraph } from '../graph/types.js';
import type { RoleAssignment } from '../graph/roles.js';
import { detectContexts, detectFeatureModules, type ContextMap } from '../contexts/index.js';
import { planStage, type PlanResult } from '../plan/index.js';
import { compareWith } from './compare-with.js';
import { moduleRecords, readProjectOrCachedResult, timer, type AnalyzeOptions, type AnalyzeResult, type ProjectFacts } from './read-project.js';
import { writeCachedResult } from './result-cache.js';

export { analyzeBoundaries, type AnalyzeOptions, type AnalyzeResult, type BoundaryFacts, type BoundaryResult, type ProgressEvent } from './read-project.js';

/** The whole analysis of a folder, synchronously: what tests and the explore worker call. */
export function analyze(dir: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const read = readProjectOrCachedResult(dir, options);
  return 'analysis' in read ? read : analyzeFacts(read, options);
}

/** After the facts: link, graph, contexts, plan; the result cache is written when there is a key. */
export function analyzeFacts(project: ProjectFacts, options: AnalyzeOptions): AnalyzeResult {
  const { loaded, layout, read, key, timings } = project;
  const time = timer(timings);
  const progress = options.onProgress ?? (() => undefined);
  const extracted = time('link', () => linkFacts(read));
  timings.dataAccess = extracted.dataAccessMs;
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
  let graph: DependencyGraph = { nodes: [], edges: [] };
  const contextMap = time('contexts', () => {
    graph = buildGraph(extracted, { coChanges });
    return detectContexts(graph, {
      ...(options.resolution !== undefined ? { resolution: options.resolution } : {}),
      ...(options.kernelThreshold !== undefined ? { kernelThreshold: options.kernelThreshold } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      pinned: loaded ? pinnedContexts(loaded, modulePaths) : emptyRecord(),
      entityTables: recordOf(extracted.entities.map((entity) => [entity.id, entity.table])),
    });
  });

  const withoutPlan = withFeatureModules(assemble(extracted, contextMap, rolesOf(graph), read));
  if (options.compare) {
    const comparison = compareWith(options.compare, withoutPlan, loaded, layout.root);
    withoutPlan.metrics = { ...withoutPlan.metrics, comparison };
  }
  progress({ stage: 'plan' });
  const analysis = withPlan(withoutPlan, time('plan', () => planStage(withoutPlan, changeCounts ? { history: changeCounts } : {})));
  if (key !== null && options.cacheDir !== undefined) writeCachedResult(options.cacheDir, layout.root, key, analysis);
  progress({ stage: 'done' });
  return { analysis, timings, cacheStats: extracted.cacheStats, config: loaded, resultFromCache: false };
}

/** The analysis with its plan; each context's readiness, the plan's judgement of it, sits on the context. */
export function withPlan(withoutPlan: Omit<Analysis, 'plan'>, { plan, readiness }: PlanResult): Analysis {
  const contexts = withoutPlan.contexts.map((context) => {
    const judged = readiness.get(context.id);
    return judged ? { ...context, readiness: judged } : context;
  });
  return { ...withoutPlan, contexts, plan };
}

function pinnedContexts(loaded: LoadedConfig, paths: RepoPath[]): Record<RepoPath, string> {
  const pinned = emptyRecord<string>();
  for (const path of paths) {
    const context = contextOfFile(loaded.config, path);
    if (context) pinned[path] = context;
  }
  return pinned;
}

/**
 * Two levels: each file's feature module, the modules per context and the misplaced files, decided after
 * the contexts from the assembled records (src/contexts/feature-modules.ts). Files left out of the
 * clustering (shared kernel, composition roots, and the platform group where there is one) are in no module.
 */
function withFeatureModules(base: Omit<Analysis, 'plan'>): Omit<Analysis, 'plan'> {
  const platform = base.platform ?? [];
  // Schema, tooling and platform files (the roles step's modules[].role, where it ran) are no feature.
  const notDomain = base.modules
    .filter((module) => module.role === 'schema' || module.role === 'tooling' || module.role === 'platform')
    .map((module) => module.id);
  const found = detectFeatureModules({
    modules: base.modules,
    dependencies: base.dependencies,
    dataAccess: base.dataAccess,
    entities: base.entities,
    setAside: [...base.sharedKernel, ...base.compositionRoots, ...platform, ...notDomain],
  });
  const byContext = new Map<string, string[]>();
  for (const module of found.featureModules) {
    if (module.context === null) continue;
    const list = byContext.get(module.context) ?? [];
    list.push(module.id);
    byContext.set(module.context, list);
  }
  const { metrics, diagnostics, ...rest } = base;
  return {
    ...rest,
    modules: base.modules.map((module) => ({ ...module, module: found.moduleOf[module.id] ?? null })),
    contexts: base.contexts.map((context) => ({ ...context, featureModules: (byContext.get(context.id) ?? []).sort(compareStrings) })),
    featureModules: found.featureModules,
    misplaced: found.misplaced,
    metrics,
    diagnostics,
  };
}

/** Each module's role as the graph stage classified it (absent: domain). */
function rolesOf(graph: DependencyGraph): Map<RepoPath, RoleAssignment> {
  const roles = new Map<RepoPath, RoleAssignment>();
  for (const node of graph.nodes) {
    if (node.type === 'module' && node.role !== undefined) roles.set(node.id, { role: node.role, ...(node.roleReason === undefined ? {} : { reason: node.roleReason }) });
  }
  return roles;
}

/** `files`: what the layout and the facts stage say about the files (left out, tsconfigs). */
function assemble(
  extracted: ExtractResult,
  contextMap: ContextMap,
  roles: ReadonlyMap<RepoPath, RoleAssignment>,
  files: Pick<ProjectFacts['read'], 'leftOut' | 'tsconfigs' | 'schemas'>,
): Omit<Analysis, 'plan'> {
  const modules = moduleRecords(extracted, contextMap.membership, roles);
  const contexts: ContextRecord[] = [...contextMap.contexts].sort((a, b) => compareStrings(a.id, b.id));
  const externalImports = modules.reduce((sum, module) => sum + Object.values(module.external).reduce((a, b) => a + b, 0), 0);
  const unresolvedImports = extracted.diagnostics.filter((diagnostic) => diagnostic.code === 'unresolved-import').length;
  const metrics: AnalysisMetrics = { ...contextMap.metrics };
  const schemaFiles = files.schemas.files.filter((file) => file.entities.length > 0).map((file) => file.path).sort(compareStrings);
  return {
    $schema: analysisSchemaUrl(carveVersion()),
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
      ...(extracted.dataCoverage ? { dataAccessCoverage: extracted.dataCoverage } : {}),
      leftOut: files.leftOut,
      tsconfigs: files.tsconfigs,
      ...(schemaFiles.length > 0 ? { schemaFiles } : {}),
    },
    modules,
    dependencies: extracted.dependencies,
    entities: extracted.entities,
    dataAccess: extracted.dataAccess,
    contexts,
    sharedKernel: [...contextMap.sharedKernel].sort(compareStrings),
    godModules: [...contextMap.godModules].sort(compareStrings),
    compositionRoots: [...contextMap.compositionRoots].sort(compareStrings),
    platform: [...contextMap.platform].sort(compareStrings),
    metrics,
    diagnostics: extracted.diagnostics,
  };
}
