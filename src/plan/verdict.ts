// The verdict before the steps, from the contexts' readiness: extract now (a context is ready: start
// with the first ready one in plan order), cut seams first (none is ready, but some are after a few
// seams: name the first and its seams), or hold the monolith to its contexts (a modular monolith that
// `carve check` enforces) when the code is small, has one context, is tangled as a whole, or every
// context is entangled. Thresholds and their reasons are in docs/decisions/plan.md.
import type { ContextCycle, ContextReadiness, Verdict } from '../shared/analysis.js';
import { isServiceSized, MIN_SERVICE_LOC } from './readiness.js';
import { listWords, someWords } from './wording.js';

/** Below this, one team keeps the whole code in mind and a network boundary costs more than it saves. */
export const SMALL_LOC = 10_000;
/** Newman's rule of thumb: below 0.3 a partition shows no real community structure. */
export const MIN_MODULARITY = 0.3;
/** More import weight between contexts than inside them: the cut does not hold. */
export const MAX_CROSS_SHARE = 0.5;

/** One context's readiness as the verdict reads it, in plan order. */
export interface ContextStanding {
  context: string;
  /** Its plan step. */
  rank: number;
  files: number;
  loc: number;
  readiness: ContextReadiness;
  /** How many of its first reasons decide its level. */
  deciding: number;
}

export interface VerdictInput {
  files: number;
  loc: number;
  contexts: readonly string[];
  modularity: number;
  /** Cross-context import weight / all import weight between files in contexts. */
  crossShare: number;
  cycles: readonly ContextCycle[];
  /** Every context's readiness, in plan order (least coupled first). */
  standings: readonly ContextStanding[];
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function names(standings: readonly ContextStanding[], max = 4): string {
  return someWords(
    standings.map((standing) => standing.context),
    max,
  );
}

/** "sessions (step 3, 18 files, 1,101 lines)". */
function introduce(standing: ContextStanding): string {
  return `${standing.context} (step ${standing.rank}, ${count(standing.files, 'file')}, ${count(standing.loc, 'line')})`;
}

/** The reasons that decide a context's level, at most `max`. */
function deciding(standing: ContextStanding, max: number): string[] {
  return standing.readiness.reasons.slice(0, Math.min(max, Math.max(1, standing.deciding)));
}

/** "a <-> b <-> c <-> d and 7 more". */
function cycleNames(cycle: ContextCycle): string {
  const shown = cycle.contexts.slice(0, 4).join(' <-> ');
  return cycle.contexts.length > 4 ? `${shown} and ${cycle.contexts.length - 4} more` : shown;
}

function readinessLine(standings: readonly ContextStanding[]): string {
  const of = (level: ContextReadiness['level']): ContextStanding[] => standings.filter((standing) => standing.readiness.level === level);
  const part = (list: readonly ContextStanding[], label: string): string => `${list.length} ${label}${list.length > 0 ? ` (${names(list)})` : ''}`;
  return `readiness: ${part(of('extract-now'), 'ready to extract now')}, ${part(of('needs-seams'), 'ready after a few seams')}, ${part(of('entangled'), 'entangled')}`;
}

function hold(why: string, reasons: string[]): Verdict {
  return {
    decision: 'modular-monolith',
    headline: `Do not extract services yet: ${why}. Hold the monolith to its contexts first (a modular monolith enforced by carve check); the steps below are for later.`,
    reasons,
  };
}

export function decideVerdict(input: VerdictInput): Verdict {
  const reasons: string[] = [];
  const isSmall = input.loc < SMALL_LOC;
  reasons.push(
    `${count(input.files, 'file')} and ${count(input.loc, 'line')} of code${isSmall ? ': small enough for one team to keep in mind, so a network boundary would cost more than it saves' : ''}`,
  );
  if (input.contexts.length < 2) {
    reasons.push(input.contexts.length === 0 ? 'no contexts found: nothing to carve out' : 'one context: there is no second service to carve out');
    return hold(isSmall ? `the codebase is small (${count(input.loc, 'line')}) and there is ${input.contexts.length === 0 ? 'no context' : 'only one context'}` : 'there is only one context', reasons);
  }

  const tangled: string[] = [];
  const m = input.modularity.toFixed(2);
  if (input.modularity < MIN_MODULARITY) {
    reasons.push(`modularity ${m}: the contexts are hardly more separate than a random cut`);
    tangled.push(`modularity ${m}`);
  } else {
    reasons.push(`modularity ${m}: ${count(input.contexts.length, 'context')} with real boundaries`);
  }
  if (input.crossShare > MAX_CROSS_SHARE) {
    reasons.push(`${percent(input.crossShare)} of the import weight crosses contexts: more ties run between them than inside them`);
    tangled.push(`${percent(input.crossShare)} of the import weight crossing contexts`);
  } else {
    reasons.push(`${percent(input.crossShare)} of the import weight crosses contexts`);
  }
  const inCycles = new Set(input.cycles.flatMap((cycle) => cycle.contexts));
  reasons.push(
    input.cycles.length === 0
      ? 'no cycles between contexts'
      : `${inCycles.size} of ${input.contexts.length} contexts sit in ${count(input.cycles.length, 'cycle')} (${input.cycles.map(cycleNames).join('; ')})`,
  );
  reasons.push(readinessLine(input.standings));
  const tiny = input.standings.filter((standing) => standing.readiness.level === 'extract-now' && !isServiceSized(standing.loc));
  if (tiny.length > 0) {
    reasons.push(`${listWords(tiny.map((standing) => standing.context))} ${tiny.length === 1 ? 'is' : 'are'} ready but under ${count(MIN_SERVICE_LOC, 'line')}: too small to be ${tiny.length === 1 ? 'a service' : 'services'} of ${tiny.length === 1 ? 'its' : 'their'} own`);
  }

  if (isSmall) return hold(`the codebase is small (${count(input.loc, 'line')}), though its contexts can be cut along later`, reasons);
  if (tangled.length > 0) return hold(`the boundaries are not clean enough to cut along yet (${listWords(tangled)})`, reasons);

  const sized = input.standings.filter((standing) => isServiceSized(standing.loc));
  const ready = sized.filter((standing) => standing.readiness.level === 'extract-now');
  const after = sized.filter((standing) => standing.readiness.level === 'needs-seams');
  const entangled = input.standings.filter((standing) => standing.readiness.level === 'entangled');
  const contextLoc = input.standings.reduce((sum, standing) => sum + standing.loc, 0);
  const tangledShare = contextLoc === 0 ? 0 : entangled.reduce((sum, standing) => sum + standing.loc, 0) / contextLoc;
  const rest =
    entangled.length > 0
      ? ` Hold the rest to their contexts with carve check meanwhile; ${names(entangled, 3)} (${percent(tangledShare)} of the code in contexts) ${entangled.length === 1 ? 'is' : 'are'} entangled and go${entangled.length === 1 ? 'es' : ''} last.`
      : ' Hold the rest to their contexts with carve check meanwhile.';

  const first = ready[0];
  if (first) {
    const also = ready.length > 1 ? ` ${names(ready.slice(1), 3)} ${ready.length === 2 ? 'is' : 'are'} ready too.` : '';
    const next = after[0] ? ` Next, once its seams are cut: ${after[0].context} (${deciding(after[0], 1)[0]}).` : '';
    return {
      decision: 'extract',
      headline: `Extract services, edge first: start with ${introduce(first)}: ${deciding(first, 1)[0] ?? 'ready now'}.${also}${next}${rest}`,
      reasons,
    };
  }
  const seamsFirst = after[0];
  if (seamsFirst) {
    const then = after.length > 1 ? ` Then ${names(after.slice(1), 3)}, each after its own seams (see each context's readiness).` : '';
    // A small context may be ready: say so, or the headline contradicts the readiness table.
    const noneReady = tiny.length > 0 ? `no context of ${count(MIN_SERVICE_LOC, 'line')} or more is ready yet (${listWords(tiny.map((standing) => standing.context))} ${tiny.length === 1 ? 'is' : 'are'} ready but too small to stand alone)` : 'no context is ready yet';
    return {
      decision: 'seams-first',
      headline: `Cut seams before extracting anything: ${noneReady}. Start with ${introduce(seamsFirst)}: ${deciding(seamsFirst, 2).join('; ')}; then extract it.${then}${rest}`,
      reasons,
    };
  }
  const knots = entangled.slice(0, 3).map((standing) => `${standing.context}: ${standing.readiness.reasons[0] ?? 'entangled'}`);
  if (entangled.length === 0) return hold(`no context is big enough to be a service of its own (${count(MIN_SERVICE_LOC, 'line')} or more)`, reasons);
  return hold(`every context big enough to be a service is entangled (${knots.join('; ')}${entangled.length > 3 ? `; and ${entangled.length - 3} more` : ''})`, reasons);
}
