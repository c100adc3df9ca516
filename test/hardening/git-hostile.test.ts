// A repository whose git config names commands (filters, fsmonitor, hooks, external diff, textconv,
// pagers, gpg, credential helpers, an ext:: transport for a partial clone's lazy fetch) and files git
// would read (a FIFO as diff.orderFile and mailmap.file): `check --base` and `analyze --history` run
// none of them, hang on none, and still give the answer of a harmless repository. A signal during
// `check --base` leaves no copy of the base behind, and neither does any other way the run ends.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError, runGit } from '../../src/shared/git.js';
import { CLEAN_SHOP, UNDECLARED_CONTEXT, UNEXPOSED_IMPORT } from '../check/helpers/shop.js';
import { HOSTILE_GITATTRIBUTES, makeLazyPartialClone, plantHostileGitConfig, type HostileGit } from '../helpers/hostile-git.js';
import { builtCliEntry, carveBin, isCliBuilt, repoRoot, runCli, runCliInProcess, type CliRun } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';
import { createTmpGitRepo, type TmpGitRepo } from '../helpers/tmp-git-repo.js';

const scratch = useScratch('git-hostile');
const repos: TmpGitRepo[] = [];
beforeAll(() => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the hardening tests`);
});
afterAll(() => {
  for (const repo of repos) repo.dispose();
});

/** The shop with an old crossing at the base (HEAD~1) and a new one at HEAD, every file through the evil drivers. */
function shopWithTwoCommits(): TmpGitRepo {
  const repo = createTmpGitRepo({ ...CLEAN_SHOP, ...UNEXPOSED_IMPORT, '.gitattributes': HOSTILE_GITATTRIBUTES }, 'carve-git-hostile-');
  repos.push(repo);
  repo.commit('base: an old crossing');
  repo.write(UNDECLARED_CONTEXT);
  repo.commit('change: a new crossing');
  return repo;
}

function plant(repo: TmpGitRepo): HostileGit {
  const hostile = plantHostileGitConfig(repo.dir, join(scratch('markers'), 'ran'), (key, value) => repo.git(['config', key, value]));
  expect(hostile.markers(), 'planting ran nothing').toEqual([]);
  return hostile;
}

/** Runs the CLI with its own TMPDIR (so a left-over copy of the base can be listed) and no cache. */
function carve(args: string[], tmp: string): Promise<CliRun> {
  return runCli([...args, '--no-cache'], { env: { TMPDIR: tmp, CI: '1' }, timeoutMs: 30_000 });
}

/** The harmless answer, before the config is planted: the built CLI's main in this process. */
function carveHarmless(args: string[], tmp: string): Promise<CliRun> {
  return runCliInProcess([...args, '--no-cache'], { env: { TMPDIR: tmp, CI: '1' } });
}

const baseCopies = (tmp: string): string[] => readdirSync(tmp).filter((name) => name.startsWith('carve-base-'));

function describeRun(run: CliRun): string {
  return `exit ${run.exitCode}, signal ${run.signal}, timed out ${run.isTimedOut}; stdout: ${run.stdout.slice(0, 2000)}; stderr: ${run.stderr.slice(0, 1000)}`;
}

function newViolations(run: CliRun): { from: string; to: string; rule: string }[] {
  return (JSON.parse(run.stdout) as { violations: { from: string; to: string; rule: string }[] }).violations.map(({ from, to, rule }) => ({ from, to, rule }));
}

describe('hostile git config', () => {
  it('check --base runs nothing the repository names and reports only the new crossing', async () => {
    const repo = shopWithTwoCommits();
    const tmp = scratch('tmp');
    const harmless = await carveHarmless(['check', repo.dir, '--base', 'HEAD~1', '--format', 'json'], tmp);
    expect(harmless.exitCode, describeRun(harmless)).toBe(1);
    const hostile = plant(repo);
    const run = await carve(['check', repo.dir, '--base', 'HEAD~1', '--format', 'json'], tmp);
    expect(hostile.markers(), 'git ran a command named by the repository').toEqual([]);
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(newViolations(run)).toEqual([{ from: 'src/billing/quote.ts', to: 'src/catalog/index.ts', rule: 'depends-on' }]);
    expect(run.stdout).toBe(harmless.stdout);
    expect(baseCopies(tmp), 'the copy of the base is removed after exit 1').toEqual([]);
  });

  it('analyze --history runs nothing, reads no FIFO the config names, and gives the harmless answer', async () => {
    const repo = shopWithTwoCommits();
    const tmp = scratch('tmp');
    const args = ['analyze', repo.dir, '--history', '10', '--json', '--out', scratch('out')];
    const harmless = await carveHarmless(args, tmp);
    expect(harmless.exitCode, describeRun(harmless)).toBe(0);
    const hostile = plant(repo);
    const run = await carve(args, tmp);
    expect(hostile.markers(), 'git ran a command named by the repository').toEqual([]);
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.stdout).toBe(harmless.stdout);
  });

  it('a missing base object of a partial clone is not fetched: exit 2, no transport run', async () => {
    const repo = shopWithTwoCommits();
    const tmp = scratch('tmp');
    const hostile = plant(repo);
    const blob = repo.git(['rev-parse', 'HEAD~1:src/catalog/pricing.ts']);
    makeLazyPartialClone(repo.dir, [blob], (key, value) => repo.git(['config', key, value]));
    const run = await carve(['check', repo.dir, '--base', 'HEAD~1', '--format', 'json'], tmp);
    expect(hostile.markers(), 'git ran a command named by the repository').toEqual([]);
    expect(run.exitCode, describeRun(run)).toBe(2);
    expect(run.stderr).toMatch(/^carve: error: could not read the base from git: .*\n/);
    expect(baseCopies(tmp), 'the copy of the base is removed after an error').toEqual([]);
  });
});

describe('the git runner', () => {
  it('kills a git that hangs (a config include naming a FIFO) and says so', () => {
    const repo = createTmpGitRepo({ 'a.ts': 'export {};\n' }, 'carve-git-hostile-');
    repos.push(repo);
    const fifo = join(scratch('fifo'), 'config-pipe');
    repo.git(['config', 'include.path', fifo]);
    execFileSync('mkfifo', [fifo]);
    let failure: unknown;
    try {
      runGit(repo.dir, ['rev-parse', '--show-toplevel'], { timeoutMs: 500 });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(GitError);
    expect((failure as GitError).isTimedOut).toBe(true);
  });

  it("ignores git's variables of the caller's environment (a hook's GIT_DIR, GIT_CONFIG_PARAMETERS)", () => {
    const repo = createTmpGitRepo({ 'a.ts': 'export {};\n' }, 'carve-git-hostile-');
    repos.push(repo);
    const marker = join(scratch('env'), 'ran');
    const saved = { ...process.env };
    try {
      process.env.GIT_DIR = '/nonexistent';
      process.env.GIT_CONFIG_PARAMETERS = `'core.pager'='touch ${marker}'`;
      process.env.GIT_CONFIG_COUNT = '1';
      process.env.GIT_CONFIG_KEY_0 = 'core.fsmonitor';
      process.env.GIT_CONFIG_VALUE_0 = `touch ${marker}`;
      expect(runGit(repo.dir, ['rev-parse', '--show-toplevel']).toString().trim()).toBe(repo.dir);
    } finally {
      for (const name of ['GIT_DIR', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe('a signal during check --base', () => {
  let repo: TmpGitRepo;
  beforeAll(() => {
    // Big enough that writing and analyzing the copy of the base takes a while (hundreds of files).
    const files: Record<string, string> = { ...CLEAN_SHOP };
    for (let i = 0; i < 400; i++) {
      files[`src/catalog/generated/part${i}.ts`] = `import { price } from '../pricing.js';\nexport const part${i} = (sku: string): number => price(sku) + ${i};\n`;
    }
    repo = createTmpGitRepo(files, 'carve-git-signal-');
    repos.push(repo);
    repo.commit('base');
    repo.write(UNDECLARED_CONTEXT);
    repo.commit('change');
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s while the base is read leaves no /tmp/carve-base-* behind', async (signal) => {
    const tmp = scratch('tmp');
    // With the run's cache: after the first signal, the work tree's analysis comes from it and the
    // base (never cached) is reached sooner.
    const child = spawn(process.execPath, [carveBin, 'check', repo.dir, '--base', 'HEAD~1', '--format', 'json'], {
      cwd: repoRoot,
      stdio: 'ignore',
      env: { ...process.env, TMPDIR: tmp, CI: '1' },
    });
    let sent = false;
    const poll = setInterval(() => {
      if (!sent && baseCopies(tmp).length > 0) {
        sent = true;
        child.kill(signal);
      }
    }, 2);
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('close', (code, received) => resolve({ code, signal: received }));
    });
    clearInterval(poll);
    expect(sent, `the base copy never appeared (${JSON.stringify(ended)})`).toBe(true);
    expect(ended).toEqual({ code: null, signal });
    expect(baseCopies(tmp)).toEqual([]);
  });
});
