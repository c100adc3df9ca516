// Hostile repositories from the generator in hostile-repo.ts, run through the built CLI as CI would
// run Carve on a pull request: every special file under every name Carve reads, symlinks out of the
// root, git settings that name commands. Each run must end by itself (a hang is killed and fails),
// with exit 0, 1 or 2 (2: one `carve: error:` line, no stack), in bounded memory, echoing no secret,
// running nothing (no marker) and writing nothing in the repository or outside --out and the cache.
// A FIFO or /dev/zero can hang a run or fill its memory, so those runs get a process of their own
// (killed on a hang, peak memory measured); a link to a file outside and a folder where a file is
// expected cannot, and run in this process (runCliInProcess), as does the clean base project.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCliBuilt, runCli, runCliInProcess, type CliRun } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';
import {
  HOSTILE_GITATTRIBUTES,
  NAMES_READ_WITH_A_WARNING,
  NAMES_THAT_STOP_A_RUN,
  PLANTS,
  SECRET,
  plantEscapingLinks,
  plantHostileGitConfig,
  plantSpecialFile,
  writeBaseProject,
  type HostileLayout,
  type Plant,
} from './hostile-repo.js';

const scratch = useScratch('hostile-repo');
/** Generous: a tiny repository takes well under a second; only a hang or a runaway read gets here. */
const HANG_MS = 30_000;
/** A tiny repository needs about 150 MB; reading /dev/zero took gigabytes. */
const MAX_RSS_MB = 700;

let preload: string;
let home: string;

beforeAll(() => {
  if (!isCliBuilt()) throw new Error('build the CLI first (npm run build)');
  const dir = scratch('preload');
  preload = join(dir, 'max-rss.cjs');
  // Records the run's peak memory when it exits (process.exit included).
  writeFileSync(preload, "process.on('exit', () => { if (process.env.CARVE_TEST_RSS_FILE) require('node:fs').writeFileSync(process.env.CARVE_TEST_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n");
  home = scratch('home');
});

function layoutIn(dir: string): HostileLayout {
  return { repo: join(dir, 'repo'), outside: join(dir, 'outside') };
}

/** Every path under `dir` with its size and mtime (special files by kind), for "nothing changed". */
function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const visit = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const key = relative(dir, path);
      let stat;
      try {
        stat = statSync(path, { throwIfNoEntry: false });
      } catch {
        stat = undefined;
      }
      if (!stat) entries.set(key, 'dangling');
      else if (stat.isDirectory()) {
        entries.set(key, 'dir');
        if (!key.includes('proc-link') && !key.startsWith('.git')) visit(path);
      } else entries.set(key, stat.isFile() ? `file ${stat.size} ${stat.mtimeMs}` : 'special');
    }
  };
  visit(dir);
  return entries;
}

interface HostileRun extends CliRun {
  maxRssMb: number | null;
}

/** Plants that can hang a run or exhaust its memory: only a process of its own can be killed or measured. */
const needsProcess = (plant: Plant): boolean => plant === 'fifo' || plant === 'dev-zero';

async function runHostile(dir: string, args: string[], inProcess = false): Promise<HostileRun> {
  if (inProcess) {
    const run = await runCliInProcess(args, { cwd: dir, env: { HOME: home, XDG_CACHE_HOME: join(home, 'cache') } });
    return { ...run, maxRssMb: null };
  }
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const run = await runCli(args, {
    // From outside the repository, as CI runs `carve check path`: Node itself reads the package.json
    // of its working folder when a --require preload is given, which would hang on a planted FIFO.
    cwd: dir,
    timeoutMs: HANG_MS,
    env: {
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_CONFIG_HOME: join(home, 'config'),
      NODE_OPTIONS: `--require ${preload}`,
      CARVE_TEST_RSS_FILE: rssFile,
    },
  });
  const maxRssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : null;
  return { ...run, maxRssMb };
}

/** What every run on hostile input must hold, whatever its verdict. */
function expectContained(run: HostileRun, what: string): void {
  expect(run.isTimedOut, `${what}: hung (killed after ${HANG_MS} ms)`).toBe(false);
  expect([0, 1, 2], `${what}: exit ${run.exitCode}, stderr: ${run.stderr.slice(0, 300)}`).toContain(run.exitCode);
  expect(run.stderr, `${what}: stack trace`).not.toMatch(/\n\s+at /);
  expect(run.stderr, `${what}: internal error`).not.toContain('internal error');
  if (run.exitCode === 2) expect(run.stderr.trim().split('\n').filter((line) => line.startsWith('carve: error:')), what).toHaveLength(1);
  expect(run.stdout + run.stderr, `${what}: echoed the secret`).not.toContain(SECRET);
  expect(run.maxRssMb ?? 0, `${what}: peak memory`).toBeLessThan(MAX_RSS_MB);
}

function expectNoSecretIn(outDir: string, what: string): void {
  if (!existsSync(outDir)) return;
  for (const name of readdirSync(outDir)) expect(readFileSync(join(outDir, name), 'utf8'), `${what}: ${name} holds the secret`).not.toContain(SECRET);
}

/**
 * Runs check (the gate, which reads every config-like file: config, baseline, tsconfig chain,
 * manifests, .gitignore) and, with `withAnalyze`, analyze on one generated repository.
 */
async function runContained(dir: string, what: string, withAnalyze: boolean, inProcess = false): Promise<HostileRun> {
  const layout = layoutIn(dir);
  const before = snapshot(layout.repo);
  const outsideBefore = snapshot(layout.outside);
  if (withAnalyze) {
    const out = join(dir, 'out');
    const analyzed = await runHostile(dir, ['analyze', 'repo', '--out', out, '--quiet'], inProcess);
    expectContained(analyzed, `${what}, analyze`);
    expectNoSecretIn(out, `${what}, analyze`);
  }
  const checked = await runHostile(dir, ['check', 'repo', '--format', 'json'], inProcess);
  expectContained(checked, `${what}, check`);
  expect(snapshot(layout.repo), `${what}: the repository changed`).toEqual(before);
  expect(snapshot(layout.outside), `${what}: outside the repository changed`).toEqual(outsideBefore);
  return checked;
}

describe('a special file under every name Carve reads', () => {
  const stopping = NAMES_THAT_STOP_A_RUN.flatMap((name) => PLANTS.map((plant): [Plant, string] => [plant, name]));

  it.each(stopping)('%s as %s: check refuses in one line (exit 2), bounded, no secret, nothing written', async (plant: Plant, name: string) => {
    const dir = scratch('special');
    const layout = layoutIn(dir);
    writeBaseProject(layout);
    plantSpecialFile(layout, name, plant);
    const run = await runContained(dir, `${plant} as ${name}`, false, !needsProcess(plant));
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain(name.split('/').pop());
  });

  // One repository per kind of special file, planted under every name Carve can do without at once:
  // the run must reach each of them (no early refusal) and name each in a warning.
  it.each([...PLANTS])('%s under every other name at once: warnings name each, the run goes on', async (plant: Plant) => {
    const dir = scratch('special-all');
    const layout = layoutIn(dir);
    writeBaseProject(layout);
    for (const name of NAMES_READ_WITH_A_WARNING) plantSpecialFile(layout, name, plant);
    const run = await runContained(dir, `${plant} under every other name`, true, !needsProcess(plant));
    expect([0, 1], run.stderr).toContain(run.exitCode);
    const analysis = JSON.parse(readFileSync(join(dir, 'out', 'analysis.json'), 'utf8')) as { diagnostics: { file?: string; message: string }[] };
    const warned = analysis.diagnostics.map((diagnostic) => `${diagnostic.file ?? ''} ${diagnostic.message}`).join('\n');
    // A folder named like a source file is only a folder, walked like any other: nothing to say.
    const named = NAMES_READ_WITH_A_WARNING.filter((name) => plant !== 'folder' || !name.endsWith('.ts'));
    for (const name of named) expect(warned, `${plant} as ${name} left out without a word`).toContain(name);
  });

  it('the clean base project analyzes and checks without errors (the attacks above start from a valid project)', async () => {
    const dir = scratch('clean');
    writeBaseProject(layoutIn(dir));
    const run = await runHostile(dir, ['check', 'repo', '--format', 'json'], true);
    expect(run.exitCode, run.stderr).toBe(0);
    const analyzed = await runHostile(dir, ['analyze', 'repo', '--json'], true);
    expect(analyzed.exitCode, analyzed.stderr).toBe(0);
    const analysis = JSON.parse(analyzed.stdout) as { modules: { id: string }[] };
    expect(analysis.modules.map((module) => module.id)).toEqual(
      expect.arrayContaining(['src/orders/order.service.ts', 'src/notifications/notify.ts', 'packages/util/src/index.ts']),
    );
  });
});

describe('symlinks out of the root', () => {
  it('a source folder linked to /proc and one to a folder outside: never walked, never read', async () => {
    const dir = scratch('escape');
    const layout = layoutIn(dir);
    writeBaseProject(layout);
    plantEscapingLinks(layout);
    await runContained(dir, 'escaping links', true);
    const analysis = JSON.parse(readFileSync(join(dir, 'out', 'analysis.json'), 'utf8')) as { modules: { id: string }[] };
    expect(analysis.modules.map((module) => module.id).filter((id) => /proc-link|away-link|stolen/.test(id))).toEqual([]);
  });
});

describe('git settings that name commands', () => {
  it('check --base and analyze --history run no filter, hook, fsmonitor, textconv, external diff or pager', async () => {
    const dir = scratch('git');
    const layout = layoutIn(dir);
    writeBaseProject(layout);
    const git = (args: string[]): void => {
      execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], {
        cwd: layout.repo,
        stdio: 'ignore',
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      });
    };
    writeFileSync(join(layout.repo, '.gitattributes'), HOSTILE_GITATTRIBUTES);
    git(['init', '-q']);
    git(['add', '-A']);
    git(['commit', '-qm', 'base']);
    // The pull request: a new import across contexts (orders may not use util), so check --base has something new to report.
    writeFileSync(join(layout.repo, 'src', 'orders', 'order-id.ts'), "import { id } from '../../packages/util/src/index';\nexport const orderId = (n: number): number => id(n);\n");
    git(['add', '-A']);
    git(['commit', '-qm', 'change']);
    const hostileGit = plantHostileGitConfig(layout.repo, join(layout.outside, 'markers'), (key, value) => git(['config', key, value]));
    const runs = [await runHostile(dir, ['check', 'repo', '--base', 'HEAD~1', '--format', 'json']), await runHostile(dir, ['analyze', 'repo', '--history', '10', '--json'])];
    for (const run of runs) expectContained(run, 'hostile git config');
    expect(runs[0]!.exitCode, runs[0]!.stderr).toBe(1);
    expect(hostileGit.markers(), 'git ran a command named by the repository').toEqual([]);
  });
});
