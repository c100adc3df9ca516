// The whole-analysis cache: a warm run with nothing changed reads contexts and plan back, byte for byte
// what a run without any cache computes; a changed file, option or config computes them again; a
// corrupt entry is ignored; runs reading git history are never cached.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { fixturesRoot } from '../helpers/fixtures.js';

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'carve-result-cache-'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function shopCopy(name: string): string {
  const dir = join(scratch, name);
  cpSync(join(fixturesRoot, 'shop'), dir, { recursive: true });
  return dir;
}

describe('the result cache', () => {
  it('gives, warm, the bytes a run without cache computes, and says it reused them', () => {
    const dir = shopCopy('same');
    const cacheDir = join(scratch, 'cache-same');
    const uncached = analyze(dir);
    const first = analyze(dir, { cacheDir });
    const second = analyze(dir, { cacheDir });
    expect(first.resultFromCache).toBe(false);
    expect(second.resultFromCache).toBe(true);
    expect(second.timings.contexts).toBeUndefined();
    expect(JSON.stringify(second.analysis)).toBe(JSON.stringify(uncached.analysis));
  });

  it('computes again when a file, an option or the config changes', () => {
    const dir = shopCopy('changes');
    const cacheDir = join(scratch, 'cache-changes');
    analyze(dir, { cacheDir });
    writeFileSync(join(dir, 'src/catalog/search.ts'), "import { Product } from '../entities/product.entity';\nexport const searchable = (p: Product) => p;\n");
    const afterEdit = analyze(dir, { cacheDir });
    expect(afterEdit.resultFromCache).toBe(false);
    expect(JSON.stringify(afterEdit.analysis)).toBe(JSON.stringify(analyze(dir).analysis));

    expect(analyze(dir, { cacheDir, seed: 2 }).resultFromCache).toBe(false);
    expect(analyze(dir, { cacheDir, seed: 2 }).resultFromCache).toBe(true);
    expect(analyze(dir, { cacheDir, kernelThreshold: 0.6 }).resultFromCache).toBe(false);

    analyze(dir, { cacheDir });
    writeFileSync(join(dir, 'carve.config.json'), JSON.stringify({ contexts: { catalog: { paths: ['src/catalog/**'] } } }));
    const withConfig = analyze(dir, { cacheDir });
    expect(withConfig.resultFromCache).toBe(false);
    expect(withConfig.analysis.contexts.find((context) => context.id === 'catalog')?.origin).toBe('config');
  });

  it('ignores a corrupt entry and writes a good one', () => {
    const dir = shopCopy('corrupt');
    const cacheDir = join(scratch, 'cache-corrupt');
    const expected = JSON.stringify(analyze(dir, { cacheDir }).analysis);
    const resultFile = readdirSync(cacheDir).find((name) => name.startsWith('result-'));
    expect(resultFile).toBeDefined();
    writeFileSync(join(cacheDir, resultFile as string), 'not a cache');
    const rebuilt = analyze(dir, { cacheDir });
    expect(rebuilt.resultFromCache).toBe(false);
    expect(JSON.stringify(rebuilt.analysis)).toBe(expected);
    expect(analyze(dir, { cacheDir }).resultFromCache).toBe(true);
  });

  it('computes again when a --compare file found only under the analyzed root changes', () => {
    const dir = shopCopy('compare');
    const cacheDir = join(scratch, 'cache-compare');
    const name = 'carve-result-cache-partition.json';
    // Not beside the working directory: compare-with.ts finds it under the analyzed root.
    expect(existsSync(name)).toBe(false);
    writeFileSync(join(dir, name), '{}');
    const modules = analyze(dir, { cacheDir, compare: name }).analysis.modules.map((module) => module.id);
    const partition = (group: (file: string) => string): string => JSON.stringify(Object.fromEntries(modules.map((file) => [file, group(file)])));
    writeFileSync(join(dir, name), partition(() => 'one'));
    const first = analyze(dir, { cacheDir, compare: name });
    expect(first.resultFromCache).toBe(false);
    expect(analyze(dir, { cacheDir, compare: name }).resultFromCache).toBe(true);
    writeFileSync(join(dir, name), partition((file) => file.split('/').slice(0, 2).join('/')));
    const afterEdit = analyze(dir, { cacheDir, compare: name });
    expect(afterEdit.resultFromCache).toBe(false);
    expect(afterEdit.analysis.metrics.comparison).not.toEqual(first.analysis.metrics.comparison);
  });
});
