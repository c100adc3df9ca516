// SQL text -> the tables it reads and writes, with node-sql-parser (PostgreSQL grammar first, then
// MySQL). FROM/JOIN tables are read; INSERT/REPLACE/UPDATE/DELETE/TRUNCATE targets are written;
// `UPDATE t ... FROM x` reads x; CTE names are not tables. node-sql-parser has no MERGE, so
// `MERGE INTO target USING source` is read by a strict token reader of that header (the USING
// subquery goes back to the parser). Text that still fails is tried again with every driver's
// placeholders (`$1`, `?`, `:name`) made plain and clause holes dropped (normalize.ts); then the
// keyword fallback (keyword-fallback.ts) reads plain names after FROM/JOIN/INTO/UPDATE, marked as such.
import { createRequire } from 'node:module';
import type { AccessMode } from '../../../shared/facts.js';
import { isSystemCatalog } from '../core/system-catalogs.js';
import { keywordTables } from './keyword-fallback.js';
import { mergeHeader } from './merge-header.js';
import { normalizePlaceholders, withFragmentsDropped } from './normalize.js';
import { surelyUnparsable } from './sure-failure.js';

export interface SqlTableAccess {
  table: string;
  mode: AccessMode;
  /** The statement keyword: 'SELECT', 'INSERT', 'UPDATE', ... */
  statement: string;
  /** Set when the table is the value of hole `hole` of the text (`FROM "${table}"`), not a name in it. */
  hole?: number;
  /** Found by the keyword fallback (no grammar parsed the text), not by the parser. */
  fallback?: true;
  /** A system catalog (`information_schema.tables`, `pg_roles`): no table; the site is counted as such. */
  catalog?: true;
}

interface SqlParser {
  parse(sql: string, options: { database: string }): { tableList: string[]; ast: unknown };
}

type Dialect = 'postgresql' | 'mysql';

const requireCjs = createRequire(import.meta.url);
const parsers = new Map<Dialect, SqlParser>();

// Each dialect build is ~300 KB of generated parser: load it the first time a file has SQL.
function parserFor(dialect: Dialect): SqlParser {
  let parser = parsers.get(dialect);
  if (!parser) {
    const module = requireCjs(`node-sql-parser/build/${dialect}.js`) as { Parser: new () => SqlParser };
    parser = new module.Parser();
    parsers.set(dialect, parser);
  }
  return parser;
}

const STATEMENT_START = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/|\()*(select|insert|update|delete|with|merge|replace|truncate)\b/i;

/** Does this text start like a data statement? Fragments (`count(*)`, `id = $1`) and DDL do not. */
export function looksLikeStatement(text: string): boolean {
  return STATEMENT_START.test(text);
}

/** A hole where a name goes: quoted (`"${t}"`), after FROM/JOIN/INTO/UPDATE/TABLE, or beside a `.` of a qualified name. */
const NAME_BEFORE = /(["`[]|\.|\b(?:from|join|into|update|table|truncate)\s+)$/i;
const NAME_AFTER = /^["`\].]/;
const HOLE_NAME = /^__carve_hole_(\d+)__$/;

/**
 * The text with `${...}` holes filled: a hole where a name goes gets an identifier the result can be
 * traced back by (so `FROM "${t}"` is never a table named `$1`), any other the dialect's parameter marker.
 */
export function withParameters(parts: readonly string[], dialect: Dialect): string {
  let text = parts[0] ?? '';
  for (let index = 1; index < parts.length; index++) {
    text += (nameHole(parts[index - 1]!, parts[index]!, index - 1) ?? (dialect === 'postgresql' ? `$${index}` : '?')) + parts[index];
  }
  return text;
}

/** The identifier that stands for hole `index` when a name goes there; null when a value does. */
function nameHole(before: string, after: string, index: number): string | null {
  return NAME_BEFORE.test(before) || NAME_AFTER.test(after) ? `__carve_hole_${index}__` : null;
}

/** Tables that are hole placeholders carry the hole's index instead. */
function tracedHoles(accesses: SqlTableAccess[]): SqlTableAccess[] {
  return accesses.map((access) => {
    const hole = HOLE_NAME.exec(access.table);
    return hole ? { ...access, hole: Number(hole[1]) } : access;
  });
}

const cache = new Map<string, SqlTableAccess[] | null>();
const CACHE_LIMIT = 10_000;

/** Tables read and written by the statement(s); null when neither grammar parses the text. */
export function analyzeSql(parts: readonly string[]): SqlTableAccess[] | null {
  const key = parts.join('\u0000');
  if (cache.has(key)) return cache.get(key)!;
  const parsed = analyzeUncached(parts);
  const result = parsed && tracedHoles(parsed);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

const BRACE_PLACEHOLDER = /\{\{\s*[A-Za-z_]|\{\s*[A-Za-z_][A-Za-z0-9_]*\s*:\s*[A-Za-z]/;

/** Longer text is generated SQL (a migration dump): the grammar would spend seconds; it stays unresolved. */
export const MAX_SQL_LENGTH = 20_000;

function analyzeUncached(parts: readonly string[]): SqlTableAccess[] | null {
  if (parts.reduce((length, part) => length + part.length, 0) > MAX_SQL_LENGTH) return null;
  // A wrapper's `{{name}}` or ClickHouse's `{name:Type}` placeholders: no grammar reads the text as it is.
  const parsed = parts.some((part) => BRACE_PLACEHOLDER.test(part)) ? null : (parseEither((dialect) => withParameters(parts, dialect)) ?? mergeStatement(parts));
  if (parsed) return parsed;
  // Second attempt: every driver's placeholders (`$1`, `?`, `:name`) made a plain literal, holes that
  // hold a clause (`FROM orders ${where}`) dropped.
  const normalized = normalizePlaceholders(withFragmentsDropped(parts, nameHole));
  const reparsed = parseEither(() => normalized);
  if (reparsed) return reparsed;
  return keywordTables(normalized)?.map((access) => ({ ...access, fallback: true })) ?? null;
}

function parseEither(textFor: (dialect: Dialect) => string): SqlTableAccess[] | null {
  for (const dialect of ['postgresql', 'mysql'] as const) {
    const text = textFor(dialect);
    // A sure syntax error (a dropped clause left two values side by side) is not worth a parse.
    if (surelyUnparsable(text)) continue;
    try {
      const parsed = parserFor(dialect).parse(text, { database: dialect });
      // The PostgreSQL grammar reads `FROM $1` as a table named '1': a hole where a table goes is a
      // table name built at run time, which no grammar should accept.
      if (parsed.tableList.some((entry) => /::\d+$/.test(entry))) continue;
      return tableAccesses(parsed.tableList, parsed.ast);
    } catch {
      // Not this grammar; try the next.
    }
  }
  return null;
}

function mergeStatement(parts: readonly string[]): SqlTableAccess[] | null {
  const merge = mergeHeader(withParameters(parts, 'postgresql'));
  if (!merge) return null;
  const accesses: SqlTableAccess[] = [{ table: merge.target, mode: 'write', statement: 'MERGE' }];
  if (merge.source.kind === 'table') accesses.push({ table: merge.source.name, mode: 'read', statement: 'MERGE' });
  else {
    const inner = analyzeSql([merge.source.query]);
    if (!inner || inner.some((access) => access.fallback)) return null;
    for (const access of inner) accesses.push({ ...access, statement: 'MERGE' });
  }
  return accesses;
}

interface TableItem {
  table?: unknown;
  as?: unknown;
  join?: unknown;
}

function asItems(value: unknown): TableItem[] {
  return Array.isArray(value) ? (value.filter((item) => item && typeof item === 'object') as TableItem[]) : [];
}

function cteNames(node: unknown, into: Set<string>, depth = 0): void {
  if (!node || typeof node !== 'object' || depth > 200) return;
  if (Array.isArray(node)) {
    for (const item of node) cteNames(item, into, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if (Array.isArray(record.with)) {
    for (const cte of record.with as Array<{ name?: unknown }>) {
      const name = cte?.name;
      if (typeof name === 'string') into.add(name);
      else if (name && typeof name === 'object' && typeof (name as { value?: unknown }).value === 'string') into.add((name as { value: string }).value);
    }
  }
  for (const value of Object.values(record)) if (value && typeof value === 'object') cteNames(value, into, depth + 1);
}

const WRITE_STATEMENTS = new Set(['insert', 'replace', 'update', 'delete', 'truncate']);

/** Written tables of one statement, and its keyword. */
function writeTargets(statement: Record<string, unknown>): Set<string> {
  const type = statement.type;
  const targets = new Set<string>();
  if (type === 'insert' || type === 'replace') {
    for (const item of asItems(statement.table)) if (typeof item.table === 'string') targets.add(item.table);
  } else if (type === 'update') {
    for (const item of asItems(statement.table)) if (typeof item.table === 'string' && !item.join) targets.add(item.table);
  } else if (type === 'delete') {
    // `DELETE o FROM orders o JOIN ...` names the target by its alias.
    const from = asItems(statement.from);
    const named = asItems(statement.table);
    for (const item of named.length > 0 ? named : from.slice(0, 1)) {
      if (typeof item.table !== 'string') continue;
      const aliased = from.find((source) => source.as === item.table && typeof source.table === 'string');
      targets.add(aliased ? (aliased.table as string) : item.table);
    }
  } else if (type === 'truncate') {
    for (const item of asItems(statement.name)) if (typeof item.table === 'string') targets.add(item.table);
  }
  return targets;
}

function tableAccesses(tableList: readonly string[], ast: unknown): SqlTableAccess[] {
  const statements = (Array.isArray(ast) ? ast : [ast]).filter((item): item is Record<string, unknown> => !!item && typeof item === 'object');
  const ctes = new Set<string>();
  cteNames(ast, ctes);
  const accesses = new Map<string, SqlTableAccess>();
  const add = (table: string, mode: AccessMode, statement: string, schema: string | null = null): void => {
    const key = `${table}\u0000${mode}`;
    if (!accesses.has(key)) accesses.set(key, isSystemCatalog(schema, table) ? { table, mode, statement, catalog: true } : { table, mode, statement });
  };
  const targets = new Set<string>();
  let mainStatement = 'SELECT';
  for (const statement of statements) {
    const type = typeof statement.type === 'string' ? statement.type : '';
    if (!WRITE_STATEMENTS.has(type) && type !== 'select') continue;
    mainStatement = type.toUpperCase();
    for (const table of writeTargets(statement)) {
      targets.add(table);
      add(table, 'write', type.toUpperCase());
    }
  }
  for (const entry of tableList) {
    const [op, schema, table] = entry.split('::');
    if (!op || !table || ctes.has(table)) continue;
    const qualifier = schema === undefined || schema === 'null' ? null : schema;
    if (op === 'select' || ((op === 'update' || op === 'delete') && !targets.has(table))) add(table, 'read', mainStatement, qualifier);
  }
  return [...accesses.values()];
}
