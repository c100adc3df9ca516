// What Carve reads: symbolic links that leave the analyzed root are not followed (nor loops), and
// .gitignore'd files are skipped, with nested .gitignore files and `!` negations as git reads them.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { loadProjectLayout } from '../../src/extract/index.js';

const temps: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'carve-walk-'));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const paths = (dir: string): string[] => loadProjectLayout(dir).files.map((file) => file.path);

describe('symbolic links', () => {
  it('are not followed out of the root, to a folder or to a file, with or without a tsconfig', () => {
    const outside = project({ 'secret/leak.ts': 'export const leak = 1;\n', 'other.ts': 'export const other = 1;\n' });
    for (const tsconfig of [true, false]) {
      const dir = project({
        'src/main.ts': "import { leak } from './linked/leak.js';\nimport { other } from './other-link.js';\nexport const x = [leak, other];\n",
        ...(tsconfig ? { 'tsconfig.json': '{ "include": ["src"] }' } : {}),
      });
      symlinkSync(join(outside, 'secret'), join(dir, 'src/linked'));
      symlinkSync(join(outside, 'other.ts'), join(dir, 'src/other-link.ts'));
      expect(paths(dir)).toEqual(['src/main.ts']);
      const { analysis } = analyze(dir);
      expect(JSON.stringify(analysis)).not.toContain(outside);
      expect(analysis.dependencies).toEqual([]);
    }
  });

  it('finish on a loop (a folder linking to its parent) and on a dangling link', () => {
    const dir = project({ 'src/a.ts': 'export const a = 1;\n', 'tsconfig.json': '{ "include": ["src"] }' });
    symlinkSync('..', join(dir, 'src/loop'));
    symlinkSync(join(dir, 'nowhere.ts'), join(dir, 'src/dangling.ts'));
    expect(paths(dir)).toEqual(['src/a.ts']);
  });

  it('inside the root are read once, under their own path', () => {
    const dir = project({ 'src/real/a.ts': 'export const a = 1;\n' });
    symlinkSync(join(dir, 'src/real'), join(dir, 'src/alias'));
    expect(paths(dir)).toEqual(['src/real/a.ts']);
  });
});

describe('.gitignore', () => {
  it('skips what the root .gitignore names', () => {
    const dir = project({
      '.gitignore': 'generated/\n*.gen.ts\n',
      'src/a.ts': 'export const a = 1;\n',
      'src/b.gen.ts': 'export const b = 1;\n',
      'generated/c.ts': 'export const c = 1;\n',
    });
    expect(paths(dir)).toEqual(['src/a.ts']);
  });

  it('honours nested .gitignore files relative to their folder, and `!` negations in each', () => {
    const dir = project({
      '.gitignore': '*.gen.ts\n!keep.gen.ts\n',
      'src/a.ts': 'export const a = 1;\n',
      'src/x.gen.ts': 'export const x = 1;\n',
      'src/keep.gen.ts': 'export const k = 1;\n',
      'src/legacy/.gitignore': '/old/\nscratch.ts\n!important.gen.ts\n',
      'src/legacy/old/o.ts': 'export const o = 1;\n',
      'src/legacy/deeper/old/kept.ts': 'export const d = 1;\n',
      'src/legacy/scratch.ts': 'export const s = 1;\n',
      'src/legacy/important.gen.ts': 'export const i = 1;\n',
      'src/other/scratch.ts': 'export const t = 1;\n',
    });
    expect(paths(dir)).toEqual([
      'src/a.ts',
      'src/keep.gen.ts',
      'src/legacy/deeper/old/kept.ts',
      'src/legacy/important.gen.ts',
      'src/other/scratch.ts',
    ]);
  });
});
