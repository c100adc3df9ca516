// Zero config: each file resolves with its nearest tsconfig (or a project that tsconfig references
// and that lists the file); a nested tsconfig that cannot be read (an `extends` into a package a
// fresh clone has not installed) is a warning, and its files take the next tsconfig up, while the
// analyzed folder's own tsconfig stays the user's error (exit 2).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectLayout } from '../../src/extract/index.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('nearest-tsconfig');

function project(files: Record<string, string>): string {
  const dir = scratch();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const tsconfig = (value: unknown): string => JSON.stringify(value);

describe('the nearest tsconfig', () => {
  it('resolves each package with its own tsconfig, the root files with the root one', () => {
    const dir = project({
      'tsconfig.json': tsconfig({ include: ['**/*'] }),
      'scripts/seed.ts': 'export const seed = 1;\n',
      'packages/a/tsconfig.json': tsconfig({ compilerOptions: { baseUrl: '.', paths: { '#a/*': ['src/*'] } }, include: ['src'] }),
      'packages/a/src/index.ts': 'export const a = 1;\n',
    });
    const layout = loadProjectLayout(dir);
    const configOf = (path: string): string | null | undefined => {
      const file = layout.files.find((entry) => entry.path === path);
      return file ? layout.projects[file.project]?.configPath : undefined;
    };
    expect(configOf('packages/a/src/index.ts')).toBe(join(dir, 'packages/a/tsconfig.json'));
    expect(configOf('scripts/seed.ts')).toBe(join(dir, 'tsconfig.json'));
    expect(layout.tsconfigs).toEqual(['packages/a/tsconfig.json', 'tsconfig.json']);
  });

  it('a nested tsconfig that cannot be read is a warning; its files take the next tsconfig up', () => {
    const dir = project({
      'tsconfig.json': tsconfig({ include: ['**/*'] }),
      'packages/broken/tsconfig.json': tsconfig({ extends: '@acme/tsconfig-not-installed/base.json', include: ['src'] }),
      'packages/broken/src/index.ts': 'export const broken = 1;\n',
    });
    const layout = loadProjectLayout(dir);
    expect(layout.files.map((file) => file.path)).toEqual(['packages/broken/src/index.ts']);
    expect(layout.tsconfigs).toEqual(['tsconfig.json']);
    expect(layout.warnings?.map((warning) => `${warning.file}:${warning.code}`)).toEqual(['packages/broken/tsconfig.json:bad-tsconfig']);
  });

  it('a nested tsconfig that cannot be read, with none above listing its files: they are read without a tsconfig, not left out', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'backend/tsconfig.json': tsconfig({ extends: '@acme/tsconfig-not-installed/base.json', include: ['src'] }),
      'backend/src/index.ts': "import { util } from './util';\nexport const a = util;\n",
      'backend/src/util.ts': 'export const util = 1;\n',
    });
    const layout = loadProjectLayout(dir);
    expect(layout.files.map((file) => file.path)).toEqual(['backend/src/index.ts', 'backend/src/util.ts']);
    expect(layout.warnings?.map((warning) => `${warning.file}:${warning.code}`)).toEqual(['backend/tsconfig.json:bad-tsconfig']);
  });

  it("the analyzed folder's own broken tsconfig stays an error", () => {
    const dir = project({
      'tsconfig.json': tsconfig({ extends: '@acme/tsconfig-not-installed/base.json' }),
      'src/index.ts': 'export const a = 1;\n',
    });
    expect(() => loadProjectLayout(dir)).toThrow(/not found|does not exist|extends/i);
  });
});
