// Method-name tables looked up with names taken from the analysed code. Plain object literals would
// answer `toString` or `constructor` from Object.prototype; these have no prototype.
import type { AccessMode } from '../../../shared/facts.js';

export function methodTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

export function readsAndWrites(reads: readonly string[], writes: readonly string[]): Readonly<Record<string, AccessMode>> {
  const entries: Record<string, AccessMode> = {};
  for (const name of reads) entries[name] = 'read';
  for (const name of writes) entries[name] = 'write';
  return methodTable(entries);
}
