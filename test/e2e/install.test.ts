// Carve as a team adds it (issue 15): `npm pack` gives a tarball that installs into a fresh project as
// a dev dependency with nothing else, and README's commands run through npx: init writes a config
// whose $schema resolves to the installed schema; today's files in no context are accepted into the
// baseline; a commit adding a file in no context fails `check --base HEAD~1` with a GitHub annotation
// on stdout and a valid SARIF file written in the same run. Needs the npm registry (or npm's cache)
// for Carve's dependencies: with neither reachable the test says so and is skipped, any other install
// failure fails it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCliEntry, isCliBuilt, repoRoot } from '../helpers/run-cli.js';
import { createTmpGitRepo, type TmpGitRepo } from '../helpers/tmp-git-repo.js';
import { CLEAN_SHOP, CONFIG } from '../check/helpers/shop.js';
import { validateJsonSchema } from '../check/helpers/json-schema.js';

const sarifSchema = JSON.parse(readFileSync(join(repoRoot, 'test', 'check', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
const packDir = realpathSync(mkdtempSync(join(tmpdir(), 'carve-pack-')));
const env = { ...process.env, NO_COLOR: '1', CI: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
let repo: TmpGitRepo;
let installError: string | null = null;

function npx(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npx', ['--no-install', 'carve', ...args], { cwd: repo.dir, env, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the e2e tests`);
  // The package as published: `files` in package.json decides what is in it (dist is already built).
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], { cwd: repoRoot, env, stdio: 'ignore' });
  const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  const { 'carve.config.json': _config, ...shop } = CLEAN_SHOP;
  repo = createTmpGitRepo(
    { ...shop, 'package.json': `${JSON.stringify({ name: 'scratch-shop', version: '1.0.0', private: true }, null, 2)}\n`, '.gitignore': 'node_modules/\n' },
    'carve-install-',
  );
  const install = spawnSync('npm', ['install', '--save-dev', '--prefer-offline', join(packDir, tarball)], { cwd: repo.dir, env, encoding: 'utf8', timeout: 600_000 });
  if (install.status !== 0) {
    const output = `${install.stdout}\n${install.stderr}`;
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|network/i.test(output)) installError = `npm registry unreachable: ${output.trim().split('\n').slice(-3).join(' ')}`;
    else throw new Error(`npm install of the packed tarball failed:\n${output}`);
  }
}, 700_000);

afterAll(() => {
  repo?.dispose();
  rmSync(packDir, { recursive: true, force: true });
});

describe('the packed tarball in a fresh project', () => {
  it('installs, and README\'s adoption steps and CI command run through npx', (context) => {
    if (installError) context.skip(installError);
    expect(existsSync(join(repo.dir, 'node_modules', '.bin', 'carve'))).toBe(true);
    expect((JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies).toHaveProperty('carve');

    const init = npx(['init']);
    expect(init.status, init.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(repo.dir, 'carve.config.json'), 'utf8')) as { $schema: string };
    expect(config.$schema).toBe('./node_modules/carve/schema/carve.config.schema.json');
    expect(existsSync(resolve(repo.dir, config.$schema))).toBe(true);

    // The team edits the proposal (on seven files init proposes one context covering everything) into
    // the contexts they agree on, keeping what init wrote about the project.
    writeFileSync(join(repo.dir, 'carve.config.json'), `${JSON.stringify({ ...config, contexts: CONFIG.contexts }, null, 2)}\n`);
    // Adoption: accept today's violations and files in no context, then commit.
    const accept = npx(['check', '--update-baseline']);
    expect(accept.status, accept.stderr).toBe(0);
    repo.commit('carve: config and baseline');
    const clean = npx(['check']);
    expect(clean.status, `${clean.stdout}\n${clean.stderr}`).toBe(0);

    // A pull request adding code outside every context.
    repo.write({ 'src/payments/payment.ts': "import { price } from '../catalog/pricing.js';\n\nexport const charge = (sku: string): number => price(sku);\n" });
    repo.commit('payments');
    const gate = npx(['check', '--base', 'HEAD~1', '--format', 'github', '--format', 'sarif=out.sarif']);
    expect(gate.status, `${gate.stdout}\n${gate.stderr}`).toBe(1);
    expect(gate.stdout).toMatch(/^::error file=src\/payments\/payment\.ts,line=1,title=carve unassigned%3A file in no context::/m);
    // The github format ends with the summary line, so stderr does not repeat it.
    expect(gate.stdout).toMatch(/^carve check: 1 new violation since HEAD~1.*\n$/m);
    expect(gate.stderr).not.toMatch(/carve check:/);
    const sarif = JSON.parse(readFileSync(join(repo.dir, 'out.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(validateJsonSchema(sarifSchema, sarif)).toEqual([]);
    expect(sarif.runs[0]!.results.map((result) => result.ruleId)).toEqual(['unassigned']);
  }, 300_000);
});
