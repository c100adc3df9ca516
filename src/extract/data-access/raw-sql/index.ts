// Raw SQL: string and template literals passed to `query`/`execute`/`raw`/`$queryRaw`/`$executeRaw`
// (and the `Unsafe` forms, `unsafe`, `prepare`), and `sql`/`$queryRaw` tagged templates. `${...}`
// holes become parameters (a hole holding a string constant is inlined; one imported from another file
// is read by the linker; one where a table goes is never a table named after its placeholder); strings
// joined with `+` count too. Only text that starts like a data statement is SQL; fragments are left alone. Text
// that does not parse, and a query passed in a variable of a database call, count as unresolved.
import ts from '../../../shared/typescript.cjs';
import type { EntityRef } from '../../../shared/facts.js';
import type { OrmAdapter } from '../core/adapter.js';
import { constantString, importedConstant } from '../core/constants.js';
import type { FileIndex } from '../core/file-index.js';
import { UNRESOLVED, type FactSink } from '../core/sink.js';
import { dottedName, lastName, methodCall, objectProperty, unwrap } from '../core/syntax.js';
import { builderCteTest } from '../knex/cte-names.js';
import { SYSTEM_CATALOG_REASON } from '../core/system-catalogs.js';
import { analyzeSql, looksLikeStatement } from './parse-sql.js';
import { holeCteNames } from './hole-ctes.js';
import { surelyWrittenTable } from './schema-statements.js';
import { schemaRoleOf } from '../core/schema-role.js';
import { exportedSqlSinks, findSqlSinks, wrapperCalls } from './wrappers.js';
import type { SqlSinkRef } from '../../../shared/facts.js';

const SQL_METHODS = new Set(['query', 'execute', 'raw', '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe', 'prepare']);
const SQL_FUNCTIONS = new Set(['query', 'execute', 'sql']);
const SQL_TAG_NAMES = new Set(['sql', 'SQL', '$queryRaw', '$executeRaw']);
/** Receivers that are surely a database handle, so a query in a variable is a query we cannot see. */
const DATABASE_RECEIVER = /(db|knex|pool|client|conn|connection|dataSource|manager|sequelize|prisma|queryRunner|trx|tx|sql|database|pg|mysql|repo|repository)$/i;

/**
 * Text with holes: parts[i], then hole i, then parts[i + 1]. A hole is a value known at run time
 * (null), or a constant imported from another project file (the linker reads its value).
 */
interface SqlText {
  parts: string[];
  holes: (ConstantRef | null)[];
  /** CTE names a hole's values define (`WITH a AS (...), ${more} SELECT ...`): no tables. */
  ctes?: string[];
}

type ConstantRef = Extract<EntityRef, { by: 'constant' }>;

function concat(left: SqlText, right: SqlText): SqlText {
  const parts = [...left.parts.slice(0, -1), left.parts[left.parts.length - 1]! + right.parts[0]!, ...right.parts.slice(1)];
  const ctes = [...(left.ctes ?? []), ...(right.ctes ?? [])];
  return ctes.length > 0 ? { parts, holes: [...left.holes, ...right.holes], ctes } : { parts, holes: [...left.holes, ...right.holes] };
}

const text = (value: string): SqlText => ({ parts: [value], holes: [] });
const hole = (ref: ConstantRef | null): SqlText => ({ parts: ['', ''], holes: [ref] });

/** What stands in a `${...}` or a `+` operand that is not SQL text: a constant's value, an imported constant, or a run-time value. */
function holeOf(file: FileIndex, expr: ts.Expression): SqlText {
  const value = constantString(file, expr);
  return value !== null ? text(value) : hole(importedConstant(file, expr));
}

/** The SQL text an expression holds, or null when it is not a string built from literals here. */
function sqlText(file: FileIndex, expr: ts.Expression, depth = 0): SqlText | null {
  // Long `+` chains recurse once per operand; past this they are not hand-written SQL.
  if (depth > 200) return null;
  const node = unwrap(expr);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return text(node.text);
  if (ts.isTemplateExpression(node)) return templateText(file, node, depth);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = sqlText(file, node.left, depth + 1);
    const right = sqlText(file, node.right, depth + 1);
    if (!left && !right) return null;
    return concat(left ?? holeOf(file, node.left), right ?? holeOf(file, node.right));
  }
  if (ts.isIdentifier(node) && depth < 4) {
    const site = file.bindings.lookup(node);
    if (site && site.kind === 'variable' && site.values.length === 1) return sqlText(file, site.values[0]!, depth + 1);
  }
  return null;
}

function templateText(file: FileIndex, template: ts.TemplateExpression, depth: number): SqlText {
  let result = text(template.head.text);
  for (const span of template.templateSpans) {
    // A hole holding a constant (`${TABLE}`, `${T.USERS}`) is part of the text, not a parameter.
    const inlined = depth < 4 ? sqlText(file, span.expression, depth + 1) : null;
    const filled = inlined && inlined.parts.length === 1 ? inlined : holeOf(file, span.expression);
    if (filled.parts.length > 1) {
      const ctes = holeCteNames(file, span.expression);
      if (ctes.length > 0) filled.ctes = ctes;
    }
    result = concat(result, filled);
    result = concat(result, text(span.literal.text));
  }
  return result;
}

/**
 * `via`: SQL passed to an imported function, which the linker keeps only if that function is a raw-SQL one.
 * `inSchemaFile`: the file is a migration or seed, whose statements count only as schema sites (file and
 * line): a statement that surely writes a table needs no parse there (schema-statements.ts).
 */
function emitSql(sink: FactSink, sql: SqlText, node: ts.Node, isCte: (table: string) => boolean, via?: SqlSinkRef, inSchemaFile: () => boolean = () => false): void {
  if (!looksLikeStatement(sql.parts.join(' '))) return;
  const written = sql.parts.length === 1 && inSchemaFile() ? surelyWrittenTable(sql.parts[0]!) : null;
  if (written && !isCte(written.table)) {
    sink.access({ by: 'table', table: written.table }, 'write', 'sql', written.statement, node, via ? { via } : undefined);
    return;
  }
  const accesses = analyzeSql(sql.parts);
  if (!accesses) {
    // Through an imported function: a database call only if the linker says so, so nobody's unresolved.
    if (!via) sink.unresolvedAt(node, UNRESOLVED.sqlUnparsed);
    return;
  }
  for (const access of accesses) {
    const how = via ? { fallback: access.fallback === true, via } : { fallback: access.fallback === true };
    if (access.catalog) {
      sink.unresolvedAt(node, SYSTEM_CATALOG_REASON);
      continue;
    }
    if (access.hole === undefined) {
      // A CTE a query builder of this file names (`.withRecursive('ancestors', ...)`), used in a fragment.
      if (isCte(access.table) || sql.ctes?.includes(access.table)) continue;
      sink.access({ by: 'table', table: access.table }, access.mode, 'sql', access.statement, node, how);
      continue;
    }
    // A table taken from a hole: an imported constant the linker reads, or a run-time value.
    const ref = sql.holes[access.hole];
    if (ref) sink.access(ref, access.mode, 'sql', access.statement, node, how);
    else if (!via) sink.unresolvedAt(node);
  }
}

function isSqlTag(tag: ts.Expression): boolean {
  let node = unwrap(tag);
  // `sql.type(schema)\`...\``: the call's callee.
  if (ts.isCallExpression(node)) node = unwrap(node.expression);
  const name = lastName(node);
  if (name && SQL_TAG_NAMES.has(name)) return true;
  const root = dottedName(node)?.split('.')[0];
  return root === 'sql' || root === 'SQL';
}

/**
 * The SQL argument of a raw-SQL call of a library: the first argument of `query/execute/raw/$queryRaw...`
 * or of `query()`/`sql()`; in an object, its `text` (pg), `sql` (mysql2) or `query` (ClickHouse).
 */
function sqlArgument(call: ts.CallExpression): { arg: ts.Expression; inObject: string | null } | undefined {
  const method = methodCall(call);
  const callee = unwrap(call.expression);
  const isMethod = method !== null && SQL_METHODS.has(method.name);
  if (!isMethod && !(ts.isIdentifier(callee) && SQL_FUNCTIONS.has(callee.text))) return undefined;
  const arg = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!arg || ts.isTaggedTemplateExpression(arg)) return undefined;
  if (!ts.isObjectLiteralExpression(arg)) return { arg, inObject: null };
  for (const key of ['text', 'sql', 'query']) {
    const value = objectProperty(arg, key);
    if (value) return { arg: unwrap(value), inObject: key };
  }
  return undefined;
}

function collect(file: FileIndex, sink: FactSink): void {
  const isCte = builderCteTest(file);
  // Asked only once a statement is met.
  let schemaFile: boolean | undefined;
  const inSchemaFile = (): boolean => (schemaFile ??= schemaRoleOf(file.input.path, file.input.text) !== null);
  const sinks = findSqlSinks(file, (call) => sqlArgument(call)?.arg);
  const libraryCalls = new Set<ts.CallExpression>();
  for (const call of file.calls) {
    const found = sqlArgument(call);
    if (!found) continue;
    libraryCalls.add(call);
    const { arg, inObject } = found;
    const sql = sqlText(file, arg);
    if (sql) {
      emitSql(sink, sql, arg, isCte, undefined, inSchemaFile);
      continue;
    }
    // `client.query({ query: GET_USERS })` is as often GraphQL as SQL: only SQL text there counts.
    if (inObject === 'query') continue;
    const method = methodCall(call);
    const receiver = method ? dottedName(method.receiver) : null;
    const isDatabaseCall = method?.name.startsWith('$') || (receiver !== null && DATABASE_RECEIVER.test(receiver));
    if (isDatabaseCall && (ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg) || ts.isCallExpression(arg) || ts.isBinaryExpression(arg))) {
      sink.unresolvedAt(arg, UNRESOLVED.sqlAtRunTime);
    }
  }
  // The project's own raw-SQL functions: calls of local ones, and of imported ones the linker confirms.
  const statementText = (arg: ts.Expression): SqlText | null => {
    const sql = sqlText(file, arg);
    return sql && looksLikeStatement(sql.parts.join(' ')) ? sql : null;
  };
  for (const { call, arg, via } of wrapperCalls(file, sinks, (arg) => statementText(arg) !== null)) {
    if (libraryCalls.has(call)) continue;
    emitSql(sink, statementText(arg)!, arg, isCte, via ?? undefined, inSchemaFile);
  }
  const exported = exportedSqlSinks(file, sinks);
  if (exported) sink.sqlSinks(exported);
  for (const tagged of file.taggedTemplates) {
    if (!isSqlTag(tagged.tag)) continue;
    const template = tagged.template;
    const sql = ts.isNoSubstitutionTemplateLiteral(template) ? text(template.text) : templateText(file, template, 0);
    emitSql(sink, sql, template, isCte, undefined, inSchemaFile);
  }
}

export const rawSqlAdapter: OrmAdapter = {
  orm: 'sql',
  packages: [],
  // The last one: SQL text passed to a function of the project (`rawQuery(\`select ... from\`)`).
  markers:
    /\.(query|execute|raw|unsafe|prepare|\$queryRawUnsafe|\$executeRawUnsafe)\s*[<(]|\$(query|execute)Raw|\b(sql|SQL)\s*`|\b(query|execute|sql)\s*\(|[`'"]\s*(?:select|insert|update|delete|with)\s/i,
  collect,
};
