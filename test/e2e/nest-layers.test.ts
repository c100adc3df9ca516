// fixtures/nest-layers: a NestJS monolith in feature folders with module files, a guard, an interceptor,
// a pipe, a custom decorator and a migration. Classified before clustering, the feature modules follow
// their features, the glue is set aside as platform with its reasons, the migration is outside the
// domains, and the three domains come out exactly (expected.json beside the fixture).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { configFromAnalysis } from '../../src/config/from-analysis.js';
import { checkBoundaries, toBaselineEntry } from '../../src/check/index.js';
import type { Analysis } from '../../src/shared/analysis.js';
import { fixturesRoot } from '../helpers/fixtures.js';

const dir = join(fixturesRoot, 'nest-layers');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  contexts: Record<string, string>;
  entities: Record<string, string[]>;
  compositionRoots: string[];
  roles: Record<string, string>;
  platform: string[];
};

/** The answer's groups as sets of files, named by the answer: comparable whatever the contexts are called. */
function grouping(membership: Record<string, string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [file, group] of Object.entries(membership)) groups.set(group, [...(groups.get(group) ?? []), file].sort());
  return [...groups.values()].sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

describe('fixtures/nest-layers', () => {
  let analysis: Analysis;
  beforeAll(() => {
    analysis = analyze(dir, {}).analysis;
  });

  it('gives every file its role, a reason for each one set aside, and none to domain files', () => {
    for (const module of analysis.modules) {
      expect(module.role, module.id).toBe(expected.roles[module.id] ?? 'domain');
      if (module.role === 'domain') expect(module.roleReason).toBeUndefined();
      else expect(module.roleReason, module.id).toMatch(/\w/);
    }
  });

  it('finds the three domains exactly, feature modules with their features', () => {
    const membership: Record<string, string> = {};
    for (const module of analysis.modules) if (module.context !== null) membership[module.id] = module.context;
    expect(grouping(membership)).toEqual(grouping(expected.contexts));
    const contextOf = (file: string): string => membership[file] as string;
    for (const [group, entities] of Object.entries(expected.entities)) {
      const file = Object.keys(expected.contexts).find((path) => expected.contexts[path] === group) as string;
      expect(analysis.contexts.find((context) => context.id === contextOf(file))?.entities).toEqual(entities);
    }
  });

  it('sets the glue aside as platform and keeps the migration and the roots out of every context', () => {
    expect(analysis.platform).toEqual(expected.platform);
    expect(analysis.compositionRoots).toEqual(expected.compositionRoots);
    const migration = analysis.modules.find((module) => module.role === 'schema');
    expect(migration?.context).toBeNull();
    expect(analysis.sharedKernel).toEqual([]);
    expect(analysis.metrics).toMatchObject({ platform: 4, outsideDomains: 1, unassigned: 0 });
  });

  it('lists the platform files in report.md grouped by reason, and the migration outside the domains', () => {
    const report = renderMarkdown(analysis);
    expect(report).toContain('## Platform');
    expect(report).toContain('- a guard (implements CanActivate): src/common/guards/jwt-auth.guard.ts');
    expect(report).toContain('- a custom decorator (createParamDecorator): src/common/decorators/current-user.decorator.ts');
    expect(report).toMatch(/- migrations \(1\): src\/database\/migrations\/1700000000000-init\.ts/);
  });

  it('leaves set-aside files out of the config init writes: check counts them in no context, and they fail as unassigned until accepted', () => {
    const config = configFromAnalysis(analysis);
    const result = checkBoundaries({ analysis, config });
    const fresh = result.violations.filter((violation) => violation.status === 'new');
    // Default-deny (issue 15): the files in no context are the only violations, each of rule unassigned.
    expect(fresh.every((violation) => violation.rule === 'unassigned')).toBe(true);
    // 4 platform files, the migration, main.ts and the root module.
    expect(result.summary.filesInNoContext).toBe(7);
    expect(fresh).toHaveLength(7);
    expect(result.summary.checkedFiles).toBe(Object.keys(expected.contexts).length);
    // Accepted in the baseline, as `carve check --update-baseline` records them: nothing fails.
    const accepted = checkBoundaries({ analysis, config, baseline: fresh.map(toBaselineEntry) });
    expect(accepted.exitCode).toBe(0);
    expect(accepted.summary.baselined).toBe(7);
  });
});
