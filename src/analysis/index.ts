// Stage orchestration: the table of contents of a run. Each stage takes the previous stage's plain
// data; this module assembles the Analysis (analysis.json), sorted, with no timestamps inside.
import type { Analysis, ModuleRecord } from '../shared/analysis.js';
import { carveVersion } from '../shared/version.js';
import { extract, loadProjectLayout, type ExtractResult, type LayoutOptions } from '../extract/index.js';

export interface AnalyzeOptions extends LayoutOptions {
  maxFileBytes?: number;
  /** carve.config.json to read; default <dir>/carve.config.json when it exists. */
  configPath?: string;
  /** Cluster freely, ignoring contexts the config pins. */
  ignoreConfig?: boolean;
  /** Git commits to read for co-change edges. */
  history?: number;
  resolution?: number;
  kernelThreshold?: number;
  /** Per-file facts cache folder; absent: no cache. */
  cacheDir?: string;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { stage: 'layout' }
  | { stage: 'read'; done: number; total: number }
  | { stage: 'link' }
  | { stage: 'contexts' }
  | { stage: 'done' };

export interface AnalyzeResult {
  analysis: Analysis;
  /** Wall time per stage in ms, for the summary and the bench; never written into reports. */
  timings: Record<string, number>;
  cacheStats: { hits: number; misses: number } | null;
}

export function analyze(dir: string, options: AnalyzeOptions = {}): AnalyzeResult {
  const timings: Record<string, number> = {};
  const time = <T>(name: string, run: () => T): T => {
    const start = performance.now();
    const value = run();
    timings[name] = Math.round(performance.now() - start);
    return value;
  };
  options.onProgress?.({ stage: 'layout' });
  const layout = time('layout', () => loadProjectLayout(dir, options));
  const extracted = time('extract', () =>
    extract(layout, {
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
      ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
      onProgress: (done, total) => options.onProgress?.({ stage: 'read', done, total }),
    }),
  );
  const analysis = assemble(extracted);
  options.onProgress?.({ stage: 'done' });
  return { analysis, timings, cacheStats: extracted.cacheStats };
}

function assemble(extracted: ExtractResult): Analysis {
  const entryPointsByPath = new Map(extracted.files.map((facts) => [facts.path, facts.entryPoints]));
  const modules: ModuleRecord[] = extracted.modules.map((module) => ({
    id: module.id,
    loc: module.loc,
    context: null,
    external: module.external,
    unresolvedDataAccess: module.unresolvedDataAccess,
    entryPoints: entryPointsByPath.get(module.id) ?? [],
  }));
  const externalImports = modules.reduce((sum, module) => sum + Object.values(module.external).reduce((a, b) => a + b, 0), 0);
  const unresolvedImports = extracted.diagnostics.filter((diagnostic) => diagnostic.code === 'unresolved-import').length;
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
      contexts: 0,
      warnings: extracted.diagnostics.length,
    },
    modules,
    dependencies: extracted.dependencies,
    entities: extracted.entities,
    dataAccess: extracted.dataAccess,
    contexts: [],
    sharedKernel: [],
    metrics: { modularity: 0 },
    plan: { steps: [] },
    diagnostics: extracted.diagnostics,
  };
}
