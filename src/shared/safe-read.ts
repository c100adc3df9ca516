// Every file Carve reads goes through here. The analyzed repository is written by strangers: a name
// Carve reads may be a FIFO (an open that blocks forever), /dev/zero behind a symlink (a read that
// never ends), or a link to a secret outside the checkout. So a read resolves the path, refuses what
// lies outside `root`, opens without blocking (O_NONBLOCK: a FIFO cannot hold the open; O_NOCTTY: a
// terminal is never taken; O_NOFOLLOW on the resolved path: a link swapped in since is refused), then
// asks the OPENED descriptor what it is (fstat, so nothing can change between check and read): only a
// regular file within the size limit is read, and never more than the size fstat gave.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { parse, resolve } from 'node:path';
import { isWithin } from './repository.js';

/** The limit for configuration-like files (tsconfig chain, manifests, .gitignore, carve.config.json, baseline). */
export const CONFIG_FILE_MAX_BYTES = 8 * 1024 * 1024;
/** The limit for data files named on the command line (a saved analysis.json, a --compare partition). */
export const DATA_FILE_MAX_BYTES = 512 * 1024 * 1024;

/** Why a file was not read. Never carries the file's content nor an absolute path. */
export type ReadRefusal =
  | { reason: 'missing' }
  | { reason: 'outside-root' }
  | { reason: 'folder' }
  | { reason: 'special-file' }
  | { reason: 'too-large'; size: number; maxBytes: number }
  | { reason: 'unreadable'; errno: string };

export type SafeRead = { ok: true; bytes: Buffer } | ({ ok: false } & ReadRefusal);

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * The bytes of the regular file at `path` when its real path lies inside `root` (itself a real
 * path) and it holds at most `maxBytes`; otherwise why not.
 */
export function readFileInside(path: string, root: string, maxBytes: number): SafeRead {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (error) {
    return refusalOf(error);
  }
  if (!isWithin(root, real)) return { ok: false, reason: 'outside-root' };
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (error) {
    return refusalOf(error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, reason: 'folder' };
    if (!stat.isFile()) return { ok: false, reason: 'special-file' };
    if (stat.size > maxBytes) return { ok: false, reason: 'too-large', size: stat.size, maxBytes };
    const bytes = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const count = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (count === 0) break;
      filled += count;
    }
    return { ok: true, bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
  } catch (error) {
    return refusalOf(error);
  } finally {
    closeSync(fd);
  }
}

/** A file the user named on the command line: anywhere, but only a regular file within the limit. */
export function readNamedFile(path: string, maxBytes: number): SafeRead {
  return readFileInside(path, parse(resolve(path)).root, maxBytes);
}

/** Like readFileInside, as UTF-8 text (a BOM kept: JSON callers strip it). */
export function readTextInside(path: string, root: string, maxBytes: number): { ok: true; text: string } | ({ ok: false } & ReadRefusal) {
  const read = readFileInside(path, root, maxBytes);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}

/** The diagnostic code of a refusal, for warnings about files that were not read. */
export function refusalCode(refusal: ReadRefusal): string {
  if (refusal.reason === 'special-file') return 'special-file';
  if (refusal.reason === 'outside-root') return 'link-outside-root';
  if (refusal.reason === 'too-large') return 'file-too-large';
  return 'unreadable';
}

/** Words for a refusal, to follow the file's (relative) name in a message. */
export function describeRefusal(refusal: ReadRefusal): string {
  switch (refusal.reason) {
    case 'missing':
      return 'does not exist';
    case 'outside-root':
      return 'resolves outside the repository (a symbolic link out of it)';
    case 'folder':
      return 'is a folder, not a file';
    case 'special-file':
      return 'is not a regular file (a FIFO, socket or device)';
    case 'too-large':
      return `is ${refusal.size} bytes, over the ${refusal.maxBytes}-byte limit`;
    case 'unreadable':
      return `cannot be read (${refusal.errno})`;
  }
}

// The errno code only: Node's message names the absolute path.
function refusalOf(error: unknown): { ok: false } & ReadRefusal {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing' };
  if (code === 'ELOOP') return { ok: false, reason: 'unreadable', errno: 'ELOOP' };
  if (code === 'ENXIO' || code === 'ENODEV' || code === 'EOPNOTSUPP') return { ok: false, reason: 'special-file' };
  return { ok: false, reason: 'unreadable', errno: code ?? 'error' };
}
