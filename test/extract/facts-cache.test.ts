import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fileStamp } from '../../src/extract/cache/index.js';
import { scanFactsCache } from '../../src/extract/cached-facts.js';
import { extract, loadProjectLayout } from '../../src/extract/index.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('facts-cache');

function project(): string {
  const dir = scratch('project');
  writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = b + 1;\n");
  writeFileSync(join(dir, 'b.ts'), "import { c } from './c';\nexport const b = c;\n");
  writeFileSync(join(dir, 'c.ts'), 'export const c = 1;\n');
  return dir;
}

function run(dir: string, cacheDir: string) {
  return extract(loadProjectLayout(dir), { cacheDir });
}

describe('facts cache', () => {
  it('re-reads only the file that changed', () => {
    const dir = project();
    const cacheDir = scratch('cache');
    expect(run(dir, cacheDir).cacheStats).toEqual({ hits: 0, misses: 3 });
    expect(run(dir, cacheDir).cacheStats).toEqual({ hits: 3, misses: 0 });
    writeFileSync(join(dir, 'b.ts'), "import { c } from './c';\nexport const b = c * 2;\n");
    const third = run(dir, cacheDir);
    expect(third.cacheStats).toEqual({ hits: 2, misses: 1 });
    expect(third.dependencies.map((d) => `${d.from}->${d.to}`)).toEqual(['a.ts->b.ts', 'b.ts->c.ts']);
  });

  it('gives the same result from the cache as without it', () => {
    const dir = project();
    const cacheDir = scratch('cache');
    const cold = extract(loadProjectLayout(dir));
    run(dir, cacheDir);
    const warm = run(dir, cacheDir);
    expect({ ...warm, cacheStats: null, dataAccessMs: 0 }).toEqual({ ...cold, cacheStats: null, dataAccessMs: 0 });
  });

  it('ignores and rebuilds a corrupt cache file', () => {
    const dir = project();
    const cacheDir = scratch('cache');
    run(dir, cacheDir);
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), 'not a cache');
    expect(run(dir, cacheDir).cacheStats).toEqual({ hits: 0, misses: 3 });
    expect(run(dir, cacheDir).cacheStats).toEqual({ hits: 3, misses: 0 });
  });

  it('starts over when a file appears, since resolution may change', () => {
    const dir = project();
    const cacheDir = scratch('cache');
    run(dir, cacheDir);
    writeFileSync(join(dir, 'd.ts'), 'export const d = 1;\n');
    expect(run(dir, cacheDir).cacheStats).toEqual({ hits: 0, misses: 4 });
  });

  it('trusts an unchanged stat stamp, and still sees a same-size edit, even with its mtime set back', () => {
    const dir = project();
    const cacheDir = scratch('cache');
    const past = Math.floor(Date.now() / 1000) - 60;
    for (const name of ['a.ts', 'b.ts', 'c.ts']) utimesSync(join(dir, name), past, past);
    // Three seconds on: the files' change times (which utimes cannot set back) are out of the 2 s window.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 3000);
      const before = run(dir, cacheDir).files.find((facts) => facts.path === 'c.ts')?.hash;
      expect(scanFactsCache(loadProjectLayout(dir), { cacheDir }).toRead).toBe(0);
      expect(run(dir, cacheDir).cacheStats).toEqual({ hits: 3, misses: 0 });
      // Same size, different content, then the old mtime put back: the ctime still moved.
      writeFileSync(join(dir, 'c.ts'), 'export const c = 2;\n');
      utimesSync(join(dir, 'c.ts'), past, past);
      vi.setSystemTime(Date.now() + 3000);
      expect(scanFactsCache(loadProjectLayout(dir), { cacheDir }).toRead).toBe(1);
      const edited = run(dir, cacheDir);
      expect(edited.cacheStats).toEqual({ hits: 2, misses: 1 });
      expect(edited.files.find((facts) => facts.path === 'c.ts')?.hash).not.toBe(before);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives no stamp to a file changed in the last 2 s, by mtime or ctime (a second write could keep the stamp)', () => {
    const dir = project();
    const changed = statSync(join(dir, 'a.ts')).ctimeMs;
    expect(fileStamp(join(dir, 'a.ts'), changed + 1000)).toBeNull();
    expect(fileStamp(join(dir, 'a.ts'), changed + 3000)).toMatch(/^\d+:[\d.]+:[\d.]+:\d+$/);
    // An mtime set into the past does not make a file just changed look settled.
    utimesSync(join(dir, 'a.ts'), 1_000_000, 1_000_000);
    expect(fileStamp(join(dir, 'a.ts'), statSync(join(dir, 'a.ts')).ctimeMs + 1000)).toBeNull();
    expect(fileStamp(join(dir, 'missing.ts'))).toBeNull();
  });
});
