// `carve check [dir]`: the PR gate. Loads carve.config.json (required), analyzes, and prints the
// violations of the agreed boundaries in the chosen format. Exit 0 clean, 1 violations, 2 bad
// config or usage. --base analyzes the ref from git's objects (never a checkout) with the working
// tree's config and reports only what is new; the baseline holds accepted violations.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { analyzeBoundaries, type AnalyzeOptions, type BoundaryFacts } from '../../analysis/read-project.js';
import { baselinePath, configRepository, loadConfig, projectTsconfigPath } from '../../config/index.js';
import {
  checkBoundaries,
  findViolations,
  formatCheckResult,
  isCheckFormat,
  materializeBase,
  readBaseline,
  renderBaseline,
  violationKey,
} from '../../check/index.js';
import { writeFileAtomic } from '../../shared/atomic-write.js';
import { CarveError, isCarveError } from '../../shared/errors.js';
import { isInside } from '../../shared/paths.js';
import { isWritableInside } from '../../shared/repository.js';
import { carveVersion } from '../../shared/version.js';
import { toAnalyzeOptions, type AnalysisCommandOptions } from '../analysis-options.js';
import { createProgress } from '../progress.js';
import { registerCleanup, withSignalsDeferred } from '../signals.js';

export interface CheckCommandOptions extends AnalysisCommandOptions {
  base?: string;
  format: string;
  updateBaseline?: boolean;
}

function displayPath(path: string): string {
  return relative(process.cwd(), path) || path;
}

/** The base analyzed like the work tree: same config file, the tsconfig at the same place, no cache. */
function baseOptions(options: AnalyzeOptions, dir: string, baseDir: string, configPath: string): AnalyzeOptions {
  const { cacheDir: _cacheDir, onProgress: _onProgress, ...rest } = options;
  const result: AnalyzeOptions = { ...rest, configPath };
  if (options.tsconfig) {
    const absolute = resolve(options.tsconfig);
    const root = resolve(dir);
    if (isInside(root, absolute)) result.tsconfig = resolve(baseDir, relative(root, absolute));
  } else if (options.loadedConfig?.config.project?.tsconfig !== undefined) {
    // The config's project.tsconfig names a file of the work tree: the base reads the one at the same
    // place in its copy. One above the analyzed folder is not in the copy: the base goes zero config.
    const absolute = projectTsconfigPath(options.loadedConfig);
    const root = realpathSync.native(resolve(dir));
    if (absolute !== null && isInside(root, absolute)) result.tsconfig = resolve(baseDir, relative(root, absolute));
    const { tsconfig: _tsconfig, ...project } = options.loadedConfig.config.project;
    result.loadedConfig = { ...options.loadedConfig, config: { ...options.loadedConfig.config, project } };
  }
  return result;
}

async function analyzeBase(dir: string, ref: string, options: AnalyzeOptions, configPath: string): Promise<BoundaryFacts> {
  const empty: BoundaryFacts = { modules: [], dependencies: [], entities: [], dataAccess: [], diagnostics: [] };
  // The copy of the base goes on every way out: the finally below, a signal, or process exit.
  const base = await materializeBase(dir, ref, { ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}), registerCleanup });
  try {
    if (base.dir === null) return empty;
    return analyzeBoundaries(base.dir, baseOptions(options, dir, base.dir, configPath)).facts;
  } catch (error) {
    // A base with no TypeScript yet (the first commit of a project) has no violations.
    if (isCarveError(error) && error.code === 'no-typescript') return empty;
    throw error;
  } finally {
    base.dispose();
  }
}

export async function runCheck(dir: string, options: Record<string, unknown>): Promise<number> {
  const opts = options as unknown as CheckCommandOptions;
  const format = opts.format ?? 'pretty';
  if (!isCheckFormat(format)) throw new CarveError('bad-format', `unknown format '${format}'`, 'use pretty, json, github, sarif or junit');
  // Say what is wrong with the folder before saying it has no config.
  if (!existsSync(dir)) throw new CarveError('no-such-path', `${dir} does not exist`, 'give the folder of a TypeScript project');
  if (!statSync(dir).isDirectory()) throw new CarveError('not-a-folder', `${dir} is not a folder`, 'give the folder of a TypeScript project');
  const loaded = loadConfig(dir, opts.config);
  if (!loaded) {
    const init = dir === '.' ? 'carve init' : `carve init ${dir}`;
    throw new CarveError('no-config', `no carve.config.json in ${dir}`, `run \`${init}\` to write one from the detected contexts, then edit and commit it`);
  }
  // The baseline's path and file are checked before the analysis: a bad one fails at once.
  const baselineFile = baselinePath(loaded);
  const repository = configRepository(loaded);
  let baseline = readBaseline(baselineFile, displayPath(baselineFile), repository);
  // No folder is created, and nothing written, outside the repository, whatever links lie on the way.
  if (opts.updateBaseline && !isWritableInside(repository, baselineFile)) {
    throw new CarveError('bad-config', `${displayPath(baselineFile)} leads outside the repository (a symbolic link on its way)`, 'keep the baseline inside the repository, relative to carve.config.json');
  }
  const progress = createProgress(format === 'pretty');
  try {
    const analyzeOptions: AnalyzeOptions = { ...toAnalyzeOptions(opts), configPath: loaded.path, loadedConfig: loaded };
    const { facts: analysis } = analyzeBoundaries(dir, { ...analyzeOptions, onProgress: progress.onProgress });
    const baseAnalysis = opts.base ? await analyzeBase(dir, opts.base, analyzeOptions, loaded.path) : undefined;
    progress.clear();

    if (opts.updateBaseline) {
      const current = findViolations(loaded.config, analysis);
      const before = new Set(baseline.map(violationKey));
      const after = new Set(current.map(violationKey));
      await withSignalsDeferred(() => writeFileAtomic(baselineFile, renderBaseline(current)));
      const added = [...after].filter((key) => !before.has(key)).length;
      const removed = [...before].filter((key) => !after.has(key)).length;
      process.stderr.write(`carve: wrote ${displayPath(baselineFile)}: ${after.size} accepted violation${after.size === 1 ? '' : 's'} (${added} added, ${removed} removed)\n`);
      baseline = readBaseline(baselineFile, displayPath(baselineFile), repository);
    }

    const result = checkBoundaries({ analysis, config: loaded.config, baseline, ...(baseAnalysis ? { baseAnalysis } : {}) });
    process.stdout.write(
      formatCheckResult(format, result, {
        config: loaded.config,
        base: opts.base ?? null,
        baselineFile: displayPath(baselineFile),
        version: carveVersion(),
      }),
    );
    // After --update-baseline every current violation is accepted: the run succeeds.
    return opts.updateBaseline ? 0 : result.exitCode;
  } finally {
    progress.clear();
  }
}
