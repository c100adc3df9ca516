// `carve plan` through the built CLI (in this process where only the output counts): the verdict first,
// then the steps; --json is the plan object of analysis.json; the same bytes on every run, in a process
// and in this one; a bad target is one error line and exit 2.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/shared/analysis.js';
import { fixturesRoot } from '../helpers/fixtures.js';
import { builtCliEntry, isCliBuilt, runCli, runCliInProcess, stderrLines } from '../helpers/run-cli.js';

const shop = join(fixturesRoot, 'shop');

beforeAll(() => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the e2e tests`);
});

describe('carve plan', () => {
  it('prints the verdict, the cycles and the ranked steps', async () => {
    const run = await runCliInProcess(['plan', shop, '--no-cache']);
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^carve plan: .*shop \(132 files, \d+ contexts, modularity \d\.\d\d\)$/);
    expect(lines[2]).toMatch(/^VERDICT {2}(extract services, edge first|cut seams first, then extract|hold the monolith to its contexts first)$/);
    expect(run.stdout).toContain('CYCLES TO BREAK FIRST');
    // The notifications context, named by its table (notification) or its folder (notifications).
    expect(run.stdout).toMatch(/STEPS, least coupled first\n {3}1\. notifications? /);
    expect(run.stdout).not.toMatch(/\u001b/);
    expect(run.stderr).toBe('');
  });

  it('prints the plan as JSON with --json, the same bytes every run', async () => {
    // One run as a process, one in this one (which has run the plan above): the same bytes.
    const first = await runCli(['plan', shop, '--json', '--no-cache']);
    const second = await runCliInProcess(['plan', shop, '--json', '--no-cache']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const plan = JSON.parse(first.stdout) as Required<Plan>;
    expect(Object.keys(plan)).toEqual(['verdict', 'cycles', 'steps']);
    expect(plan.steps.map((step) => step.rank)).toEqual(plan.steps.map((_, i) => i + 1));
    expect(Object.keys(plan.steps[0]!)).toEqual([
      'rank', 'context', 'coupling', 'breakdown', 'size', 'loc', 'churn', 'facade', 'inboundSeams', 'outboundSeams', 'data', 'after', 'prerequisites', 'sharedKernel', 'effort',
    ]);
  });

  it('refuses a folder that does not exist with one error line and exit 2', async () => {
    const run = await runCliInProcess(['plan', join(fixturesRoot, 'no-such-folder')]);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)).toEqual([expect.stringMatching(/^carve: error: /)]);
    expect(run.stdout).toBe('');
  });
});
