// Interrupts: SIGINT or SIGKILL at any moment of `analyze --out`, `init` or `check --update-baseline`
// leaves every file either as it was or complete (byte-equal to an uninterrupted run: the output is
// deterministic), and SIGINT leaves no temp file; two runs into one --out end with one complete set;
// a corrupt facts cache is rebuilt, and a crafted one is ignored.
// Runs that are not interrupted and read no code cache (the reference, the setups, the run after a
// kill, the crafted data files) go through the built CLI's main in this process (runCliInProcess).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesRoot } from '../helpers/fixtures.js';
import { carveBin, repoRoot, runCli, runCliInProcess } from '../helpers/run-cli.js';

const REPORTS = ['analysis.json', 'report.md', 'contexts.dot'];
const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carve-interrupt-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const shop = join(fixturesRoot, 'shop');
let reference: Record<string, Buffer> = {};
beforeAll(async () => {
  const out = tempDir();
  const run = await runCliInProcess(['analyze', shop, '--out', out, '--no-cache', '--quiet']);
  expect(run.exitCode).toBe(0);
  reference = Object.fromEntries(REPORTS.map((name) => [name, readFileSync(join(out, name))]));
});

interface Interrupted {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs the CLI and sends `signal` after `delayMs`. */
function runInterrupted(args: string[], signal: NodeJS.Signals, delayMs: number): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [carveBin, ...args], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, CI: '1' } });
    const timer = setTimeout(() => child.kill(signal), delayMs);
    child.on('error', reject);
    child.on('close', (code, received) => {
      clearTimeout(timer);
      resolve({ code, signal: received });
    });
  });
}

const tempFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('.carve-tmp-')) : []);

/** Every report present is byte-equal to the uninterrupted run's. */
function partialReportProblems(out: string): string[] {
  return REPORTS.filter((name) => existsSync(join(out, name)) && !readFileSync(join(out, name)).equals(reference[name]!)).map(
    (name) => `${name} differs from a complete run`,
  );
}

const DELAYS = [150, 450, 750, 1050];

describe('analyze --out interrupted', () => {
  it.each(DELAYS)('SIGINT after %i ms: complete reports or none, no temp file', async (delay) => {
    const out = tempDir();
    const result = await runInterrupted(['analyze', shop, '--out', out, '--no-cache', '--quiet'], 'SIGINT', delay);
    expect(result.code === 0 || result.signal === 'SIGINT', JSON.stringify(result)).toBe(true);
    expect(tempFiles(out)).toEqual([]);
    expect(partialReportProblems(out)).toEqual([]);
    if (result.code === 0) expect(REPORTS.every((name) => existsSync(join(out, name)))).toBe(true);
  });

  it.each(DELAYS)('SIGKILL after %i ms: no partial report; the next run sweeps any temp file', async (delay) => {
    const out = tempDir();
    await runInterrupted(['analyze', shop, '--out', out, '--no-cache', '--quiet'], 'SIGKILL', delay);
    expect(partialReportProblems(out)).toEqual([]);
    // A dead process's temp file, as a kill mid-write leaves it.
    writeFileSync(join(out, '.carve-tmp-999999999-0-report.md'), 'half');
    // The next run may use the cache: what it must do is sweep the temp file and write complete reports.
    const again = await runCliInProcess(['analyze', shop, '--out', out, '--quiet']);
    expect(again.exitCode).toBe(0);
    expect(tempFiles(out)).toEqual([]);
    expect(partialReportProblems(out)).toEqual([]);
  });
});

describe('signals during the writes themselves', () => {
  it('a SIGINT that arrives mid-write waits for the renames, then ends the process by SIGINT', () => {
    const out = tempDir();
    // Calls the built helpers directly, so the signal lands inside the synchronous writes every time.
    const script = `
      import { withSignalsDeferred } from ${JSON.stringify(join(repoRoot, 'dist/src/cli/signals.js'))};
      import { writeFileAtomic } from ${JSON.stringify(join(repoRoot, 'dist/src/shared/atomic-write.js'))};
      await withSignalsDeferred(() => {
        writeFileAtomic(${JSON.stringify(join(out, 'a.txt'))}, 'a'.repeat(1 << 20));
        process.kill(process.pid, 'SIGINT');
        for (let i = 0; i < 20; i++) writeFileAtomic(${JSON.stringify(out)} + '/f' + i + '.txt', String(i).repeat(1 << 20));
      });
      console.log('not reached');
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.signal).toBe('SIGINT');
    expect(run.stdout).not.toContain('not reached');
    expect(tempFiles(out)).toEqual([]);
    for (let i = 0; i < 20; i++) expect(readFileSync(join(out, `f${i}.txt`), 'utf8')).toBe(String(i).repeat(1 << 20));
  });
});

describe('init and check --update-baseline interrupted', () => {
  // Computed once for every delay: the shop with a config (as init writes it), the config an
  // uninterrupted `init --force` writes, and the baseline an uninterrupted --update-baseline writes.
  let configured = '';
  let completeConfig = Buffer.alloc(0);
  let completeBaseline = Buffer.alloc(0);
  beforeAll(async () => {
    configured = tempDir();
    cpSync(shop, configured, { recursive: true });
    expect((await runCliInProcess(['init', configured, '--no-cache'])).exitCode).toBe(0);
    completeConfig = readFileSync(join(configured, 'carve.config.json'));
    const fresh = tempDir();
    cpSync(configured, fresh, { recursive: true });
    expect((await runCliInProcess(['check', fresh, '--update-baseline', '--no-cache', '--format', 'json'])).exitCode).toBe(0);
    completeBaseline = readFileSync(join(fresh, 'carve-baseline.json'));
  });

  it.each([300, 800])('init --force with SIGINT after %i ms leaves the old config or the whole new one', async (delay) => {
    const dir = tempDir();
    cpSync(shop, dir, { recursive: true });
    writeFileSync(join(dir, 'carve.config.json'), '{"contexts": {}}\n');
    await runInterrupted(['init', dir, '--force', '--no-cache'], 'SIGINT', delay);
    const after = readFileSync(join(dir, 'carve.config.json'));
    expect(after.equals(completeConfig) || after.toString() === '{"contexts": {}}\n').toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });

  it.each([300, 800])('check --update-baseline with SIGINT after %i ms leaves no baseline or the whole one', async (delay) => {
    const dir = tempDir();
    cpSync(configured, dir, { recursive: true });
    await runInterrupted(['check', dir, '--update-baseline', '--no-cache', '--format', 'json'], 'SIGINT', delay);
    if (existsSync(join(dir, 'carve-baseline.json'))) expect(readFileSync(join(dir, 'carve-baseline.json')).equals(completeBaseline)).toBe(true);
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('two runs into one --out', () => {
  it('both succeed and leave one complete set of reports, no temp file', async () => {
    const out = tempDir();
    const runs = await Promise.all([0, 1].map(() => runCli(['analyze', shop, '--out', out, '--no-cache', '--quiet'])));
    expect(runs.map((run) => run.exitCode)).toEqual([0, 0]);
    expect(tempFiles(out)).toEqual([]);
    for (const name of REPORTS) expect(readFileSync(join(out, name)).equals(reference[name]!), name).toBe(true);
  });
});

describe('a corrupt cache (facts, results and the compiler\'s code cache)', () => {
  // One cache filled by a run of the shop, copied for each case (a data file's tag binds its name,
  // not its folder; the code cache binds the compiler's source, not the cache folder).
  let filled = '';
  beforeAll(async () => {
    filled = tempDir();
    expect((await runCli(['analyze', shop, '--out', tempDir(), '--cache-dir', filled, '--quiet'])).exitCode).toBe(0);
  });
  const filledCache = (): string => {
    const cache = tempDir();
    cpSync(filled, cache, { recursive: true });
    return cache;
  };

  it.each(['garbage', 'truncated'])('(%s) is ignored, rebuilt, and changes nothing in the reports', async (kind) => {
    const cache = filledCache();
    const out = tempDir();
    const files = readdirSync(cache, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(cache, join(entry.parentPath, entry.name)));
    expect(files.some((name) => name.startsWith('facts-'))).toBe(true);
    expect(files.some((name) => name.startsWith('code'))).toBe(true);
    for (const name of files) {
      const bytes = readFileSync(join(cache, name));
      writeFileSync(join(cache, name), kind === 'garbage' ? Buffer.from('\u0000\u00ffnot a cache'.repeat(50)) : kind === 'truncated' ? bytes.subarray(0, bytes.length >> 1) : '');
    }
    const rebuilt = await runCli(['analyze', shop, '--out', out, '--cache-dir', cache]);
    expect(rebuilt.exitCode).toBe(0);
    expect(rebuilt.stdout).toMatch(/0 files from cache/);
    for (const name of REPORTS) expect(readFileSync(join(out, name)).equals(reference[name]!), name).toBe(true);
    // The code cache is read only when a process loads the compiler: the warm run needs no process.
    const warm = await runCliInProcess(['analyze', shop, '--out', out, '--cache-dir', cache]);
    expect(warm.stdout).toMatch(/ 0 read; contexts and plan unchanged, from cache\)/);
    expect(tempFiles(cache)).toEqual([]);
  });

  // Crafted, not corrupt: what someone who can write the cache folder (one inside the checkout, a CI
  // cache shared between branches) would plant: well-formed v8-serialized files with the right format
  // and key, and content of their choosing, behind whatever the genuine file starts with.
  it.each(['facts', 'layout', 'result'])('(a crafted %s file) is ignored: the reports are those of a run without cache', async (kind) => {
    const cache = filledCache();
    const out = tempDir();
    const files = readdirSync(cache).filter((name) => name.startsWith(`${kind}-`));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) writeFileSync(join(cache, name), craft(readFileSync(join(cache, name)), kind));
    const run = await runCliInProcess(['analyze', shop, '--out', out, '--cache-dir', cache, '--quiet']);
    expect(run.exitCode, run.stderr).toBe(0);
    for (const name of REPORTS) expect(readFileSync(join(out, name)).equals(reference[name]!), name).toBe(true);
  });
});

interface Stored {
  format: number;
  key: string;
  value: Record<string, unknown>;
}

/** The genuine file's stored value, found after any header, changed and serialized again after that header. */
function craft(genuine: Buffer, kind: string): Buffer {
  for (const offset of [0, 32]) {
    let stored: Stored;
    try {
      stored = deserialize(genuine.subarray(offset)) as Stored;
    } catch {
      continue;
    }
    if (typeof stored?.key !== 'string') continue;
    const value = stored.value as { entries?: Record<string, { loc: number }>; layout?: { files: unknown[] }; modules?: { loc: number }[] };
    if (kind === 'facts') for (const facts of Object.values(value.entries ?? {})) facts.loc += 1000;
    if (kind === 'layout') value.layout?.files.splice(0, 3);
    if (kind === 'result') for (const module of value.modules ?? []) module.loc += 1000;
    return Buffer.concat([genuine.subarray(0, offset), serialize(stored)]);
  }
  throw new Error('no stored value found in the genuine cache file');
}
