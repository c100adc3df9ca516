import { describe, expect, it } from 'vitest';
import { EFFORT_WEIGHTS, estimateEffort } from '../../src/plan/effort.js';
import { MIN_SERVICE_LOC } from '../../src/plan/readiness.js';
import { decideVerdict, MIN_MODULARITY, SMALL_LOC, type ContextStanding, type VerdictInput } from '../../src/plan/verdict.js';
import type { ContextCycle, EffortCounts, ReadinessLevel } from '../../src/shared/analysis.js';

const cycle = (...contexts: string[]): ContextCycle => ({ contexts, edges: [], breaks: [] });
const standing = (context: string, rank: number, level: ReadinessLevel, reasons: string[], loc = 5_000): ContextStanding => ({
  context,
  rank,
  files: 40,
  loc,
  readiness: { level, reasons },
  deciding: level === 'extract-now' ? reasons.length : 1,
});
const seams = (context: string, rank: number, loc?: number): ContextStanding =>
  standing(context, rank, 'needs-seams', [`reads 1 table owned by x (${context}_t): read it through the owner's API or a read model`, 'no other context calls it at run time'], loc);
const tangled = (context: string, rank: number): ContextStanding => standing(context, rank, 'entangled', [`holds 30% of all coupling (${context})`, 'no other context calls it at run time']);
const ready = (context: string, rank: number, loc?: number): ContextStanding => standing(context, rank, 'extract-now', ['in no cycle, and shares no table with another context'], loc);

const healthy: VerdictInput = {
  files: 400,
  loc: 40_000,
  contexts: ['a', 'b', 'c', 'd'],
  modularity: 0.55,
  crossShare: 0.2,
  cycles: [],
  standings: [seams('b', 1), ready('a', 2), tangled('c', 3), ready('d', 4)],
};

describe('verdict', () => {
  it('some context ready: extract, starting with the first ready one in plan order', () => {
    const verdict = decideVerdict(healthy);
    expect(verdict.decision).toBe('extract');
    expect(verdict.headline).toMatch(/^Extract services, edge first: start with a \(step 2, 40 files, 5,000 lines\): in no cycle, and shares no table with another context\. d is ready too\./);
    expect(verdict.headline).toContain('Next, once its seams are cut: b (reads 1 table');
    expect(verdict.headline).toContain('c (25% of the code in contexts) is entangled and goes last');
    expect(verdict.reasons).toContain('no cycles between contexts');
    expect(verdict.reasons).toContain('readiness: 2 ready to extract now (a and d), 1 ready after a few seams (b), 1 entangled (c)');
  });

  it('a ready context too small to be a service is passed over, and said so', () => {
    const verdict = decideVerdict({ ...healthy, standings: [ready('tiny', 1, MIN_SERVICE_LOC - 1), seams('b', 2), ready('a', 3)] });
    expect(verdict.decision).toBe('extract');
    expect(verdict.headline).toContain('start with a (step 3');
    expect(verdict.reasons).toContain(`tiny is ready but under ${MIN_SERVICE_LOC} lines: too small to be a service of its own`);
  });

  it('none ready, some after seams: cut seams first, for the first such context, quoting only its deciding reasons', () => {
    const verdict = decideVerdict({ ...healthy, standings: [tangled('c', 1), seams('small', 2, 100), seams('b', 3), seams('e', 4)] });
    expect(verdict.decision).toBe('seams-first');
    expect(verdict.headline).toBe(
      "Cut seams before extracting anything: no context is ready yet. Start with b (step 3, 40 files, 5,000 lines): reads 1 table owned by x (b_t): read it through the owner's API or a read model; then extract it. Then e, each after its own seams (see each context's readiness). Hold the rest to their contexts with carve check meanwhile; c (33% of the code in contexts) is entangled and goes last.",
    );
  });

  it('none big enough ready, a small one ready: the seams-first headline says the small one is ready but too small', () => {
    const verdict = decideVerdict({ ...healthy, standings: [ready('settings', 1, MIN_SERVICE_LOC - 1), seams('b', 2)] });
    expect(verdict.decision).toBe('seams-first');
    expect(verdict.headline).toMatch(new RegExp(`^Cut seams before extracting anything: no context of ${MIN_SERVICE_LOC} lines or more is ready yet \\(settings is ready but too small to stand alone\\)\\. Start with b `));
  });

  it('every context entangled: hold the monolith, naming what is tangled', () => {
    const verdict = decideVerdict({ ...healthy, cycles: [cycle('a', 'b', 'c')], standings: [tangled('a', 1), tangled('b', 2), tangled('c', 3), tangled('d', 4)] });
    expect(verdict.decision).toBe('modular-monolith');
    expect(verdict.headline).toContain('every context big enough to be a service is entangled (a: holds 30% of all coupling (a); b: holds 30% of all coupling (b); c: holds 30% of all coupling (c); and 1 more)');
    expect(verdict.reasons).toContain('3 of 4 contexts sit in 1 cycle (a <-> b <-> c)');
  });

  it('only contexts too small to be services: hold', () => {
    const verdict = decideVerdict({ ...healthy, standings: [ready('a', 1, 100), seams('b', 2, 200)] });
    expect(verdict.decision).toBe('modular-monolith');
    expect(verdict.headline).toContain('no context is big enough to be a service of its own');
  });

  it('tells a small codebase to stay one deployable, even with a ready context', () => {
    const verdict = decideVerdict({ ...healthy, loc: SMALL_LOC - 1 });
    expect(verdict.decision).toBe('modular-monolith');
    expect(verdict.headline).toContain('the codebase is small');
    expect(verdict.reasons[0]).toContain('small enough for one team');
  });

  it('tells a tangled codebase so: low modularity or ties mostly crossing, whatever the readiness', () => {
    for (const input of [
      { ...healthy, modularity: MIN_MODULARITY - 0.01 },
      { ...healthy, crossShare: 0.6 },
    ]) {
      const verdict = decideVerdict(input);
      expect(verdict.decision).toBe('modular-monolith');
      expect(verdict.headline).toContain('not clean enough');
    }
  });

  it('with one context or none there is nothing to carve', () => {
    const one = decideVerdict({ ...healthy, contexts: ['app'], standings: [ready('app', 1)] });
    expect(one.decision).toBe('modular-monolith');
    expect(one.reasons).toContain('one context: there is no second service to carve out');
    expect(decideVerdict({ ...healthy, contexts: [], standings: [] }).reasons).toContain('no contexts found: nothing to carve out');
  });

  it('differs where the readiness differs', () => {
    const decisions = [
      healthy.standings,
      [seams('b', 1), tangled('c', 2)],
      [tangled('b', 1), tangled('c', 2)],
    ].map((standings) => decideVerdict({ ...healthy, standings }).decision);
    expect(decisions).toEqual(['extract', 'seams-first', 'modular-monolith']);
  });
});

describe('effort', () => {
  const zero: EffortCounts = { entryPoints: 0, operations: 0, callSites: 0, outboundSeams: 0, syncSeams: 0, tablesOwned: 0, tablesShared: 0, cycleBreaks: 0, loc: 0 };

  it('weighs each count by the documented weight', () => {
    for (const key of Object.keys(zero) as Array<keyof EffortCounts>) {
      expect(estimateEffort({ ...zero, [key]: 1000 }).points).toBeCloseTo(1000 * EFFORT_WEIGHTS[key], 5);
    }
    expect(estimateEffort({ ...zero, entryPoints: 3, operations: 2, callSites: 5, tablesShared: 1, loc: 1000 }).points).toBe(3 + 4 + 2.5 + 5 + 2);
  });

  it('sizes S, M, L and XL', () => {
    expect(estimateEffort({ ...zero, entryPoints: 14 }).size).toBe('S');
    expect(estimateEffort({ ...zero, entryPoints: 15 }).size).toBe('M');
    expect(estimateEffort({ ...zero, cycleBreaks: 5 }).size).toBe('L');
    expect(estimateEffort({ ...zero, cycleBreaks: 10 }).size).toBe('XL');
  });
});
