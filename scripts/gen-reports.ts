/**
 * Writes reports/<fixture>/{analysis.json, report.md, contexts.dot} for every fixture project under
 * fixtures/ (a folder with expected.json and tsconfig.json that is not bad input by design), plus
 * reports/README.md, an index. With --check it writes nothing: it lists the stale, missing and
 * orphaned files and exits 1 if there are any. Same code, same bytes: no cache, no time, no absolute
 * paths. The fixture's expected.json `args` (e.g. --tsconfig) are honoured.
 *
 *   npm run build && node dist/scripts/gen-reports.js [--check]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { analyze } from '../src/analysis/index.js';
import { addAnalysisOptions, toAnalyzeOptions, type AnalysisCommandOptions } from '../src/cli/analysis-options.js';
import { renderReports } from '../src/report/index.js';
import { renderReportsIndex, type IndexEntry } from '../src/report/reports-index.js';
import type { Analysis } from '../src/shared/analysis.js';
import { compareStrings } from '../src/shared/sort.js';
import { runScript } from './lib/script-entry.js';

export const REPORTS_DIR = 'reports';
export const FIXTURES_DIR = 'fixtures';

/** The repository root, from scripts/ or dist/scripts/. */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join('dist', 'scripts')) ? resolve(here, '..', '..') : resolve(here, '..');
}

interface Expected {
  args?: string[];
  exitCode?: number;
}

export interface FixtureProject {
  /** Path under fixtures/, with '/'. */
  name: string;
  dir: string;
  args: string[];
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** Fixture folders with an expected.json and a tsconfig.json, except bad input that must exit 2. */
export function findFixtureProjects(root: string): FixtureProject[] {
  const found: FixtureProject[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name === 'expected.json')) {
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      if (existsSync(join(dir, 'tsconfig.json')) && expected.exitCode !== 2) {
        found.push({ name: toPosix(relative(join(root, FIXTURES_DIR), dir)), dir, args: expected.args ?? [] });
      }
      return;
    }
    for (const entry of entries) if (entry.isDirectory() && entry.name !== 'node_modules') walk(join(dir, entry.name));
  };
  walk(join(root, FIXTURES_DIR));
  return found.sort((a, b) => compareStrings(a.name, b.name));
}

/** The fixture's CLI arguments read by the CLI's own option declarations, without the facts cache. */
function optionsFor(args: string[]): ReturnType<typeof toAnalyzeOptions> {
  const command = addAnalysisOptions(new Command('carve').argument('[dir]')).exitOverride();
  command.parse(['--no-cache', ...args], { from: 'user' });
  return toAnalyzeOptions(command.opts<AnalysisCommandOptions>());
}

/** Report path (under reports/, with '/') -> content, for every fixture project. */
export function generateReports(root: string = repoRoot()): Map<string, string> {
  const files = new Map<string, string>();
  const index: IndexEntry[] = [];
  for (const fixture of findFixtureProjects(root)) {
    const { analysis } = analyze(fixture.dir, optionsFor(fixture.args));
    for (const report of renderReports(analysis)) files.set(`${fixture.name}/${report.path}`, report.content);
    index.push({ name: fixture.name, analysis: analysis as Analysis });
  }
  files.set('README.md', renderReportsIndex(index));
  return new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
}

function existingFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile: () => boolean }>)
    .filter((entry) => entry.isFile())
    .map((entry) => toPosix(relative(dir, join(entry.parentPath, entry.name))))
    .sort(compareStrings);
}

/** What differs between the generated reports and reports/: stale, missing, or no longer generated. */
export function staleReports(root: string, generated: ReadonlyMap<string, string>): string[] {
  const dir = join(root, REPORTS_DIR);
  const stale: string[] = [];
  for (const [path, content] of generated) {
    const target = join(dir, path);
    if (!existsSync(target)) stale.push(`${REPORTS_DIR}/${path} (missing)`);
    else if (readFileSync(target, 'utf8') !== content) stale.push(`${REPORTS_DIR}/${path} (stale)`);
  }
  for (const path of existingFiles(dir)) if (!generated.has(path)) stale.push(`${REPORTS_DIR}/${path} (no longer generated)`);
  return stale.sort(compareStrings);
}

/** Writes every report and removes files under reports/ that are no longer generated. */
export function writeGeneratedReports(root: string, generated: ReadonlyMap<string, string>): number {
  const dir = join(root, REPORTS_DIR);
  for (const path of existingFiles(dir)) if (!generated.has(path)) rmSync(join(dir, path));
  for (const [path, content] of generated) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return generated.size;
}

export function main(argv: string[], root: string = repoRoot()): number {
  const generated = generateReports(root);
  if (argv.includes('--check')) {
    const stale = staleReports(root, generated);
    if (stale.length === 0) {
      process.stdout.write(`reports: ${generated.size} files up to date\n`);
      return 0;
    }
    process.stderr.write(`reports: ${stale.length} file(s) out of date; run \`npm run reports\`:\n${stale.map((line) => `  ${line}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`reports: wrote ${writeGeneratedReports(root, generated)} files under ${REPORTS_DIR}/\n`);
  return 0;
}

runScript(import.meta.url, 'gen-reports', main);
