// Config problems as the user reads them: `<file>: <dotted.field[0]>: <what is wrong>`. zod's issues and
// the semantic checks both end up here, so every message names the file and the field the same way.
import type { z } from 'zod';
import { CarveError } from '../shared/errors.js';

export type FieldPath = ReadonlyArray<string | number | symbol>;

export interface ConfigIssue {
  path: FieldPath;
  message: string;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** ['contexts', 'orders', 'dependsOn', 0] -> 'contexts.orders.dependsOn[0]'. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const key = String(segment);
      text += PLAIN_KEY.test(key) ? (text === '' ? key : `.${key}`) : `[${JSON.stringify(key)}]`;
    }
  }
  return text === '' ? '(top level)' : text;
}

/** zod issues -> readable issues; unknown keys become issues on the key itself, with a suggestion. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], knownKeys: (path: FieldPath) => string[]): ConfigIssue[] {
  const result: ConfigIssue[] = [];
  // Unknown keys first: a misspelt field also shows up as a missing one, and the typo is the news.
  const ordered = [...issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  for (const issue of ordered) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestion = closest(key, knownKeys(issue.path));
        result.push({ path: [...issue.path, key], message: `unknown field${suggestion ? ` (did you mean '${suggestion}'?)` : ''}` });
      }
    } else if (issue.code === 'invalid_key') {
      const inner = issue.issues[0]?.message ?? issue.message;
      result.push({ path: issue.path, message: `bad name: ${inner}` });
    } else if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
      result.push({ path: issue.path, message: `is required (${issue.expected})` });
    } else {
      result.push({ path: issue.path, message: issue.message.replace(/^Invalid input: /, '') });
    }
  }
  return result;
}

/** One line naming the file, the first problem's field, and how many more there are. */
export function configError(displayPath: string, issues: readonly ConfigIssue[]): CarveError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const text = first ? `${formatFieldPath(first.path)}: ${first.message}` : 'invalid';
  return new CarveError('bad-config', `${displayPath}: ${text}${more}`, 'fix that field; editors check the file against the schema its "$schema" names');
}

/** The candidate nearest to `word` by edit distance, when near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const isNear = bestDistance < word.length && bestDistance <= Math.max(1, Math.floor(word.length / 3));
  return best !== null && isNear ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}
