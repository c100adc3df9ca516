// The compiler API, as ts-morph exports it (ts-morph 28 bundles TypeScript 6.0), loaded the cheap way.
// - By require from this CommonJS module: importing ts-morph from ESM makes Node first scan its 1 MB
//   of CommonJS for export names, about 100 ms a run; this file's `module.exports =` is all it scans.
// - With V8's code cache for the bundled typescript.js (9 MB, about 170 ms to compile, 70 ms from the
//   cache), ts-morph's common library and ts-morph: when the CLI has named a cache folder, each is
//   compiled from the cached code and put in require's cache, where the next one's require finds it. V8 checks the cached
//   code against the source and its flags and recompiles if it does not fit; any failure here only
//   means the ordinary require.
import fs = require('node:fs');
import Module = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

const CODE_CACHE_DIR = Symbol.for('carve.codeCacheDir');

/** Compiles one CommonJS file from V8's cached code (writing the cache when missing or stale) and puts it in require's cache. */
function loadWithCodeCache(file: string, cacheDir: string): void {
  if (require.cache[file]) return;
  const stat = fs.statSync(file);
  const cacheFile = path.join(cacheDir, `${path.basename(file, '.js')}-${process.version}-${process.arch}-${stat.size}-${Math.round(stat.mtimeMs)}.bin`);
  let cached: Buffer | undefined;
  try {
    cached = fs.readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
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
    fs.mkdirSync(cacheDir, { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, cacheFile);
  } catch {
    // A code cache that cannot be written only costs speed next time.
  }
}

const cacheDir = (globalThis as Record<symbol, unknown>)[CODE_CACHE_DIR];
if (typeof cacheDir === 'string') {
  try {
    // In dependency order, each found by the next one's require: the compiler, ts-morph's common
    // library (3 MB), ts-morph itself (1 MB).
    const tsMorphFile = require.resolve('ts-morph');
    const commonFile = require.resolve('@ts-morph/common', { paths: [path.dirname(tsMorphFile)] });
    for (const file of [path.join(path.dirname(commonFile), 'typescript.js'), commonFile, tsMorphFile]) loadWithCodeCache(file, cacheDir);
  } catch {
    // Fall back to the ordinary load below.
  }
}

// After the code cache had its chance: this require then finds typescript.js already loaded.
import tsMorph = require('ts-morph');

export = tsMorph.ts;
