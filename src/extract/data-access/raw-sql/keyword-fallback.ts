// The last resort for a statement no grammar parses: the names right after FROM, JOIN, INTO, UPDATE,
// DELETE FROM, TRUNCATE [TABLE] and USING, outside a call's parentheses (`extract(epoch FROM x)`).
// Only a plain name counts (quoted or schema-qualified too); a subquery, a function call, a
// placeholder or anything else yields nothing. The verb decides the
// mode: the target of INSERT/REPLACE/MERGE INTO, UPDATE, DELETE FROM and TRUNCATE is written, every
// other name read. CTE names (`WITH x AS (`) are no tables. Callers count what this finds apart from
// parsed SQL, so coverage can say how much rests on it.
import type { AccessMode } from '../../../shared/facts.js';
import { isSystemCatalog } from '../core/system-catalogs.js';
import { tokenize, type Token } from './merge-header.js';

export interface KeywordTable {
  table: string;
  mode: AccessMode;
  statement: string;
  /** A system catalog (`information_schema.tables`, `pg_roles`), reported so the caller can count it. */
  catalog?: true;
}

const VERBS = new Set(['select', 'insert', 'update', 'delete', 'with', 'merge', 'replace', 'truncate']);
const NOT_NAMES = new Set([
  'select', 'from', 'where', 'join', 'left', 'right', 'inner', 'outer', 'cross', 'full', 'natural', 'lateral', 'on', 'using',
  'set', 'values', 'as', 'group', 'order', 'limit', 'offset', 'having', 'union', 'returning', 'default', 'into', 'table', 'with',
  'recursive', 'and', 'or', 'not', 'null', 'exists', 'in', 'unnest',
]);
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

function word(token: Token | undefined): string | null {
  return token?.kind === 'word' ? token.text.toLowerCase() : null;
}

export function isName(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === 'quoted') return token.text.length > 0;
  return token.kind === 'word' && PLAIN_NAME.test(token.text) && !NOT_NAMES.has(token.text.toLowerCase());
}

/** The statements of the text, split at `;`. */
function statements(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'punct' && token.text === ';') out.push([]);
    else out[out.length - 1]!.push(token);
  }
  return out.filter((list) => list.length > 0);
}

function cteNames(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  for (let at = 1; at + 2 < tokens.length; at++) {
    const before = tokens[at - 1]!;
    const isStart = word(before) === 'with' || word(before) === 'recursive' || (before.kind === 'punct' && before.text === ',');
    if (!isStart || !isName(tokens[at])) continue;
    // `name AS (` or `name (cols) AS (`.
    let next = at + 1;
    if (tokens[next]?.text === '(') {
      while (next < tokens.length && tokens[next]!.text !== ')') next++;
      next++;
    }
    if (word(tokens[next]) === 'as' && tokens[next + 1]?.text === '(') names.add(tokens[at]!.text);
  }
  return names;
}

const STATEMENT_VERBS = new Set(['select', 'insert', 'update', 'delete', 'merge', 'replace', 'truncate']);

/** The statement's own verb: the first one outside parentheses (after a WITH, the one that follows it). */
function mainVerb(list: Token[], verbIndex: number): string {
  let depth = 0;
  for (let at = verbIndex; at < list.length; at++) {
    const token = list[at]!;
    if (token.kind === 'punct' && token.text === '(') depth++;
    else if (token.kind === 'punct' && token.text === ')') depth--;
    else if (depth === 0 && STATEMENT_VERBS.has(word(token) ?? '')) return word(token)!;
  }
  return 'select';
}

export function keywordTables(sql: string): KeywordTable[] | null {
  const tokens = tokenize(sql);
  if (!tokens) return null;
  const found = new Map<string, KeywordTable>();
  for (const list of statements(tokens)) {
    const verbIndex = list.findIndex((token) => token.kind === 'word');
    const verb = word(list[verbIndex]);
    if (!verb || !VERBS.has(verb)) continue;
    const ctes = cteNames(list);
    const statement = mainVerb(list, verbIndex).toUpperCase();
    /** Reads a (qualified) name at `at`; its last part, and the index after it, or null. */
    const nameAt = (at: number): { name: string; schema: string | null; end: number } | null => {
      if (word(list[at]) === 'only') at++;
      if (!isName(list[at])) return null;
      let name = list[at]!.text;
      let schema: string | null = null;
      let end = at + 1;
      while (list[end]?.text === '.' && list[end]?.kind === 'punct' && isName(list[end + 1])) {
        schema = name;
        name = list[end + 1]!.text;
        end += 2;
      }
      return { name, schema, end };
    };
    const add = (name: string, schema: string | null, mode: AccessMode): void => {
      if (ctes.has(name)) return;
      const key = `${name}\u0000${mode}`;
      if (!found.has(key)) found.set(key, isSystemCatalog(schema, name) ? { table: name, mode, statement, catalog: true } : { table: name, mode, statement });
    };
    // Open parentheses: a subquery's (`(SELECT`, `(WITH`) or a call's (`extract(epoch FROM t.at)`,
    // `substring(s FROM 2)`), whose FROM names no table.
    const parens: boolean[] = [];
    for (let at = 0; at < list.length; at++) {
      const keyword = word(list[at]);
      const previous = word(list[at - 1]);
      if (list[at]!.kind === 'punct' && list[at]!.text === '(') {
        const next = word(list[at + 1]);
        parens.push(next === 'select' || next === 'with');
        continue;
      }
      if (list[at]!.kind === 'punct' && list[at]!.text === ')') {
        parens.pop();
        continue;
      }
      if (parens.length > 0 && parens[parens.length - 1] === false) continue;
      let mode: AccessMode | null = null;
      let allowsParen = false;
      if (keyword === 'from') mode = previous === 'delete' ? 'write' : 'read';
      else if (keyword === 'join' || keyword === 'using') mode = 'read';
      else if (keyword === 'into' && (previous === 'insert' || previous === 'replace' || previous === 'merge' || previous === 'ignore')) {
        mode = 'write';
        allowsParen = true;
      } else if (keyword === 'update' && previous === null) mode = 'write';
      else if (keyword === 'truncate') mode = 'write';
      else if (keyword === 'table' && previous === 'truncate') mode = 'write';
      if (!mode) continue;
      let name = nameAt(at + 1);
      if (keyword === 'truncate' && word(list[at + 1]) === 'table') continue;
      while (name) {
        // `FROM f(x)` is a function; `INTO t (cols)` is the table and its columns.
        if (list[name.end]?.text === '(' && !allowsParen) break;
        add(name.name, name.schema, mode);
        // `FROM a x, b y`: the next name after a comma.
        let end = name.end;
        if (word(list[end]) === 'as') end++;
        if (isName(list[end]) && list[end]!.kind === 'word') end++;
        if (list[end]?.text !== ',' || keyword === 'into' || keyword === 'update') break;
        name = nameAt(end + 1);
      }
    }
  }
  return found.size > 0 ? [...found.values()] : null;
}
