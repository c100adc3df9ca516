/**
 * Runs one command and measures its wall time and the peak resident memory of its process tree.
 *
 * Peak memory comes from two sources and the larger wins:
 * - GNU time (`/usr/bin/time -v`), when present: the kernel's ru_maxrss of the waited-for children,
 *   exact for a single process (worker threads included) but the largest single process, not a sum;
 * - a light poller that every POLL_MS sums VmRSS over the whole tree (found by scanning /proc for
 *   parent ids, since this kernel has no /proc/<pid>/task/<tid>/children), which catches trees of
 *   several processes but can miss a spike shorter than the interval.
 * Wall time is process.hrtime around spawn and exit (GNU time's own clock has 10 ms resolution).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const POLL_MS = 100;
const TIME_BIN = '/usr/bin/time';

export interface RunMeasurement {
  wallMs: number;
  /** Peak resident set size of the tree in KiB (0 when nothing could be read). */
  peakRssKb: number;
  /** Which source gave peakRssKb. */
  rssSource: 'time' | 'poll' | 'none';
  exitCode: number;
  /** Largest number of processes seen at once in the tree (from the poller). */
  maxProcesses: number;
  stdout: string;
  /** The command's own stderr, GNU time's report removed. */
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Keep stdout (default false: discarded, so a large output costs nothing). */
  captureStdout?: boolean;
  timeoutMs?: number;
}

export function hasGnuTime(): boolean {
  return existsSync(TIME_BIN);
}

/** Parses "Maximum resident set size (kbytes): N" from GNU time -v output; null if absent. */
export function parseGnuTimeMaxRss(text: string): number | null {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

/** Removes GNU time's -v report (it starts at "\tCommand being timed:") from captured stderr. */
export function stripGnuTimeReport(text: string): string {
  const start = text.lastIndexOf('\tCommand being timed:');
  const withoutReport = start >= 0 ? text.slice(0, start) : text;
  return withoutReport.replace(/Command exited with non-zero status \d+\n?$/, '');
}

/** Parent pid from the text of /proc/<pid>/stat (the command name may hold spaces and parentheses). */
export function parseParentPid(statText: string): number | null {
  const close = statText.lastIndexOf(')');
  if (close < 0) return null;
  const fields = statText.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

function readVmRssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // the process ended between the scan and the read
  }
}

/** All descendants of root (root included) from one scan of /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [root];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = parseParentPid(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (ppid === null) continue;
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone already
    }
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Runs `command args` and measures it. Never throws for a failing command: see exitCode. */
export function measureRun(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunMeasurement> {
  const useTime = hasGnuTime();
  const file = useTime ? TIME_BIN : command;
  const argv = useTime ? ['-v', command, ...args] : [...args];
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let polledPeak = 0;
    let maxProcesses = 0;
    const poll = (): void => {
      if (child.pid === undefined) return;
      // GNU time's own small RSS is left out when it is the root.
      const tree = processTree(child.pid).filter((pid) => !useTime || pid !== child.pid);
      maxProcesses = Math.max(maxProcesses, tree.length);
      polledPeak = Math.max(polledPeak, tree.reduce((sum, pid) => sum + readVmRssKb(pid), 0));
    };
    const timer = setInterval(poll, POLL_MS);
    const killer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
    child.on('error', (error) => {
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      const timeRss = useTime ? parseGnuTimeMaxRss(stderr) : null;
      const peakRssKb = Math.max(timeRss ?? 0, polledPeak);
      const rssSource = peakRssKb === 0 ? 'none' : timeRss !== null && timeRss >= polledPeak ? 'time' : 'poll';
      resolvePromise({
        wallMs,
        peakRssKb,
        rssSource,
        exitCode: code ?? (signal ? 128 : 1),
        maxProcesses,
        stdout,
        stderr: useTime ? stripGnuTimeReport(stderr) : stderr,
      });
    });
  });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The stage timings (ms) `carve analyze --timings <file>` wrote; null when the file is missing or holds none. */
export function readTimings(file: string): Record<string, number> | null {
  try {
    const timings = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!timings || typeof timings !== 'object') return null;
    const numeric = Object.entries(timings as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number');
    return numeric.length > 0 ? Object.fromEntries(numeric) : null;
  } catch {
    return null;
  }
}
