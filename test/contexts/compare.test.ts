import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  comparePartitions,
  mojoFm,
  moveJoinOperations,
  normalizedMutualInformation,
} from '../../src/contexts/compare.js';

// P = {1,2,3 | 4,5,6}, R = {1,2 | 3,4,5,6}: contingency [[2,1],[0,3]].
const proposal = { f1: 'A', f2: 'A', f3: 'A', f4: 'B', f5: 'B', f6: 'B' };
const reference = { f1: 'X', f2: 'X', f3: 'Y', f4: 'Y', f5: 'Y', f6: 'Y' };

describe('NMI', () => {
  it('matches the hand computation 2 I / (H(P) + H(R))', () => {
    const hP = Math.log(2);
    const hR = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3));
    const mutual = (2 / 6) * Math.log(2 / 6 / ((3 / 6) * (2 / 6))) + (1 / 6) * Math.log(1 / 6 / ((3 / 6) * (4 / 6))) + (3 / 6) * Math.log(3 / 6 / ((3 / 6) * (4 / 6)));
    expect(normalizedMutualInformation(proposal, reference)).toBeCloseTo((2 * mutual) / (hP + hR), 12);
    expect(normalizedMutualInformation(proposal, reference)).toBeCloseTo(0.478707, 5);
  });

  it('is 1 for the same grouping under other names, 0 for independent groupings', () => {
    const renamed = { f1: 'q', f2: 'q', f3: 'q', f4: 'r', f5: 'r', f6: 'r' };
    expect(normalizedMutualInformation(proposal, renamed)).toBe(1);
    expect(normalizedMutualInformation({ a: '1', b: '1', c: '2', d: '2' }, { a: 'x', b: 'y', c: 'x', d: 'y' })).toBe(0);
    expect(normalizedMutualInformation({ a: '1', b: '1' }, { a: 'x', b: 'x' })).toBe(1);
  });
});

describe('ARI', () => {
  it('matches the hand computation (index - expected) / (max - expected)', () => {
    // index = C(2,2) + C(3,2) = 4; rows 3 + 3 = 6; columns 1 + 6 = 7; expected 6 * 7 / 15 = 2.8; max 6.5.
    expect(adjustedRandIndex(proposal, reference)).toBeCloseTo((4 - 2.8) / (6.5 - 2.8), 12);
  });

  it('is negative when the groupings disagree more than chance, 1 when equal', () => {
    // index 0, expected 2 * 2 / 6, max 2.
    expect(adjustedRandIndex({ a: '1', b: '1', c: '2', d: '2' }, { a: 'x', b: 'y', c: 'x', d: 'y' })).toBeCloseTo(-0.5, 12);
    expect(adjustedRandIndex(proposal, proposal)).toBe(1);
  });
});

describe('MoJoFM', () => {
  it('counts moves: one file of A must move (mno 1, max n - g = 6 - 2)', () => {
    expect(moveJoinOperations(proposal, reference)).toBe(1);
    expect(mojoFm(proposal, reference)).toBeCloseTo(1 - 1 / 4, 12);
  });

  it('counts joins: three clusters of one group need two joins (max 6 - 1)', () => {
    const split = { f1: 'a', f2: 'a', f3: 'b', f4: 'b', f5: 'c', f6: 'c' };
    const whole = { f1: 'x', f2: 'x', f3: 'x', f4: 'x', f5: 'x', f6: 'x' };
    expect(moveJoinOperations(split, whole)).toBe(2);
    expect(mojoFm(split, whole)).toBeCloseTo(1 - 2 / 5, 12);
  });

  it('uses a maximum matching where a cluster ties between groups', () => {
    // A = {1,2,3,4} shares 2 with X and 2 with Y; B = {5,6,7} lies in X. Tagging A with Y saves a join.
    const p = { f1: 'A', f2: 'A', f3: 'A', f4: 'A', f5: 'B', f6: 'B', f7: 'B' };
    const r = { f1: 'X', f2: 'X', f3: 'Y', f4: 'Y', f5: 'X', f6: 'X', f7: 'X' };
    expect(moveJoinOperations(p, r)).toBe(2);
    expect(mojoFm(p, r)).toBeCloseTo(1 - 2 / 5, 12);
  });

  it('is asymmetric and 1 for an identical partition', () => {
    expect(mojoFm(proposal, proposal)).toBe(1);
    const split = { f1: 'a', f2: 'a', f3: 'b', f4: 'b', f5: 'c', f6: 'c' };
    const whole = { f1: 'x', f2: 'x', f3: 'x', f4: 'x', f5: 'x', f6: 'x' };
    // whole -> split: 4 moves out of a maximum of 6 - 2.
    expect(moveJoinOperations(whole, split)).toBe(4);
    expect(mojoFm(whole, split)).toBe(0);
    expect(mojoFm(split, whole)).toBeCloseTo(0.6, 12);
  });
});

describe('comparePartitions', () => {
  it('scores only the files in both partitions and says how many were left out', () => {
    const scores = comparePartitions({ ...proposal, extra: 'A' }, { ...reference, other: 'Y', more: 'X' });
    expect(scores).toMatchObject({ common: 6, onlyInProposal: 1, onlyInReference: 2 });
    expect(scores.nmi).toBeCloseTo(normalizedMutualInformation(proposal, reference), 12);
    expect(scores.ari).toBeCloseTo(adjustedRandIndex(proposal, reference), 12);
    expect(scores.mojoFm).toBeCloseTo(0.75, 12);
  });
});
