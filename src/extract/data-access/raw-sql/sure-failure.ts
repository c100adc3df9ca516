// A cheap test for text no grammar of node-sql-parser can parse, so the parser (tens of milliseconds
// per attempt on a long statement, most of it spent failing) is not run for nothing: two operands side
// by side with only blanks between, `= 0\n    0\n    group by` or `IS NULL $1 $2`, which is where a
// hole that held a clause was filled with a value. No SQL grammar puts a number or a `$n` parameter
// right after another (an alias, a unit or a keyword always comes between), in either dialect used
// here. The test is conservative: quoted text and comments are skipped, and text the simple scan
// could misread (a backslash escape, a `#` comment, `$$` quoting, nested comments) is never judged.
// Only a sure failure is reported; whatever it passes still goes to the parser, so results are the
// same as without it (test/extract/data-access/raw-sql-sure-failure.test.ts checks against the parser).

import { quotedEnd } from './normalize.js';

/** Characters that make a number or `$n` part of a longer token when right before it. */
const JOINS_BEFORE = /[A-Za-z0-9_$.@:]/;
const NUMBER = /^[0-9]+(?:\.[0-9]+)?(?![A-Za-z0-9_$.'"`])/;
const PARAMETER = /^\$[0-9]+(?![A-Za-z0-9_$.])/;
const WORD = /^[A-Za-z0-9_$]+/;
const BLANK = /\s/;

/** True when the text surely fails to parse: two operands (numbers or `$n`) with only blanks and comments between. */
export function surelyUnparsable(sql: string): boolean {
  if (sql.includes('\\') || sql.includes('#')) return false;
  let previousIsOperand = false;
  let index = 0;
  while (index < sql.length) {
    const char = sql[index]!;
    const next = sql[index + 1] ?? '';
    if (char === "'" || char === '"' || char === '`') {
      index = quotedEnd(sql, index);
      previousIsOperand = false;
    } else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      // A comment inside a comment: PostgreSQL nests them, this scan would not.
      if (end < 0 || sql.slice(index + 2, end).includes('/*')) return false;
      index = end + 2;
    } else if (BLANK.test(char)) {
      index++;
    } else {
      const rest = sql.slice(index, index + 64);
      const joined = index > 0 && JOINS_BEFORE.test(sql[index - 1]!);
      const operand = joined ? null : (char === '$' ? PARAMETER : NUMBER).exec(rest);
      if (operand) {
        if (previousIsOperand) return true;
        previousIsOperand = true;
        index += operand[0].length;
        continue;
      }
      // `$$` or `$tag$` quoting: not read here.
      if (char === '$' && !/[0-9]/.test(next)) return false;
      previousIsOperand = false;
      index += WORD.exec(rest)?.[0].length ?? 1;
    }
  }
  return false;
}
