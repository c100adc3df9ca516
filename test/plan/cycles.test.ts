import { describe, expect, it } from 'vitest';
import { findCycles } from '../../src/plan/cycles.js';
import { buildPlanIndex } from '../../src/plan/plan-index.js';
import { AnalysisBuilder, type ImportSpec } from '../helpers/analysis-builder.js';

const files = { a: 'src/a/a.ts', b: 'src/b/b.ts', c: 'src/c/c.ts' } as const;

function cyclesOf(edges: Array<[keyof typeof files, keyof typeof files, ImportSpec]>) {
  const builder = new AnalysisBuilder().context('a', [files.a]).context('b', [files.b]).context('c', [files.c]);
  for (const [from, to, spec] of edges) builder.imports(files[from], files[to], spec);
  const index = buildPlanIndex(builder.build());
  return findCycles(index.contextIds, index.cross);
}

describe('cycles between contexts', () => {
  it('finds a two-context cycle with both edges and their sites', () => {
    const [cycle, ...rest] = cyclesOf([
      ['a', 'b', { symbols: ['charge'], used: 1, weight: 4, lines: [3] }],
      ['b', 'a', { symbols: ['markPaid'], discarded: 1, weight: 2, lines: [7] }],
    ]);
    expect(rest).toEqual([]);
    expect(cycle?.contexts).toEqual(['a', 'b']);
    expect(cycle?.edges.map((edge) => [edge.from, edge.to, edge.weight, edge.style, edge.sites])).toEqual([
      ['a', 'b', 4, 'sync', [{ file: files.a, line: 3 }]],
      ['b', 'a', 2, 'event', [{ file: files.b, line: 7 }]],
    ]);
  });

  it('breaks the cheapest edge: a fire-and-forget call before a used result', () => {
    const [cycle] = cyclesOf([
      ['a', 'b', { symbols: ['charge'], used: 1, weight: 4 }],
      ['b', 'a', { symbols: ['markPaid'], discarded: 1, weight: 6 }],
    ]);
    // weight 6 as an event costs 3; the used call costs 4.
    expect(cycle?.breaks).toEqual([{ from: 'b', to: 'a', how: expect.stringContaining('publish a domain event that a handles') }]);
  });

  it('an entity relation is cheap to cut: keep the ids', () => {
    const builder = new AnalysisBuilder()
      .context('a', [files.a, 'src/a/a.entity.ts'])
      .context('b', [files.b])
      .entity('Alpha', 'alphas', 'src/a/a.entity.ts')
      .imports(files.a, files.b, { symbols: ['quote'], used: 2, weight: 3 })
      .imports(files.b, 'src/a/a.entity.ts', { symbols: ['Alpha'], weight: 5 });
    const index = buildPlanIndex(builder.build());
    const [cycle] = findCycles(index.contextIds, index.cross);
    expect(cycle?.breaks.map((cut) => [cut.from, cut.to])).toEqual([['b', 'a']]);
    expect(cycle?.breaks[0]?.how).toContain('keep only');
  });

  it('cuts one edge of a three-context ring', () => {
    const [cycle] = cyclesOf([
      ['a', 'b', { symbols: ['x'], used: 1, weight: 5 }],
      ['b', 'c', { symbols: ['y'], used: 1, weight: 3 }],
      ['c', 'a', { symbols: ['z'], used: 1, weight: 4 }],
    ]);
    expect(cycle?.contexts).toEqual(['a', 'b', 'c']);
    expect(cycle?.breaks.map((cut) => [cut.from, cut.to])).toEqual([['b', 'c']]);
  });

  it('type-only imports and module wiring make no cycle', () => {
    expect(
      cyclesOf([
        ['a', 'b', { symbols: ['charge'], used: 1 }],
        ['b', 'a', { symbols: ['Order'], kind: 'type' }],
      ]),
    ).toEqual([]);
    expect(
      cyclesOf([
        ['a', 'b', { symbols: ['charge'], used: 1 }],
        ['b', 'a', { symbols: ['AModule'] }],
      ]),
    ).toEqual([]);
  });

  it('a chain is no cycle', () => {
    expect(cyclesOf([['a', 'b', { symbols: ['x'], used: 1 }], ['b', 'c', { symbols: ['y'], used: 1 }]])).toEqual([]);
  });
});
