// An atomic write renames a temp file over its target: given a symlink, a device, a FIFO or a folder as
// the target (--timings, a report under --out, the baseline, init's config), it would put a regular file
// in its place (as root, `--timings /dev/full` replaced the device). Such targets are refused, untouched.
// The device is a private one made with mknod (root only), never the system's /dev/null or /dev/full.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/shared/atomic-write.js';
import { isCarveError } from '../../src/shared/errors.js';
import { repoRoot, runCliInProcess, stderrLines } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('atomic-targets');
const isRoot = process.getuid?.() === 0;

function refusal(write: () => void): string {
  try {
    write();
  } catch (error) {
    expect(isCarveError(error), String(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('the write was not refused');
}

describe('writeFileAtomic refuses a target that is not a regular file', () => {
  it('a symlink: refused, the link and the file it points to untouched', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'real.json'), 'original');
    symlinkSync('real.json', join(dir, 'link.json'));
    expect(refusal(() => writeFileAtomic(join(dir, 'link.json'), 'new'))).toMatch(/link\.json: it is a symbolic link, not a regular file/);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('real.json');
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe('original');
  });

  it('a dangling symlink, a FIFO and a folder: refused', () => {
    const dir = scratch();
    symlinkSync('/nonexistent/target', join(dir, 'dangling'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    mkdirSync(join(dir, 'folder'));
    expect(refusal(() => writeFileAtomic(join(dir, 'dangling'), 'x'))).toMatch(/symbolic link/);
    expect(refusal(() => writeFileAtomic(join(dir, 'fifo'), 'x'))).toMatch(/a FIFO/);
    expect(refusal(() => writeFileAtomic(join(dir, 'folder'), 'x'))).toMatch(/a folder/);
    expect(lstatSync(join(dir, 'dangling')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
  });

  it.runIf(isRoot)('a device node (a private null device): refused, still a device', () => {
    const dir = scratch();
    execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
    expect(refusal(() => writeFileAtomic(join(dir, 'null'), 'x'))).toMatch(/a device/);
    expect(lstatSync(join(dir, 'null')).isCharacterDevice()).toBe(true);
  });

  it('a regular file is replaced, a missing one created, and no temp file is left', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'a.json'), 'old');
    writeFileAtomic(join(dir, 'a.json'), 'new');
    writeFileAtomic(join(dir, 'sub', 'b.json'), 'b');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'sub', 'b.json'), 'utf8')).toBe('b');
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' }).split('\n').filter(Boolean).sort()).toEqual(['a.json', 'sub']);
  });
});

describe('through the CLI: one line, exit 2, the target untouched', () => {
  const project = join(repoRoot, 'fixtures', 'imports', 'static');

  it.runIf(existsSync(project))('--timings given a symlink', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'elsewhere.json'), 'keep');
    symlinkSync(join(dir, 'elsewhere.json'), join(dir, 'timings.json'));
    const run = await runCliInProcess(['analyze', project, '--out', join(dir, 'out'), '--no-cache', '--quiet', '--timings', join(dir, 'timings.json')]);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)).toEqual([expect.stringMatching(/^carve: error: refusing to write .*timings\.json: it is a symbolic link/)]);
    expect(lstatSync(join(dir, 'timings.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'elsewhere.json'), 'utf8')).toBe('keep');
    // Refused before the analysis: no report was written.
    expect(existsSync(join(dir, 'out', 'analysis.json'))).toBe(false);
  });

  it.runIf(existsSync(project))('init --force given a carve.config.json that is a symlink', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'victim.json'), 'keep');
    symlinkSync(join(dir, 'victim.json'), join(dir, 'carve.config.json'));
    const run = await runCliInProcess(['init', project, '--config', join(dir, 'carve.config.json'), '--force', '--no-cache']);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)).toEqual([expect.stringMatching(/carve\.config\.json: it is a symbolic link/)]);
    expect(readFileSync(join(dir, 'victim.json'), 'utf8')).toBe('keep');
  });

  it.runIf(existsSync(project) && isRoot)('--timings given a device node', async () => {
    const dir = scratch();
    execFileSync('mknod', [join(dir, 'full'), 'c', '1', '7']);
    const run = await runCliInProcess(['analyze', project, '--out', join(dir, 'out'), '--no-cache', '--quiet', '--timings', join(dir, 'full')]);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)).toEqual([expect.stringMatching(/it is a device, not a regular file/)]);
    expect(lstatSync(join(dir, 'full')).isCharacterDevice()).toBe(true);
  });

  it.runIf(existsSync(project))('a report under --out that is a symlink', async () => {
    const dir = scratch();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(dir, 'victim.txt'), 'keep');
    symlinkSync(join(dir, 'victim.txt'), join(out, 'analysis.json'));
    const run = await runCliInProcess(['analyze', project, '--out', out, '--no-cache', '--quiet']);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)).toHaveLength(1);
    expect(run.stderr).toMatch(/analysis\.json: it is a symbolic link/);
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('keep');
  });
});
