import { describe, expect, it } from 'vitest';
import { EFFORT_WEIGHTS, estimateEffort } from '../../src/plan/effort.js';
import { decideVerdict, MIN_MODULARITY, SMALL_LOC, type VerdictInput } from '../../src/plan/verdict.js';
import type { ContextCycle, EffortCounts } from '../../src/shared/analysis.js';

const cycle = (...contexts: string[]): ContextCycle => ({ contexts, edges: [], breaks: [] });
const healthy: VerdictInput = {
  files: 400,
  loc: 40_000,
  contexts: ['a', 'b', 'c', 'd'],
  modularity: 0.55,
  crossShare: 0.2,
  cycles: [],
  first: 'a',
};

describe('verdict', () => {
  it('extracts when the code is big enough and the cut is clean, starting with the first step', () => {
    const verdict = decideVerdict(healthy);
    expect(verdict.decision).toBe('extract');
    expect(verdict.headline).toContain('start with a');
    expect(verdict.reasons).toContain('no cycles between contexts');
  });

  it('names the cycles to break before extracting', () => {
    const verdict = decideVerdict({ ...healthy, cycles: [cycle('a', 'b')] });
    expect(verdict.decision).toBe('extract');
    expect(verdict.headline).toContain('break the a-b cycle');
  });

  it('tells a small codebase to stay one deployable', () => {
    const verdict = decideVerdict({ ...healthy, loc: SMALL_LOC - 1 });
    expect(verdict.decision).toBe('modular-monolith');
    expect(verdict.headline).toContain('the codebase is small');
    expect(verdict.reasons[0]).toContain('small enough for one team');
  });

  it('tells a tangled codebase so: low modularity, ties mostly crossing, or most contexts in cycles', () => {
    for (const input of [
      { ...healthy, modularity: MIN_MODULARITY - 0.01 },
      { ...healthy, crossShare: 0.6 },
      { ...healthy, cycles: [cycle('a', 'b', 'c')] },
    ]) {
      const verdict = decideVerdict(input);
      expect(verdict.decision).toBe('modular-monolith');
      expect(verdict.headline).toContain('not clean enough');
    }
  });

  it('with one context there is nothing to carve', () => {
    const verdict = decideVerdict({ ...healthy, contexts: ['app'] });
    expect(verdict.decision).toBe('modular-monolith');
    expect(verdict.reasons).toContain('one context: there is no second service to carve out');
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
