// --base reads the ref from git's objects into a temp folder: committed content only, the analyzed
// subfolder only, only the files the analysis reads (no symlink, no submodule, nothing outside the
// folder whatever a crafted tree names), blobs over the limit as placeholders of their size, nothing
// written into the user's work tree or .git, the temp folder removed after.
import { existsSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materializeBase } from '../../src/check/index.js';
import { batchParser, isAnalysisInput, isSafeTreePath, parseTreeListing, placeholderThreshold } from '../../src/check/base-ref.js';
import { schemaFileAdapters } from '../../src/extract/data-access/schema-files.js';
import { CarveError } from '../../src/shared/errors.js';
import { snapshotTree } from '../helpers/fixtures.js';
import { createTmpGitRepo, type TmpGitRepo } from '../helpers/tmp-git-repo.js';

const repo = createTmpGitRepo({ 'app/src/a.ts': 'export const a = 1;\n', 'app/src/b.ts': 'export const b = 1;\n', 'README.md': 'hi\n' });
const first = repo.commit('first');
repo.write({ 'app/src/a.ts': 'export const a = 2;\n', 'app/src/c.ts': 'export const c = 3;\n' });
repo.commit('second');
repo.write({ 'app/src/a.ts': 'export const a = 3; // not committed\n' });
afterAll(() => repo.dispose());

describe('materializeBase', () => {
  it('extracts the ref as committed, without touching the work tree or .git', async () => {
    const before = snapshotTree(repo.dir);
    const base = await materializeBase(repo.dir, 'HEAD');
    try {
      expect(base.dir).not.toBeNull();
      expect(readFileSync(join(base.dir!, 'app/src/a.ts'), 'utf8')).toBe('export const a = 2;\n');
      expect(existsSync(join(base.dir!, '.git'))).toBe(false);
    } finally {
      base.dispose();
    }
    expect(existsSync(base.dir!)).toBe(false);
    expect(snapshotTree(repo.dir)).toEqual(before);
  });

  it('gives only the analyzed subfolder, at an older commit', async () => {
    const base = await materializeBase(join(repo.dir, 'app'), first);
    try {
      expect(base.commit).toBe(first);
      expect(readdirSync(base.dir!).sort()).toEqual(['src']);
      expect(readdirSync(join(base.dir!, 'src')).sort()).toEqual(['a.ts', 'b.ts']);
      expect(readFileSync(join(base.dir!, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
    } finally {
      base.dispose();
    }
  });

  it('says when the folder did not exist at the ref', async () => {
    repo.write({ 'later/x.ts': 'export {};\n' });
    repo.commit('third');
    const base = await materializeBase(join(repo.dir, 'later'), first);
    expect(base.dir).toBeNull();
    base.dispose();
  });

  it('takes a folder name with pathspec magic or wildcards literally', async () => {
    const odd = createTmpGitRepo({ ':(top)lib/x.ts': 'export const odd = 1;\n', 'lib/y.ts': 'export {};\n', 'l*b/z.ts': 'export {};\n', 'lxb/w.ts': 'export {};\n' }, 'carve-git-odd-');
    try {
      odd.commit('odd names');
      for (const [folder, files] of [[':(top)lib', ['x.ts']], ['l*b', ['z.ts']]] as const) {
        const base = await materializeBase(join(odd.dir, folder), 'HEAD');
        try {
          expect(readdirSync(base.dir!)).toEqual(files);
        } finally {
          base.dispose();
        }
      }
    } finally {
      odd.dispose();
    }
  });

  it.each([
    ['an unknown ref', 'no-such-branch', /unknown git ref 'no-such-branch'/],
    ['an option-like ref', '--output=/tmp/x', /is not a git ref/],
  ])('refuses %s', async (_name, ref, pattern) => {
    const attempt = materializeBase(repo.dir, ref);
    await expect(attempt).rejects.toThrow(CarveError);
    await expect(attempt).rejects.toThrow(pattern);
  });

  it('refuses a folder outside any git repository', async () => {
    const outside = join(repo.dir, '..');
    await expect(materializeBase(outside, 'HEAD')).rejects.toThrow(/needs a git repository/);
  });
});

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

describe('the files of the base', () => {
  // Made in beforeAll: a filtered run that skips these tests also skips afterAll, and must not leave it behind.
  let tree: TmpGitRepo;
  beforeAll(() => {
    tree = createTmpGitRepo(
      {
        'src/a.ts': 'export const a = 1;\n',
        'src/odd\nname.ts': 'export const odd = 1;\n',
        'src/view.tsx': 'export {};\n',
        'src/legacy.js': 'module.exports = 1;\n',
        'src/.gitignore': '*.gen.ts\n',
        'prisma/schema.prisma': 'model A { id Int @id }\n',
        'tsconfig.json': '{}\n',
        'tsconfig.base.json': '{}\n',
        'package.json': '{"name":"x"}\n',
        'pnpm-workspace.yaml': 'packages: []\n',
        'README.md': 'not read\n',
        'logo.png': 'not read\n',
        '.gitattributes': '* filter=evil\n',
      },
      'carve-git-files-',
    );
    symlinkSync('/etc/passwd', join(tree.dir, 'src', 'linked.ts'));
    symlinkSync('a.ts', join(tree.dir, 'src', 'alias.ts'));
    const head = tree.commit('files');
    // A submodule: a commit entry (mode 160000) in the tree.
    tree.git(['update-index', '--add', '--cacheinfo', `160000,${head},vendor/lib.ts`]);
    tree.commit('submodule');
  });
  afterAll(() => tree?.dispose());

  it('writes exactly the files the analysis reads, with their committed bytes; no symlink, no submodule', async () => {
    const base = await materializeBase(tree.dir, 'HEAD');
    try {
      expect(filesUnder(base.dir!)).toEqual(
        ['package.json', 'pnpm-workspace.yaml', 'prisma/schema.prisma', 'src/.gitignore', 'src/a.ts', 'src/legacy.js', 'src/odd\nname.ts', 'src/view.tsx', 'tsconfig.base.json', 'tsconfig.json'].sort(),
      );
      expect(readFileSync(join(base.dir!, 'src/odd\nname.ts'), 'utf8')).toBe('export const odd = 1;\n');
    } finally {
      base.dispose();
    }
  });

  it('writes a blob over the limit as an empty file of its size, without reading it', async () => {
    const size = placeholderThreshold(1000) + 1;
    tree.write({ 'src/huge.ts': `// ${'x'.repeat(size - 4)}\n` });
    tree.commit('huge');
    const base = await materializeBase(tree.dir, 'HEAD', { maxFileBytes: 1000 });
    try {
      const huge = join(base.dir!, 'src/huge.ts');
      expect(statSync(huge).size).toBe(size);
      expect(readFileSync(huge).subarray(0, 16).equals(Buffer.alloc(16))).toBe(true);
      expect(readFileSync(join(base.dir!, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
    } finally {
      base.dispose();
    }
  });

  it("never writes outside its folder, whatever names a crafted tree holds ('..', '.git')", async () => {
    const blob = tree.git(['hash-object', '-w', '--stdin'], 'export const evil = 1;\n');
    const inner = tree.git(['mktree'], `100644 blob ${blob}\tescaped.ts\n`);
    const crafted = tree.git(['mktree'], `040000 tree ${inner}\t..\n040000 tree ${inner}\t.git\n040000 tree ${inner}\t.\n100644 blob ${blob}\tok.ts\n`);
    const commit = tree.git(['commit-tree', crafted, '-m', 'crafted']);
    const base = await materializeBase(tree.dir, commit);
    try {
      expect(filesUnder(base.dir!)).toEqual(['ok.ts']);
      expect(existsSync(join(base.dir!, '..', 'escaped.ts'))).toBe(false);
    } finally {
      base.dispose();
    }
  });
});

describe('base tree helpers', () => {
  it('reads every file a schema adapter of extract globs for', () => {
    for (const adapter of schemaFileAdapters) {
      for (const pattern of adapter.patterns) {
        const example = pattern.replaceAll('**/', 'deep/').replaceAll('*', 'name');
        expect(picomatch(pattern)(example), `${pattern} -> ${example}`).toBe(true);
        expect(isAnalysisInput(example), example).toBe(true);
      }
    }
    expect(isAnalysisInput('a/b.d.ts')).toBe(true);
    expect(isAnalysisInput('docs/readme.md')).toBe(false);
  });

  it.each(['..', 'a/../b.ts', './a.ts', 'a//b.ts', '.git/config.json', 'x/.GIT/a.ts', 'a\\..\\b.ts', ''])('refuses the path %j', (path) => {
    expect(isSafeTreePath(path)).toBe(false);
  });

  it('parses ls-tree -z output under a prefix and skips what is not a regular file', () => {
    const listing = [
      '100644 blob aaaa\tapp/src/a.ts',
      '100755 blob bbbb\tapp/run.js',
      '120000 blob cccc\tapp/link.ts',
      '160000 commit dddd\tapp/sub.ts',
      '100644 blob eeee\tother/x.ts',
      '100644 blob ffff\tapp/../x.ts',
      '100644 blob 0000\tapp/README.md',
      '',
    ].join('\u0000');
    expect(parseTreeListing(listing, 'app/')).toEqual({
      entries: [
        { path: 'src/a.ts', object: 'aaaa' },
        { path: 'run.js', object: 'bbbb' },
      ],
      isFolderPresent: true,
    });
    expect(parseTreeListing(listing, 'none/').isFolderPresent).toBe(false);
  });

  it('parses cat-file --batch output cut anywhere', () => {
    const output = Buffer.from('aaaa blob 3\nabc\nbbbb blob 0\n\ncccc blob 5\nx\ny\nz\n');
    const read = (chunkSize: number): string[] => {
      const seen: string[] = [];
      let current = '';
      const parse = batchParser({
        start: (object) => (current = `${object}:`),
        data: (chunk) => (current += chunk.toString()),
        end: () => seen.push(current),
        missing: (object) => seen.push(`${object} missing`),
      });
      for (let i = 0; i < output.length; i += chunkSize) parse(output.subarray(i, i + chunkSize));
      return seen;
    };
    for (const size of [1, 2, 3, 7, 100]) expect(read(size)).toEqual(['aaaa:abc', 'bbbb:', 'cccc:x\ny\nz']);
  });
});
