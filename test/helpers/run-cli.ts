// Spawns the built CLI (bin/carve.js -> dist/src/cli/main.js) the way a user or CI would, and keeps
// the raw bytes of stdout and stderr so tests can look for control characters before any decoding.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const carveBin = join(repoRoot, 'bin', 'carve.js');
export const builtCliEntry = join(repoRoot, 'dist', 'src', 'cli', 'main.js');

export interface CliRun {
  /** null when the process was killed (timeout or signal). */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  isTimedOut: boolean;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
  stderrBytes: Buffer;
}

export interface RunCliOptions {
  cwd?: string;
  /** Kill the run after this long; a hang (a symlink loop followed forever) must fail, not stall. */
  timeoutMs?: number;
  /** Added to (or, when undefined, removed from) the environment the CLI gets. */
  env?: Record<string, string | undefined>;
}

export function isCliBuilt(): boolean {
  return existsSync(builtCliEntry);
}

/** Runs `node bin/carve.js ...args`. Never rejects on a non-zero exit: the exit code is data. */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliRun> {
  const timeoutMs = options.timeoutMs ?? 45_000;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [carveBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      // No colour and no TTY: the output must be plain whatever the environment.
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdoutChunks: Buffer[] = [];
    const stderrChunks: Buffer[] = [];
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdoutChunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderrChunks.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(stdoutChunks);
      const stderrBytes = Buffer.concat(stderrChunks);
      resolvePromise({
        exitCode,
        signal,
        isTimedOut,
        stdout: stdoutBytes.toString('utf8'),
        stderr: stderrBytes.toString('utf8'),
        stdoutBytes,
        stderrBytes,
      });
    });
  });
}

/** The lines of stderr that are not blank. */
export function stderrLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line.trim() !== '');
}
