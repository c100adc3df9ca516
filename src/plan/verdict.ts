// The verdict before the steps: extract services now, or first hold the monolith to its contexts (a
// modular monolith that `carve check` enforces). Small code and tangled code are told so plainly;
// thresholds and their reasons are in docs/decisions/plan.md.
import type { ContextCycle, Verdict } from '../shared/analysis.js';

/** Below this, one team keeps the whole code in mind and a network boundary costs more than it saves. */
export const SMALL_LOC = 10_000;
/** Newman's rule of thumb: below 0.3 a partition shows no real community structure. */
export const MIN_MODULARITY = 0.3;
/** More import weight between contexts than inside them: the cut does not hold. */
export const MAX_CROSS_SHARE = 0.5;
/** More than this share of contexts in cycles: there is no edge to start from. */
export const MAX_CYCLE_SHARE = 0.5;

export interface VerdictInput {
  files: number;
  loc: number;
  contexts: readonly string[];
  modularity: number;
  /** Cross-context import weight / all import weight between files in contexts. */
  crossShare: number;
  cycles: readonly ContextCycle[];
  /** The first step's context. */
  first: string | null;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function decideVerdict(input: VerdictInput): Verdict {
  const reasons: string[] = [];
  const holdBecause: string[] = [];
  const isSmall = input.loc < SMALL_LOC;
  reasons.push(
    `${count(input.files, 'file')} and ${count(input.loc, 'line')} of code${isSmall ? ': small enough for one team to keep in mind, so a network boundary would cost more than it saves' : ''}`,
  );
  if (isSmall) holdBecause.push('small');

  if (input.contexts.length < 2) {
    reasons.push(input.contexts.length === 0 ? 'no contexts found: nothing to carve out' : 'one context: there is no second service to carve out');
    holdBecause.push('one context');
  } else {
    const m = input.modularity.toFixed(2);
    if (input.modularity < MIN_MODULARITY) {
      reasons.push(`modularity ${m}: the contexts are hardly more separate than a random cut`);
      holdBecause.push('tangled');
    } else {
      reasons.push(`modularity ${m}: ${count(input.contexts.length, 'context')} with real boundaries`);
    }
    if (input.crossShare > MAX_CROSS_SHARE) {
      reasons.push(`${percent(input.crossShare)} of the import weight crosses contexts: more ties run between them than inside them`);
      holdBecause.push('tangled');
    } else {
      reasons.push(`${percent(input.crossShare)} of the import weight crosses contexts`);
    }
    const inCycles = new Set(input.cycles.flatMap((cycle) => cycle.contexts));
    const names = input.cycles.map((cycle) => cycle.contexts.join(' <-> ')).join('; ');
    if (input.cycles.length === 0) {
      reasons.push('no cycles between contexts');
    } else if (inCycles.size / input.contexts.length > MAX_CYCLE_SHARE) {
      reasons.push(`${inCycles.size} of ${input.contexts.length} contexts sit in cycles (${names}): there is no edge to start from`);
      holdBecause.push('tangled');
    } else {
      reasons.push(`${count(input.cycles.length, 'cycle')} between contexts (${names}): break ${input.cycles.length === 1 ? 'it' : 'them'} before extracting the contexts in ${input.cycles.length === 1 ? 'it' : 'them'}`);
    }
  }

  if (holdBecause.length > 0) {
    let why: string;
    if (holdBecause.includes('tangled')) why = 'the boundaries are not clean enough to cut along yet';
    else if (holdBecause.includes('one context')) why = 'there is only one context';
    else why = `the codebase is small (${count(input.loc, 'line')}), though its contexts are clean enough to cut along later`;
    return {
      decision: 'modular-monolith',
      headline: `Do not extract services yet: ${why}. Hold the monolith to its contexts first (a modular monolith enforced by carve check); the steps below are for later.`,
      reasons,
    };
  }
  const cycleNote = input.cycles.length > 0 ? `; break the ${input.cycles.map((cycle) => cycle.contexts.join('-')).join(', ')} cycle${input.cycles.length === 1 ? '' : 's'} before extracting the contexts in ${input.cycles.length === 1 ? 'it' : 'them'}` : '';
  return {
    decision: 'extract',
    headline: `Extract services, edge first: start with ${input.first ?? 'the least coupled context'}${cycleNote}. Meanwhile hold the rest to its contexts with carve check.`,
    reasons,
  };
}
