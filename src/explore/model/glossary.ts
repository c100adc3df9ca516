// What each figure on explore's screens means, for the `?` page: the same words report.md uses, so a
// number reads the same wherever it is shown.
export interface GlossaryEntry {
  term: string;
  means: string;
}

export const METRIC_HELP: readonly GlossaryEntry[] = [
  { term: 'files', means: 'source files in the context (tests and build output are left out)' },
  { term: 'cohesion', means: 'share of its import weight that stays inside the context (higher is better)' },
  { term: 'coupling', means: 'share of its import weight that crosses to other contexts (lower is better)' },
  { term: 'stability', means: 'share of its files that stay together across seeded clustering runs' },
  { term: 'tables', means: 'tables placed in the context: each goes to the context that writes it most' },
  { term: 'weight', means: 'import weight from one context to another: symbols used, log-scaled, per importing file' },
  { term: 'imports/data', means: 'import lines and table accesses behind a pair, each with file:line on Enter' },
  { term: 'rank', means: 'the plan step that extracts the context: least coupled first' },
  { term: 'readiness', means: 'ready: can leave now; seams: cut the listed cycles, tables or calls first; entangled: too woven in' },
  { term: 'effort', means: 'S to XL from entry points, operations, call sites, seams, tables and lines to move' },
];
