// SQL as applications write it, made readable for node-sql-parser: placeholders of every driver
// (`$1`, `?`, `:name`, ClickHouse's `{name:Type}`, a wrapper's own `{{name}}`/`{{name::type}}`) become a plain literal, and a `${...}` hole that holds a clause rather than a
// value (`FROM orders ${where}`) is dropped. Quoted text and comments are left untouched.

/** Words after which a hole is a value (`WHERE ${cond}`, `LIMIT ${n}`), not a clause. */
const VALUE_KEYWORDS = new Set([
  'select', 'where', 'and', 'or', 'not', 'set', 'values', 'limit', 'offset', 'in', 'like', 'ilike', 'is', 'then', 'else',
  'when', 'between', 'by', 'on', 'having', 'returning', 'any', 'all', 'some', 'exists', 'case', 'distinct', 'as', 'interval',
]);

/**
 * The text with holes filled for a second attempt: `nameHole(i)` where a name goes, nothing where a
 * clause goes (after a name or `)` that is not a keyword taking a value), a literal elsewhere.
 */
export function withFragmentsDropped(parts: readonly string[], nameHole: (before: string, after: string, index: number) => string | null): string {
  let text = parts[0] ?? '';
  for (let index = 1; index < parts.length; index++) {
    const before = parts[index - 1]!;
    const after = parts[index]!;
    const name = nameHole(before, after, index - 1);
    if (name !== null) text += name;
    else if (isClausePosition(text)) text += ' ';
    else text += '0';
    text += after;
  }
  return text;
}

function isClausePosition(textBefore: string): boolean {
  const trimmed = textBefore.trimEnd();
  if (trimmed.endsWith(')')) return true;
  const word = /([A-Za-z_][A-Za-z0-9_]*)$/.exec(trimmed);
  return word !== null && !VALUE_KEYWORDS.has(word[1]!.toLowerCase());
}

/** `{{name}}`, `{{ name::uuid }}` (template placeholders a project's wrapper fills in), ClickHouse's `{name:UUID}`, `{ids:Array(String)}`. */
const BRACE_PLACEHOLDER = /^(?:\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*(?:::\s*[A-Za-z_][A-Za-z0-9_]*\s*)?\}\}|\{\s*[A-Za-z_][A-Za-z0-9_]*\s*:\s*[A-Za-z][A-Za-z0-9_(), ]*\})/;

/**
 * Where the quoted text opening at `start` (', " or `) ends: the index just past its closing quote,
 * a doubled quote being part of the text; the text's length when it is never closed.
 */
export function quotedEnd(sql: string, start: number): number {
  const quote = sql[start];
  let end = start + 1;
  while (end < sql.length && !(sql[end] === quote && sql[end + 1] !== quote)) end += sql[end] === quote ? 2 : 1;
  return end + 1;
}

/** `$1`, `?`, `:name`, `{{name}}`, `{name:Type}` outside quotes and comments -> `0`; `::type` casts and `?|`/`?&` operators are kept. */
export function normalizePlaceholders(sql: string): string {
  let out = '';
  let index = 0;
  let brace: RegExpExecArray | null;
  while (index < sql.length) {
    const char = sql[index]!;
    const next = sql[index + 1] ?? '';
    if (char === "'" || char === '"' || char === '`') {
      const end = quotedEnd(sql, index);
      out += sql.slice(index, end);
      index = end;
    } else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      out += sql.slice(index, end < 0 ? sql.length : end);
      index = end < 0 ? sql.length : end;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      out += sql.slice(index, end < 0 ? sql.length : end + 2);
      index = end < 0 ? sql.length : end + 2;
    } else if (char === '$' && /[0-9]/.test(next) && !/[A-Za-z0-9_]/.test(out[out.length - 1] ?? '')) {
      let end = index + 1;
      while (/[0-9]/.test(sql[end] ?? '')) end++;
      out += '0';
      index = end;
    } else if (char === '{' && (brace = BRACE_PLACEHOLDER.exec(sql.slice(index, index + 120))) !== null) {
      out += '0';
      index += brace[0].length;
    } else if (char === '?' && next !== '|' && next !== '&') {
      out += '0';
      index++;
    } else if (char === ':' && /[A-Za-z_]/.test(next) && out[out.length - 1] !== ':') {
      let end = index + 1;
      while (/[A-Za-z0-9_]/.test(sql[end] ?? '')) end++;
      out += '0';
      index = end;
    } else if (char === ':' && next === ':') {
      out += '::';
      index += 2;
    } else {
      out += char;
      index++;
    }
  }
  return out;
}
