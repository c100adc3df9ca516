// Soft lexical ties (issue 14): files whose names carry the same domain stem belong together more often
// than their imports alone show. `invoice.controller.ts`, `invoices.service.ts`, `invoice.entity.ts` and
// `invoice-service.ts` reach each other through framework glue (modules, DI, routers), if at all, yet a
// staff engineer puts them in one context. The tie is soft: a file's lexical weight is spread over its
// group (LEXICAL_UNITS_PER_FILE in all, whatever the group's size), so imports and data still decide
// when they disagree. Files are never collapsed into one node (that cost NMI on layered code).
// docs/decisions/contexts.md has the measurements and what was tried.
import { posix } from 'node:path';
import { compareStrings } from '../shared/sort.js';

/** Lexical weight a file gets in all, spread over the other files of its group. */
export const LEXICAL_UNITS_PER_FILE = 2;
/**
 * A stem shared by more files than this is a word of the whole code base (a framework's file name),
 * not one domain's: such a group gets no ties.
 */
export const LEXICAL_MAX_GROUP = 40;

/**
 * Words of a file name that name a technical role, not a domain: dropped from the end of a stem
 * (`user-environments-service` -> `user-environment`); a stem of nothing else has no key.
 */
export const ROLE_WORDS: ReadonlySet<string> = new Set([
  'module', 'controller', 'service', 'resolver', 'dto', 'entity', 'guard', 'interceptor', 'pipe', 'filter',
  'middleware', 'decorator', 'strategy', 'repository', 'repo', 'schema', 'model', 'type', 'interface', 'util',
  'helper', 'constant', 'gateway', 'processor', 'listener', 'subscriber', 'handler', 'route', 'router', 'enum',
  'config', 'factory', 'provider', 'job', 'queue', 'consumer', 'producer', 'mapper', 'serializer', 'validator',
  'validation', 'event', 'command', 'query', 'mock', 'index', 'main', 'app', 'api', 'base', 'abstract', 'common',
  'shared', 'core', 'lib', 'impl', 'input', 'output', 'arg', 'response', 'request', 'error', 'exception', 'spec',
  'test', 'fixture', 'internal', 'default',
]);

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && word.length > 3) return word.slice(0, -1);
  return word;
}

/** Lower-case words of a name as written: camelCase, kebab, snake and dots split. */
export function nameForms(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Lower-case singular words of a name: camelCase, kebab, snake and dots split. */
export function nameWords(name: string): string[] {
  return nameForms(name).map(singular);
}

/**
 * The domain stem of a file: its name up to the first dot (`user-settings.service.ts` ->
 * `user-settings`), in singular words without trailing role words; null when nothing but role words
 * or numbers remains (`index.ts`, `app.module.ts`, `base-entity.ts`).
 */
export function lexicalKey(path: string): string | null {
  const file = posix.basename(path);
  const dot = file.indexOf('.');
  const words = nameWords(dot > 0 ? file.slice(0, dot) : file);
  while (words.length > 0 && ROLE_WORDS.has(words[words.length - 1] as string)) words.pop();
  if (words.every((word) => ROLE_WORDS.has(word) || /^\d+$/.test(word))) return null;
  return words.join('-');
}

export interface LexicalTie {
  source: string;
  target: string;
  weight: number;
}

/**
 * Ties between the modules of each stem group, every pair weighted so that each file of a group of n
 * gets LEXICAL_UNITS_PER_FILE in all: UNITS / (n - 1) per pair. Sorted by (source, target).
 */
export function lexicalTies(modules: readonly string[]): LexicalTie[] {
  const groups = new Map<string, string[]>();
  for (const module of modules) {
    const key = lexicalKey(module);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(module);
    else groups.set(key, [module]);
  }
  const ties: LexicalTie[] = [];
  for (const members of groups.values()) {
    if (members.length < 2 || members.length > LEXICAL_MAX_GROUP) continue;
    const weight = LEXICAL_UNITS_PER_FILE / (members.length - 1);
    const sorted = [...members].sort(compareStrings);
    for (let a = 0; a < sorted.length; a++) {
      for (let b = a + 1; b < sorted.length; b++) ties.push({ source: sorted[a] as string, target: sorted[b] as string, weight });
    }
  }
  return ties.sort((x, y) => compareStrings(x.source, y.source) || compareStrings(x.target, y.target));
}
