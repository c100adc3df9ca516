// analysis.json: the one machine-readable result. Two-space indent, trailing newline, stable key order
// (the order the analysis stage builds its objects in).
import type { Analysis } from '../shared/analysis.js';
import { stringifySafeJson } from '../shared/safe-text.js';

/** DEL, C1 controls, line separators and bidi overrides as \u escapes (see stringifySafeJson). */
export function stringifyJson(value: unknown): string {
  return stringifySafeJson(value);
}

export function renderJson(analysis: Analysis): string {
  return stringifyJson(analysis);
}
