// `carve init [dir]`: write carve.config.json from the detected contexts, for people to edit and commit.
// Refuses to overwrite an existing config without --force. The only other file Carve writes into the
// analyzed repository is the baseline (`carve check --update-baseline`).
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { analyzeProject } from '../../analysis/analyze-project.js';
import { findViolations } from '../../check/index.js';
import { CONFIG_FILE_NAME, CONFIG_SCHEMA_IN_PACKAGE, configFromAnalysis, configSchemaUrl, parseConfig, renderConfig } from '../../config/index.js';
import { carveVersion } from '../../shared/version.js';
import { refuseNonRegularTarget, writeFileAtomic } from '../../shared/atomic-write.js';
import { CarveError } from '../../shared/errors.js';
import { isWithin, nearestAbove, repositoryRoot } from '../../shared/repository.js';
import { safeText } from '../../shared/safe-text.js';
import { toAnalyzeOptions, type AnalysisCommandOptions } from '../analysis-options.js';
import { createProgress } from '../progress.js';
import { withSignalsDeferred } from '../signals.js';

export interface InitCommandOptions extends AnalysisCommandOptions {
  force?: boolean;
}

export async function runInit(dir: string, options: Record<string, unknown>): Promise<number> {
  const opts = options as unknown as InitCommandOptions;
  // --config names the file to write; by default it is <dir>/carve.config.json.
  const target = opts.config ? resolve(opts.config) : resolve(dir, CONFIG_FILE_NAME);
  const shown = relative(process.cwd(), target) || target;
  if (existsSync(target) && !opts.force) {
    throw new CarveError('config-exists', `${shown} already exists`, 'pass --force to overwrite it, or edit it by hand');
  }
  refuseNonRegularTarget(target);

  const progress = createProgress(true);
  let text: string;
  let summary: string;
  try {
    const { config: _config, ...analysisOptions } = opts;
    // Propose from the code alone: an existing config (being overwritten) must not pin the answer.
    const { analysis } = await analyzeProject(dir, { ...toAnalyzeOptions(analysisOptions), ignoreConfig: true, onProgress: progress.onProgress });
    progress.clear();
    const config = configFromAnalysis(analysis, {
      ...(opts.include ? { include: opts.include } : {}),
      ...(opts.exclude ? { exclude: opts.exclude } : {}),
      tsconfig: tsconfigToWrite(dir, target, opts.tsconfig, analysis.summary.tsconfigs ?? []),
      schemaReference: schemaReference(dirname(target)),
    });
    text = renderConfig(config);
    // What is written must load: the same checks `carve check` will run.
    const written = parseConfig(text, shown);
    const names = Object.keys(written.contexts);
    const dataCrossings = findViolations(written, analysis).filter((violation) => violation.kind === 'data').length;
    const placed = new Set(analysis.contexts.flatMap((context) => context.modules));
    const unplaced = analysis.modules.filter((module) => !placed.has(module.id)).length;
    const lines = [
      `wrote ${safeText(shown)}: ${names.length} context${names.length === 1 ? '' : 's'}${names.length > 0 ? ` (${names.map(safeText).join(', ')})` : ''}, ${unplaced} of ${analysis.modules.length} files in no context`,
    ];
    if (unplaced > 0) {
      lines.push(
        `  ${unplaced} file${unplaced === 1 ? ' is' : 's are'} in no context: check fails on files in no context unless accepted; place ${unplaced === 1 ? 'it' : 'them'} under a context's paths, or accept today's with \`carve check --update-baseline\` (new ones will still fail)`,
      );
    }
    if (dataCrossings > 0) {
      lines.push(`  ${dataCrossings} data access${dataCrossings === 1 ? ' crosses' : 'es cross'} contexts today: fix them, or accept them with \`carve check --update-baseline\``);
    }
    lines.push(
      names.length === 0
        ? '  no contexts were detected: add them under "contexts" by hand, then commit the file'
        : '  next: list each context\'s public files under "expose", review dependsOn, and commit the file',
    );
    summary = `${lines.join('\n')}\n`;
  } finally {
    progress.clear();
  }
  await withSignalsDeferred(() => writeFileAtomic(target, text));
  process.stdout.write(summary);
  return 0;
}

/**
 * `$schema` for a config in `folder`: the schema of the Carve installed in the nearest node_modules
 * above it (relative, so it holds on every clone), else the stable URL of this version's schema, so
 * the editor finds it whether Carve is a dev dependency of this package, of the workspace root, or
 * run with npx.
 */
function schemaReference(folder: string): string {
  const start = existsSync(folder) ? realpathSync.native(folder) : resolve(folder);
  // Never above the repository: a path out of it would not hold on another clone.
  const schema = nearestAbove(start, repositoryRoot(start), join('node_modules', 'carve', CONFIG_SCHEMA_IN_PACKAGE));
  if (schema === null) return configSchemaUrl(carveVersion());
  const path = relative(start, schema).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * The tsconfig the analysis read, for the config's project.tsconfig, relative to the config file: the
 * --tsconfig given, else the only tsconfig in play; null with several in play (each file's nearest,
 * found again by zero config), or when the config lies outside the tsconfig's repository (a path
 * climbing out of it would not load).
 */
function tsconfigToWrite(dir: string, target: string, given: string | undefined, inPlay: readonly string[]): string | null {
  const root = realpathSync.native(resolve(dir));
  let absolute: string;
  if (given) absolute = existsSync(resolve(given)) ? resolve(given) : resolve(root, given);
  else if (inPlay.length === 1) absolute = resolve(root, inPlay[0]!);
  else return null;
  const configFolder = existsSync(dirname(target)) ? realpathSync.native(dirname(target)) : dirname(target);
  if (!isWithin(repositoryRoot(configFolder), absolute)) return null;
  return relative(configFolder, absolute).split(sep).join('/');
}
