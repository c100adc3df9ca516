// --tsconfig with --include: a file the include adds that the given tsconfig does not list resolves as
// tsc resolves a file an import pulls into `tsc -p <tsconfig>`'s program: with the options of the
// tsconfig in play (its `paths`, through `extends`), not with its own nearest tsconfig's.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { loadProjectLayout } from '../../src/extract/index.js';
import { useScratch, writeFiles } from '../helpers/scratch.js';

const scratch = useScratch('explicit-tsconfig');

const project = (files: Record<string, string>): string => writeFiles(scratch(), files);

// The shape of an Nx monorepo: the aliases live in tsconfig.base.json, which the app's tsconfig
// extends; the library has its own tsconfig, whose `paths` here would lead nowhere.
const MONOREPO = {
  'tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', moduleResolution: 'node', module: 'commonjs', paths: { '@x/lib/*': ['lib/src/*'] } } }),
  'app/tsconfig.json': JSON.stringify({ extends: '../tsconfig.base.json' }),
  'app/src/main.ts': "import { a } from '@x/lib/a';\nexport const main = a;\n",
  'lib/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@x/lib/*': ['nowhere/*'] } }, include: ['src'] }),
  'lib/src/a.ts': "import { b } from '@x/lib/util/b';\nexport const a = b;\n",
  'lib/src/util/b.ts': 'export const b = 1;\n',
};
const OPTIONS = { tsconfig: 'app/tsconfig.json', include: ['app/src/**', 'lib/src/**'] };

describe('files outside the include of --tsconfig', () => {
  it('resolve with the options of the tsconfig in play', () => {
    const dir = project(MONOREPO);
    const layout = loadProjectLayout(dir, OPTIONS);
    const configOf = (path: string): string | null | undefined => layout.projects[layout.files.find((file) => file.path === path)!.project]?.configPath;
    expect(configOf('lib/src/a.ts')).toBe(join(dir, 'app/tsconfig.json'));
    expect(layout.tsconfigs).toEqual(['app/tsconfig.json']);

    const { analysis } = analyze(dir, OPTIONS);
    expect(analysis.dependencies.map((edge) => `${edge.from} -> ${edge.to}`).sort()).toEqual(['app/src/main.ts -> lib/src/a.ts', 'lib/src/a.ts -> lib/src/util/b.ts']);
    expect(analysis.diagnostics.filter((diagnostic) => diagnostic.code === 'unresolved-import')).toEqual([]);
  });

  it("a workspace's tsconfig speaks for the files it lists, the tsconfig in play for the others beside them", () => {
    const dir = project({
      ...MONOREPO,
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['lib'] }),
      'lib/package.json': JSON.stringify({ name: '@x/lib' }),
      'lib/scripts/build.ts': "import { b } from '@x/lib/util/b';\nexport const build = b;\n",
    });
    const layout = loadProjectLayout(dir, { tsconfig: 'app/tsconfig.json', include: [...OPTIONS.include, 'lib/scripts/**'] });
    const configOf = (path: string): string | null | undefined => layout.projects[layout.files.find((file) => file.path === path)!.project]?.configPath;
    expect(configOf('lib/src/a.ts')).toBe(join(dir, 'lib/tsconfig.json'));
    expect(configOf('lib/scripts/build.ts')).toBe(join(dir, 'app/tsconfig.json'));
  });
});
