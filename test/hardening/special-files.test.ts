// A committed FIFO, or a symlink to /dev/zero, under any name Carve reads (config-like files and
// sources) ends the run at once: exit 2 naming the file, or a warning, never a hang or gigabytes of
// memory. Runs the built CLI with a time bound, so a hang fails the test instead of stalling it. With
// the run's cache, as a user runs it: every project here is new, so nothing comes from the cache, and
// the cache's own reads (stat, hash) meet the special file too; the compiler's code cache is used.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extract, loadProjectLayout } from '../../src/extract/index.js';
import { isCliBuilt, runCli, type CliRun } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';
import { canMakeFifo, plantSpecial, type SpecialKind } from './special-files.js';

const scratch = useScratch('special-files');
const RUN_LIMIT_MS = 20_000;

const PROJECT: Record<string, string> = {
  'src/orders/order.ts': "import { notify } from '../mail/notify.js';\nexport const order = notify('placed');\n",
  'src/mail/notify.ts': 'export function notify(what: string): string {\n  return what;\n}\n',
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler' }, include: ['src'] }),
  'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['packages/*'] }),
  'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
  '.gitignore': 'dist/\n',
  'carve.config.json': JSON.stringify({ contexts: { orders: { paths: ['src/orders/**'], dependsOn: ['mail'] }, mail: { paths: ['src/mail/**'] } } }),
  'carve-baseline.json': JSON.stringify({ version: 1, violations: [] }),
};

function project(): string {
  const dir = scratch('repo');
  for (const [path, text] of Object.entries(PROJECT)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Ended by itself (no kill), with 0-2 and no internal error. */
function expectEnded(run: CliRun): void {
  expect(run.isTimedOut).toBe(false);
  expect(run.signal).toBeNull();
  expect([0, 1, 2]).toContain(run.exitCode);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
}

// Every config-like name with a FIFO, /dev/zero, a link out or a folder is the hostile-repository
// generator's (hostile-repo.test.ts: the names that stop a run, and those that only warn). Here: sources
// with and without a tsconfig, files named on the command line, and how warnings name files.
const KINDS: SpecialKind[] = ['dev-zero', 'fifo'];

describe.skipIf(!isCliBuilt())('a special file under a name Carve reads', () => {
  beforeAll(() => {
    if (!canMakeFifo()) KINDS.splice(KINDS.indexOf('fifo'), 1);
  });

  it('a source file that is a FIFO or a link to /dev/zero is skipped (with a warning when listed), with or without a tsconfig', async () => {
    for (const withTsconfig of [true, false]) {
      for (const kind of KINDS) {
        const dir = project();
        if (!withTsconfig) rmSync(join(dir, 'tsconfig.json'));
        plantSpecial(join(dir, 'src/mail/pipe.ts'), kind);
        const out = join(dir, '.carve-out');
        const run = await runCli(['analyze', dir, '--out', out], { timeoutMs: RUN_LIMIT_MS });
        expectEnded(run);
        expect(run.exitCode).toBe(0);
        const analysis = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as { diagnostics: { file: string | null; code: string }[] };
        const warning = analysis.diagnostics.find((diagnostic) => diagnostic.file === 'src/mail/pipe.ts');
        // With or without a tsconfig the folder walk sees it, so it is said, never silently dropped.
        const expected = kind === 'fifo' ? 'special-file' : 'link-outside-root';
        expect(warning?.code, `${kind}, tsconfig: ${withTsconfig}`).toBe(expected);
        const modules = (JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as { modules: { id: string }[] }).modules.map((module) => module.id);
        expect(modules).not.toContain('src/mail/pipe.ts');
      }
    }
  });
});

describe.skipIf(!isCliBuilt() || !canMakeFifo())('a FIFO named on the command line', () => {
  it('--compare <fifo> and explore <fifo> exit 2 instead of blocking', async () => {
    const dir = project();
    const fifo = join(scratch('named'), 'partition.json');
    plantSpecial(fifo, 'fifo');
    for (const args of [['analyze', dir, '--out', join(dir, '.carve-out'), '--compare', fifo], ['explore', fifo]]) {
      const run = await runCli(args, { timeoutMs: RUN_LIMIT_MS, env: { XDG_CACHE_HOME: join(dir, '.cache') } });
      expectEnded(run);
      expect(run.exitCode, `${args[0]}: ${run.stderr}`).toBe(2);
    }
  });
});

describe('warnings name files relative to the root, never by an absolute path', () => {
  it('a file that vanished between listing and reading', () => {
    const dir = project();
    const layout = loadProjectLayout(dir);
    rmSync(join(dir, 'src/mail/notify.ts'));
    const { diagnostics } = extract(layout);
    const warning = diagnostics.find((diagnostic) => diagnostic.file === 'src/mail/notify.ts');
    expect(warning?.code).toBe('unreadable');
    expect(JSON.stringify(diagnostics)).not.toContain(dir);
    expect(JSON.stringify(diagnostics)).not.toContain(layout.root);
  });

  it.skipIf(!isCliBuilt() || !canMakeFifo())('in analysis.json and report.md', async () => {
    const dir = project();
    plantSpecial(join(dir, 'src/mail/pipe.ts'), 'fifo');
    plantSpecial(join(dir, '.gitignore'), 'fifo');
    const out = join(dir, '.carve-out');
    const run = await runCli(['analyze', dir, '--out', out], { timeoutMs: RUN_LIMIT_MS });
    expectEnded(run);
    for (const file of ['analysis.json', 'report.md']) {
      expect(existsSync(join(out, file))).toBe(true);
      const text = readFileSync(join(out, file), 'utf8');
      expect(text).toContain('src/mail/pipe.ts');
      expect(text, file).not.toContain(dir);
    }
  });
});
