// `MERGE INTO target [AS] t USING source [AS] s ON ...`: node-sql-parser has no MERGE in any dialect,
// so this reads exactly that header with a tokenizer. Qualified names keep their last part; a
// parenthesised source is handed back as a query; a SELECT anywhere after ON (a subquery in a WHEN
// clause) or any other shape gives null, so the statement stays unresolved rather than half-read.

export interface MergeHeader {
  target: string;
  source: { kind: 'table'; name: string } | { kind: 'query'; query: string };
}

export interface Token {
  kind: 'word' | 'quoted' | 'punct';
  text: string;
  start: number;
  end: number;
}

export function tokenize(sql: string): Token[] | null {
  const tokens: Token[] = [];
  let index = 0;
  while (index < sql.length) {
    const char = sql[index]!;
    if (/\s/.test(char)) {
      index++;
    } else if (sql.startsWith('--', index)) {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', index)) {
      const end = sql.indexOf('*/', index + 2);
      if (end < 0) return null;
      index = end + 2;
    } else if (char === '"' || char === '`' || char === '[' || char === "'") {
      const close = char === '[' ? ']' : char;
      const end = sql.indexOf(close, index + 1);
      if (end < 0) return null;
      tokens.push({ kind: char === "'" ? 'punct' : 'quoted', text: sql.slice(index + 1, end), start: index, end: end + 1 });
      index = end + 1;
    } else if (/[A-Za-z_$0-9]/.test(char)) {
      let end = index + 1;
      while (end < sql.length && /[A-Za-z_$0-9]/.test(sql[end]!)) end++;
      tokens.push({ kind: 'word', text: sql.slice(index, end), start: index, end });
      index = end;
    } else {
      tokens.push({ kind: 'punct', text: char, start: index, end: index + 1 });
      index++;
    }
  }
  return tokens;
}

const KEYWORDS = new Set(['using', 'on', 'as', 'when', 'into', 'merge', 'select']);

function isKeyword(token: Token | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text.toLowerCase() === word;
}

function isName(token: Token | undefined): boolean {
  return !!token && (token.kind === 'quoted' || (token.kind === 'word' && !KEYWORDS.has(token.text.toLowerCase())));
}

export function mergeHeader(sql: string): MergeHeader | null {
  const tokens = tokenize(sql);
  if (!tokens || !isKeyword(tokens[0], 'merge') || !isKeyword(tokens[1], 'into')) return null;
  let at = 2;
  // A qualified name `a.b.c`: its last part.
  const name = (): string | null => {
    if (!isName(tokens[at])) return null;
    let last = tokens[at]!.text;
    at++;
    while (tokens[at]?.text === '.' && isName(tokens[at + 1])) {
      last = tokens[at + 1]!.text;
      at += 2;
    }
    return last;
  };
  const alias = (): void => {
    if (isKeyword(tokens[at], 'as')) at++;
    if (isName(tokens[at])) at++;
  };
  const target = name();
  if (!target) return null;
  alias();
  if (!isKeyword(tokens[at], 'using')) return null;
  at++;
  let source: MergeHeader['source'];
  if (tokens[at]?.text === '(' && tokens[at]?.kind === 'punct') {
    const open = tokens[at]!;
    let depth = 0;
    let close = -1;
    for (let index = at; index < tokens.length; index++) {
      const token = tokens[index]!;
      if (token.kind !== 'punct') continue;
      if (token.text === '(') depth++;
      else if (token.text === ')' && --depth === 0) {
        close = index;
        break;
      }
    }
    if (close < 0) return null;
    source = { kind: 'query', query: sql.slice(open.end, tokens[close]!.start) };
    at = close + 1;
  } else {
    const table = name();
    if (!table) return null;
    source = { kind: 'table', name: table };
  }
  alias();
  if (!isKeyword(tokens[at], 'on')) return null;
  if (tokens.slice(at).some((token) => isKeyword(token, 'select'))) return null;
  return { target, source };
}
