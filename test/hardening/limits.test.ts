// Limits: --max-file-size skips a file with a warning, --max-files refuses with a hint to --include,
// and nesting deep enough to exhaust the parser's stack is a named warning: the process survives and
// the files read after it get exactly the facts they get without it.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { isCarveError } from '../../src/shared/errors.js';
import { fixturesRoot } from '../helpers/fixtures.js';
import { runCli, runCliInProcess } from '../helpers/run-cli.js';

const temps: string[] = [];
function shopCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carve-limits-'));
  temps.push(dir);
  cpSync(join(fixturesRoot, 'shop'), dir, { recursive: true });
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const DEPTH = 100_000;
const deepFiles: Record<string, string> = {
  'src/aaa-deep-parens.ts': `export const a = ${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)};\n`,
  'src/mmm-deep-arrays.ts': `export const b = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)};\n`,
  'src/utils/zzz-deep-ternaries.ts': `declare const x: boolean;\nexport const c = ${'x ? 1 : '.repeat(DEPTH)}0;\n`,
  'src/catalog/deep-objects.ts': `export const d = ${'{a:'.repeat(DEPTH)}1${'}'.repeat(DEPTH)};\n`,
};

describe('--max-file-size', () => {
  it('skips a file over the limit with a warning that names it and the option', () => {
    const dir = shopCopy();
    writeFileSync(join(dir, 'src/big.ts'), `export const big = "${'x'.repeat(64 * 1024)}";\n`);
    const { analysis } = analyze(dir, { maxFileBytes: 32 * 1024 });
    expect(analysis.modules.map((module) => module.id)).not.toContain('src/big.ts');
    const warning = analysis.diagnostics.find((diagnostic) => diagnostic.file === 'src/big.ts');
    expect(warning?.code).toBe('file-too-large');
    expect(warning?.message).toContain('--max-file-size');
    expect(analysis.modules.length).toBeGreaterThan(20);
  });

  it('is a CLI option: the run exits 0 and the summary names the skipped file', async () => {
    const dir = shopCopy();
    writeFileSync(join(dir, 'src/big.ts'), `export const big = "${'x'.repeat(8192)}";\n`);
    const run = await runCliInProcess(['analyze', dir, '--out', join(dir, '.out'), '--no-cache', '--max-file-size', '4096']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/src\/big\.ts\s+file-too-large/);
  });
});

describe('--max-files', () => {
  it('refuses with one clear line that suggests --include, exit 2', async () => {
    const run = await runCliInProcess(['analyze', join(fixturesRoot, 'shop'), '--out', join(shopCopy(), '.out'), '--no-cache', '--max-files', '5']);
    expect(run.exitCode).toBe(2);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^carve: error: \d+ files found, more than the limit of 5/);
    expect(lines[0]).toContain('--include');
    expect(lines[0]).toContain('--max-files');
  });

  it('is a CarveError in-process', () => {
    let caught: unknown;
    try {
      analyze(join(fixturesRoot, 'shop'), { maxFiles: 3 });
    } catch (error) {
      caught = error;
    }
    expect(isCarveError(caught) && caught.code).toBe('too-many-files');
  });
});

describe(`${DEPTH} levels of nesting`, () => {
  it('names each file nesting-too-deep and leaves every other file as a run without them reads it', () => {
    const clean = analyze(join(fixturesRoot, 'shop')).analysis;
    const dir = shopCopy();
    for (const [path, code] of Object.entries(deepFiles)) writeFileSync(join(dir, path), code);
    const deep = analyze(dir).analysis;
    for (const path of Object.keys(deepFiles)) {
      expect(deep.diagnostics.find((diagnostic) => diagnostic.file === path)?.code, path).toBe('nesting-too-deep');
    }
    // The parser threw RangeError four times mid-parse, between ordinary files: their facts are unchanged.
    expect(deep.modules.map((module) => [module.id, module.loc])).toEqual(clean.modules.map((module) => [module.id, module.loc]));
    expect(deep.dependencies).toEqual(clean.dependencies);
    expect(deep.dataAccess).toEqual(clean.dataAccess);
    expect(deep.entities).toEqual(clean.entities);
  });

  // In a process of its own: the parser's RangeError depends on the stack the process starts with.
  it('through the CLI: exit 0, the warnings in the summary, no stack trace', async () => {
    const dir = shopCopy();
    for (const [path, code] of Object.entries(deepFiles)) writeFileSync(join(dir, path), code);
    const run = await runCli(['analyze', dir, '--out', join(dir, '.out'), '--no-cache'], { timeoutMs: 30_000 });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).not.toMatch(/RangeError|^\s+at /m);
    for (const path of Object.keys(deepFiles)) expect(run.stdout).toMatch(new RegExp(`${path.replace(/[.]/g, '\\.')}\\s+nesting-too-deep`));
  });
});
