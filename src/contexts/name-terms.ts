// The words a context name may be made of (issue 14): words of its own file names and of its tables,
// never a word that names a technical role, a layout folder, a framework or a verb. Terms are single
// words and pairs of adjacent words (`market-data`), compared in singular form so that `orders` and
// `order` are one term; the spelling shown is the one the code uses most.
import { ROLE_WORDS, nameForms, nameWords } from '../graph/lexical.js';

/**
 * Words that never appear in a name, on top of the lexical ties' role words (stripped from the end of
 * a stem there, never shown here): layout folders, packaging and the words that make a name read as
 * code (`get`, `found`, `context`). Singular forms.
 */
const LAYOUT_WORDS = [
  'src', 'lib', 'app', 'package', 'feature', 'server', 'client', 'backend', 'frontend', 'infra', 'infrastructure',
  'application', 'domain', 'public', 'private', 'misc', 'other', 'context', 'cluster', 'main', 'index', 'const',
  'get', 'set', 'create', 'update', 'delete', 'found', 'seed', 'seeder', 'migration', 'script', 'dev', 'stub',
  // layer abbreviations (generated monoliths, older code bases)
  'svc', 'ctl', 'ctrl', 'ent', 'hdl', 'mdl', 'dao',
];

/**
 * Words that seldom name a business domain: framework and storage technology, API plumbing, value
 * types, generic adjectives and verbs. Drawn from what the real back-ends' file names carry
 * (docs/decisions/contexts.md, "Names"). They name a context only when it has no other word (a
 * bootstrap or cache context is platform, and `next` is all a Next.js bridge is about).
 */
const GENERIC_WORDS = [
  'global', 'local', 'external', 'setup', 'init', 'bootstrap', 'env', 'e2e', 'next', 'legacy', 'tool', 'open',
  'nest', 'nestjs', 'express', 'koa', 'fastify', 'graphql', 'gql', 'rest', 'http', 'https', 'grpc', 'websocket', 'socket',
  'prisma', 'typeorm', 'sequelize', 'knex', 'mongoose', 'drizzle', 'kysely', 'postgres', 'postgresql', 'sqlite',
  'mysql', 'redis', 'database', 'orm', 'sql', 'cache', 'logger', 'log', 'logging', 'pubsub', 'throttler', 'health',
  'driver', 'adapter', 'wrapper', 'manager', 'loader', 'dataloader', 'builder', 'registry', 'container',
  'mutation', 'scalar', 'metadata', 'extension', 'worker', 'cron', 'scheduler', 'emitter', 'bus', 'openapi',
  'swagger', 'transactional', 'tracing',
  'value', 'json', 'number', 'string', 'boolean', 'datetime', 'date', 'object', 'array', 'map', 'list',
  'generic', 'custom', 'multiple', 'single', 'readonly', 'info', 'kind', 'enabled', 'pending', 'entry', 'name', 'row',
  'all', 'new', 'old', 'last', 'first',
  'add', 'remove', 'find', 'fetch', 'load', 'save', 'check', 'handle', 'process', 'send', 'build', 'make', 'parse',
  'format', 'transform', 'convert', 'compute', 'calculate', 'generate', 'run', 'use', 'with', 'from', 'for', 'the',
  'and', 'not', 'has', 'can',
];

const singularAll = (words: string[]): string[] => words.flatMap((word) => nameWords(word));

/** Singular words that never appear in a context name. */
export const NEVER_NAME_WORDS: ReadonlySet<string> = new Set([...ROLE_WORDS, ...singularAll(LAYOUT_WORDS)]);
/** Singular words that name a context only when nothing else does. */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set(singularAll(GENERIC_WORDS));

/** Shortest word that may name a context: two letters are abbreviations (`db`, `ui`, `io`). */
const MIN_WORD_LENGTH = 3;

/** A word of a name: its singular key (what is compared) and how the code spells it (what is shown). */
export interface NameWord {
  key: string;
  form: string;
}

/** Singular key of a lower-case word, remembered: a code base has a few thousand words, named many times. */
const keyOfForm = new Map<string, string>();

function keyOf(form: string): string {
  let key = keyOfForm.get(form);
  if (key === undefined) {
    key = nameWords(form)[0] as string;
    keyOfForm.set(form, key);
  }
  return key;
}

/** Words of a file name or table name: split as the lexical ties split them, with the spelling kept. */
export function nameWordsOf(text: string): NameWord[] {
  return nameForms(text).map((form) => ({ key: keyOf(form), form }));
}

/** Whether a word may be part of a name: letters only, long enough, not a role or layout word (nor a generic one unless allowed). */
export function isNameWord(word: NameWord, allowGeneric = false): boolean {
  return (
    word.form.length >= MIN_WORD_LENGTH &&
    /^[a-z]+$/.test(word.form) &&
    !NEVER_NAME_WORDS.has(word.key) &&
    (allowGeneric || !GENERIC_NAME_WORDS.has(word.key))
  );
}

/** A candidate name term: one word or two adjacent words, keyed by singular forms. */
export interface Term {
  key: string;
  form: string;
  /**
   * How much the occurrence says the text is about the term: 1, or MODIFIER_SHARE for a word that
   * only qualifies the next one (`user` in `user-collection`: the text is about collections).
   */
  strength: number;
}

/**
 * A word followed by another usable word qualifies it (English compounds end in their head noun): it
 * counts half, so `user-collection`, `user-history` and `user-request` files name `user-collection`,
 * not `user`, while `market-data` and `market-hours` together still say `market`.
 */
export const MODIFIER_SHARE = 0.5;

/**
 * Terms of a name: each usable word, and each pair of usable words that stand next to each other
 * (`MarketDataService` -> market, data, market-data). A stop word between two words breaks the pair.
 */
export function termsOf(text: string, allowGeneric = false): Term[] {
  const words = nameWordsOf(text);
  const terms: Term[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as NameWord;
    if (!isNameWord(word, allowGeneric)) continue;
    const next = words[index + 1];
    const qualifies = next !== undefined && isNameWord(next, allowGeneric) && next.key !== word.key;
    terms.push({ key: word.key, form: word.form, strength: qualifies ? MODIFIER_SHARE : 1 });
    if (!qualifies) continue;
    // A pair followed by a third word qualifies it in turn (`auth-authorization` in `OAuthAuthorizationCode`).
    const third = words[index + 2];
    const pairQualifies = third !== undefined && isNameWord(third, allowGeneric) && third.key !== next.key;
    terms.push({ key: `${word.key}-${next.key}`, form: `${word.form}-${next.form}`, strength: pairQualifies ? MODIFIER_SHARE : 1 });
  }
  return terms;
}

/** A file's name without folders and its TypeScript/JavaScript extension (all inner dots kept). */
export function fileBaseName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.(d\.)?[cm]?[jt]sx?$/, '');
}

/** The folders of a path, innermost last. */
export function folderNames(path: string): string[] {
  return path.split('/').slice(0, -1);
}
