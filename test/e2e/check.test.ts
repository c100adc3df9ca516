// `carve check` end to end over scratch git repositories: a clean base passes; a commit that imports
// another context's unexposed file, one that imports a context missing from dependsOn, and one that
// writes another context's table each fail with the right violation; --base ignores what the base
// already had; --update-baseline then check passes; a broken or mistyped config exits 2 naming the field.
// The runs go through the built CLI's main in this process (runCliInProcess): what is checked is the
// verdict, its output and its exit code, not the process. A spawned CLI gives each exit code once
// (0, 1 and 2), so the real process's exit codes and streams are covered too.
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesRoot, snapshotTree } from '../helpers/fixtures.js';
import { builtCliEntry, isCliBuilt, runCli, runCliInProcess, stderrLines, type CliRun } from '../helpers/run-cli.js';
import { createTmpGitRepo, type TmpGitRepo } from '../helpers/tmp-git-repo.js';
import { expectedCheck, projectViolations, readTree } from '../check/helpers/check-fixtures.js';
import { CATALOG_USES_ORDERS, CLEAN_SHOP, FOREIGN_TABLE_WRITE, UNDECLARED_CONTEXT, UNEXPOSED_IMPORT } from '../check/helpers/shop.js';

const cacheDir = realpathSync(mkdtempSync(join(tmpdir(), 'carve-e2e-check-cache-')));
const repos: TmpGitRepo[] = [];

beforeAll(() => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the e2e tests`);
});
afterAll(() => {
  for (const repo of repos) repo.dispose();
  rmSync(cacheDir, { recursive: true, force: true });
});

interface JsonViolation {
  from: string;
  to: string;
  fromContext: string;
  toContext: string;
  kind: string;
  line: number;
  rule: string;
  entity: string | null;
  mode: string | null;
}

function shopRepo(): TmpGitRepo {
  const repo = createTmpGitRepo(CLEAN_SHOP, 'carve-e2e-check-');
  repos.push(repo);
  repo.commit('clean shop');
  return repo;
}

function check(repo: TmpGitRepo, ...args: string[]): Promise<CliRun> {
  return runCliInProcess(['check', repo.dir, '--cache-dir', cacheDir, ...args]);
}

/** The same run in a process of its own, as CI runs it. */
function checkSpawned(repo: TmpGitRepo, ...args: string[]): Promise<CliRun> {
  return runCli(['check', repo.dir, '--cache-dir', cacheDir, ...args]);
}

function describeRun(run: CliRun): string {
  return `exit ${run.exitCode}; stdout: ${run.stdout.slice(0, 3000)}; stderr: ${run.stderr.slice(0, 1000)}`;
}

function violationsOf(run: CliRun): JsonViolation[] {
  try {
    return (JSON.parse(run.stdout) as { violations: JsonViolation[] }).violations;
  } catch {
    throw new Error(`stdout is not JSON: ${describeRun(run)}`);
  }
}

describe('carve check on a scratch repository', () => {
  it('exits 0 on the clean shop, in every format', async () => {
    const repo = shopRepo();
    const pretty = await checkSpawned(repo);
    expect(pretty.exitCode, describeRun(pretty)).toBe(0);
    expect(pretty.stdout).toContain('carve check: no new violations (7 files in 4 contexts checked, 0 in no context)');
    for (const format of ['json', 'github', 'sarif', 'junit']) {
      const run = await check(repo, '--format', format);
      expect(run.exitCode, `${format}: ${describeRun(run)}`).toBe(0);
    }
  });

  it('fails a commit importing a file the other context does not expose', async () => {
    const repo = shopRepo();
    repo.write(UNEXPOSED_IMPORT);
    repo.commit('import pricing directly');
    const run = await checkSpawned(repo, '--format', 'json');
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(violationsOf(run)).toMatchObject([
      { from: 'src/orders/discount.ts', to: 'src/catalog/pricing.ts', fromContext: 'orders', toContext: 'catalog', kind: 'import', line: 1, rule: 'expose' },
    ]);
  });

  it('fails a commit importing a context missing from dependsOn', async () => {
    const repo = shopRepo();
    repo.write(UNDECLARED_CONTEXT);
    repo.commit('quote from the catalog');
    const run = await check(repo, '--format', 'json');
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(violationsOf(run)).toMatchObject([
      { from: 'src/billing/quote.ts', to: 'src/catalog/index.ts', fromContext: 'billing', toContext: 'catalog', kind: 'import', line: 2, rule: 'depends-on' },
    ]);
    const pretty = await check(repo);
    expect(pretty.stdout).toContain('billing -> catalog  (1 violation)');
    expect(pretty.stdout).toContain('add "catalog" to contexts.billing.dependsOn');
  });

  it("fails a commit writing another context's table", async () => {
    const repo = shopRepo();
    repo.write(FOREIGN_TABLE_WRITE);
    repo.commit('refund by hand');
    const run = await check(repo, '--format', 'json');
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(violationsOf(run)).toMatchObject([
      { from: 'src/billing/refund.ts', to: 'src/orders/order.entity.ts', fromContext: 'billing', toContext: 'orders', kind: 'data', rule: 'data-ownership', entity: 'Order', mode: 'write', line: 6 },
    ]);
  });

  it('prints github annotations for the failures', async () => {
    const repo = shopRepo();
    repo.write({ ...UNEXPOSED_IMPORT, ...UNDECLARED_CONTEXT });
    repo.commit('two crossings');
    const run = await check(repo, '--format', 'github');
    expect(run.exitCode, describeRun(run)).toBe(1);
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(errors).toHaveLength(2);
    for (const line of errors) expect(line).toMatch(/^::error file=[^,\n]+,line=\d+,title=[^\n]*::\S/);
    expect(errors[0]).toMatch(/^::error file=src\/billing\/quote\.ts,line=2,/);
  });
});

describe('--base', () => {
  it('reports only what is new since the ref, reading it from git without touching the repository', async () => {
    const repo = shopRepo();
    repo.write(UNEXPOSED_IMPORT);
    const base = repo.commit('an old crossing');
    // An unrelated edit moves the old crossing down; then a new crossing arrives.
    repo.write({ 'src/orders/discount.ts': `// Discounts.\n${UNEXPOSED_IMPORT['src/orders/discount.ts']}` });
    repo.commit('comment');
    const onlyOld = await check(repo, '--base', base, '--format', 'json');
    expect(onlyOld.exitCode, describeRun(onlyOld)).toBe(0);
    expect(violationsOf(onlyOld)).toEqual([]);

    repo.write(UNDECLARED_CONTEXT);
    repo.commit('a new crossing');
    const before = snapshotTree(repo.dir);
    const run = await check(repo, '--base', base, '--format', 'json');
    expect(snapshotTree(repo.dir)).toEqual(before);
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(violationsOf(run).map((violation) => `${violation.from} ${violation.rule}`)).toEqual(['src/billing/quote.ts depends-on']);
    // Without --base both count.
    expect(violationsOf(await check(repo, '--format', 'json'))).toHaveLength(2);
    const pretty = await check(repo, '--base', base);
    expect(pretty.stdout).toContain(`1 violation already present at ${base} (not shown)`);
  });

  it('reads uncommitted work against HEAD', async () => {
    const repo = shopRepo();
    repo.write(UNDECLARED_CONTEXT);
    const run = await check(repo, '--base', 'HEAD', '--format', 'json');
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(violationsOf(run).map((violation) => violation.rule)).toEqual(['depends-on']);
  });

  it('exits 2 on an unknown ref, with a hint to fetch it', async () => {
    const repo = shopRepo();
    const run = await check(repo, '--base', 'origin/main');
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)).toEqual([expect.stringMatching(/^carve: error: unknown git ref 'origin\/main' \(hint: fetch it first/)]);
  });
});

describe('baseline', () => {
  it('--update-baseline accepts today\'s violations; then check passes and reports fixed entries', async () => {
    const repo = shopRepo();
    repo.write({ ...UNEXPOSED_IMPORT, ...UNDECLARED_CONTEXT });
    repo.commit('two crossings');
    expect((await check(repo)).exitCode).toBe(1);

    const update = await check(repo, '--update-baseline');
    expect(update.exitCode, describeRun(update)).toBe(0);
    expect(update.stderr).toMatch(/^carve: wrote \S*carve-baseline\.json: 2 accepted violations \(2 added, 0 removed\)\n$/);
    const baselineFile = join(repo.dir, 'carve-baseline.json');
    const written = readFileSync(baselineFile, 'utf8');
    expect(JSON.parse(written)).toEqual({
      version: 1,
      violations: [
        { kind: 'import', rule: 'depends-on', from: 'src/billing/quote.ts', to: 'src/catalog/index.ts' },
        { kind: 'import', rule: 'expose', from: 'src/orders/discount.ts', to: 'src/catalog/pricing.ts' },
      ],
    });

    const after = await check(repo);
    expect(after.exitCode, describeRun(after)).toBe(0);
    expect(after.stdout).toContain('2 violations accepted in');

    // Fixing one: still passes, and says the baseline can shrink.
    repo.remove(['src/billing/quote.ts']);
    const fixed = await check(repo, '--format', 'json');
    expect(fixed.exitCode).toBe(0);
    expect((JSON.parse(fixed.stdout) as { fixedBaseline: unknown[] }).fixedBaseline).toEqual([
      { kind: 'import', rule: 'depends-on', from: 'src/billing/quote.ts', to: 'src/catalog/index.ts' },
    ]);
    // A new crossing still fails.
    repo.write(CATALOG_USES_ORDERS);
    expect((await check(repo)).exitCode).toBe(1);
    // Same violations, same bytes.
    repo.remove(Object.keys(CATALOG_USES_ORDERS));
    repo.write(UNDECLARED_CONTEXT);
    await check(repo, '--update-baseline');
    expect(readFileSync(baselineFile, 'utf8')).toBe(written);
  });

  it('exits 2 naming the field of a broken baseline', async () => {
    const repo = shopRepo();
    repo.write({ 'carve-baseline.json': '{"version":1,"violations":[{"kind":"import","rule":"expose","from":"a"}]}' });
    const run = await check(repo);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)[0]).toMatch(/^carve: error: .*carve-baseline\.json: violations\[0\]\.to: /);
  });
});

describe('bad config', () => {
  const cases: [string, string, RegExp][] = [
    ['a mistyped field', JSON.stringify({ contexts: { orders: { paths: ['src/orders/**'], dependOn: ['catalog'] } } }), /carve\.config\.json: contexts\.orders\.dependOn: unknown field \(did you mean 'dependsOn'\?\)/],
    ['an unknown context', JSON.stringify({ contexts: { orders: { paths: ['src/orders/**'], dependsOn: ['billing'] } } }), /carve\.config\.json: contexts\.orders\.dependsOn\[0\]: unknown context 'billing'/],
    ['a wrong type', JSON.stringify({ contexts: { orders: { paths: 'src/orders/**' } } }), /carve\.config\.json: contexts\.orders\.paths: expected array/],
    ['broken JSON', '{ "contexts": { ', /carve\.config\.json: not valid JSON/],
  ];
  it.each(cases)('exits 2 on %s, naming the field', async (name, text, pattern) => {
    const repo = shopRepo();
    repo.write({ 'carve.config.json': text });
    const run = await (name === cases[0]![0] ? checkSpawned(repo) : check(repo));
    expect(run.exitCode, describeRun(run)).toBe(2);
    const lines = stderrLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^carve: error: /);
    expect(lines[0]).toMatch(pattern);
    expect(run.stdout).toBe('');
  });

  it('exits 2 without a config, pointing at carve init', async () => {
    const repo = shopRepo();
    repo.remove(['carve.config.json']);
    const run = await check(repo);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)[0]).toMatch(/^carve: error: no carve\.config\.json in .* \(hint: run `carve init /);
  });

  it('exits 2 on a folder that does not exist, saying so rather than asking for a config', async () => {
    const run = await runCliInProcess(['check', join(cacheDir, 'no-such-folder')]);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)).toEqual([expect.stringMatching(/^carve: error: .*no-such-folder does not exist/)]);
  });

  it('exits 2 when two contexts claim one file', async () => {
    const repo = shopRepo();
    repo.write({ 'carve.config.json': JSON.stringify({ contexts: { a: { paths: ['src/*/index.ts'] }, b: { paths: ['src/orders/*'] } } }) });
    const run = await check(repo);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)[0]).toMatch(/contexts\.b\.paths\[0\]: 'src\/orders\/index\.ts' is also matched by contexts\.a\.paths\[0\]/);
  });

  it('never writes into the repository unless asked to', async () => {
    const repo = shopRepo();
    repo.write(UNEXPOSED_IMPORT);
    const before = snapshotTree(repo.dir);
    await check(repo, '--format', 'sarif');
    expect(snapshotTree(repo.dir)).toEqual(before);
    expect(existsSync(join(repo.dir, 'carve-baseline.json'))).toBe(false);
  });
});

// ---- fixtures/check/<case>/: base/ is committed with carve.config.json, change/ is laid over it in a
// second commit; expected.json gives every violation after the change and those new since the base.

const checkCasesDir = join(fixturesRoot, 'check');
const checkCases = readdirSync(checkCasesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

describe('fixtures/check', () => {
  it('has cases', () => {
    expect(checkCases.length).toBeGreaterThanOrEqual(3);
  });

  it.for(checkCases)('%s', async (name) => {
    const caseDir = join(checkCasesDir, name);
    const expected = expectedCheck.parse(JSON.parse(readFileSync(join(caseDir, 'expected.json'), 'utf8')));
    const repo = createTmpGitRepo({ ...readTree(join(caseDir, 'base')), 'carve.config.json': readFileSync(join(caseDir, 'carve.config.json'), 'utf8') }, 'carve-e2e-fixture-');
    repos.push(repo);
    repo.commit('base');
    repo.write(readTree(join(caseDir, 'change')));
    repo.commit('change');

    const all = await check(repo, '--format', 'json');
    expect(all.exitCode, describeRun(all)).toBe(expected.violations.length > 0 ? 1 : 0);
    expect(projectViolations(violationsOf(all), expected.violations)).toEqual(expected.violations);

    const since = await check(repo, '--base', 'HEAD~1', '--format', 'json');
    expect(since.exitCode, describeRun(since)).toBe(expected.newSinceBase.length > 0 ? 1 : 0);
    expect(projectViolations(violationsOf(since), expected.newSinceBase)).toEqual(expected.newSinceBase);
  });
});
