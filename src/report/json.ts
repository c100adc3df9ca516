// analysis.json: the one machine-readable result. Two-space indent, trailing newline, stable key order
// (the order the analysis stage builds its objects in).
import type { Analysis } from '../shared/analysis.js';

/**
 * JSON.stringify leaves DEL and the C1 controls (U+007F-U+009F) raw, and some terminals act on them
 * when the JSON is printed; written as \u escapes the text stays exact and harmless.
 */
export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

export function renderJson(analysis: Analysis): string {
  return stringifyJson(analysis);
}
