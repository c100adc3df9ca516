// In a migration or seed, a statement counts only as a schema site (its file and line; the linker
// keeps no table of it), so a statement that surely writes a table needs no parse there: node-sql-parser
// spends tens of milliseconds on each of a migration's long `INSERT INTO "new_t"(...) SELECT ... FROM "t"`.
// Sure means: one constant text that opens on `INSERT INTO t`, `UPDATE t SET` or `DELETE FROM t` with
// a plain or quoted, unqualified name that is no catalog, and no `WITH` or `name AS (` anywhere (no
// CTE can take the name), within the length parse-sql.ts analyses at all. Any grammar that parses such
// text gives `t` as the first statement's written table, and when none does the keyword fallback reads
// the same `t` as written, so the site is a schema site either way. Everything else is analysed as before.
import { isSystemCatalog } from '../core/system-catalogs.js';
import { isName } from './keyword-fallback.js';
import { tokenize, type Token } from './merge-header.js';
import { MAX_SQL_LENGTH } from './parse-sql.js';

const word = (token: Token | undefined): string | null => (token?.kind === 'word' ? token.text.toLowerCase() : null);

/** What may follow the table in each form (`INSERT INTO t (cols)`, `INSERT INTO t VALUES`, `DELETE FROM t WHERE`). */
const AFTER_INSERT_TABLE = new Set(['values', 'select', 'default']);
const AFTER_DELETE_TABLE = new Set(['where', 'returning']);

/** The table a migration's statement surely writes, with its keyword; null when it is not that sure. */
export function surelyWrittenTable(sql: string): { table: string; statement: string } | null {
  // Longer text is never analysed (parse-sql.ts): no site at all.
  if (sql.length > MAX_SQL_LENGTH) return null;
  const tokens = tokenize(sql);
  if (!tokens || tokens.length < 3) return null;
  for (let at = 0; at < tokens.length; at++) {
    if (word(tokens[at]) === 'with' || (word(tokens[at]) === 'as' && tokens[at + 1]?.text === '(')) return null;
  }
  const verb = word(tokens[0]);
  let name: Token | undefined;
  if (verb === 'insert' && word(tokens[1]) === 'into') {
    name = tokens[2];
    const next = tokens[3];
    if (!next || !((next.kind === 'punct' && next.text === '(') || AFTER_INSERT_TABLE.has(word(next) ?? ''))) return null;
  } else if (verb === 'update') {
    name = tokens[1];
    if (word(tokens[2]) !== 'set') return null;
  } else if (verb === 'delete' && word(tokens[1]) === 'from') {
    name = tokens[2];
    const next = tokens[3];
    if (next && !(next.kind === 'punct' && next.text === ';') && !AFTER_DELETE_TABLE.has(word(next) ?? '')) return null;
  } else {
    return null;
  }
  if (!name || !isName(name)) return null;
  // Only `"t"` and `` `t` `` quoting (a `[t]` is no name in these grammars), and no dot inside.
  if (name.kind === 'quoted' && (!/^["`]$/.test(sql[name.start]!) || /["`.]/.test(name.text))) return null;
  if (name.kind === 'word' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) return null;
  if (isSystemCatalog(null, name.text)) return null;
  return { table: name.text, statement: verb.toUpperCase() };
}
