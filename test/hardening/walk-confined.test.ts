// Discovery never leaves the analyzed root, with or without a tsconfig: a folder linked to /proc or
// to a folder outside (holding sources, a FIFO and a .gitignore) is skipped with a warning; nothing
// outside is walked, opened or named. Runs the built CLI with a time bound: a hang fails the test.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectLayout } from '../../src/extract/index.js';
import { isCarveError } from '../../src/shared/errors.js';
import { isCliBuilt, runCli } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';
import { canMakeFifo, plantLink, plantSpecial } from './special-files.js';

const scratch = useScratch('walk-confined');
const SECRET = 'CARVE-CANARY-walk-0b7e';

function project(withTsconfig: boolean): { dir: string; outside: string } {
  const top = scratch('case');
  const dir = join(top, 'repo');
  const outside = join(top, 'outside');
  const files: Record<string, string> = {
    'src/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
    'src/b.ts': 'export const b = 1;\n',
    ...(withTsconfig ? { 'tsconfig.json': JSON.stringify({ include: ['src'] }) } : {}),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(outside);
  writeFileSync(join(outside, 'stolen.ts'), `export const secret = '${SECRET}';\n`);
  writeFileSync(join(outside, 'ignored.ts'), 'export const ignored = 1;\n');
  if (canMakeFifo()) {
    plantSpecial(join(outside, 'pipe.ts'), 'fifo');
    plantSpecial(join(outside, '.gitignore'), 'fifo');
  } else {
    writeFileSync(join(outside, '.gitignore'), `${SECRET}\n`);
  }
  plantLink(join(dir, 'src/proc'), '/proc');
  plantLink(join(dir, 'src/away'), outside);
  return { dir, outside };
}

describe.skipIf(!isCliBuilt())('discovery', () => {
  for (const withTsconfig of [true, false]) {
    it(`${withTsconfig ? 'with' : 'without'} a tsconfig does not follow src/proc -> /proc nor src/away -> a folder outside`, async () => {
      const { dir, outside } = project(withTsconfig);
      const out = join(dir, '.carve-out');
      const run = await runCli(['analyze', dir, '--no-cache', '--out', out], { timeoutMs: 30_000 });
      expect(run.isTimedOut).toBe(false);
      expect(run.exitCode, run.stderr).toBe(0);
      const text = readFileSync(join(out, 'analysis.json'), 'utf8');
      const analysis = JSON.parse(text) as { modules: { id: string }[]; diagnostics: { file: string | null; code: string }[] };
      expect(analysis.modules.map((module) => module.id).sort()).toEqual(['src/a.ts', 'src/b.ts']);
      expect(text).not.toContain(outside);
      expect(text).not.toContain(SECRET);
      expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
      if (withTsconfig) {
        const warned = analysis.diagnostics.filter((diagnostic) => diagnostic.code === 'link-outside-root').map((diagnostic) => diagnostic.file);
        expect(warned).toEqual(['src/away', 'src/proc']);
      }
    });
  }
});

describe('a tsconfig extends chain', () => {
  function repo(extendsTarget: string): { dir: string; outside: string } {
    const top = scratch('extends');
    const dir = join(top, 'repo');
    const outside = join(top, 'outside');
    const files: Record<string, string> = {
      'src/a.ts': 'export const a = 1;\n',
      'tsconfig.json': JSON.stringify({ extends: extendsTarget, include: ['src'] }),
      // pnpm's layout: the package folder is a link to the store, inside the repository.
      'node_modules/.pnpm/@acme+tsconfig@1.0.0/node_modules/@acme/tsconfig/base.json': JSON.stringify({ compilerOptions: { strict: true } }),
      'node_modules/.pnpm/@acme+tsconfig@1.0.0/node_modules/@acme/tsconfig/package.json': JSON.stringify({ name: '@acme/tsconfig' }),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    plantLink(join(dir, 'node_modules/@acme/tsconfig'), join(dir, 'node_modules/.pnpm/@acme+tsconfig@1.0.0/node_modules/@acme/tsconfig'));
    mkdirSync(outside);
    writeFileSync(join(outside, 'base.json'), JSON.stringify({ compilerOptions: { strict: true } }));
    plantLink(join(dir, 'linked-base.json'), join(outside, 'base.json'));
    return { dir, outside };
  }

  it('into node_modules inside the repository (a pnpm link included) still works', () => {
    const { dir } = repo('@acme/tsconfig/base.json');
    expect(loadProjectLayout(dir).projects[0]?.options.strict).toBe(true);
  });

  it('to a file that links outside the repository is a bad-tsconfig error naming it relatively', () => {
    const { dir } = repo('./linked-base.json');
    let error: unknown;
    try {
      loadProjectLayout(dir);
    } catch (caught) {
      error = caught;
    }
    expect(isCarveError(error) && error.code).toBe('bad-tsconfig');
    expect((error as Error).message).toContain('linked-base.json');
    expect((error as Error).message).not.toContain(dir);
  });
});
