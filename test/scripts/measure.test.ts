import { describe, expect, it } from 'vitest';
import {
  median,
  measureRun,
  parseGnuTimeMaxRss,
  parseParentPid,
  processTree,
  stripGnuTimeReport,
} from '../../scripts/lib/measure.js';

const GNU_TIME_TAIL = [
  '\tCommand being timed: "node x.js"',
  '\tUser time (seconds): 1.41',
  '\tMaximum resident set size (kbytes): 162028',
  '\tExit status: 0',
  '',
].join('\n');

describe('measure helpers', () => {
  it('reads the peak RSS from GNU time -v and strips its report from stderr', () => {
    expect(parseGnuTimeMaxRss(`warning: x\n${GNU_TIME_TAIL}`)).toBe(162028);
    expect(parseGnuTimeMaxRss('no report here')).toBeNull();
    expect(stripGnuTimeReport(`carve: error: boom\nCommand exited with non-zero status 2\n${GNU_TIME_TAIL}`)).toBe('carve: error: boom\n');
  });

  it('parses the parent pid even when the command name holds spaces and parentheses', () => {
    expect(parseParentPid('4242 (node) S 17 4242 17 0 -1')).toBe(17);
    expect(parseParentPid('4243 (my (odd) name) R 4242 4243 17 0')).toBe(4242);
    expect(parseParentPid('garbage')).toBeNull();
  });

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('finds this process in its own tree', () => {
    expect(processTree(process.pid)[0]).toBe(process.pid);
  });
});

describe('measureRun', () => {
  it("reports the child's peak memory, not the bench's, and passes its exit code through", async () => {
    // Touch 200 MiB, hold it briefly, free it, exit 3: the peak must include the 200 MiB.
    const script = 'const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => { b.fill(2); process.exit(3); }, 300);';
    const run = await measureRun(process.execPath, ['-e', script]);
    expect(run.exitCode).toBe(3);
    expect(run.peakRssKb).toBeGreaterThan(200 * 1024);
    expect(run.peakRssKb).toBeLessThan(1024 * 1024);
    expect(run.wallMs).toBeGreaterThanOrEqual(300);
  });

  it('adds up a tree of processes that hold memory at the same time', async () => {
    const hold = (mib: number): string => `const b = Buffer.alloc(${mib} * 1024 * 1024, 1); setTimeout(() => b.fill(0), 1500);`;
    const parent = `const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', ${JSON.stringify(hold(150))}], { stdio: 'inherit' });
      ${hold(120)}
      child.on('close', () => {});`;
    const run = await measureRun(process.execPath, ['-e', parent]);
    expect(run.exitCode).toBe(0);
    expect(run.maxProcesses).toBeGreaterThanOrEqual(2);
    // Either process alone is under 230 MiB; the tree together is above it.
    expect(run.peakRssKb).toBeGreaterThan(230 * 1024);
  });

  it('captures stdout and stderr on request', async () => {
    const run = await measureRun(process.execPath, ['-e', 'console.log("out"); console.error("err")'], { captureStdout: true });
    expect(run.stdout).toBe('out\n');
    expect(run.stderr).toBe('err\n');
  });
});
