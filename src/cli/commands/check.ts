// `carve check [dir]`: the PR gate. Loads carve.config.json (required), analyzes, and prints the
// violations of the agreed boundaries in the chosen format. Exit 0 clean, 1 violations, 2 bad
// config or usage. --base analyzes the ref from git's objects (never a checkout) with the working
// tree's config and reports only what is new; the baseline holds accepted violations.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { analyzeBoundaries, type AnalyzeOptions, type BoundaryFacts, type ProgressEvent } from '../../analysis/read-project.js';
import { createFactsReuse, type FactsDonor } from '../../analysis/read-project.js';
import { baselinePath, configRepository, formatFieldPath, loadConfig, projectTsconfigPath, unmatchedGlobs } from '../../config/index.js';
import {
  checkBoundaries,
  findViolations,
  CHECK_FORMAT_NAMES,
  formatCheckResult,
  isCheckFormat,
  summaryLine,
  type CheckFormat,
  materializeBase,
  readBaseline,
  renderBaseline,
  violationKey,
} from '../../check/index.js';
import { writeFileAtomic } from '../../shared/atomic-write.js';
import { CarveError, isCarveError } from '../../shared/errors.js';
import { isInside } from '../../shared/paths.js';
import { isWritableInside, repositoryRoot } from '../../shared/repository.js';
import { safeText } from '../../shared/safe-text.js';
import { carveVersion } from '../../shared/version.js';
import { toAnalyzeOptions, type AnalysisCommandOptions } from '../analysis-options.js';
import { createProgress, type BaseProgressEvent } from '../progress.js';
import { registerCleanup, withSignalsDeferred } from '../signals.js';

export interface CheckCommandOptions extends AnalysisCommandOptions {
  base?: string;
  /** Each `name` (to stdout, at most one) or `name=file`; none: pretty. */
  format?: string[] | string;
  updateBaseline?: boolean;
  strictBaseline?: boolean;
  /** Write the wall time of each stage (ms, the base's under `base`) as JSON to this file. */
  timings?: string;
}

interface FormatTarget {
  format: CheckFormat;
  /** Null: stdout. */
  file: string | null;
}

/** The --format values as outputs: at most one to stdout, the rest each to its own file. */
export function parseFormats(values: readonly string[]): FormatTarget[] {
  const targets: FormatTarget[] = [];
  for (const value of values.length > 0 ? values : ['pretty']) {
    const equals = value.indexOf('=');
    const name = equals < 0 ? value : value.slice(0, equals);
    const file = equals < 0 ? null : value.slice(equals + 1);
    if (!isCheckFormat(name)) throw new CarveError('bad-format', `unknown format '${name}'`, `use ${CHECK_FORMAT_NAMES.join(', ')}; add =<file> to write one to a file`);
    if (file === '') throw new CarveError('bad-format', `--format ${name}= names no file`, `give a file (${name}=carve.${name === 'markdown' ? 'md' : name}) or drop the '='`);
    targets.push({ format: name, file });
  }
  const toStdout = targets.filter((target) => target.file === null);
  if (toStdout.length > 1) {
    throw new CarveError('bad-format', `${toStdout.map((target) => target.format).join(' and ')} would both print to stdout`, 'give all formats but one a file, as in --format sarif=carve.sarif --format github');
  }
  const files = targets.flatMap((target) => (target.file === null ? [] : [resolve(target.file)]));
  const twice = files.find((file, index) => files.indexOf(file) !== index);
  if (twice) throw new CarveError('bad-format', `two formats would write ${displayPath(twice)}`, 'give each format its own file');
  return targets;
}

/** On GitHub Actions, where the files of this run can be linked (markdown tables link each line). */
function githubLinkBase(dir: string): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = process.env;
  if (!server || !repository || !sha) return null;
  let prefix: string;
  try {
    prefix = relative(repositoryRoot(realpathSync.native(resolve(dir))), realpathSync.native(resolve(dir))).split(sep).join('/');
  } catch {
    return null;
  }
  return [server.replace(/\/+$/, ''), repository, 'blob', sha, ...(prefix ? [prefix] : [])].join('/');
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

export interface BaseRun {
  facts: BoundaryFacts;
  /** Wall time in ms: reading the tree from git, then the analysis's own stages. */
  timings: Record<string, number>;
  /** Files whose facts came from the work tree, files parsed (absent: no reuse offered). */
  reuse: { reused: number; parsed: number } | null;
}

export interface AnalyzeBaseOptions {
  /** The work tree's facts: files with the same content and resolutions are not parsed again. */
  donor?: FactsDonor;
  onProgress?: (event: BaseProgressEvent) => void;
}

/**
 * The boundary facts of `ref`, read from git's objects into a temporary folder (removed on every way
 * out) and analyzed with the work tree's config; the work tree's facts stand in for every file they
 * provably describe (extract/reuse-facts.ts), so a base a few files away parses only those.
 */
export async function analyzeBase(dir: string, ref: string, options: AnalyzeOptions, configPath: string, run: AnalyzeBaseOptions = {}): Promise<BaseRun> {
  const empty: BoundaryFacts = { modules: [], dependencies: [], entities: [], dataAccess: [], diagnostics: [] };
  const reuse = run.donor ? createFactsReuse(run.donor) : undefined;
  const progress = run.onProgress ?? ((): void => undefined);
  const started = performance.now();
  progress({ stage: 'base', ref, done: 0, total: 0, reused: 0 });
  const base = await materializeBase(dir, ref, { ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}), registerCleanup });
  const timings: Record<string, number> = { baseFromGit: Math.round(performance.now() - started) };
  const stats = (): BaseRun['reuse'] => (reuse ? { ...reuse.stats } : null);
  try {
    if (base.dir === null) return { facts: empty, timings, reuse: stats() };
    const onProgress = (event: ProgressEvent): void => {
      if (event.stage === 'read') progress({ stage: 'base', ref, done: event.done, total: event.total, reused: reuse?.stats.reused ?? 0 });
    };
    const result = analyzeBoundaries(base.dir, { ...baseOptions(options, dir, base.dir, configPath), ...(reuse ? { reuse } : {}), onProgress });
    return { facts: result.facts, timings: { ...timings, ...result.timings }, reuse: stats() };
  } catch (error) {
    // A base with no TypeScript yet (the first commit of a project) has no violations.
    if (isCarveError(error) && error.code === 'no-typescript') return { facts: empty, timings, reuse: stats() };
    throw error;
  } finally {
    base.dispose();
  }
}

export async function runCheck(dir: string, options: Record<string, unknown>): Promise<number> {
  const opts = options as unknown as CheckCommandOptions;
  const targets = parseFormats(typeof opts.format === 'string' ? [opts.format] : (opts.format ?? []));
  // pretty and github end with the summary line themselves: then stderr does not repeat it.
  const summaryOnStdout = targets.some((target) => (target.format === 'pretty' || target.format === 'github') && target.file === null);
  const prettyOnStdout = targets.some((target) => target.format === 'pretty' && target.file === null);
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
  const progress = createProgress(prettyOnStdout || targets.every((target) => target.file !== null));
  try {
    const analyzeOptions: AnalyzeOptions = { ...toAnalyzeOptions(opts), configPath: loaded.path, loadedConfig: loaded };
    const started = performance.now();
    const work = analyzeBoundaries(dir, { ...analyzeOptions, onProgress: progress.onProgress });
    const analysis = work.facts;
    // A context glob that matches nothing guards nothing: a config error, said before any result.
    const unmatched = unmatchedGlobs(loaded.config, analysis.modules.map((module) => module.id));
    if (unmatched.length > 0) {
      const first = unmatched[0]!;
      const more = unmatched.length > 1 ? ` (and ${unmatched.length - 1} more)` : '';
      throw new CarveError(
        'bad-config',
        `${displayPath(loaded.path)}: ${formatFieldPath(first.path)}: ${first.message}${more}`,
        'fix the glob or remove it (a moved or renamed folder?); files the analysis leaves out, such as tests, do not count',
      );
    }
    const baseRun = opts.base ? await analyzeBase(dir, opts.base, analyzeOptions, loaded.path, { donor: work.donor, onProgress: progress.onProgress }) : undefined;
    const baseAnalysis = baseRun?.facts;
    progress.clear();
    if (opts.timings) {
      const base = baseRun ? { base: { ...baseRun.timings, ...(baseRun.reuse ? { reused: baseRun.reuse.reused, parsed: baseRun.reuse.parsed } : {}) } } : {};
      await withSignalsDeferred(() => writeFileAtomic(resolve(opts.timings!), `${JSON.stringify({ ...work.timings, ...base, total: Math.round(performance.now() - started) })}\n`));
    }

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

    const result = checkBoundaries({
      analysis,
      config: loaded.config,
      baseline,
      ...(baseAnalysis ? { baseAnalysis } : {}),
      ...(opts.strictBaseline ? { strictBaseline: true } : {}),
    });
    const context = {
      config: loaded.config,
      base: opts.base ?? null,
      baselineFile: displayPath(baselineFile),
      version: carveVersion(),
      linkBase: githubLinkBase(dir),
    };
    // Files first, each whole or not at all; then stdout; the one-line summary on stderr whenever
    // stdout does not already end with it, so every CI log shows the outcome.
    for (const target of targets) {
      if (target.file !== null) await withSignalsDeferred(() => writeFileAtomic(resolve(target.file!), formatCheckResult(target.format, result, context)));
    }
    for (const target of targets) if (target.file === null) process.stdout.write(formatCheckResult(target.format, result, context));
    if (!summaryOnStdout) process.stderr.write(`${safeText(summaryLine(result, context))}\n`);
    // After --update-baseline every current violation is accepted: the run succeeds.
    return opts.updateBaseline ? 0 : result.exitCode;
  } finally {
    progress.clear();
  }
}
