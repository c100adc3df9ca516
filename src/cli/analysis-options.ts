// The options every command that runs an analysis shares (analyze, plan, init, check, explore),
// declared once and turned into AnalyzeOptions once.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { AnalyzeOptions } from '../analysis/index.js';
import { parsePositiveInt, parsePositiveNumber, parseShare } from './parse-args.js';

/**
 * The analysis options on a command. `clustering: false` (check, which places files by the config's
 * globs and never clusters) leaves out the options that only steer clustering, so help lists only
 * what the command uses.
 */
export function addAnalysisOptions(command: Command, { clustering = true }: { clustering?: boolean } = {}): Command {
  command
    .option('--tsconfig <file>', 'tsconfig to read (default: <dir>/tsconfig.json)')
    .option('--config <file>', 'carve.config.json to read (default: <dir>/carve.config.json)');
  if (clustering) command.option('--ignore-config', 'cluster without the contexts pinned by carve.config.json');
  command
    .option('--include <glob...>', 'only analyze files matching these globs (relative to dir)')
    .option('--exclude <glob...>', 'leave out files matching these globs (relative to dir)')
    .option('--include-tests', 'also analyze test files (*.spec.ts, __tests__/ ...)');
  if (clustering) {
    command
      .addOption(new Option('--history <commits>', 'add co-change edges from the last N git commits').argParser(parsePositiveInt))
      .addOption(new Option('--resolution <n>', 'Louvain resolution: higher gives more, smaller contexts').argParser(parsePositiveNumber))
      .addOption(new Option('--kernel-threshold <share>', 'share of contexts (in (0, 1]) that must import a file for it to count as shared kernel').argParser(parseShare));
  }
  return command
    .addOption(new Option('--max-file-size <bytes>', 'skip files larger than this').argParser(parsePositiveInt))
    .addOption(new Option('--max-files <n>', 'refuse to analyze more files than this').argParser(parsePositiveInt).default(50_000))
    .option('--cache-dir <dir>', 'where per-file facts are cached (default: $XDG_CACHE_HOME/carve or ~/.cache/carve)')
    .option('--no-cache', 'read every file afresh and write no cache');
}

export interface AnalysisCommandOptions {
  tsconfig?: string;
  config?: string;
  ignoreConfig?: boolean;
  include?: string[];
  exclude?: string[];
  includeTests?: boolean;
  history?: number;
  resolution?: number;
  kernelThreshold?: number;
  maxFileSize?: number;
  maxFiles?: number;
  cacheDir?: string;
  cache?: boolean;
  compare?: string;
}

export function toAnalyzeOptions(opts: AnalysisCommandOptions): AnalyzeOptions {
  const options: AnalyzeOptions = {};
  if (opts.tsconfig) options.tsconfig = opts.tsconfig;
  if (opts.config) options.configPath = opts.config;
  if (opts.ignoreConfig) options.ignoreConfig = true;
  if (opts.include) options.include = opts.include;
  if (opts.exclude) options.exclude = opts.exclude;
  if (opts.includeTests) options.includeTests = true;
  if (opts.history !== undefined) options.history = opts.history;
  if (opts.resolution !== undefined) options.resolution = opts.resolution;
  if (opts.kernelThreshold !== undefined) options.kernelThreshold = opts.kernelThreshold;
  if (opts.maxFileSize !== undefined) options.maxFileBytes = opts.maxFileSize;
  if (opts.maxFiles !== undefined) options.maxFiles = opts.maxFiles;
  if (opts.compare) options.compare = opts.compare;
  if (opts.cache !== false) options.cacheDir = opts.cacheDir ?? defaultCacheDir();
  return options;
}

/** $XDG_CACHE_HOME/carve, else ~/.cache/carve: the user's cache, never the analyzed repository. */
export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return xdg && xdg.startsWith('/') ? join(xdg, 'carve') : join(homedir(), '.cache', 'carve');
}
