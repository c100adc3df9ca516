// check --base --timings: the base's stages and how many of its files were taken from the work tree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCliEntry, isCliBuilt, runCli } from '../helpers/run-cli.js';
import { createTmpGitRepo } from '../helpers/tmp-git-repo.js';
import { CLEAN_SHOP, UNEXPOSED_IMPORT } from '../check/helpers/shop.js';

beforeAll(() => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the e2e tests`);
});

describe('check --base --timings', () => {
  const repo = createTmpGitRepo(CLEAN_SHOP, 'carve-base-timings-');
  afterAll(() => repo.dispose());

  it('counts the base files reused and parsed', async () => {
    repo.commit('clean shop');
    repo.write(UNEXPOSED_IMPORT);
    repo.commit('one more file');
    const timings = join(repo.dir, '..', 'timings.json');
    const run = await runCli(['check', repo.dir, '--no-cache', '--base', 'HEAD~1', '--format', 'json', '--timings', timings]);
    expect(run.exitCode, run.stderr).toBe(1);
    const base = (JSON.parse(readFileSync(timings, 'utf8')) as { base: { reused: number; parsed: number; baseFromGit: number } }).base;
    // The base has every file of the work tree but the added one, unchanged: all reused, none parsed.
    expect(base.parsed).toBe(0);
    expect(base.reused).toBeGreaterThan(0);
    expect(base.baseFromGit).toBeGreaterThanOrEqual(0);
  });
});
