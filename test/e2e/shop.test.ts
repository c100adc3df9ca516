// The sample monolith end to end: the built CLI on fixtures/shop finds every edge its answer lists,
// none of the absent ones, and writes byte-identical reports on every run.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/shared/analysis.js';
import { absentEdgeProblems, edgeProblems, fixturesRoot, pathProblems } from '../helpers/fixtures.js';
import { runCli, runCliInProcess } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('shop');

const shopDir = join(fixturesRoot, 'shop');
const expected = JSON.parse(readFileSync(join(shopDir, 'expected.json'), 'utf8')) as {
  contexts: Record<string, string>;
  sharedKernel: string[];
  platform: string[];
  wiring: string[];
  edges: { from: string; to: string; kind: 'import'; via?: string }[];
  absentEdges: { from: string; to: string }[];
};

describe('fixtures/shop', () => {
  let first: { json: string; analysis: Analysis };
  let second: string;

  beforeAll(async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const out = scratch('out');
      // One run as a process, one in this one: the same bytes either way.
      const args = ['analyze', shopDir, '--out', out, '--quiet', '--no-cache'];
      const run = i === 0 ? await runCli(args) : await runCliInProcess(args);
      expect(run.exitCode, run.stderr).toBe(0);
      runs.push(readFileSync(join(out, 'analysis.json'), 'utf8'));
    }
    first = { json: runs[0]!, analysis: JSON.parse(runs[0]!) as Analysis };
    second = runs[1]!;
  });

  it('reads every file of the shop', () => {
    const all = [...Object.keys(expected.contexts), ...expected.sharedKernel, ...expected.platform, ...expected.wiring].sort();
    expect(first.analysis.modules.map((module) => module.id)).toEqual(all);
  });

  it('finds every expected edge with its kind, and none of the absent ones', () => {
    expect(edgeProblems(first.analysis, expected.edges)).toEqual([]);
    expect(absentEdgeProblems(first.analysis, expected.absentEdges)).toEqual([]);
    expect(first.analysis.dependencies.filter((d) => d.to.includes('node_modules') || d.from.includes('node_modules'))).toEqual([]);
  });

  it('resolves every internal import', () => {
    expect(first.analysis.diagnostics.filter((d) => d.code === 'unresolved-import')).toEqual([]);
  });

  it('finds the HTTP routes and event handlers', () => {
    const kinds = new Set(first.analysis.modules.flatMap((module) => module.entryPoints.map((entry) => entry.kind)));
    expect(kinds).toEqual(new Set(['http', 'handler']));
  });

  it('reports the wiring as composition roots, in no context', () => {
    // app.module.ts too: the feature modules it lists are wiring, placed with what they declare.
    expect(first.analysis.compositionRoots).toEqual(expected.wiring);
    const inContexts = new Set(first.analysis.contexts.flatMap((context) => context.modules));
    for (const root of first.analysis.compositionRoots) expect(inContexts.has(root), root).toBe(false);
  });

  it('sets the guard and the express middleware aside as platform, each with its reason', () => {
    expect(first.analysis.platform).toEqual(expect.arrayContaining(expected.platform));
    const byId = new Map(first.analysis.modules.map((module) => [module.id, module]));
    for (const file of first.analysis.platform ?? []) {
      expect(byId.get(file)?.role).toBe('platform');
      expect(byId.get(file)?.context).toBeNull();
      expect(byId.get(file)?.roleReason).toMatch(/\w/);
    }
    expect(byId.get('src/middleware/auth.guard.ts')?.roleReason).toBe('a guard (implements CanActivate)');
    expect(byId.get('src/modules/orders.module.ts')).toMatchObject({ role: 'wiring', context: expect.any(String) });
    expect(byId.get('src/services/order.service.ts')).toMatchObject({ role: 'domain' });
    expect(byId.get('src/services/order.service.ts')?.roleReason).toBeUndefined();
  });

  it('writes byte-identical analysis.json on every run, with no absolute paths', () => {
    expect(second).toBe(first.json);
    expect(pathProblems(first.analysis, [shopDir, tmpdir()])).toEqual([]);
  });
});
