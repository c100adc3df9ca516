// Raw SQL: string and template literals passed to `query`/`execute`/`raw`/`$queryRaw`/`$executeRaw`
// (and the `Unsafe` forms, `unsafe`, `prepare`), and `sql`/`$queryRaw` tagged templates. `${...}`
// holes become parameters (a hole holding a local string constant is inlined); strings joined with
// `+` count too. Only text that starts like a data statement is SQL; fragments are left alone. Text
// that does not parse, and a query passed in a variable of a database call, count as unresolved.
import ts from '../../../shared/typescript.cjs';
import type { OrmAdapter } from '../core/adapter.js';
import type { FileIndex } from '../core/file-index.js';
import type { FactSink } from '../core/sink.js';
import { dottedName, lastName, methodCall, objectProperty, unwrap } from '../core/syntax.js';
import { analyzeSql, looksLikeStatement } from './parse-sql.js';

const SQL_METHODS = new Set(['query', 'execute', 'raw', '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe', 'prepare']);
const SQL_FUNCTIONS = new Set(['query', 'execute', 'sql']);
const SQL_TAG_NAMES = new Set(['sql', 'SQL', '$queryRaw', '$executeRaw']);
/** Receivers that are surely a database handle, so a query in a variable is a query we cannot see. */
const DATABASE_RECEIVER = /(db|knex|pool|client|conn|connection|dataSource|manager|sequelize|prisma|queryRunner|trx|tx|sql|database|pg|mysql|repo|repository)$/i;

/** Text with holes: parts[i] then a parameter then parts[i + 1]. */
type SqlParts = string[];

function concat(left: SqlParts, right: SqlParts): SqlParts {
  return [...left.slice(0, -1), left[left.length - 1]! + right[0]!, ...right.slice(1)];
}

const HOLE: SqlParts = ['', ''];

/** The SQL text an expression holds, or null when it is not a string built from literals here. */
function sqlParts(file: FileIndex, expr: ts.Expression, depth = 0): SqlParts | null {
  // Long `+` chains recurse once per operand; past this they are not hand-written SQL.
  if (depth > 200) return null;
  const node = unwrap(expr);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return templateParts(file, node, depth);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = sqlParts(file, node.left, depth + 1);
    const right = sqlParts(file, node.right, depth + 1);
    if (!left && !right) return null;
    return concat(left ?? HOLE, right ?? HOLE);
  }
  if (ts.isIdentifier(node) && depth < 4) {
    const site = file.bindings.lookup(node);
    if (site && site.kind === 'variable' && site.values.length === 1) return sqlParts(file, site.values[0]!, depth + 1);
  }
  return null;
}

function templateParts(file: FileIndex, template: ts.TemplateExpression, depth: number): SqlParts {
  let parts: SqlParts = [template.head.text];
  for (const span of template.templateSpans) {
    // A hole holding a plain local string constant (`${TABLE}`) is part of the text, not a parameter.
    const inlined = depth < 4 ? sqlParts(file, span.expression, depth + 1) : null;
    parts = concat(parts, inlined && inlined.length === 1 ? inlined : HOLE);
    parts = concat(parts, [span.literal.text]);
  }
  return parts;
}

function emitSql(sink: FactSink, parts: SqlParts, node: ts.Node): void {
  if (!looksLikeStatement(parts.join(' '))) return;
  const accesses = analyzeSql(parts);
  if (!accesses) {
    sink.unresolvedAt(node);
    return;
  }
  for (const access of accesses) sink.access({ by: 'table', table: access.table }, access.mode, 'sql', access.statement, node);
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

function collect(file: FileIndex, sink: FactSink): void {
  for (const call of file.calls) {
    const method = methodCall(call);
    const callee = unwrap(call.expression);
    const isMethod = method !== null && SQL_METHODS.has(method.name);
    if (!isMethod && !(ts.isIdentifier(callee) && SQL_FUNCTIONS.has(callee.text))) continue;
    let arg = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (!arg || ts.isTaggedTemplateExpression(arg)) continue;
    // `pool.query({ text: 'SELECT ...', values })` and mysql2's `{ sql: '...' }`.
    if (ts.isObjectLiteralExpression(arg)) arg = objectProperty(arg, 'text') ?? objectProperty(arg, 'sql');
    if (!arg) continue;
    const parts = sqlParts(file, arg);
    if (parts) {
      emitSql(sink, parts, arg);
      continue;
    }
    const receiver = method ? dottedName(method.receiver) : null;
    const isDatabaseCall = method?.name.startsWith('$') || (receiver !== null && DATABASE_RECEIVER.test(receiver));
    if (isDatabaseCall && (ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg) || ts.isCallExpression(arg) || ts.isBinaryExpression(arg))) {
      sink.unresolvedAt(arg);
    }
  }
  for (const tagged of file.taggedTemplates) {
    if (!isSqlTag(tagged.tag)) continue;
    const template = tagged.template;
    const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template.text] : templateParts(file, template, 0);
    emitSql(sink, parts, template);
  }
}

export const rawSqlAdapter: OrmAdapter = {
  orm: 'sql',
  packages: [],
  markers: /\.(query|execute|raw|unsafe|prepare|\$queryRawUnsafe|\$executeRawUnsafe)\s*[<(]|\$(query|execute)Raw|\b(sql|SQL)\s*`|\b(query|execute|sql)\s*\(/,
  collect,
};
