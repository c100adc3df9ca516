// scripts/gen-reports.ts on a scratch copy of a few fixtures: which folders it reports, the files it
// writes, --check finding stale, missing and orphaned files, and the same bytes on every run.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFixtureProjects, generateReports, staleReports, writeGeneratedReports } from '../../scripts/gen-reports.js';
import { fixturesRoot } from '../helpers/fixtures.js';

const CASES = ['imports/static', 'resolution/extends-chain', 'bad-input/broken-tsconfig', 'contexts/two-clusters', 'data-access/typeorm'];
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'carve-gen-reports-'));
  for (const name of CASES) cpSync(join(fixturesRoot, name), join(root, 'fixtures', name), { recursive: true });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('gen-reports', () => {
  it('reports fixture projects, not bad input meant to fail nor graph-only cases', () => {
    expect(findFixtureProjects(root).map((fixture) => [fixture.name, fixture.args])).toEqual([
      ['data-access/typeorm', []],
      ['imports/static', []],
      ['resolution/extends-chain', ['--tsconfig', 'tsconfig.app.json']],
    ]);
  });

  it('writes analysis.json, report.md and contexts.dot per fixture, and an index', () => {
    const generated = generateReports(root);
    expect([...generated.keys()]).toEqual([
      'README.md',
      'data-access/typeorm/analysis.json',
      'data-access/typeorm/contexts.dot',
      'data-access/typeorm/report.md',
      'imports/static/analysis.json',
      'imports/static/contexts.dot',
      'imports/static/report.md',
      'resolution/extends-chain/analysis.json',
      'resolution/extends-chain/contexts.dot',
      'resolution/extends-chain/report.md',
    ]);
    expect(generated.get('README.md')).toContain('[report.md](imports/static/report.md)');
    // --tsconfig tsconfig.app.json was honoured: the analysis reads that project's files, not the decoy.
    const extendsChain = JSON.parse(generated.get('resolution/extends-chain/analysis.json') ?? '{}') as { modules: { id: string }[] };
    expect(extendsChain.modules.map((module) => module.id).sort()).toEqual(['libs/dates/index.ts', 'libs/format.ts', 'src/main.ts']);
    for (const [path, content] of generated) {
      expect(content, path).not.toContain(root);
      expect(content, path).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    }
    expect(generateReports(root)).toEqual(generated);
  });

  it('--check finds nothing after a write, then every stale, missing and orphaned file', () => {
    const generated = generateReports(root);
    expect(writeGeneratedReports(root, generated)).toBe(generated.size);
    expect(staleReports(root, generated)).toEqual([]);

    writeFileSync(join(root, 'reports/imports/static/report.md'), 'edited\n');
    rmSync(join(root, 'reports/data-access/typeorm/contexts.dot'));
    writeFileSync(join(root, 'reports/imports/old.md'), 'left over\n');
    expect(staleReports(root, generated)).toEqual([
      'reports/data-access/typeorm/contexts.dot (missing)',
      'reports/imports/old.md (no longer generated)',
      'reports/imports/static/report.md (stale)',
    ]);

    writeGeneratedReports(root, generated);
    expect(staleReports(root, generated)).toEqual([]);
  });
});
