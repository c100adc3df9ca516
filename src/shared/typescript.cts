// The compiler API, as ts-morph exports it (ts-morph 28 bundles TypeScript 6.0), loaded the cheap way.
// - By require from this CommonJS module: importing ts-morph from ESM makes Node first scan its 1 MB
//   of CommonJS for export names, about 100 ms a run; this file's `module.exports =` is all it scans.
// - With V8's code cache for the bundled typescript.js (9 MB, about 170 ms to compile, 70 ms from the
//   cache), ts-morph's common library and ts-morph: when the CLI has handed over a code cache
//   (src/cli/code-cache.ts), each is compiled from the cached code and put in require's cache, where
//   the next one's require finds it. V8 checks cached code only against the source's length and its
//   flags, so cached code is executable input: each file carries an HMAC tag (cache-key.ts) over the
//   code and what it was compiled from (the source's path and stat, the Node build), checked before
//   V8 sees a byte; a file without a valid tag is a miss and is compiled again. Any failure here only
//   means the ordinary require.
import fs = require('node:fs');
import Module = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

const CODE_CACHE = Symbol.for('carve.codeCache');

/** What src/cli/code-cache.ts hands over (its CodeCache: this CommonJS module cannot import it). */
interface CodeCache {
  dir: string;
  tagBytes: number;
  tag(binding: string, data: Uint8Array): Buffer;
  isAuthentic(tag: Uint8Array, binding: string, data: Uint8Array): boolean;
}

/** Far more than V8's code for the largest of the three files (typescript.js: about 2.5 MB). */
const MAX_CODE_CACHE_BYTES = 64 * 1024 * 1024;

/** The V8 code in `cacheFile` when its tag binds it to `binding`; else undefined. */
function readCachedCode(cacheFile: string, binding: string, codeCache: CodeCache): Buffer | undefined {
  let fd: number;
  try {
    // Not blocking: a FIFO planted under the name must not hang the run.
    fd = fs.openSync(cacheFile, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size <= codeCache.tagBytes || stat.size > MAX_CODE_CACHE_BYTES) return undefined;
    const bytes = Buffer.alloc(stat.size);
    if (fs.readSync(fd, bytes, 0, bytes.length, 0) !== bytes.length) return undefined;
    const data = bytes.subarray(codeCache.tagBytes);
    return codeCache.isAuthentic(bytes.subarray(0, codeCache.tagBytes), binding, data) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Compiles one CommonJS file from V8's cached code (writing the cache when missing or stale) and puts it in require's cache. */
function loadWithCodeCache(file: string, codeCache: CodeCache): void {
  if (require.cache[file]) return;
  const stat = fs.statSync(file);
  const cacheFile = path.join(codeCache.dir, `${path.basename(file, '.js')}-${process.version}-${process.arch}-${stat.size}-${Math.round(stat.mtimeMs)}.bin`);
  // The source is bound by its stat, not its 9 MB of text: hashing that on every run is what the cache saves.
  const binding = ['carve code cache', file, stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, process.version, process.arch].join('\u0000');
  const cached = readCachedCode(cacheFile, binding, codeCache);
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const compiled = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  compiled.call(loaded.exports, loaded.exports, Module.createRequire(file), loaded, file, path.dirname(file));
  loaded.loaded = true;
  require.cache[file] = loaded;
  if (cached && !script.cachedDataRejected) return;
  try {
    fs.mkdirSync(codeCache.dir, { recursive: true });
    const data = script.createCachedData();
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, Buffer.concat([codeCache.tag(binding, data), data]));
    fs.renameSync(temp, cacheFile);
  } catch {
    // A code cache that cannot be written only costs speed next time.
  }
}

const codeCache = (globalThis as Record<symbol, unknown>)[CODE_CACHE] as CodeCache | undefined;
if (codeCache) {
  try {
    // In dependency order, each found by the next one's require: the compiler, ts-morph's common
    // library (3 MB), ts-morph itself (1 MB).
    const tsMorphFile = require.resolve('ts-morph');
    const commonFile = require.resolve('@ts-morph/common', { paths: [path.dirname(tsMorphFile)] });
    for (const file of [path.join(path.dirname(commonFile), 'typescript.js'), commonFile, tsMorphFile]) loadWithCodeCache(file, codeCache);
  } catch {
    // Fall back to the ordinary load below.
  }
}

// After the code cache had its chance: this require then finds typescript.js already loaded.
import tsMorph = require('ts-morph');

export = tsMorph.ts;
