// The baseline: violations a team has accepted, in carve-baseline.json. Entries carry no line numbers
// (an edit above an accepted import must not churn the file), are sorted and unique, so the same
// violations always give the same bytes. Entries no longer seen are "fixed": reported, so the baseline
// only shrinks when someone runs --update-baseline.
import { z } from 'zod';
import { RULE_NAMES, formatFieldPath } from '../config/index.js';
import { CarveError } from '../shared/errors.js';
import { CONFIG_FILE_MAX_BYTES, describeRefusal, readTextInside } from '../shared/safe-read.js';
import { compareStrings } from '../shared/sort.js';
import type { BaselineEntry, Violation } from './types.js';
import { stringifySafeJson } from '../shared/safe-text.js';

export const BASELINE_VERSION = 1;

const entrySchema = z.strictObject({
  kind: z.enum(['import', 'data', 'placement']),
  rule: z.enum(RULE_NAMES),
  from: z.string().min(1),
  to: z.string().min(1),
  entity: z.string().min(1).optional(),
  mode: z.enum(['read', 'write']).optional(),
});

const baselineSchema = z.strictObject({
  version: z.literal(BASELINE_VERSION),
  violations: z.array(entrySchema),
});

/** What identifies a violation across commits: everything but its line and wording. */
export function violationKey(entry: BaselineEntry | Violation): string {
  return [entry.kind, entry.rule, entry.from, entry.to, entry.entity ?? '', entry.mode ?? ''].join('\u0000');
}

export function toBaselineEntry(violation: Violation): BaselineEntry {
  const entry: BaselineEntry = { kind: violation.kind, rule: violation.rule, from: violation.from, to: violation.to };
  if (violation.entity !== null) entry.entity = violation.entity;
  if (violation.mode !== null) entry.mode = violation.mode;
  return entry;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return (
    compareStrings(a.from, b.from) ||
    compareStrings(a.to, b.to) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.entity ?? '', b.entity ?? '') ||
    compareStrings(a.mode ?? '', b.mode ?? '')
  );
}

/** Sorted, without duplicates. */
export function normalizeBaseline(entries: readonly BaselineEntry[]): BaselineEntry[] {
  const unique = new Map(entries.map((entry) => [violationKey(entry), entry]));
  return [...unique.values()].sort(compareEntries);
}

/** The baseline file's text for these violations. */
export function renderBaseline(violations: readonly Violation[]): string {
  const entries = normalizeBaseline(violations.map(toBaselineEntry)).map((entry) => ({
    kind: entry.kind,
    rule: entry.rule,
    from: entry.from,
    to: entry.to,
    ...(entry.entity !== undefined ? { entity: entry.entity } : {}),
    ...(entry.mode !== undefined ? { mode: entry.mode } : {}),
  }));
  return stringifySafeJson({ version: BASELINE_VERSION, violations: entries });
}

export function parseBaseline(text: string, displayPath: string): BaselineEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw baselineError(`${displayPath}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw baselineError(`${displayPath}: ${formatFieldPath(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`);
  }
  return normalizeBaseline(parsed.data.violations);
}

function baselineError(message: string): CarveError {
  return new CarveError('bad-baseline', message, 'rewrite it with `carve check --update-baseline`');
}

/**
 * The baseline at `path`; an absent file is an empty baseline. Anything else that is not a regular
 * file inside `repository` (a FIFO, a device, a link out) is an error, never a read.
 */
export function readBaseline(path: string, displayPath: string, repository: string): BaselineEntry[] {
  const read = readTextInside(path, repository, CONFIG_FILE_MAX_BYTES);
  if (read.ok) return parseBaseline(read.text, displayPath);
  if (read.reason === 'missing') return [];
  throw new CarveError('bad-baseline', `${displayPath} ${describeRefusal(read)}`, 'the baseline must be a regular file inside the repository; remove it and run `carve check --update-baseline`');
}
