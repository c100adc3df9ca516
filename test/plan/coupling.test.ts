import { describe, expect, it } from 'vitest';
import { couplingOf, CYCLE_UNIT, rankContexts, TABLE_UNIT } from '../../src/plan/coupling.js';
import { findCycles } from '../../src/plan/cycles.js';
import { planTables } from '../../src/plan/data-strategy.js';
import { buildPlanIndex, TYPE_ONLY_FACTOR } from '../../src/plan/plan-index.js';
import { planMigration } from '../../src/plan/index.js';
import { AnalysisBuilder } from '../helpers/analysis-builder.js';

function couplings(builder: AnalysisBuilder) {
  const analysis = builder.build();
  const index = buildPlanIndex(analysis);
  const tables = planTables(analysis, index.contextOf);
  const cycles = findCycles(index.contextIds, index.cross);
  return { coupling: couplingOf(index, tables, cycles), cycles };
}

describe('coupling score', () => {
  it('adds inbound and outbound weight, type-only imports at half', () => {
    const { coupling } = couplings(
      new AnalysisBuilder()
        .context('a', ['src/a/a.ts'])
        .context('b', ['src/b/b.ts'])
        .imports('src/a/a.ts', 'src/b/b.ts', { symbols: ['f'], used: 1, weight: 6 })
        .imports('src/b/b.ts', 'src/a/a.ts', { symbols: ['T'], kind: 'type', weight: 4 }),
    );
    expect(coupling.get('a')?.breakdown).toEqual({ inbound: 4 * TYPE_ONLY_FACTOR, outbound: 6, data: 0, cycles: 0, score: 8 });
    expect(coupling.get('b')?.breakdown).toEqual({ inbound: 6, outbound: 2, data: 0, cycles: 0, score: 8 });
    expect(coupling.get('a')?.share).toBe(0.5);
  });

  it('counts shared tables per other context, writes heavier', () => {
    const { coupling } = couplings(
      new AnalysisBuilder()
        .context('a', ['src/a/a.ts'])
        .context('b', ['src/b/b.ts'])
        .context('c', ['src/c/c.ts'])
        .entity('T', 't', 'src/a/a.ts')
        .writes('src/a/a.ts', 'T', [1, 2, 3])
        .writes('src/b/b.ts', 'T')
        .reads('src/c/c.ts', 'T'),
    );
    // a-b both write: 3 units each way; a-c and b-c one writer: 2 units.
    expect(coupling.get('a')?.breakdown.data).toBe(TABLE_UNIT * (3 + 2));
    expect(coupling.get('b')?.breakdown.data).toBe(TABLE_UNIT * (3 + 2));
    expect(coupling.get('c')?.breakdown.data).toBe(TABLE_UNIT * (2 + 2));
  });

  it('adds a cycle unit per other context in the cycle', () => {
    const { coupling } = couplings(
      new AnalysisBuilder()
        .context('a', ['src/a/a.ts'])
        .context('b', ['src/b/b.ts'])
        .imports('src/a/a.ts', 'src/b/b.ts', { symbols: ['f'], used: 1, weight: 2 })
        .imports('src/b/b.ts', 'src/a/a.ts', { symbols: ['g'], used: 1, weight: 2 }),
    );
    expect(coupling.get('a')?.breakdown).toEqual({ inbound: 2, outbound: 2, data: 0, cycles: CYCLE_UNIT, score: 4 + CYCLE_UNIT });
  });
});

describe('ranking', () => {
  it('puts the least coupled context first', () => {
    const plan = planMigration(
      new AnalysisBuilder()
        .context('hub', ['src/hub/h.ts'])
        .context('leaf', ['src/leaf/l.ts'])
        .context('mid', ['src/mid/m.ts'])
        .imports('src/leaf/l.ts', 'src/hub/h.ts', { symbols: ['f'], used: 1, weight: 2 })
        .imports('src/mid/m.ts', 'src/hub/h.ts', { symbols: ['g'], used: 1, weight: 8 })
        .build(),
    );
    expect(plan.steps.map((step) => [step.rank, step.context])).toEqual([
      [1, 'leaf'],
      [2, 'mid'],
      [3, 'hub'],
    ]);
    expect(plan.steps.map((step) => step.coupling)).toEqual([0.1, 0.4, 0.5]);
  });

  it('breaks ties by size, smaller first', () => {
    const coupling = new Map([
      ['big', { breakdown: { inbound: 0, outbound: 0, data: 0, cycles: 0, score: 0 }, share: 0.201 }],
      ['small', { breakdown: { inbound: 0, outbound: 0, data: 0, cycles: 0, score: 0 }, share: 0.204 }],
      ['first', { breakdown: { inbound: 0, outbound: 0, data: 0, cycles: 0, score: 0 }, share: 0.1 }],
    ]);
    const sizeOf = new Map([['big', 9], ['small', 2], ['first', 50]]);
    expect(rankContexts(['big', 'first', 'small'], { coupling, sizeOf, churnOf: null, cycles: [] }).order).toEqual(['first', 'small', 'big']);
  });

  it('ties shares within half a point of the lowest of their run, not by whole-percent buckets', () => {
    const zero = { inbound: 0, outbound: 0, data: 0, cycles: 0, score: 0 };
    // 6.7% against 7.3%: the same whole percent, but six tenths apart, so the lower goes first whatever the size.
    const coupling = new Map([['leaf', { breakdown: zero, share: 0.067 }], ['cycled', { breakdown: zero, share: 0.073 }], ['near', { breakdown: zero, share: 0.071 }]]);
    const sizeOf = new Map([['leaf', 17], ['cycled', 11], ['near', 5]]);
    expect(rankContexts(['cycled', 'leaf', 'near'], { coupling, sizeOf, churnOf: null, cycles: [] }).order).toEqual(['near', 'leaf', 'cycled']);
    // 6.4% and 6.6% were two buckets; within half a point they tie and the smaller goes first.
    const close = new Map([['a', { breakdown: zero, share: 0.064 }], ['b', { breakdown: zero, share: 0.066 }]]);
    expect(rankContexts(['a', 'b'], { coupling: close, sizeOf: new Map([['a', 9], ['b', 3]]), churnOf: null, cycles: [] }).order).toEqual(['b', 'a']);
  });

  it('with history, breaks ties by churn, most changed first', () => {
    const zero = { inbound: 0, outbound: 0, data: 0, cycles: 0, score: 0 };
    const coupling = new Map([['quiet', { breakdown: zero, share: 0.3 }], ['busy', { breakdown: zero, share: 0.3 }]]);
    const sizeOf = new Map([['quiet', 1], ['busy', 9]]);
    const churnOf = new Map([['quiet', 1], ['busy', 12]]);
    expect(rankContexts(['busy', 'quiet'], { coupling, sizeOf, churnOf, cycles: [] }).order).toEqual(['busy', 'quiet']);
    expect(rankContexts(['busy', 'quiet'], { coupling, sizeOf, churnOf: null, cycles: [] }).order).toEqual(['quiet', 'busy']);
  });

  it('reads churn from the history option', () => {
    const analysis = new AnalysisBuilder().context('a', ['src/a/1.ts', 'src/a/2.ts']).context('b', ['src/b/1.ts', 'src/b/2.ts']).build();
    const plan = planMigration(analysis, { history: { 'src/b/1.ts': 6, 'src/b/2.ts': 2, 'src/a/1.ts': 1 } });
    expect(plan.steps.map((step) => [step.context, step.churn])).toEqual([['b', 4], ['a', 0.5]]);
    expect(planMigration(analysis).steps.map((step) => [step.context, step.churn])).toEqual([['a', null], ['b', null]]);
  });

  it('inside a cycle, puts the context still called first once the cycle is broken', () => {
    const analysis = new AnalysisBuilder()
      .context('orders', ['src/orders/o.ts'])
      .context('payments', ['src/payments/p.ts'])
      .context('big', ['src/big/1.ts', 'src/big/2.ts'])
      .imports('src/orders/o.ts', 'src/payments/p.ts', { symbols: ['authorize'], used: 1, weight: 9 })
      .imports('src/payments/p.ts', 'src/orders/o.ts', { symbols: ['markPaid'], discarded: 1, weight: 2 })
      .imports('src/payments/p.ts', 'src/big/1.ts', { symbols: ['fx'], used: 1, weight: 30 })
      .build();
    const plan = planMigration(analysis);
    // orders is the least coupled, but it still calls payments after the break: it waits for it.
    expect(plan.steps.map((step) => [step.context, step.breakdown.score])).toEqual([
      ['big', 30],
      ['payments', 51],
      ['orders', 21],
    ]);
    expect(plan.steps[2]?.after).toEqual(['payments']);
    expect(plan.steps[2]?.prerequisites).toContain('Comes after payments (step 2): once the cycle is broken, orders still calls payments, so payments goes first.');
    expect(plan.cycles[0]?.breaks.map((cut) => [cut.from, cut.to])).toEqual([['payments', 'orders']]);
  });
});
