// Context names from the domain only (issue 14): words of the context's own file names and tables,
// never a role, layout or framework word (name-terms.ts), never a numbered suffix, never a file's whole
// name. A term is one word or two adjacent ones (`market-data`). It scores like a weighted tf-idf: the
// share of the context that carries it (its file name, a folder on its path, or a table it owns) times
// the share of the term's uses that lie in this context, so a term frequent here and rare elsewhere
// wins. A context names itself by a term it owns (no context carries the term more); when that term
// covers too little of the context, the owned term that covers most of the rest joins it
// (`market-data_benchmark`). Every tie is broken by text order, so the same contexts always get the
// same names. Measurements and the reasons for each threshold: docs/decisions/contexts.md, "Names".
import { nameWords } from '../graph/lexical.js';
import { compareStrings } from '../shared/sort.js';
import { type Term, fileBaseName, folderNames, termsOf } from './name-terms.js';

export interface NamingInput {
  /** Caller's key for the context. */
  key: number;
  modules: string[];
  tables: string[];
  /** The context's most connected module: its path is the last resort when no word of the context will do. */
  hub?: string;
  /** Pinned contexts keep their configured name. */
  fixedName?: string;
}

/** A table counts like this many files carrying its words: owning data says more than a file name. */
const TABLE_WEIGHT = 3;
/** A term must be carried by two files (or a table): a word of one file is that file's name, not the context's. */
const MIN_SUPPORT = 2;
/**
 * Below this coverage of the context's worded files the best term leaves two thirds of the context
 * unnamed, and a reader would misjudge the context by its name: a second owned term joins it.
 */
const JOIN_BELOW = 1 / 3;
/** The joined term must add at least this share of the context: a term of a file or two is a detail, not a topic. */
const MIN_ADDED = 0.1;
/**
 * A two-word term carried by at least this share of its word's files names the context instead of the
 * word (`legal-documents` over `documents`, `market-data` over `market`): it is as true and says more.
 */
const PAIR_SHARE = 0.8;
/** Joins the two terms of a name: `-` joins the words of one term, and `+` is not allowed in a config name. */
export const TERM_JOINER = '_';

export interface Candidate {
  key: string;
  form: string;
  words: number;
  /** Whether a table of the context carries the term (a table name is the most deliberate spelling). */
  inTable: boolean;
  /** Weighted units (files, tables) of the context carrying the term. */
  count: number;
  /** count over the weighted units that carry any term. */
  coverage: number;
  /** count over the term's weighted units in all contexts. */
  concentration: number;
  /**
   * No context carries the term more: the term is this context's more than any other's. Only a
   * tie makes two contexts own one term, and the first to name itself takes it.
   */
  owned: boolean;
  score: number;
  /** Units carrying the term (index -> weight), to tell what a second term adds. */
  units: Map<number, number>;
}

interface Unit {
  weight: number;
  /** Terms that may name the context: the file's own name, or the table. */
  named: Term[];
  /** Terms that only count as support: the file's folders (a folder groups files on purpose). */
  support: Term[];
  isTable: boolean;
}

interface TermTally {
  count: number;
  forms: Map<string, number>;
  named: boolean;
  inTable: boolean;
  tableForm?: string;
  tableStrength: number;
  units: Map<number, number>;
}

/** How a context's files are read into terms: a stricter reading first, looser ones when it finds nothing. */
interface Reading {
  /** Generic words (framework, value types, verbs) may name the context. */
  allowGeneric: boolean;
  /** Folder words may name the context, not only support a word of a file name. */
  folderNames: boolean;
}

function unitsOf(input: NamingInput, reading: Reading, termsOfText: (text: string) => Term[]): Unit[] {
  const files = [...input.modules].sort(compareStrings).map((path): Unit => {
    const fromFolders = folderNames(path).flatMap(termsOfText);
    const fromName = termsOfText(fileBaseName(path));
    return reading.folderNames
      ? { weight: 1, named: [...fromName, ...fromFolders], support: [], isTable: false }
      : { weight: 1, named: fromName, support: fromFolders, isTable: false };
  });
  const tables = [...input.tables]
    .sort(compareStrings)
    .map((table): Unit => ({ weight: TABLE_WEIGHT, named: termsOfText(table), support: [], isTable: true }));
  return [...files, ...tables];
}

function tally(units: Unit[]): Map<string, TermTally> {
  const terms = new Map<string, TermTally>();
  units.forEach((unit, index) => {
    const add = (term: Term, named: boolean): void => {
      const entry = terms.get(term.key) ?? { count: 0, forms: new Map<string, number>(), named: false, inTable: false, tableStrength: 0, units: new Map<number, number>() };
      entry.forms.set(term.form, (entry.forms.get(term.form) ?? 0) + unit.weight);
      if (named) entry.named = true;
      if (unit.isTable) entry.inTable = true;
      // The spelling of a table named after the term (`orders`), before one that only qualifies (`order_lines`).
      if (unit.isTable && term.strength > entry.tableStrength) {
        entry.tableForm = term.form;
        entry.tableStrength = term.strength;
      }
      // A term counts once per file or table, however often it repeats on the path: at its strongest.
      const weight = unit.weight * term.strength;
      const before = entry.units.get(index) ?? 0;
      if (weight > before) {
        entry.count += weight - before;
        entry.units.set(index, weight);
      }
      terms.set(term.key, entry);
    };
    for (const term of unit.named) add(term, true);
    for (const term of unit.support) add(term, false);
  });
  return terms;
}

/** The table's spelling, else the most used one; on a tie the longer ('orders' over 'order'). */
function displayForm(term: TermTally): string {
  if (term.tableForm !== undefined) return term.tableForm;
  return [...term.forms].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || compareStrings(a[0], b[0]))[0]?.[0] ?? '';
}

export interface Described {
  /** Weighted files and tables that carry at least one term: index.ts or constants.ts say nothing of a domain. */
  size: number;
  /** Terms that may name the context, best first. */
  candidates: Candidate[];
}

/** Every context's candidates under one reading, scored across all contexts. */
export function describeContexts(inputs: NamingInput[], reading: Reading): Described[] {
  // Folders repeat on every path below them: each text is read once.
  const known = new Map<string, Term[]>();
  const termsOfText = (text: string): Term[] => {
    let terms = known.get(text);
    if (terms === undefined) {
      terms = termsOf(text, reading.allowGeneric);
      known.set(text, terms);
    }
    return terms;
  };
  const perContext = inputs.map((input) => {
    const units = unitsOf(input, reading, termsOfText);
    const size = units.reduce((sum, unit) => sum + (unit.named.length + unit.support.length > 0 ? unit.weight : 0), 0);
    return { size: Math.max(size, 1), terms: tally(units) };
  });
  const totals = new Map<string, number>();
  const most = new Map<string, number>();
  for (const { terms } of perContext) {
    for (const [key, term] of terms) {
      totals.set(key, (totals.get(key) ?? 0) + term.count);
      most.set(key, Math.max(most.get(key) ?? 0, term.count));
    }
  }
  return perContext.map(({ size, terms }) => ({
    size,
    candidates: [...terms]
      .filter(([, term]) => term.named)
      .map(([key, term]): Candidate => {
        const coverage = term.count / size;
        const concentration = term.count / (totals.get(key) ?? term.count);
        return {
          key, form: displayForm(term), words: key.split('-').length, inTable: term.inTable, count: term.count,
          coverage, concentration, owned: term.count >= (most.get(key) ?? 0), score: coverage * concentration, units: term.units,
        };
      })
      // Higher score first; on a tie a table's term, then the two-word term (more specific), then text order.
      .sort((a, b) => b.score - a.score || Number(b.inTable) - Number(a.inTable) || b.words - a.words || compareStrings(a.key, b.key)),
  }));
}

/** What a name is compared by: its singular words, so `orders` and `order` (or `a_b` and `a-b`) clash. */
function nameKey(name: string): string {
  return nameWords(name).join('-');
}

function sharesWord(a: Candidate, b: Candidate): boolean {
  const words = new Set(a.key.split('-'));
  return b.key.split('-').some((word) => words.has(word));
}

/**
 * Words that open with the same ROOT_LETTERS letters are taken for forms of one word (`shipping` and
 * `shipments`, `report` and `reporting`): a name covers the files of all its forms, and a second term
 * that is another form of the first would say nothing new.
 */
const ROOT_LETTERS = 4;

function sharesRoot(a: Candidate, b: Candidate): boolean {
  const roots = new Set(a.key.split('-').map((word) => word.slice(0, ROOT_LETTERS)));
  return b.key.split('-').some((word) => roots.has(word.slice(0, ROOT_LETTERS)));
}

/** Share of the context carrying the term or another form of it (sharesRoot). */
function familyCoverage(term: Candidate, described: Described): number {
  const units = new Map<number, number>();
  for (const candidate of described.candidates) {
    if (candidate.words !== 1 || !sharesRoot(term, candidate)) continue;
    for (const [unit, weight] of candidate.units) units.set(unit, Math.max(units.get(unit) ?? 0, weight));
  }
  let covered = 0;
  for (const weight of units.values()) covered += weight;
  return Math.max(covered / described.size, term.coverage);
}

/** The owned term that names most of what `first` leaves out, if it adds enough. */
function secondTerm(owned: Candidate[], first: Candidate, size: number): Candidate | undefined {
  let best: Candidate | undefined;
  let bestValue = 0;
  for (const candidate of owned) {
    if (sharesRoot(first, candidate)) continue;
    let added = 0;
    for (const [unit, weight] of candidate.units) if (!first.units.has(unit)) added += weight;
    const value = (added / size) * candidate.concentration;
    if (added / size >= MIN_ADDED && value > bestValue) {
      best = candidate;
      bestValue = value;
    }
  }
  return best;
}

const joined = (first: Candidate, second: Candidate): string => `${first.form}${TERM_JOINER}${second.form}`;

/** The two-word term that says the same as a word, more precisely (PAIR_SHARE), else the word. */
function mostSpecific(word: Candidate, owned: Candidate[], free: (name: string) => boolean): Candidate {
  if (word.words > 1) return word;
  const pair = owned.find(
    (candidate) => candidate.words === 2 && candidate.key.split('-').includes(word.key) && candidate.count >= PAIR_SHARE * word.count && free(candidate.form),
  );
  return pair ?? word;
}

/** The name of one context given the names already taken; undefined when no term will do. */
function chooseName(described: Described, taken: ReadonlySet<string>, minSupport = MIN_SUPPORT): string | undefined {
  const supported = described.candidates.filter((candidate) => candidate.count >= minSupport);
  const free = (name: string): boolean => !taken.has(nameKey(name));
  // A term no other context carries more sets this one apart: the best of those names it.
  const owned = supported.filter((candidate) => candidate.owned);
  const best = owned.find((candidate) => free(candidate.form));
  if (best !== undefined) {
    const primary = mostSpecific(best, owned, free);
    if (familyCoverage(best, described) < JOIN_BELOW) {
      const found = secondTerm(owned, best, described.size);
      const second = found === undefined ? undefined : mostSpecific(found, owned, () => true);
      if (second !== undefined && !sharesWord(primary, second) && free(joined(primary, second))) return joined(primary, second);
    }
    return primary.form;
  }
  // No term of its own: its best term, shared with other contexts, and what sets it apart from them.
  const top = supported[0];
  if (top === undefined) return undefined;
  if (free(top.form)) return top.form;
  for (const candidate of described.candidates) {
    if (!sharesWord(top, candidate) && free(joined(top, candidate))) return joined(top, candidate);
  }
  return supported.find((candidate) => free(candidate.form))?.form;
}

/** A path as a name: the last resort for a context without one usable word (opaque generated code). */
function pathName(path: string): string {
  const kebab = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const stem = kebab(fileBaseName(path));
  return stem === '' || stem === 'index' ? kebab(path.replace(/\.[^./]*$/, '')) || 'context' : stem;
}

const STRICT: Reading = { allowGeneric: false, folderNames: false };
const GENERIC: Reading = { allowGeneric: true, folderNames: false };
const FOLDERS: Reading = { allowGeneric: false, folderNames: true };

export function nameContexts(inputs: NamingInput[]): Map<number, string> {
  const strict = describeContexts(inputs, STRICT);
  // The looser readings are needed only by contexts the strict one cannot name: read them once, if at all.
  let generic: Described[] | undefined;
  let folders: Described[] | undefined;
  const names = new Map<number, string>();
  const taken = new Set<string>();
  for (const input of inputs) {
    if (input.fixedName === undefined) continue;
    names.set(input.key, input.fixedName);
    taken.add(nameKey(input.fixedName));
  }
  // The context with the strongest claim on its best term names first; then the bigger one.
  const order = inputs
    .map((input, position) => ({
      input,
      position,
      claim: strict[position]?.candidates.find((c) => c.count >= MIN_SUPPORT)?.score ?? 0,
      firstModule: [...input.modules].sort(compareStrings)[0] ?? '',
    }))
    .filter(({ input }) => input.fixedName === undefined)
    .sort((a, b) => b.claim - a.claim || b.input.modules.length - a.input.modules.length || compareStrings(a.firstModule, b.firstModule));
  for (const { input, position } of order) {
    const free = (name: string): boolean => !taken.has(nameKey(name));
    const name =
      chooseName(strict[position] as Described, taken) ??
      // No domain word in two files: a generic word (a platform context), a folder's word (a folder
      // groups files on purpose), a word of one file, and only then a file's path.
      chooseName((generic ??= describeContexts(inputs, GENERIC))[position] as Described, taken) ??
      chooseName((folders ??= describeContexts(inputs, FOLDERS))[position] as Described, taken) ??
      chooseName(strict[position] as Described, taken, 1) ??
      [input.hub, ...[...input.modules].sort(compareStrings)].filter((path) => path !== undefined).map(pathName).find(free) ??
      // Unreachable while module paths are unique: every path above would have to be taken.
      `context-${input.key}`;
    names.set(input.key, name);
    taken.add(nameKey(name));
  }
  return names;
}
