// analysis.json: the one machine-readable result. Two-space indent, trailing newline, stable key order
// (the order the analysis stage builds its objects in).
import type { Analysis } from '../shared/analysis.js';

export function renderJson(analysis: Analysis): string {
  return `${JSON.stringify(analysis, null, 2)}\n`;
}
