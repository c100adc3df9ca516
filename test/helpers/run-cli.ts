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

let inProcessQueue: Promise<unknown> = Promise.resolve();

/**
 * Runs the built CLI's `main` inside this test worker, with stdout and stderr captured, the working
 * folder and environment set as runCli sets them for a child. For tests that only need the result of
 * a run (its output and exit code), not the process: no Node start and no compiler load per run.
 * Runs one at a time (they share the process's streams, folder and environment). Signals, a closed
 * stdout, a hang or the exit of a real process need runCli.
 */
export function runCliInProcess(args: string[], options: Omit<RunCliOptions, 'timeoutMs'> = {}): Promise<CliRun> {
  const run = inProcessQueue.then(() => runInProcessNow(args, options));
  inProcessQueue = run.catch(() => undefined);
  return run;
}

async function runInProcessNow(args: string[], options: Omit<RunCliOptions, 'timeoutMs'>): Promise<CliRun> {
  const { main } = (await import(/* @vite-ignore */ builtCliEntry)) as { main(argv: string[]): Promise<number> };
  const env: Record<string, string | undefined> = { NO_COLOR: '1', FORCE_COLOR: '0', CI: '1', ...options.env };
  const savedEnv = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const savedCwd = process.cwd();
  const savedExitCode = process.exitCode;
  const stdoutChunks: Buffer[] = [];
  const stderrChunks: Buffer[] = [];
  const capture =
    (chunks: Buffer[]) =>
    (chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (done) queueMicrotask(() => done(null));
      return true;
    };
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  let exitCode: number;
  try {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.chdir(options.cwd ?? repoRoot);
    process.stdout.write = capture(stdoutChunks) as typeof process.stdout.write;
    process.stderr.write = capture(stderrChunks) as typeof process.stderr.write;
    exitCode = await main([process.execPath, carveBin, ...args]);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    process.chdir(savedCwd);
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  // A stdout failure sets process.exitCode for the process: here it is this run's, then put back.
  if (typeof process.exitCode === 'number' && process.exitCode !== savedExitCode) exitCode = process.exitCode;
  process.exitCode = savedExitCode;
  const stdoutBytes = Buffer.concat(stdoutChunks);
  const stderrBytes = Buffer.concat(stderrChunks);
  return { exitCode, signal: null, isTimedOut: false, stdout: stdoutBytes.toString('utf8'), stderr: stderrBytes.toString('utf8'), stdoutBytes, stderrBytes };
}
