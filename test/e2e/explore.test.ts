// `carve explore` end to end: the built CLI in a pseudo-terminal (tmux, else `script`) on a saved
// analysis.json and on a folder; the list appears, Enter opens a context, Tab changes view, q exits 0,
// Ctrl-C exits 130, and the terminal is back in cooked mode afterwards. Piped, it prints the Markdown
// report and exits 0; a bad analysis.json is one error line and exit 2.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shopAnalysis } from '../explore/analysis-fixture.js';
import { availablePty, startInPty, waitForText, type PtyRun } from '../explore/pty-driver.js';
import { builtCliEntry, carveBin, isCliBuilt, repoRoot, runCli, runCliInProcess, stderrLines } from '../helpers/run-cli.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'carve-e2e-explore-')));
const analysisFile = join(scratch, 'analysis.json');
const pty = availablePty();
const runs: PtyRun[] = [];
let runCounter = 0;

function start(args: string[]): PtyRun {
  runCounter += 1;
  const workDir = join(scratch, `run-${runCounter}`);
  mkdirSync(workDir);
  const run = startInPty(pty!, [process.execPath, carveBin, 'explore', ...args], { cwd: repoRoot, workDir });
  runs.push(run);
  return run;
}

/** Canonical mode and echo are on again: raw mode was undone. */
function expectCookedTerminal(run: PtyRun): void {
  const modes = run.sttyAfter().split(/\s+/);
  expect(modes).toContain('icanon');
  expect(modes).toContain('echo');
}

beforeAll(() => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the e2e tests`);
  writeFileSync(analysisFile, JSON.stringify(shopAnalysis(), null, 2));
});

afterEach(() => {
  for (const run of runs.splice(0)) run.stop();
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(pty === null)(`carve explore in a pseudo-terminal (${pty ?? 'neither tmux nor script is installed: skipped'})`, () => {
  it('shows the list, opens a context, changes view with Tab, and exits 0 on q', async () => {
    const run = start([analysisFile]);
    const list = await waitForText(run, '> catalog');
    expect(list).toContain('orders');
    expect(list).toContain('payments');
    run.press('j');
    await waitForText(run, '> orders');
    run.press('Enter');
    const context = await waitForText(run, 'contexts > orders');
    expect(context).toContain('Depends on (1 context)');
    run.press('Tab');
    const dependencies = await waitForText(run, 'from -> to');
    expect(dependencies).toContain('orders -> catalog');
    run.press('q');
    expect(await run.exitCode()).toBe(0);
    expectCookedTerminal(run);
  });

  it('exits 130 on Ctrl-C and restores the terminal', async () => {
    const run = start([analysisFile]);
    await waitForText(run, '> catalog');
    run.press('C-c');
    expect(await run.exitCode()).toBe(130);
    expectCookedTerminal(run);
  });

  it('analyses a folder with a progress view, then explores it', async () => {
    const project = join(scratch, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }));
    writeFileSync(join(project, 'src', 'main.ts'), "import { greet } from './greet.js';\nconsole.log(greet('you'));\n");
    writeFileSync(join(project, 'src', 'greet.ts'), 'export function greet(name: string): string {\n  return `hello ${name}`;\n}\n');
    const run = start([project, '--no-cache']);
    const screen = await waitForText(run, '1 contexts');
    expect(screen).toMatch(/carve · 2 files/);
    run.press('q');
    expect(await run.exitCode()).toBe(0);
    expectCookedTerminal(run);
  });
});

describe('carve explore without a terminal', () => {
  it('prints the Markdown report and exits 0', async () => {
    const run = await runCli(['explore', analysisFile]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^# Carve report\n/);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stderr).toBe('');
  });

  it('refuses a bad analysis.json with one error line and exit 2', async () => {
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schemaVersion: 2 }));
    const run = await runCliInProcess(['explore', bad]);
    expect(run.exitCode).toBe(2);
    const lines = stderrLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^carve: error: .*schemaVersion 2/);
    expect(run.stdout).toBe('');
  });

  it('refuses a target that does not exist', async () => {
    const run = await runCliInProcess(['explore', join(scratch, 'missing.json')]);
    expect(run.exitCode).toBe(2);
    expect(stderrLines(run)).toEqual([expect.stringMatching(/^carve: error: .*missing\.json does not exist/)]);
  });
});
