// A closed or failing standard output. `carve check --format json | head -c 100` closes the pipe
// (EPIPE): the run ends quietly with the exit code of its command, so a gate's 0 or 1 means what it
// says and never comes from a crash. `> /dev/full` (ENOSPC) is one line on stderr and exit 2.
import { spawn, type StdioOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carveBin, repoRoot } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('closed-stdout');

interface Ended {
  exitCode: number | null;
  stderr: string;
}

/** Runs the CLI with stdout either closed by the reader before the first write, or on the given fd. */
function runWithStdout(args: string[], stdout: 'closed' | number): Promise<Ended> {
  const stdio: StdioOptions = ['ignore', stdout === 'closed' ? 'pipe' : stdout, 'pipe'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [carveBin, ...args], { cwd: repoRoot, stdio, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
    // The reader goes away at once, as `head` does once it has what it wants.
    if (stdout === 'closed') child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stderr });
    });
  });
}

async function withDevFull(run: (fd: number) => Promise<Ended>): Promise<Ended> {
  const fd = openSync('/dev/full', 'w');
  try {
    return await run(fd);
  } finally {
    closeSync(fd);
  }
}

/** Two contexts; `b` imports `a` without dependsOn when `isViolating`. */
function writeProject(isViolating: boolean): string {
  const root = scratch('project');
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('tsconfig.json', '{"include":["src"]}');
  write('src/a/x.ts', 'export const a = 1;\n');
  write('src/b/y.ts', `import { a } from '../a/x.js';\nexport const b = a;\n`);
  const b = isViolating ? { paths: ['src/b/**'] } : { paths: ['src/b/**'], dependsOn: ['a'] };
  write('carve.config.json', JSON.stringify({ contexts: { a: { paths: ['src/a/**'] }, b } }));
  return root;
}

describe('stdout closed by its reader (EPIPE): quiet, the command’s own exit code', () => {
  // The one thing on stderr is check's summary line, which every format ends with (issue 15).
  it('check --format json on a clean project: exit 0, nothing on stderr but the summary line', async () => {
    const run = await runWithStdout(['check', writeProject(false), '--no-cache', '--format', 'json'], 'closed');
    expect(run.stderr).toMatch(/^carve check: no new violations \(.*\)\n$/);
    expect(run.exitCode).toBe(0);
  });

  it('check --format json with a violation: still exit 1 (the gate), nothing on stderr but the summary line', async () => {
    const run = await runWithStdout(['check', writeProject(true), '--no-cache', '--format', 'json'], 'closed');
    expect(run.stderr).toMatch(/^carve check: 1 new violation \(.*\)\n$/);
    expect(run.exitCode).toBe(1);
  });

  it('analyze --json: exit 0, nothing on stderr, the reports still written', async () => {
    const out = join(scratch('out'), 'report');
    const run = await runWithStdout(['analyze', writeProject(false), '--no-cache', '--json', '--out', out], 'closed');
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(existsSync(join(out, 'analysis.json'))).toBe(true);
  });
});

describe.runIf(existsSync('/dev/full'))('stdout that fails otherwise (ENOSPC on /dev/full): one line, exit 2', () => {
  const line = 'carve: error: cannot write to standard output: ENOSPC\n';

  it('check --format json on a clean project', async () => {
    const project = writeProject(false);
    const run = await withDevFull((fd) => runWithStdout(['check', project, '--no-cache', '--format', 'json'], fd));
    // The summary line goes to stderr whatever stdout does; the failure to write stdout follows it.
    expect(run.stderr.replace(/^carve check: .*\n/, '')).toBe(line);
    expect(run.exitCode).toBe(2);
  });

  it('analyze --json', async () => {
    const project = writeProject(false);
    const out = join(scratch('out'), 'report');
    const run = await withDevFull((fd) => runWithStdout(['analyze', project, '--no-cache', '--json', '--out', out], fd));
    expect(run.stderr).toBe(line);
    expect(run.exitCode).toBe(2);
  });

  it('--version and --help', async () => {
    for (const flag of ['--version', '--help']) {
      const run = await withDevFull((fd) => runWithStdout([flag], fd));
      expect(run.stderr, flag).toBe(line);
      expect(run.exitCode, flag).toBe(2);
    }
  });
});
