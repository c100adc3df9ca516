// The secret that authenticates every file of Carve's cache folder. The cache folder is not trusted
// (it may lie inside the analyzed checkout, or be a CI cache shared between branches), so each cache
// file carries an HMAC-SHA256 tag over its bytes and what they are bound to, made with a per-user key
// kept outside it: `$XDG_CONFIG_HOME/carve/cache.key` (else ~/.config/carve/cache.key), 32 random
// bytes made on first use, mode 0600; or CARVE_CACHE_KEY (a CI secret, so a shared cache stays usable).
// No key to be had means no cache, never an error.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export const TAG_BYTES = 32;
const KEY_BYTES = 32;

export interface CacheSecretSource {
  /** The user's config folder: the key file is `<configHome>/carve/cache.key`. */
  configHome: string;
  /** CARVE_CACHE_KEY: used as the key when set and not empty. */
  envKey?: string | undefined;
}

/** Where this process's key comes from: CARVE_CACHE_KEY, XDG_CONFIG_HOME, the home folder. */
function cacheSecretSource(): CacheSecretSource {
  const xdg = process.env.XDG_CONFIG_HOME;
  return { configHome: xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config'), envKey: process.env.CARVE_CACHE_KEY };
}

let secret: Buffer | null | undefined;

/** This process's key (read or made once), or null: caching then reads nothing and writes nothing. */
export function cacheSecret(): Buffer | null {
  if (secret === undefined) {
    try {
      secret = loadCacheSecret(cacheSecretSource());
    } catch {
      // No home folder to be found.
      secret = null;
    }
  }
  return secret;
}

export function loadCacheSecret(source: CacheSecretSource): Buffer | null {
  if (source.envKey) return Buffer.from(source.envKey, 'utf8');
  const folder = join(source.configHome, 'carve');
  const file = join(folder, 'cache.key');
  const found = readKeyFile(file);
  if (found !== 'missing') return found;
  try {
    createKeyFile(folder, file);
  } catch {
    return null;
  }
  const made = readKeyFile(file);
  return made === 'missing' ? null : made;
}

/**
 * The key when the file is one the user alone can read and write: a regular file of 32 bytes, owned by
 * this user, no access for group or others. Anything else is not a secret and is not used (null).
 */
function readKeyFile(file: string): Buffer | null | 'missing' {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO put there must not hang the run; O_NOFOLLOW: the file itself, not a link.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : null;
  }
  try {
    const stat = fstatSync(fd);
    const isOwn = typeof process.getuid !== 'function' || stat.uid === process.getuid();
    if (!stat.isFile() || stat.size !== KEY_BYTES || !isOwn || (stat.mode & 0o077) !== 0) return null;
    const key = Buffer.alloc(KEY_BYTES);
    return readSync(fd, key, 0, KEY_BYTES, 0) === KEY_BYTES ? key : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Writes the key beside its place, complete and 0600, then links it in: a concurrent run's key wins or ours does, never half of one. */
function createKeyFile(folder: string, file: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temp = join(folder, `.cache.key-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, randomBytes(KEY_BYTES));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * The tag of `payload` bound to `binding` (what the bytes must belong to: a file name, format and key;
 * for compiled code the source's path and stat and the Node build). Lengths are hashed too, so no two
 * (binding, payload) pairs hash the same bytes.
 */
export function cacheTag(key: Buffer, binding: string, payload: Uint8Array): Buffer {
  const bound = Buffer.from(binding, 'utf8');
  const lengths = Buffer.alloc(16);
  lengths.writeBigUInt64BE(BigInt(bound.length), 0);
  lengths.writeBigUInt64BE(BigInt(payload.length), 8);
  return createHmac('sha256', key).update(lengths).update(bound).update(payload).digest();
}

/** Whether `tag` is the one of (binding, payload), compared in constant time. */
export function isAuthentic(key: Buffer, tag: Uint8Array, binding: string, payload: Uint8Array): boolean {
  return tag.length === TAG_BYTES && timingSafeEqual(tag, cacheTag(key, binding, payload));
}
