// --base reads the ref from git's objects into a temp folder: committed content only, the analyzed
// subfolder only, nothing written into the user's work tree or .git, the temp folder removed after.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { materializeBase } from '../../src/check/index.js';
import { CarveError } from '../../src/shared/errors.js';
import { snapshotTree } from '../helpers/fixtures.js';
import { createTmpGitRepo } from '../helpers/tmp-git-repo.js';

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
