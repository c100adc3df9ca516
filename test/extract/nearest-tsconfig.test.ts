// Zero config: each file resolves with its nearest tsconfig (or a project that tsconfig references
// and that lists the file); a nested tsconfig whose `extends` names a package a fresh clone has not
// installed is a warning and is read with its own options; one that cannot be read at all is a
// warning, and its files take the next tsconfig up; the analyzed folder's own tsconfig stays the
// user's error (exit 2).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectLayout } from '../../src/extract/index.js';
import { useScratch, writeFiles } from '../helpers/scratch.js';

const scratch = useScratch('nearest-tsconfig');

const project = (files: Record<string, string>): string => writeFiles(scratch(), files);

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

  it('a nested tsconfig that cannot be read at all is a warning; its files take the next tsconfig up', () => {
    const dir = project({
      'tsconfig.json': tsconfig({ include: ['**/*'] }),
      'packages/broken/tsconfig.json': '{ "include": ["src"] ',
      'packages/broken/src/index.ts': 'export const broken = 1;\n',
    });
    const layout = loadProjectLayout(dir);
    expect(layout.files.map((file) => file.path)).toEqual(['packages/broken/src/index.ts']);
    expect(layout.tsconfigs).toEqual(['tsconfig.json']);
    expect(layout.warnings?.map((warning) => `${warning.file}:${warning.code}`)).toEqual(['packages/broken/tsconfig.json:bad-tsconfig']);
  });

  it('a nested tsconfig whose extends is not installed is a warning and is read with its own options: its paths hold', () => {
    const dir = project({
      'tsconfig.json': tsconfig({ include: ['**/*'] }),
      'packages/core/tsconfig.json': tsconfig({
        extends: '@acme/tsconfig-not-installed/base.json',
        compilerOptions: { baseUrl: '.', paths: { '#src/*': ['src/*'] } },
        include: ['src'],
      }),
      'packages/core/src/index.ts': "import { util } from '#src/utils/util.js';\nexport const a = util;\n",
      'packages/core/src/utils/util.ts': 'export const util = 1;\n',
    });
    const layout = loadProjectLayout(dir);
    const core = layout.files.find((file) => file.path === 'packages/core/src/index.ts');
    expect(core && layout.projects[core.project]?.configPath).toBe(join(dir, 'packages/core/tsconfig.json'));
    expect(core && layout.projects[core.project]?.options.paths).toEqual({ '#src/*': ['src/*'] });
    expect(layout.tsconfigs).toEqual(['packages/core/tsconfig.json']);
    const warnings = layout.warnings ?? [];
    expect(warnings.map((warning) => `${warning.file}:${warning.code}`)).toEqual(['packages/core/tsconfig.json:bad-tsconfig']);
    expect(warnings[0]?.message).toMatch(/own compiler options/);
  });

  it('a nested tsconfig whose extends is not installed, with none above: its files are read with its own options, not left out', () => {
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

  it("the analyzed folder's own tsconfig whose extends is not installed is a warning too (a team tries Carve before npm ci)", () => {
    const dir = project({
      'tsconfig.json': tsconfig({ extends: '@acme/tsconfig-not-installed/base.json' }),
      'src/index.ts': 'export const a = 1;\n',
    });
    const layout = loadProjectLayout(dir);
    expect(layout.files.map((file) => file.path)).toEqual(['src/index.ts']);
    expect(layout.warnings?.map((warning) => `${warning.file}:${warning.code}`)).toEqual(['tsconfig.json:bad-tsconfig']);
  });

  it("the analyzed folder's own malformed tsconfig stays an error", () => {
    const dir = project({ 'tsconfig.json': '{ "compilerOptions": ', 'src/index.ts': 'export const a = 1;\n' });
    expect(() => loadProjectLayout(dir)).toThrow(/tsconfig\.json/);
  });
});
