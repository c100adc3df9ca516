import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStamp } from '../../src/extract/cache/index.js';
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

  it('trusts an unchanged stat stamp, and still sees a same-size edit through its new mtime', () => {
    const dir = project();
    const cacheDir = scratch('cache');
    const past = new Date(Date.now() - 60_000);
    for (const name of ['a.ts', 'b.ts', 'c.ts']) utimesSync(join(dir, name), past, past);
    const before = run(dir, cacheDir).files.find((facts) => facts.path === 'c.ts')?.hash;
    expect(run(dir, cacheDir).cacheStats).toEqual({ hits: 3, misses: 0 });
    // Same size, different content, written now: the mtime differs, so the file is hashed and re-read.
    writeFileSync(join(dir, 'c.ts'), 'export const c = 2;\n');
    const edited = run(dir, cacheDir);
    expect(edited.cacheStats).toEqual({ hits: 2, misses: 1 });
    expect(edited.files.find((facts) => facts.path === 'c.ts')?.hash).not.toBe(before);
  });

  it('gives no stamp to a file modified in the last 2 s (a second write could keep the stamp)', () => {
    const dir = project();
    const now = statSync(join(dir, 'a.ts')).mtimeMs;
    expect(fileStamp(join(dir, 'a.ts'), now + 1000)).toBeNull();
    expect(fileStamp(join(dir, 'a.ts'), now + 3000)).toMatch(/^\d+:[\d.]+:\d+$/);
    expect(fileStamp(join(dir, 'missing.ts'))).toBeNull();
  });
});
