// User and environment errors are one line and exit 2, never "internal error ... report it": option
// values out of range are refused before any work (no cache written, no report folder made), and a
// full or read-only disk under --out is said in one line naming the file.
// Refusals run the built CLI's main in this process (runCliInProcess): what counts is the one line and
// the exit code; a full or read-only disk needs a process in a mount namespace of its own.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carveBin, repoRoot, runCli, runCliInProcess, stderrLines, type CliRun } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('cli-robustness');
const project = join(repoRoot, 'fixtures', 'check', 'table-ownership');

/** One line, exit 2, not an internal error. */
function expectOneLineRefusal(run: CliRun, pattern: RegExp): void {
  expect(run.exitCode, run.stderr).toBe(2);
  expect(stderrLines(run), run.stderr).toEqual([expect.stringMatching(pattern)]);
  expect(run.stderr).not.toMatch(/internal error/);
}

describe('option values are checked before any work', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--resolution', '0'], /--resolution.*'0' is not a number > 0/],
    [['--resolution', '-1'], /--resolution.*'-1' is not a number > 0/],
    [['--resolution', 'Infinity'], /--resolution/],
    [['--kernel-threshold', '0'], /--kernel-threshold.*'0' is not a share in \(0, 1\]/],
    [['--kernel-threshold', '2'], /--kernel-threshold.*'2' is not a share in \(0, 1\]/],
    [['--kernel-threshold', 'NaN'], /--kernel-threshold/],
    [['--history', '0'], /--history.*positive whole number/],
    [['--max-files', '1.5'], /--max-files.*positive whole number/],
    [['--max-file-size', '9007199254740993'], /--max-file-size.*positive whole number/],
    [['--compare', 'folders:0'], /--compare.*folders:<depth>/],
  ];

  it.each(cases)('analyze %j: one line, exit 2, no cache and no reports', async (args, pattern) => {
    const dir = scratch();
    const run = await runCliInProcess(['analyze', project, '--out', join(dir, 'out'), '--cache-dir', join(dir, 'cache'), ...args]);
    expectOneLineRefusal(run, pattern);
    // Refused before reading anything: the cache was never opened, no report folder made.
    expect(existsSync(join(dir, 'cache'))).toBe(false);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('check and plan refuse the same way', async () => {
    for (const command of ['check', 'plan', 'init']) {
      const dir = scratch();
      const run = await runCliInProcess([command, project, '--cache-dir', join(dir, 'cache'), '--kernel-threshold', '2']);
      expectOneLineRefusal(run, /--kernel-threshold/);
      expect(existsSync(join(dir, 'cache')), command).toBe(false);
    }
  });

  it('the bounds themselves are accepted: --kernel-threshold 1, --resolution 0.5', async () => {
    const run = await runCliInProcess(['plan', project, '--no-cache', '--kernel-threshold', '1', '--resolution', '0.5']);
    expect(run.exitCode, run.stderr).toBe(0);
  });
});

describe('--out that cannot hold the reports', () => {
  it('--out under a regular file: refused before the analysis', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'file'), 'x');
    const run = await runCliInProcess(['analyze', project, '--out', join(dir, 'file', 'out'), '--cache-dir', join(dir, 'cache')]);
    expectOneLineRefusal(run, /--out .*file\/out: .*file is not a folder/);
    expect(existsSync(join(dir, 'cache'))).toBe(false);
  });
});

/** Whether this process may mount a tmpfs in a private mount namespace (root in most CI containers). */
function canMountPrivately(): boolean {
  try {
    execFileSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=16k tmpfs /mnt'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs the CLI with a small tmpfs mounted on `mountPoint`, visible only to this run (gone with it). */
function runOnTmpfs(mountPoint: string, mountOptions: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const script = 'mount -t tmpfs -o "$0" tmpfs "$1" && shift 2 && exec "$@"';
    const child = spawn('unshare', ['-m', 'sh', '-c', script, mountOptions, mountPoint, process.execPath, carveBin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      const stdoutBytes = Buffer.concat(out);
      const stderrBytes = Buffer.concat(err);
      resolve({ exitCode, signal, isTimedOut: false, stdout: stdoutBytes.toString(), stderr: stderrBytes.toString(), stdoutBytes, stderrBytes });
    });
  });
}

describe.runIf(canMountPrivately())('a full or read-only disk: one line naming the file, exit 2', () => {
  it('ENOSPC under --out', async () => {
    const mount = scratch('mount');
    const run = await runOnTmpfs(mount, 'size=12k', ['analyze', project, '--no-cache', '--quiet', '--out', join(mount, 'out')]);
    expectOneLineRefusal(run, /^carve: error: cannot write .*\/out\/[a-z.-]+: no space left on device \(ENOSPC\)/);
  });

  it('a read-only --out: refused before the analysis', async () => {
    const mount = scratch('mount');
    const run = await runOnTmpfs(mount, 'ro', ['analyze', project, '--no-cache', '--quiet', '--out', join(mount, 'out')]);
    expectOneLineRefusal(run, /^carve: error: --out .*\/out: cannot write in .*: read-only file system \(EROFS\)/);
  });

  it('a full or read-only cache folder only costs speed: exit 0', async () => {
    for (const options of ['size=12k', 'ro']) {
      const mount = scratch('mount');
      const out = scratch('out');
      const run = await runOnTmpfs(mount, options, ['analyze', project, '--quiet', '--cache-dir', join(mount, 'cache'), '--out', out]);
      expect(run.exitCode, `${options}: ${run.stderr}`).toBe(0);
      expect(readdirSync(out)).toContain('analysis.json');
    }
  });
});

describe('an unwritable --out folder for a user without root', () => {
  it.runIf(process.getuid?.() !== 0)('EACCES: refused before the analysis', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'locked'), { mode: 0o500 });
    const run = await runCli(['analyze', project, '--no-cache', '--out', join(dir, 'locked', 'out')]);
    expectOneLineRefusal(run, /permission denied \(EACCES\)/);
  });
});
