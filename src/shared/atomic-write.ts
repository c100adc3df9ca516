// Never leave a half-written file: write beside the target, then rename over it (atomic on POSIX).
// A run killed outright (SIGKILL, power loss) can still leave its temp file; the next write to the
// same target removes temp files of processes that no longer exist.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

let counter = 0;
const TEMP_PREFIX = '.carve-tmp-';

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  removeStaleTemps(dirname(path), basename(path));
  const temp = join(dirname(path), `${TEMP_PREFIX}${process.pid}-${counter++}-${basename(path)}`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
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
