// Records keyed by names from the analysed code or its config: packages, contexts, tables, files. A `{}`
// inherits Object.prototype, so `record['constructor']` reads a function and `record['__proto__'] = x`
// replaces the prototype instead of adding a key. These records have no prototype: every name is an own
// key, and JSON.stringify writes them like any object.
import { compareStrings } from './sort.js';

export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A prototype-free record of the entries, later entries winning (unlike Object.fromEntries, safe to index). */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = emptyRecord<T>();
  for (const [key, value] of entries) record[key] = value;
  return record;
}

/** The same, keys in code-unit order: the order JSON output shows them in. */
export function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return recordOf([...entries].sort(([a], [b]) => compareStrings(a, b)));
}

/** The value under `key` only when it is the record's own (never an inherited Object.prototype member). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
