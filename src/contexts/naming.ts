// Context names from what the files are about: the tables a context owns and the words in its paths,
// scored like tf-idf so that words every context shares (controllers, services, src) lose to the
// words that set a context apart (orders, billing). Names are unique; the biggest context picks first;
// every tie is broken by text order, so the same contexts always get the same names.
import { compareStrings } from '../shared/sort.js';

export interface NamingInput {
  /** Caller's key for the context. */
  key: number;
  modules: string[];
  tables: string[];
  /** The context's most connected module: its file name is the fallback when no word stands out. */
  hub?: string;
  /** Pinned contexts keep their configured name. */
  fixedName?: string;
}

/** Words that describe a technical role or layout, never a business area. */
const STOP_WORDS = new Set([
  'src', 'lib', 'libs', 'app', 'apps', 'packages', 'package', 'index', 'main', 'ts', 'tsx', 'mts', 'cts', 'js',
  'common', 'shared', 'core', 'utils', 'util', 'helpers', 'helper', 'types', 'type', 'interfaces', 'interface',
  'controller', 'controllers', 'service', 'services', 'repository', 'repositories', 'repo', 'repos',
  'entity', 'entities', 'model', 'models', 'dto', 'dtos', 'mapper', 'mappers', 'handler', 'handlers',
  'module', 'modules', 'impl', 'base', 'test', 'tests', 'spec', 'specs', 'mock', 'mocks', 'api', 'domain',
  'infrastructure', 'application', 'internal', 'public', 'private', 'config', 'constants', 'the', 'and',
]);

/** Lowercase words of a path or table name: split on separators and camelCase, no digits-only words. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && /[a-z]/.test(word) && !/\d/.test(word) && !STOP_WORDS.has(word));
}

/** A table counts like this many files carrying its words: owning data says more than a path. */
const TABLE_WEIGHT = 3;
/**
 * A name must be carried by at least this share of the context (files plus weighted tables): a word
 * in a few files (a layer abbreviation that happens to be rarer here) does not name a context.
 */
const MIN_NAME_SHARE = 0.25;

/**
 * A word found in more than this share of the contexts (and in more than two) describes the layout (a layer prefix such as
 * 'svc' or 'ctl'), not a business area, even where one context happens to lack it.
 */
const MAX_CONTEXT_SHARE = 0.5;

/** 'orders', 'order' -> 'order'; 'categories' -> 'category'. Only used to count forms together. */
function stemOf(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Words of a file's own name count less than its folders': a folder groups files on purpose. */
const FILE_NAME_WEIGHT = 0.75;

interface Term {
  count: number;
  /** Surface forms seen, with how often: the most frequent one is shown. */
  forms: Map<string, number>;
  /** The form a table uses, if any: a table name is the most deliberate spelling. */
  tableForm?: string;
}

function termCounts(input: NamingInput): Map<string, Term> {
  const terms = new Map<string, Term>();
  const addWords = (parts: [string, number][], isTable: boolean): void => {
    const seen = new Set<string>();
    for (const [text, weight] of parts) {
      for (const word of wordsOf(text)) {
        const stem = stemOf(word);
        const term = terms.get(stem) ?? { count: 0, forms: new Map<string, number>() };
        term.forms.set(word, (term.forms.get(word) ?? 0) + weight);
        if (isTable && term.tableForm === undefined) term.tableForm = word;
        // Each stem counts once per file, at the weight of where it was seen first (folders first).
        if (!seen.has(stem)) term.count += weight;
        seen.add(stem);
        terms.set(stem, term);
      }
    }
  };
  for (const module of input.modules) {
    const slash = module.lastIndexOf('/');
    addWords([[module.slice(0, slash + 1), 1], [module.slice(slash + 1), FILE_NAME_WEIGHT]], false);
  }
  for (const table of [...input.tables].sort(compareStrings)) addWords([[table, TABLE_WEIGHT]], true);
  return terms;
}

/** The table's form, else the most frequent; on a tie the longer ('orders' over 'order'). */
function displayForm(term: Term): string {
  if (term.tableForm !== undefined) return term.tableForm;
  return [...term.forms].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || compareStrings(a[0], b[0]))[0]?.[0] ?? '';
}

/** The file name without folders and extension: a last resort that still points at real code. */
function fileStem(path: string): string {
  const base = path.split('/').pop() ?? path;
  const stem = base.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return stem === '' || stem === 'index' ? 'context' : stem;
}

export function nameContexts(inputs: NamingInput[]): Map<number, string> {
  const counts = inputs.map(termCounts);
  const contextsWithWord = new Map<string, number>();
  for (const perContext of counts) {
    for (const word of perContext.keys()) contextsWithWord.set(word, (contextsWithWord.get(word) ?? 0) + 1);
  }
  const names = new Map<number, string>();
  const used = new Set<string>();
  const nextSuffix = new Map<string, number>();
  for (const input of inputs) {
    if (input.fixedName !== undefined) {
      names.set(input.key, input.fixedName);
      used.add(input.fixedName);
    }
  }
  const order = inputs
    .map((input, position) => ({ input, position }))
    .filter(({ input }) => input.fixedName === undefined)
    .sort(
      (a, b) =>
        b.input.modules.length - a.input.modules.length ||
        compareStrings(a.input.modules[0] ?? '', b.input.modules[0] ?? ''),
    );
  for (const { input, position } of order) {
    const size = Math.max(input.modules.length + TABLE_WEIGHT * input.tables.length, 1);
    const scored = [...(counts[position] ?? new Map<string, Term>())]
      .filter(([stem]) => (contextsWithWord.get(stem) ?? 0) <= Math.max(2, MAX_CONTEXT_SHARE * inputs.length))
      .map(([stem, term]) => ({
        word: displayForm(term),
        share: term.count / size,
        // Share of the context carrying the word, times how rare the word is among contexts: a word
        // every context has scores 0 (with a single context, any word will do).
        score: (term.count / size) * (inputs.length === 1 ? 1 : Math.log(inputs.length / (contextsWithWord.get(stem) ?? 1))),
      }))
      .filter((candidate) => candidate.score > 0 && candidate.share >= MIN_NAME_SHARE && !used.has(candidate.word))
      .sort((a, b) => b.score - a.score || compareStrings(a.word, b.word));
    let name = scored[0]?.word ?? fileStem(input.hub ?? [...input.modules].sort(compareStrings)[0] ?? 'context');
    if (used.has(name)) {
      // Names are only ever added, so the first free suffix never goes down: resume where the last
      // search for this name stopped (thousands of one-folder contexts can share a name).
      let suffix = nextSuffix.get(name) ?? 2;
      while (used.has(`${name}-${suffix}`)) suffix++;
      nextSuffix.set(name, suffix + 1);
      name = `${name}-${suffix}`;
    }
    names.set(input.key, name);
    used.add(name);
  }
  return names;
}
