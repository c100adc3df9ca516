import { afterEach, describe, expect, it } from 'vitest';
import { countCoChanges, parseNameOnlyLog, readCoChanges } from '../../src/graph/history.js';
import { createTmpGitRepo, type TmpGitRepo } from '../helpers/tmp-git-repo.js';

describe('parseNameOnlyLog', () => {
  it('splits `git log -z --name-only --format=%x01%H` output into commits of files', () => {
    const output = '\u0001abc\u0000\nsrc/a.ts\u0000src/b c.ts\u0000\u0001def\u0000\nsrc/ü.ts\u0000\u0001fff\u0000';
    expect(parseNameOnlyLog(output)).toEqual([['src/a.ts', 'src/b c.ts'], ['src/ü.ts'], []]);
    expect(parseNameOnlyLog('')).toEqual([]);
  });
});

describe('countCoChanges', () => {
  it('counts pairs changed together, drops rare pairs and huge commits', () => {
    const commits = [
      ['b.ts', 'a.ts'],
      ['a.ts', 'b.ts', 'c.ts'],
      ['a.ts', 'c.ts', 'c.ts'],
      Array.from({ length: 5 }, (_, i) => `bulk${i}.ts`).concat(['a.ts', 'b.ts']),
    ];
    expect(countCoChanges(commits, { maxFilesPerCommit: 4, minCount: 2 })).toEqual([
      { a: 'a.ts', b: 'b.ts', count: 2 },
      { a: 'a.ts', b: 'c.ts', count: 2 },
    ]);
    expect(countCoChanges(commits, { maxFilesPerCommit: 10, minCount: 3 })).toEqual([{ a: 'a.ts', b: 'b.ts', count: 3 }]);
  });

  it('keeps only included files, but a commit is still huge by all its files', () => {
    const commits = [['a.ts', 'b.ts', 'README.md'], ['a.ts', 'b.ts', 'x.md', 'y.md']];
    const options = { maxFilesPerCommit: 3, minCount: 1, includeFile: (path: string) => path.endsWith('.ts') };
    expect(countCoChanges(commits, options)).toEqual([{ a: 'a.ts', b: 'b.ts', count: 1 }]);
  });
});

describe('readCoChanges', () => {
  let repo: TmpGitRepo | undefined;
  afterEach(() => repo?.dispose());

  it('reads the last commits of a repository, paths relative to the analysed folder', async () => {
    repo = createTmpGitRepo({ 'app/src/a.ts': '1', 'app/src/b.ts': '1', 'other/z.ts': '1' });
    repo.commit('start');
    repo.write({ 'app/src/a.ts': '2', 'app/src/b.ts': '2', 'other/z.ts': '2' });
    repo.commit('both');
    repo.write({ 'app/src/a.ts': '3', 'app/src/c.ts': '3' });
    repo.commit('a and c');
    repo.write({ 'app/src/a.ts': '4', 'app/src/b.ts': '4' });
    repo.commit('both again');
    const all = await readCoChanges(`${repo.dir}/app`, 10, { minCount: 1 });
    expect(all).toEqual([
      { a: 'src/a.ts', b: 'src/b.ts', count: 3 },
      { a: 'src/a.ts', b: 'src/c.ts', count: 1 },
    ]);
    // Only the last two commits.
    expect(await readCoChanges(`${repo.dir}/app`, 2, { minCount: 1 })).toEqual([
      { a: 'src/a.ts', b: 'src/b.ts', count: 1 },
      { a: 'src/a.ts', b: 'src/c.ts', count: 1 },
    ]);
    expect(await readCoChanges(`${repo.dir}/app`, 0)).toEqual([]);
  });

  it('fails with a clear message outside a git repository', () => {
    expect(() => readCoChanges('/nonexistent-carve-dir', 5)).toThrow(/cannot read git history of \/nonexistent-carve-dir/);
  });
});
