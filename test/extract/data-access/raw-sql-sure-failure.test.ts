// The parser is skipped only for text it surely rejects (raw-sql/sure-failure.ts): each text judged
// unparsable here is checked against node-sql-parser's own grammars, and text it must leave to the
// parser is not judged. Results of analyzeSql stay those of the keyword fallback.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../../src/extract/data-access/raw-sql/parse-sql.js';
import { surelyUnparsable } from '../../../src/extract/data-access/raw-sql/sure-failure.js';

const require = createRequire(import.meta.url);
type Parser = { parse(sql: string, options: { database: string }): unknown };
const parsers: Record<string, Parser> = {
  postgresql: new (require('node-sql-parser/build/postgresql.js') as { Parser: new () => Parser }).Parser(),
  mysql: new (require('node-sql-parser/build/mysql.js') as { Parser: new () => Parser }).Parser(),
};
const parses = (dialect: string, sql: string): boolean => {
  try {
    parsers[dialect]!.parse(sql, { database: dialect });
    return true;
  } catch {
    return false;
  }
};

/** Valid statements with numbers and parameters in every place they go. */
const VALID = [
  'select 1',
  'select a from t limit 10 offset 5',
  'select a from t where b between 1 and 2 and c in (1, 2, 3)',
  'select cast(a as decimal(10, 2)) from t order by 1 desc',
  'select a from t where b = $1 and c = $2 limit $3 offset $4',
  "select a from t where d > now() - interval '12 hour'",
  'select round(a, 2), 0.5, -1 from t group by 1, 2',
  'insert into t (a, b) values (1, 2)',
  'update t set a = 1 where b = 2',
  'select percentile_cont(0.5) within group (order by a) from t',
];

describe('sure SQL syntax errors', () => {
  it('two values side by side, as a dropped clause leaves them, are judged unparsable, and no grammar parses them', () => {
    const texts = [
      'select a from t where created_at between 0 and 0\n    0\n    group by a',
      'select a from t where b = 0\n 0\n 0\n order by a',
      'select a from t where b is null\n    $1\n    $2\n group by a',
      'select a from t /* note */ where b = 1 -- x\n 0',
    ];
    for (const text of texts) {
      expect(surelyUnparsable(text), text).toBe(true);
      for (const dialect of ['postgresql', 'mysql']) expect(parses(dialect, text), `${dialect}: ${text}`).toBe(false);
    }
  });

  it('every number or parameter of valid statements, given a neighbour, is judged so only when no grammar parses the result', () => {
    let judged = 0;
    for (const sql of VALID) {
      expect(surelyUnparsable(sql), sql).toBe(false);
      for (const match of sql.matchAll(/(?<![\w$.])(?:\d+(?:\.\d+)?|\$\d+)(?![\w$.'])/g)) {
        const end = match.index + match[0].length;
        for (const mutated of [`${sql.slice(0, end)} 0${sql.slice(end)}`, `${sql.slice(0, end)}\n  $7${sql.slice(end)}`]) {
          if (!surelyUnparsable(mutated)) continue;
          judged++;
          for (const dialect of ['postgresql', 'mysql']) expect(parses(dialect, mutated), `${dialect}: ${mutated}`).toBe(false);
        }
      }
    }
    expect(judged).toBeGreaterThan(20);
  });

  it('text the scan could misread is left to the parser: quotes, comments, escapes, dollar quoting, nested comments', () => {
    for (const text of [
      "select '0 0' from t",
      'select "0 0" from t',
      'select a from t -- 0 0',
      'select a from t /* 0 0 */',
      "select e'\\' 0 0' from t",
      'select $$ 0 0 $$',
      'select a from t /* x /* y */ 0 0 */',
      'select a from t # 0 0',
      'select a1 0 from t',
      'select 1e5 0 from t',
    ]) {
      expect(surelyUnparsable(text), text).toBe(false);
    }
  });

  it('analyzeSql still reads such text with the keyword fallback', () => {
    expect(analyzeSql(['select a from visits where at between ', ' and ', '\n    ', '\n    group by a'])).toEqual([
      { table: 'visits', mode: 'read', statement: 'SELECT', fallback: true },
    ]);
  });
});
