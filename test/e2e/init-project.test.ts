// `carve init` records the project it read (project.tsconfig, project.include) in carve.config.json,
// and `analyze` and `check` read that project when the command line names none: CI sees the imports
// init saw. Here only tsconfig.aliases.json (given to init, referenced by nothing) resolves '@app/*';
// zero config would count it as unresolved and miss the edge that makes the violation. The runs go
// through the built CLI's main in this process (runCliInProcess): what they read is what counts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/shared/analysis.js';
import { builtCliEntry, isCliBuilt, runCliInProcess, type CliRun } from '../helpers/run-cli.js';
import { createTmpGitRepo, type TmpGitRepo } from '../helpers/tmp-git-repo.js';

const PROJECT: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler' }, include: ['src'] }),
  'tsconfig.aliases.json': JSON.stringify({ extends: './tsconfig.json', compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'] } } }),
  'src/orders/place.ts': "import { price } from '@app/catalog/price';\n\nexport const place = (): number => price() + 1;\n",
  'src/catalog/price.ts': 'export function price(): number {\n  return 2;\n}\n',
};

let repo: TmpGitRepo;

function describeRun(run: CliRun): string {
  return `exit ${run.exitCode}; stdout: ${run.stdout.slice(0, 1500)}; stderr: ${run.stderr.slice(0, 1500)}`;
}

beforeAll(() => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the e2e tests`);
  repo = createTmpGitRepo(PROJECT, 'carve-e2e-init-project-');
  repo.commit('project');
});

afterAll(() => repo.dispose());

describe('init records the project; analyze and check read it', () => {
  it('writes project.tsconfig and project.include from --tsconfig and --include', async () => {
    const run = await runCliInProcess(['init', repo.dir, '--no-cache', '--tsconfig', 'tsconfig.aliases.json', '--include', 'src/**/*.ts'], { cwd: repo.dir });
    expect(run.exitCode, describeRun(run)).toBe(0);
    const config = JSON.parse(readFileSync(join(repo.dir, 'carve.config.json'), 'utf8')) as { project?: unknown };
    expect(config.project).toEqual({ tsconfig: 'tsconfig.aliases.json', include: ['src/**/*.ts'] });
  });

  it('analyze without --tsconfig resolves with the recorded tsconfig', async () => {
    const run = await runCliInProcess(['analyze', repo.dir, '--json', '--quiet', '--no-cache', '--out', join(repo.dir, '.carve-out')], { cwd: repo.dir });
    expect(run.exitCode, describeRun(run)).toBe(0);
    const analysis = JSON.parse(run.stdout) as Analysis;
    expect(analysis.summary.tsconfigs).toEqual(['tsconfig.aliases.json']);
    expect(analysis.dependencies.map((dependency) => `${dependency.from} -> ${dependency.to}`)).toEqual(['src/orders/place.ts -> src/catalog/price.ts']);
    expect(analysis.summary.unresolvedImports).toBe(0);
  });

  it('check without --tsconfig sees the aliased import init saw', async () => {
    const path = join(repo.dir, 'carve.config.json');
    const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    // Two contexts and no dependsOn: the alias import is a violation, if check sees it.
    writeFileSync(path, JSON.stringify({ ...config, contexts: { orders: { paths: ['src/orders/**'] }, catalog: { paths: ['src/catalog/**'] } } }));
    const run = await runCliInProcess(['check', repo.dir, '--no-cache'], { cwd: repo.dir });
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(run.stdout).toMatch(/src\/orders\/place\.ts/);
  });

  it('check --base reads the recorded tsconfig in the base too: the violation is old, not new', async () => {
    repo.commit('config with the violation');
    const run = await runCliInProcess(['check', repo.dir, '--no-cache', '--base', 'HEAD'], { cwd: repo.dir });
    expect(run.exitCode, describeRun(run)).toBe(0);
  });
});
