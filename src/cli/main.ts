// The CLI: commander declares the commands; each command module is loaded only when it runs, so
// `carve --version` does not pay for the compiler, graphology or ink. Returns the exit code; only
// src/cli touches `process`.
import { Command, CommanderError, Option } from 'commander';
import { carveVersion } from '../shared/version.js';
import { reportError } from './report-error.js';

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_USAGE = 2;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('carve');
  program
    .description('Find the services hiding in a TypeScript monolith.')
    .version(carveVersion(), '-V, --version')
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`carve: ${text.replace(/^error: /, 'error: ')}`) })
    .showSuggestionAfterError(true);

  program
    .command('analyze')
    .description('analyze a folder, print a summary, write reports to --out')
    .argument('[dir]', 'the project folder', '.')
    .option('--tsconfig <file>', 'tsconfig to read (default: <dir>/tsconfig.json)')
    .option('-o, --out <dir>', 'where to write the reports', './carve-report')
    .option('--include <glob...>', 'only analyze files matching these globs (relative to dir)')
    .option('--exclude <glob...>', 'leave out files matching these globs (relative to dir)')
    .option('--include-tests', 'also analyze test files (*.spec.ts, __tests__/ ...)')
    .addOption(new Option('--max-file-size <bytes>', 'skip files larger than this').argParser(parsePositiveInt))
    .addOption(new Option('--max-files <n>', 'refuse to analyze more files than this').argParser(parsePositiveInt).default(50_000))
    .option('--json', 'print analysis.json to stdout instead of the summary')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (dir: string, options: Record<string, unknown>, command: Command) => {
      const { runAnalyze } = await import('./commands/analyze.js');
      setExitCode(await runAnalyze(dir, { ...options, debug: command.optsWithGlobals().debug }));
    });
  return program;
}

export function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new CommanderError(EXIT_USAGE, 'carve.invalidArgument', `error: '${value}' is not a positive whole number`);
  return parsed;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; every other commander error is bad usage.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return EXIT_OK;
      if (error.code === 'carve.invalidArgument') process.stderr.write(`carve: ${error.message}\n`);
      return EXIT_USAGE;
    }
    return reportError(error, debug);
  }
}
