// `carve explore [dir | analysis.json]`: the interactive terminal report over a folder (analysed on the
// fly, with a progress view) or a saved analysis.json. Without a terminal (stdout or stdin not a TTY,
// or CI set) it prints the Markdown report instead and exits 0. The ink app is imported only for an
// interactive run. Exit: 0 on q, 130 on Ctrl-C or SIGINT, 143 on SIGTERM, 129 on SIGHUP.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Analysis } from '../../shared/analysis.js';
import { CarveError } from '../../shared/errors.js';
import { DATA_FILE_MAX_BYTES, describeRefusal, readNamedFile } from '../../shared/safe-read.js';
import { parseAnalysisJson } from '../../explore/analysis-file.js';
import { renderMarkdown } from '../../report/markdown.js';
import { toAnalyzeOptions, type AnalysisCommandOptions } from '../analysis-options.js';
import { createProgress } from '../progress.js';

type Target = { kind: 'file'; path: string } | { kind: 'folder'; path: string };

const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

function resolveTarget(target: string): Target {
  let isFile: boolean;
  try {
    isFile = statSync(target).isFile();
  } catch {
    throw new CarveError('no-target', `${target} does not exist`, 'give a project folder or an analysis.json');
  }
  return isFile ? { kind: 'file', path: target } : { kind: 'folder', path: target };
}

function readAnalysisFile(path: string): Analysis {
  // Only a regular file is read: a FIFO or a device named here would block or never end.
  const read = readNamedFile(path, DATA_FILE_MAX_BYTES);
  if (!read.ok) throw new CarveError('unreadable-analysis', `cannot read ${path}: it ${describeRefusal(read)}`, 'check the path and its permissions');
  return parseAnalysisJson(read.bytes.toString('utf8'), path);
}

/**
 * The same rule ink applies (its is-in-ci check): CI or CONTINUOUS_INTEGRATION set to anything but "0"
 * or "false". Ink in CI mode draws only the last frame, so a looser rule here would open a screen that
 * never updates.
 */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const isSet = (value: string | undefined): boolean => value !== undefined && value !== 'false' && value !== '0';
  return isSet(env.CI) || isSet(env.CONTINUOUS_INTEGRATION);
}

export function isColorWanted(env: NodeJS.ProcessEnv): boolean {
  return (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

export async function runExplore(target: string, options: Record<string, unknown>): Promise<number> {
  const opts = options as AnalysisCommandOptions;
  const source = resolveTarget(target);
  const isInteractive = process.stdout.isTTY === true && process.stdin.isTTY === true && !isCi(process.env);
  if (!isInteractive) {
    process.stdout.write(renderMarkdown(source.kind === 'file' ? readAnalysisFile(source.path) : await analyzeHere(source.path, opts)));
    return 0;
  }
  // React's development build checks every render and doubles the redraw time; a CLI is production.
  // Set before ink and React load, since they pick their build when first imported.
  process.env.NODE_ENV ??= 'production';
  // Loading ink and React takes longer than reading 5,000 files' analysis: start it first, so its file
  // reads overlap the analysis.json read. A bad analysis.json still fails before the screen is taken.
  const loadingUi = import('../../explore/index.js');
  loadingUi.catch(() => undefined);
  const saved = source.kind === 'file' ? readAnalysisFile(source.path) : null;
  const { openExploreSession, analyzeInWorker } = await loadingUi;
  const session = openExploreSession({
    stdout: process.stdout,
    stdin: process.stdin,
    stderr: process.stderr,
    theme: { isColor: isColorWanted(process.env) },
  });
  let signalCode: number | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    signalCode = SIGNAL_EXIT_CODES[signal] ?? 130;
    session.close('interrupt');
  };
  const signals = Object.keys(SIGNAL_EXIT_CODES) as NodeJS.Signals[];
  for (const signal of signals) process.on(signal, onSignal);
  try {
    let analysis = saved;
    if (!analysis) {
      const label = source.path === '.' ? basename(process.cwd()) : source.path;
      session.showProgress(label, null);
      const job = analyzeInWorker(source.path, toAnalyzeOptions(opts), (event) => session.showProgress(label, event));
      const finished = await Promise.race([job.result, session.exited.then(() => null)]);
      if (finished === null) job.cancel();
      analysis = finished;
    }
    if (analysis) session.showAnalysis(analysis);
    const reason = await session.exited;
    return signalCode ?? (reason === 'interrupt' ? 130 : 0);
  } finally {
    session.close('interrupt');
    for (const signal of signals) process.off(signal, onSignal);
  }
}

/** The static path's analysis: in this thread, with the one-line progress on stderr when it is a terminal. */
async function analyzeHere(dir: string, opts: AnalysisCommandOptions): Promise<Analysis> {
  const { analyzeProject } = await import('../../analysis/analyze-project.js');
  const progress = createProgress(true);
  try {
    return (await analyzeProject(dir, { ...toAnalyzeOptions(opts), onProgress: progress.onProgress })).analysis;
  } finally {
    progress.clear();
  }
}
