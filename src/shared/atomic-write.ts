// Never leave a half-written file: write beside the target, then rename over it (atomic on POSIX).
// A run killed outright (SIGKILL, power loss) can still leave its temp file; the next write to the
// same target removes temp files of processes that no longer exist. Only a regular file (or nothing)
// is replaced: the rename would put a file in place of a symlink, a device or a FIFO given as the
// target (`--timings /dev/full` as root replaced the device), so those are refused.
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { CarveError } from './errors.js';
import { describeSystemError, isSystemError } from './system-error.js';

let counter = 0;
const TEMP_PREFIX = '.carve-tmp-';

/** Writes `content` to `path`; a failure of the disk (ENOSPC, EROFS, EACCES ...) is a CarveError naming `path`. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  refuseNonRegularTarget(path);
  const temp = join(dirname(path), `${TEMP_PREFIX}${process.pid}-${counter++}-${basename(path)}`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    removeStaleTemps(dirname(path), basename(path));
    // 'wx': a file (or a planted symlink) already under the temp name is an error, never followed.
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    if (isSystemError(error)) throw new CarveError('cannot-write', `cannot write ${path}: ${describeSystemError(error)}`, 'check the free space and the permissions of that folder');
    throw error;
  }
}

/**
 * Throws a CarveError unless `path` is a regular file or missing (lstat: a symlink is judged, not what
 * it points to). Commands call it on their targets before the analysis, so a bad one fails at once.
 */
export function refuseNonRegularTarget(path: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    throw error;
  }
  if (stats.isFile()) return;
  throw new CarveError('not-a-regular-file', `refusing to write ${path}: it is ${kindOf(stats)}, not a regular file`, 'give the path of a regular file, or of one that does not exist yet');
}

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** Temp files for `name` in `dir` left by a process that is gone (a live one may be mid-write). */
function removeStaleTemps(dir: string, name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = /^\.carve-tmp-(\d+)-\d+-(.*)$/.exec(entry);
    if (!match || match[2] !== name || isAlive(Number(match[1]))) continue;
    rmSync(join(dir, entry), { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
