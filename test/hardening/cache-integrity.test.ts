// The cache folder is not trusted: it may lie inside the analyzed checkout (XDG_CACHE_HOME or
// --cache-dir pointed there) or be a CI cache shared between branches. A forged V8 code-cache file
// runs nothing; the code cache is not used at all from inside the analyzed folder; a same-size edit
// with its mtime set back is still seen by `check`; the cache key lives outside the cache, 0600.
// Crafted data-cache files (facts, layout, result) are tested with the corrupt ones, in interrupts.test.ts.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLEAN_SHOP, UNDECLARED_CONTEXT } from '../check/helpers/shop.js';
import { repoRoot, runCli, runCliInProcess } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('cache-integrity');

/** The bundled compiler the CLI loads through the code cache. */
const typescriptJs = (() => {
  const require = createRequire(join(repoRoot, 'package.json'));
  return join(dirname(require.resolve('@ts-morph/common', { paths: [dirname(require.resolve('ts-morph'))] })), 'typescript.js');
})();

function writeProject(files: Record<string, string>): string {
  const dir = scratch('project');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Waits out the caches' 2 s freshness rule, so that the files just written get stat stamps. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2100));

/**
 * V8 code-cache data compiled from a source of the same length as typescript.js (all V8 compares)
 * whose body writes `marker`. Proven live: accepted by V8 for the real source, it writes `control`.
 */
function forgeCodeCache(marker: string, control: string): Buffer {
  const script = `
    const fs = require('node:fs'), vm = require('node:vm'), Module = require('node:module');
    const [file, marker, control, out] = process.argv.slice(1);
    const original = fs.readFileSync(file, 'utf8');
    const payload = (target) => 'require("node:fs").writeFileSync(' + JSON.stringify(target) + ', "ran");';
    const forge = (target) => { const body = payload(target); return body + ' '.repeat(original.length - body.length); };
    const data = (target) => new vm.Script(Module.wrap(forge(target)), { filename: file }).createCachedData();
    const probe = new vm.Script(Module.wrap(original), { filename: file, cachedData: data(control) });
    if (!probe.cachedDataRejected) probe.runInThisContext()({}, require, {}, file, '');
    fs.writeFileSync(out, data(marker));
  `;
  const out = join(scratch('forged'), 'data.bin');
  const run = spawnSync(process.execPath, ['-e', script, typescriptJs, marker, control, out], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(out);
}

/** Puts the forged data in place of every typescript code-cache file, raw and behind the genuine file's first 32 bytes. */
function plantForgery(cache: string, forged: Buffer, keepHeader: boolean): void {
  const code = join(cache, 'code');
  const files = readdirSync(code).filter((name) => name.startsWith('typescript-'));
  expect(files.length).toBeGreaterThan(0);
  for (const name of files) {
    const genuine = readFileSync(join(code, name));
    writeFileSync(join(code, name), keepHeader ? Buffer.concat([genuine.subarray(0, 32), forged]) : forged);
  }
  // Everything else goes: the next run is a cold one, which loads the compiler.
  for (const name of readdirSync(cache)) if (name !== 'code') rmSync(join(cache, name), { recursive: true, force: true });
}

describe('a forged V8 code cache for the bundled compiler', () => {
  let project: string;
  let marker: string;
  let forged: Buffer;
  /** A cache a run filled, copied for each case (code-cache tags bind the compiler's source, not the cache folder). */
  let filled: string;
  beforeAll(async () => {
    project = writeProject(CLEAN_SHOP);
    marker = join(scratch('marker'), 'ran');
    const control = join(scratch('control'), 'ran');
    forged = forgeCodeCache(marker, control);
    // The forgery is live: plain V8 took it for typescript.js and ran its body.
    expect(existsSync(control)).toBe(true);
    filled = scratch('cache');
    const fill = await runCli(['analyze', project, '--out', scratch('out'), '--cache-dir', filled, '--quiet']);
    expect(fill.exitCode, fill.stderr).toBe(0);
  });

  it.each([false, true])('runs nothing in analyze or check (genuine header kept: %s)', async (keepHeader) => {
    const cache = scratch('cache');
    cpSync(filled, cache, { recursive: true });
    plantForgery(cache, forged, keepHeader);
    const analyze = await runCli(['analyze', project, '--out', scratch('out'), '--cache-dir', cache, '--quiet']);
    expect(existsSync(marker), 'the forged code ran in analyze').toBe(false);
    expect(analyze.exitCode, analyze.stderr).toBe(0);

    plantForgery(cache, forged, keepHeader);
    const check = await runCli(['check', project, '--cache-dir', cache]);
    expect(existsSync(marker), 'the forged code ran in check').toBe(false);
    expect(check.exitCode, check.stderr).toBe(0);
  });
});

describe('a cache folder inside the analyzed folder', () => {
  it('gets no code cache, by --cache-dir or XDG_CACHE_HOME', async () => {
    const project = writeProject(CLEAN_SHOP);
    const byOption = await runCli(['analyze', project, '--out', scratch('out'), '--cache-dir', join(project, '.carve-cache'), '--quiet']);
    expect(byOption.exitCode, byOption.stderr).toBe(0);
    expect(existsSync(join(project, '.carve-cache', 'code'))).toBe(false);
    const byEnv = await runCli(['check', project], { env: { XDG_CACHE_HOME: join(project, 'node_modules', '.cache') } });
    expect(byEnv.exitCode, byEnv.stderr).toBe(0);
    expect(existsSync(join(project, 'node_modules', '.cache', 'carve', 'code'))).toBe(false);
  });
});

// The facts cache is data, read the same by a process of its own and by the built CLI's main run in
// this process (runCliInProcess), which these runs use.
describe('the facts cache in check', () => {
  it('sees a same-size edit whose mtime was set back, as --no-cache does', async () => {
    const project = writeProject(CLEAN_SHOP);
    const cache = scratch('cache');
    const file = join(project, 'src/billing/invoice.ts');
    // A whole second, so that utimes can put back exactly the mtime the cache saw.
    const mtime = Math.floor(Date.now() / 1000) - 60;
    utimesSync(file, mtime, mtime);
    await settle();
    const clean = await runCliInProcess(['check', project, '--cache-dir', cache, '--format', 'json']);
    expect(clean.exitCode, clean.stderr).toBe(0);
    expect((await runCliInProcess(['check', project, '--cache-dir', cache, '--format', 'json'])).exitCode).toBe(0);

    // billing/invoice.ts now imports catalog (not in billing's dependsOn), padded to its old size,
    // with its old access and modification times put back.
    const before = statSync(file);
    const edit = (UNDECLARED_CONTEXT['src/billing/quote.ts'] as string).replace('quote', 'invoice');
    expect(Buffer.byteLength(edit)).toBeLessThan(before.size);
    writeFileSync(file, edit + '/'.repeat(before.size - Buffer.byteLength(edit) - 1) + '\n');
    utimesSync(file, mtime, mtime);
    expect([statSync(file).size, statSync(file).mtimeMs, statSync(file).ino]).toEqual([before.size, before.mtimeMs, before.ino]);

    const uncached = await runCliInProcess(['check', project, '--no-cache', '--format', 'json']);
    expect(uncached.exitCode).toBe(1);
    const cached = await runCliInProcess(['check', project, '--cache-dir', cache, '--format', 'json']);
    expect(cached.exitCode, cached.stdout).toBe(1);
    expect(cached.stdout).toBe(uncached.stdout);
  });
});

describe('the cache key', () => {
  const secret = async (source: { configHome: string; envKey?: string }): Promise<Buffer | null> => (await import('../../src/shared/cache-key.js')).loadCacheSecret(source);

  it('is made once, 32 random bytes in a 0600 file under the config folder, and read back', async () => {
    const configHome = scratch('config');
    const first = await secret({ configHome });
    expect(first?.length).toBe(32);
    expect(statSync(join(configHome, 'carve', 'cache.key')).mode & 0o777).toBe(0o600);
    expect((await secret({ configHome }))?.equals(first as Buffer)).toBe(true);
    expect((await secret({ configHome: scratch('config') }))?.equals(first as Buffer)).toBe(false);
  });

  it('comes from CARVE_CACHE_KEY when set, and is none when no key file can be had or trusted', async () => {
    const configHome = scratch('config');
    const fromEnv = await secret({ configHome, envKey: 'a CI secret of some length' });
    expect(fromEnv).not.toBeNull();
    expect((await secret({ configHome: scratch('config'), envKey: 'a CI secret of some length' }))?.equals(fromEnv as Buffer)).toBe(true);
    expect(existsSync(join(configHome, 'carve'))).toBe(false);
    // A file where the folder should be: no key can be made.
    const blocked = scratch('config');
    writeFileSync(join(blocked, 'carve'), '');
    expect(await secret({ configHome: blocked })).toBeNull();
    // A key others may read is no secret.
    const shared = scratch('config');
    expect(await secret({ configHome: shared })).not.toBeNull();
    chmodSync(join(shared, 'carve', 'cache.key'), 0o644);
    expect(await secret({ configHome: shared })).toBeNull();
  });

  it('when none can be had, the CLI still runs, reading and writing no cache', async () => {
    const project = writeProject(CLEAN_SHOP);
    const blocked = scratch('config');
    writeFileSync(join(blocked, 'carve'), '');
    const cache = scratch('cache');
    const env = { XDG_CONFIG_HOME: blocked, CARVE_CACHE_KEY: undefined };
    for (let run = 0; run < 2; run++) {
      const analyze = await runCli(['analyze', project, '--out', scratch('out'), '--cache-dir', cache], { env });
      expect(analyze.exitCode, analyze.stderr).toBe(0);
      expect(analyze.stdout).toMatch(/0 files from cache/);
    }
    expect(readdirSync(cache)).toEqual([]);
  });
});
