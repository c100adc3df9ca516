// The words every reader (report.md, `carve plan`, explore) uses for a verdict and a readiness level,
// in one place so they say the same thing. A value from a newer or hand-edited analysis.json that is
// not known here reads as itself.
import type { ReadinessLevel, VerdictDecision } from './analysis.js';

const DECISION_TITLES: Readonly<Record<VerdictDecision, string>> = {
  extract: 'extract services, edge first',
  'seams-first': 'cut seams first, then extract',
  'modular-monolith': 'hold the monolith to its contexts first',
};

const LEVEL_WORDS: Readonly<Record<ReadinessLevel, string>> = {
  'extract-now': 'extract now',
  'needs-seams': 'needs seams first',
  entangled: 'entangled',
};

export function decisionTitle(decision: string): string {
  return Object.hasOwn(DECISION_TITLES, decision) ? DECISION_TITLES[decision as VerdictDecision] : decision;
}

export function readinessWord(level: string): string {
  return Object.hasOwn(LEVEL_WORDS, level) ? LEVEL_WORDS[level as ReadinessLevel] : level;
}

/** Short form for tables and lists: ready, seams, entangled. */
export function readinessShort(level: string): string {
  return level === 'extract-now' ? 'ready' : level === 'needs-seams' ? 'seams' : level;
}

/** Short form for the fixtures' index: extract, seams first, modular monolith first. */
export function decisionShort(decision: string): string {
  return decision === 'extract' ? 'extract' : decision === 'seams-first' ? 'seams first' : decision === 'modular-monolith' ? 'modular monolith first' : decision;
}
