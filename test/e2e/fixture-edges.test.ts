// Runs the built CLI on every fixtures/{resolution,imports,bad-input}/<case>/ (in this process when
// only the result counts) and checks the analysis against the case's expected.json; then feeds it input
// git cannot hold (binary and non-UTF-8 files, a symlink loop, escape codes in file names), a missing
// folder and an --out that is a file.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/shared/analysis.js';
import {
  absentEdgeProblems,
  controlCharacters,
  discoverFixtures,
  edgeProblems,
  externalProblems,
  moduleProblems,
  pathProblems,
  snapshotTree,
  unresolvedProblems,
  warningProblems,
} from '../helpers/fixtures.js';
import { builtCliEntry, isCliBuilt, repoRoot, runCli, runCliInProcess, stderrLines, type CliRun } from '../helpers/run-cli.js';

const fixtures = discoverFixtures(['resolution', 'imports', 'bad-input']);
const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'carve-e2e-edges-')));
let outCounter = 0;

/** A fresh --out folder for each run, so nothing is ever written into a fixture. */
function freshOut(): string {
  outCounter += 1;
  return join(scratch, `out-${outCounter}`);
}

function describeRun(run: CliRun): string {
  return `exit ${run.exitCode}${run.isTimedOut ? ' (timed out)' : ''}; stderr: ${run.stderr.slice(0, 2000)}`;
}

function parseAnalysis(run: CliRun): Analysis {
  try {
    return JSON.parse(run.stdout) as Analysis;
  } catch {
    throw new Error(`stdout is not JSON (${describeRun(run)}): ${run.stdout.slice(0, 500)}`);
  }
}

function expectOneErrorLine(run: CliRun): void {
  const lines = stderrLines(run);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^carve: error: \S/);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

beforeAll(() => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the e2e tests`);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

it('finds the fixtures', () => {
  expect(fixtures.map((fixture) => fixture.name.split('/')[0])).toEqual(expect.arrayContaining(['resolution', 'imports', 'bad-input']));
});

for (const fixture of fixtures) {
  const { expected } = fixture;
  describe(fixture.name, () => {
    const out = freshOut();
    let run: CliRun;
    let before: Record<string, string>;
    let after: Record<string, string>;
    let analysis: Analysis;

    beforeAll(async () => {
      before = snapshotTree(fixture.dir);
      // cwd is the fixture, so a relative --tsconfig means the same whichever base the CLI takes; the
      // folder itself is absolute, so every path in the output must have been made relative. A case
      // that must succeed only needs the run's result: the built CLI runs in this process. One that
      // must fail runs as a process, whose exit code is the point.
      const args = ['analyze', fixture.dir, ...(expected.args ?? []), '--json', '--quiet', '--out', out];
      run = expected.exitCode === 0 ? await runCliInProcess(args, { cwd: fixture.dir }) : await runCli(args, { cwd: fixture.dir });
      after = snapshotTree(fixture.dir);
      if (run.exitCode === 0) analysis = parseAnalysis(run);
    });

    it(`exits with ${expected.exitCode}`, () => {
      expect(run.exitCode, describeRun(run)).toBe(expected.exitCode);
    });

    it('does not write into the analyzed folder', () => {
      expect(after).toEqual(before);
    });

    if (expected.exitCode !== 0) {
      it('explains itself in one `carve: error:` line, without a stack trace', () => {
        expectOneErrorLine(run);
      });
      return;
    }

    it('prints the same analysis.json it writes to --out', () => {
      const written: unknown = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
      expect(analysis.schemaVersion).toBe(1);
      expect(analysis.root).toBe('.');
      expect(written).toEqual(analysis);
    });

    if (expected.edges) {
      const edges = expected.edges;
      it('has the expected edges, with their kinds, symbols, via and lines', () => {
        expect(edgeProblems(analysis, edges)).toEqual([]);
      });
    }
    if (expected.absentEdges) {
      const absentEdges = expected.absentEdges;
      it('has none of the edges that must not exist', () => {
        expect(absentEdgeProblems(analysis, absentEdges)).toEqual([]);
      });
    }
    if (expected.modules || expected.absentModules) {
      const present = expected.modules ?? [];
      const absent = expected.absentModules ?? [];
      it('has exactly the expected modules in and out', () => {
        expect(moduleProblems(analysis, present, absent)).toEqual([]);
      });
    }
    if (expected.external) {
      const external = expected.external;
      it('counts external packages and built-ins per module', () => {
        expect(externalProblems(analysis, external)).toEqual([]);
      });
    }
    if (expected.unresolved) {
      const unresolved = expected.unresolved;
      it('reports exactly the unresolved internal imports', () => {
        expect(unresolvedProblems(analysis, unresolved)).toEqual([]);
      });
    }
    if (expected.warnings) {
      const warnings = expected.warnings;
      it('warns about the files it could not read', () => {
        expect(warningProblems(analysis, warnings)).toEqual([]);
      });
    }

    if (expected.leftOut) {
      const leftOut = expected.leftOut;
      it('counts the files it left out, by reason', () => {
        expect(analysis.summary.leftOut).toEqual(leftOut);
      });
    }
    if (expected.tsconfigs) {
      const tsconfigs = expected.tsconfigs;
      it('names the tsconfigs it resolved with', () => {
        expect(analysis.summary.tsconfigs).toEqual(tsconfigs);
      });
    }

    it('uses only root-relative paths, none in node_modules', () => {
      expect(pathProblems(analysis, [repoRoot, scratch])).toEqual([]);
    });
  });
}

describe('an Nx-style monorepo, zero config: from its root and from apps/api/src, the edges --tsconfig gives', () => {
  const monorepo = fixtures.find((fixture) => fixture.name === 'resolution/nx-monorepo');
  if (!monorepo) throw new Error('fixtures/resolution/nx-monorepo is missing');
  const appSource = join(monorepo.dir, 'apps/api/src');
  const runs: Record<string, Analysis> = {};
  const internalEdges = (analysis: Analysis): string[] =>
    analysis.dependencies.map((dependency) => `${dependency.from} -> ${dependency.to} ${dependency.kind}${dependency.via ? ` via ${dependency.via}` : ''}`).sort();

  beforeAll(async () => {
    const cases: Record<string, [string, string[]]> = {
      rootZeroConfig: [monorepo.dir, []],
      rootWithTsconfig: [monorepo.dir, ['--tsconfig', join(monorepo.dir, 'tsconfig.base.json')]],
      appZeroConfig: [appSource, []],
      appWithTsconfig: [appSource, ['--tsconfig', join(monorepo.dir, 'apps/api/tsconfig.app.json')]],
    };
    for (const [name, [dir, args]] of Object.entries(cases)) {
      const run = await runCliInProcess(['analyze', dir, ...args, '--json', '--quiet', '--out', freshOut()], { cwd: dir });
      expect(run.exitCode, `${name}: ${describeRun(run)}`).toBe(0);
      runs[name] = parseAnalysis(run);
    }
  });

  it('from the root: the same internal edges as with --tsconfig tsconfig.base.json', () => {
    expect(internalEdges(runs.rootZeroConfig!)).toEqual(internalEdges(runs.rootWithTsconfig!));
    expect(internalEdges(runs.rootZeroConfig!)).toContain('apps/api/src/main.ts -> libs/x/src/index.ts import');
  });

  it('from apps/api/src: the same internal edges as with --tsconfig ../tsconfig.app.json, no alias counted as a package', () => {
    const zeroConfig = runs.appZeroConfig!;
    expect(internalEdges(zeroConfig)).toEqual(internalEdges(runs.appWithTsconfig!));
    expect(internalEdges(zeroConfig)).toEqual(['main.ts -> app/orders.ts import']);
    expect(externalProblems(zeroConfig, { 'main.ts': {}, 'app/orders.ts': {} })).toEqual([]);
    expect(unresolvedProblems(zeroConfig, [{ file: 'main.ts', specifier: '@org/y' }])).toEqual([]);
    expect(zeroConfig.summary.tsconfigs).toEqual(['../tsconfig.app.json']);
  });
});

describe('input git cannot hold: binary, non-UTF-8, a symlink loop, escape codes in names', () => {
  const project = join(scratch, 'hostile');
  const escapeName = 'src/\u001b[31mred.ts';
  const c1Name = 'src/csi\u009bname.ts';
  let jsonRun: CliRun;
  let summaryRun: CliRun;
  let before: Record<string, string>;
  let after: Record<string, string>;
  let analysis: Analysis;

  beforeAll(async () => {
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'tsconfig.json'), '{ "compilerOptions": { "strict": true }, "include": ["src"] }\n');
    writeFileSync(join(project, 'src/good.ts'), "import { help } from './helper';\n\nexport const good = help();\n");
    writeFileSync(join(project, 'src/helper.ts'), "export function help(): string {\n  return 'help';\n}\n");
    writeFileSync(join(project, 'src/binary.ts'), Buffer.from([0x65, 0x78, 0x70, 0x00, 0x00, 0x01, 0x1b, 0x5b, 0x32, 0x4a, 0xff, 0x00]));
    writeFileSync(join(project, 'src/latin1.ts'), Buffer.from("export const caf\xe9 = '\xe9t\xe9 \x9b2J';\n", 'latin1'));
    writeFileSync(join(project, escapeName), "export const red = '\\u001b[31m';\n");
    writeFileSync(join(project, c1Name), 'export const csi = 1;\n');
    symlinkSync('.', join(project, 'src/loop'));
    before = snapshotTree(project);
    jsonRun = await runCli(['analyze', project, '--json', '--quiet', '--out', freshOut()], { cwd: scratch, timeoutMs: 60_000 });
    summaryRun = await runCli(['analyze', project, '--out', freshOut()], { cwd: scratch, timeoutMs: 60_000 });
    after = snapshotTree(project);
    if (jsonRun.exitCode === 0) analysis = parseAnalysis(jsonRun);
  });

  it('terminates and exits 0, with --json and with the summary', () => {
    expect(jsonRun.isTimedOut).toBe(false);
    expect(summaryRun.isTimedOut).toBe(false);
    expect(jsonRun.exitCode, describeRun(jsonRun)).toBe(0);
    expect(summaryRun.exitCode, describeRun(summaryRun)).toBe(0);
  });

  it('names the binary and the non-UTF-8 file in its warnings', () => {
    const warned = new Set(analysis.diagnostics.map((diagnostic) => diagnostic.file));
    expect(warned).toContain('src/binary.ts');
    expect(warned).toContain('src/latin1.ts');
  });

  it('still analyzes the good files, and does not walk the loop', () => {
    expect(edgeProblems(analysis, [{ from: 'src/good.ts', to: 'src/helper.ts', kind: 'import', symbols: ['help'] }])).toEqual([]);
    expect(analysis.modules.map((module) => module.id).filter((id) => id.startsWith('src/loop/'))).toEqual([]);
  });

  it('prints no control characters and only valid UTF-8', () => {
    for (const run of [jsonRun, summaryRun]) {
      expect(controlCharacters(run.stdout)).toEqual([]);
      expect(controlCharacters(run.stderr)).toEqual([]);
      expect(Buffer.from(run.stdout, 'utf8').equals(run.stdoutBytes)).toBe(true);
      expect(Buffer.from(run.stderr, 'utf8').equals(run.stderrBytes)).toBe(true);
    }
  });

  it('uses only root-relative paths', () => {
    expect(pathProblems(analysis, [project])).toEqual([]);
  });

  it('does not write into the analyzed folder', () => {
    expect(after).toEqual(before);
  });
});

describe('invocation and bad usage', () => {
  it('gives the same bytes for `analyze .` inside the folder and for its absolute path from elsewhere', async () => {
    const project = fixtures.find((fixture) => fixture.name === 'resolution/barrels');
    if (!project) throw new Error('fixtures/resolution/barrels is missing');
    const fromInside = await runCliInProcess(['analyze', '.', '--json', '--quiet', '--out', freshOut()], { cwd: project.dir });
    const fromElsewhere = await runCliInProcess(['analyze', project.dir, '--json', '--quiet', '--out', freshOut()], { cwd: scratch });
    expect(fromInside.exitCode, describeRun(fromInside)).toBe(0);
    expect(fromElsewhere.stdout).toBe(fromInside.stdout);
  });

  it('a folder that does not exist: exit 2, one `carve: error:` line', async () => {
    const run = await runCliInProcess(['analyze', join(scratch, 'does-not-exist'), '--json', '--quiet', '--out', freshOut()], { cwd: scratch });
    expect(run.exitCode, describeRun(run)).toBe(2);
    expectOneErrorLine(run);
    expect(run.stdout).toBe('');
  });

  it('--out pointing at an existing file: exit 2, one `carve: error:` line, the file untouched', async () => {
    const outFile = join(scratch, 'not-a-folder.txt');
    writeFileSync(outFile, 'keep me\n');
    const project = fixtures.find((fixture) => fixture.name === 'imports/static');
    if (!project) throw new Error('fixtures/imports/static is missing');
    const run = await runCliInProcess(['analyze', project.dir, '--json', '--quiet', '--out', outFile], { cwd: scratch });
    expect(run.exitCode, describeRun(run)).toBe(2);
    expectOneErrorLine(run);
    expect(readFileSync(outFile, 'utf8')).toBe('keep me\n');
    expect(existsSync(join(scratch, 'carve-report'))).toBe(false);
  });
});
