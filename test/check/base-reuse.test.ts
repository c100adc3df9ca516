// check --base takes the work tree's facts for base files with the same content and the same import
// resolutions (extract/reuse-facts.ts). The proof that this changes nothing: the base analyzed with and
// without the reuse gives the same facts and check the same result, on every fixtures/check case and on
// a generated project with files added, removed, renamed and edited, and with an unchanged file whose
// './x' resolves to x/index.ts at the base but to an added x.ts in the work tree.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBoundaries, type AnalyzeOptions } from '../../src/analysis/read-project.js';
import { checkBoundaries } from '../../src/check/index.js';
import { analyzeBase } from '../../src/cli/commands/check.js';
import { loadConfig } from '../../src/config/index.js';
import { generateMonolith } from '../../scripts/generate-monolith.js';
import { fixturesRoot } from '../helpers/fixtures.js';
import { createTmpGitRepo, type TmpGitRepo } from '../helpers/tmp-git-repo.js';
import { readTree } from './helpers/check-fixtures.js';

const repos: TmpGitRepo[] = [];
afterAll(() => {
  for (const repo of repos) repo.dispose();
});

/** The base of HEAD~1 analyzed without and with the work tree's facts, and check's result each way. */
async function bothWays(repo: TmpGitRepo) {
  const loaded = loadConfig(repo.dir);
  if (!loaded) throw new Error('no carve.config.json');
  const options: AnalyzeOptions = { configPath: loaded.path, loadedConfig: loaded };
  const work = analyzeBoundaries(repo.dir, options);
  const workBefore = structuredClone(work.facts);
  const cold = await analyzeBase(repo.dir, 'HEAD~1', options, loaded.path);
  const reused = await analyzeBase(repo.dir, 'HEAD~1', options, loaded.path, { donor: work.donor });
  // The base shares the work tree's FileFacts objects: its run must leave the work tree's facts as they were.
  expect(work.facts).toEqual(workBefore);
  const result = (base: typeof cold) => checkBoundaries({ analysis: work.facts, config: loaded.config, baseline: [], baseAnalysis: base.facts });
  return { cold, reused, coldResult: result(cold), reusedResult: result(reused) };
}

describe('the base with the work tree\'s facts reused', () => {
  const casesDir = join(fixturesRoot, 'check');
  const cases = readdirSync(casesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

  it.for(cases)('fixtures/check/%s: same facts, same result', async (name) => {
    const caseDir = join(casesDir, name);
    const repo = createTmpGitRepo({ ...readTree(join(caseDir, 'base')), 'carve.config.json': readFileSync(join(caseDir, 'carve.config.json'), 'utf8') }, 'carve-base-reuse-');
    repos.push(repo);
    repo.commit('base');
    repo.write(readTree(join(caseDir, 'change')));
    repo.commit('change');
    const { cold, reused, coldResult, reusedResult } = await bothWays(repo);
    expect(reused.facts).toEqual(cold.facts);
    expect(reusedResult).toEqual(coldResult);
    expect(cold.reuse).toBeNull();
    expect(reused.reuse!.reused).toBeGreaterThan(0);
  });

  it('a generated project with adds, removes, renames, edits and a resolution that changed: same facts, same result', async () => {
    const generated = mkdtempSync(join(tmpdir(), 'carve-base-reuse-gen-'));
    generateMonolith(generated, { files: 150, domains: 4, mixing: 0.3, seed: 5 });
    const repo = createTmpGitRepo(readTree(generated), 'carve-base-reuse-gen-');
    rmSync(generated, { recursive: true, force: true });
    repos.push(repo);
    const layers = readdirSync(join(repo.dir, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    const contexts = Object.fromEntries(layers.map((layer, index) => [layer, { paths: [`src/${layer}/**`], ...(index > 0 ? { dependsOn: [layers[index - 1]] } : {}) }]));
    repo.write({
      'carve.config.json': `${JSON.stringify({ contexts }, null, 2)}\n`,
      // At the base './x' is the folder's index; the work tree adds x.ts, which wins the resolution.
      [`src/${layers[0]}/x/index.ts`]: 'export const x = 1;\n',
      [`src/${layers[0]}/uses-x.ts`]: "import { x } from './x';\nexport const y = x + 1;\n",
    });
    repo.commit('base');
    const files = (layer: string) => readdirSync(join(repo.dir, 'src', layer)).filter((name) => name.endsWith('.ts') && name !== 'index.ts').sort();
    const [a, b, c] = [layers[1]!, layers[2]!, layers[3]!];
    const removed = files(a).slice(0, 2).map((name) => `src/${a}/${name}`);
    const renamed = `src/${b}/${files(b)[0]}`;
    const edited = `src/${c}/${files(c)[0]}`;
    const renamedText = readFileSync(join(repo.dir, renamed), 'utf8');
    repo.remove([...removed, renamed]);
    repo.write({
      [renamed.replace(/\.ts$/, '-renamed.ts')]: renamedText,
      [edited]: `${readFileSync(join(repo.dir, edited), 'utf8')}import { x } from '../${layers[0]}/x';\nexport const z = x;\n`,
      [`src/${c}/added.ts`]: `import { y } from '../${layers[0]}/uses-x';\nexport const added = y;\n`,
      [`src/${layers[0]}/x.ts`]: `import { ${'added'} } from '../${c}/added';\nexport const x = added;\n`,
    });
    repo.commit('change');

    const { cold, reused, coldResult, reusedResult } = await bothWays(repo);
    expect(reused.facts).toEqual(cold.facts);
    expect(reusedResult).toEqual(coldResult);
    // Most files were taken from the work tree, not all: uses-x.ts (same text, other resolution) was parsed.
    const usesX = `src/${layers[0]}/uses-x.ts`;
    expect(reused.facts.dependencies.filter((dependency) => dependency.from === usesX).map((dependency) => dependency.to)).toEqual([`src/${layers[0]}/x/index.ts`]);
    expect(reused.reuse!.reused).toBeGreaterThan(100);
    expect(reused.reuse!.parsed).toBeGreaterThan(0);
    // The change is seen as one: x.ts imports the later context c, a violation new since the base.
    expect(reusedResult.violations.some((violation) => violation.from === `src/${layers[0]}/x.ts`)).toBe(true);
  });
});
