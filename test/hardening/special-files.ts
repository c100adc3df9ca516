// Planting what a hostile repository may hold under a name Carve reads: a FIFO (an open that blocks
// forever), a symlink to /dev/zero (a read that never ends), or a symlink to anywhere else. Shared by
// the hardening tests and the generator of hostile repositories.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type SpecialKind = 'fifo' | 'dev-zero';

let fifoSupport: boolean | undefined;

/** Whether this machine has `mkfifo` (tests of FIFOs are skipped where it is missing). */
export function canMakeFifo(): boolean {
  if (fifoSupport === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'carve-fifo-probe-'));
    try {
      execFileSync('mkfifo', [join(dir, 'probe')], { stdio: 'ignore' });
      fifoSupport = true;
    } catch {
      fifoSupport = false;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return fifoSupport;
}

/** Replaces whatever is at `path` (folders made on the way) by a special file of that kind. */
export function plantSpecial(path: string, kind: SpecialKind): void {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(dirname(path), { recursive: true });
  if (kind === 'fifo') execFileSync('mkfifo', [path]);
  else symlinkSync('/dev/zero', path);
}

/** A symbolic link at `path` to `target` (anywhere: a file or folder outside the repository, /proc). */
export function plantLink(path: string, target: string): void {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}
