// The CLI: commander declares the commands; each command module is loaded only when it runs, so
// `carve --version` does not pay for the compiler, graphology or ink. Returns the exit code; only
// src/cli touches `process`.
import { Command, CommanderError, Option } from 'commander';
import { carveVersion } from '../shared/version.js';
import { addAnalysisOptions } from './analysis-options.js';
import { useCodeCache } from './code-cache.js';
import { parseCompare } from './parse-args.js';
import { reportError } from './report-error.js';
import { exitCodeAfterOutput, guardStandardStreams } from './std-streams.js';

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

type Run = (target: string, options: Record<string, unknown>) => Promise<number>;

/** The end of a command's help: a few command lines that show it in use. */
function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/** Wraps a lazily imported command so errors become one line and exit 2. */
function action(load: () => Promise<Run>, setExitCode: (code: number) => void) {
  return async (target: string, options: Record<string, unknown>, command: Command): Promise<void> => {
    const all = { ...options, debug: command.optsWithGlobals().debug === true };
    try {
      await useCodeCache(all, target);
      const run = await load();
      setExitCode(await run(target, all));
    } catch (error) {
      setExitCode(reportError(error, all.debug));
    }
  };
}

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('carve');
  program
    .description('Find the services hiding in a TypeScript monolith: contexts, a strangler-fig plan, and a PR gate.')
    .version(carveVersion(), '-V, --version')
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`carve: ${text}`) })
    .showSuggestionAfterError(true);

  addAnalysisOptions(
    program
      .command('analyze')
      .description('analyze a folder, print a summary, write reports to --out')
      .argument('[dir]', 'the project folder', '.'),
  )
    .option('-o, --out <dir>', 'where to write the reports', './carve-report')
    .addOption(new Option('--compare <partition>', "score the contexts against another partition: a JSON/TSV file of file -> group, 'config', or 'folders:<depth>'").argParser(parseCompare))
    .option('--json', 'print analysis.json to stdout instead of the summary')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--timings <file>', 'write the wall time of each stage (ms) as JSON to this file')
    .addHelpText('after', examples([
      'carve analyze                       analyze the current folder, reports to ./carve-report',
      'carve analyze apps/api --out report  one app of a monorepo',
      'carve analyze . --json | jq .metrics  the analysis on stdout',
    ]))
    .action(action(async () => (await import('./commands/analyze.js')).runAnalyze, setExitCode));

  addAnalysisOptions(
    program
      .command('plan')
      .description('print the ranked strangler-fig plan')
      .argument('[dir]', 'the project folder', '.'),
  )
    .option('--json', 'print the plan as JSON')
    .addHelpText('after', examples(['carve plan                 the ranked steps for the current folder', 'carve plan --json > plan.json']))
    .action(action(async () => (await import('./commands/plan.js')).runPlan, setExitCode));

  addAnalysisOptions(
    program
      .command('explore')
      .description('interactive terminal report over a folder or a saved analysis.json')
      .argument('[target]', 'a project folder or an analysis.json', '.'),
  ).addHelpText('after', examples(['carve explore                         analyze and explore the current folder', 'carve explore carve-report/analysis.json  explore a saved analysis']))
    .action(action(async () => (await import('./commands/explore.js')).runExplore, setExitCode));

  addAnalysisOptions(
    program
      .command('init')
      .description('write carve.config.json from the detected contexts')
      .argument('[dir]', 'the project folder', '.'),
  )
    .option('--force', 'overwrite an existing carve.config.json')
    .addHelpText('after', examples(['carve init                 write carve.config.json here', 'carve init apps/api --tsconfig apps/api/tsconfig.app.json']))
    .action(action(async () => (await import('./commands/init.js')).runInit, setExitCode));

  addAnalysisOptions(
    program
      .command('check')
      .description('fail (exit 1) when code crosses the agreed context boundaries')
      .argument('[dir]', 'the project folder', '.'),
    { clustering: false },
  )
    .option('--base <git-ref>', 'report only violations that are new since this git ref')
    .option(
      '--format <format>',
      'output format: pretty, json, github, sarif, junit or markdown; repeat it for several, and give all but one a file (sarif=carve.sarif)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--update-baseline', 'rewrite the baseline to exactly the current violations')
    .option('--strict-baseline', 'fail when the baseline holds entries that no longer occur (the ratchet only shrinks)')
    .option('--timings <file>', 'write the wall time of each stage (ms; the base\'s under "base", with files reused and parsed) as JSON to this file')
    .addHelpText('after', examples([
      'carve check                                          the gate, in the terminal',
      'carve check --base origin/main --format github --format sarif=carve.sarif   in CI: annotations and a SARIF file',
      'carve check --format markdown >> "$GITHUB_STEP_SUMMARY"   a step summary',
      'carve check --update-baseline                        accept today\'s violations',
    ]))
    .action(action(async () => (await import('./commands/check.js')).runCheck, setExitCode));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  guardStandardStreams();
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCodeAfterOutput(exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; every other commander error is bad usage.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return exitCodeAfterOutput(EXIT_OK);
      return EXIT_USAGE;
    }
    return reportError(error, argv.includes('--debug'));
  }
}
