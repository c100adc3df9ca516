// Knex: there are no entity classes, the table names are the entities: `knex('orders')`,
// `db('orders as o')`, `knex.table('orders')`, `.from('orders')`, `.into('orders')`, joins. A builder
// that inserts, updates or deletes writes its table; otherwise it reads. The instance is known by
// its making (`knex(config)`), its type (`Knex`, `Knex.Transaction`), a transaction callback, or its
// usual name (`knex`, `db`, `trx`) when a query-builder method follows. `knex(tableVar)` is unresolved.
import ts from '../../../shared/typescript.cjs';
import type { AccessMode } from '../../../shared/facts.js';
import type { OrmAdapter } from '../core/adapter.js';
import { callbackCallOf, followValue, type BindingSite } from '../core/bindings.js';
import { builderCalls } from '../core/builder-chain.js';
import type { FileIndex } from '../core/file-index.js';
import { importedFrom } from '../core/imports.js';
import type { FactSink } from '../core/sink.js';
import { lastName, methodCall, stringValue, typeBaseName, typeReference, unwrap } from '../core/syntax.js';

const WRITES = new Set(['insert', 'update', 'del', 'delete', 'truncate', 'upsert', 'increment', 'decrement', 'merge']);
const TABLE_METHODS = new Set(['table', 'from', 'into']);
const JOINS = new Set(['join', 'innerJoin', 'leftJoin', 'leftOuterJoin', 'rightJoin', 'rightOuterJoin', 'fullOuterJoin', 'crossJoin']);
const BUILDER_METHODS = new Set([
  ...WRITES, ...TABLE_METHODS, ...JOINS, 'select', 'where', 'whereIn', 'whereNot', 'whereNull', 'andWhere', 'orWhere', 'first',
  'pluck', 'count', 'countDistinct', 'min', 'max', 'sum', 'avg', 'orderBy', 'groupBy', 'limit', 'offset', 'returning',
  'distinct', 'columns', 'column', 'onConflict', 'ignore', 'forUpdate', 'modify', 'clearSelect', 'then',
]);
/** Methods on the instance that start a query (others, like `raw`, `schema`, `fn`, do not). */
const QUERY_STARTS = new Set([...BUILDER_METHODS, 'queryBuilder', 'with', 'withRecursive']);
const KNEX_NAMES = new Set(['knex', 'db', 'trx', 'database']);

type Evidence = 'made' | 'named';

/** `'orders as o'` -> 'orders', `'public.orders'` -> 'orders'. */
function tableName(raw: string): string {
  const first = raw.trim().split(/\s+as\s+|\s+/i)[0] ?? raw;
  return first.slice(first.lastIndexOf('.') + 1).replace(/^["`[]|["`\]]$/g, '');
}

/** The table an argument names: a string, or `{ alias: 'table' }`; 'dynamic' when built at run time; null for a subquery. */
function tableArgument(file: FileIndex, arg: ts.Expression | undefined): string | 'dynamic' | null {
  if (!arg) return null;
  const node = unwrap(arg);
  const text = stringValue(node);
  if (text !== null) return tableName(text);
  if (ts.isObjectLiteralExpression(node) && node.properties.length === 1) {
    const property = node.properties[0]!;
    const value = ts.isPropertyAssignment(property) ? stringValue(unwrap(property.initializer)) : null;
    return value === null ? 'dynamic' : tableName(value);
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isCallExpression(node)) return null;
  // An imported or module-level object (a Drizzle table, a shared subquery) is not a table name.
  const root = ts.isPropertyAccessExpression(node) ? unwrap(node.expression) : node;
  if (ts.isIdentifier(root) && file.input.importsByLocal.has(root.text)) return null;
  if (ts.isIdentifier(node)) {
    const site = file.bindings.lookup(node);
    if (!site) return null;
    const value = site.values.length === 1 ? stringValue(unwrap(site.values[0]!)) : null;
    if (value !== null) return tableName(value);
    if (site.isModuleLevel) return null;
  }
  return 'dynamic';
}

function collect(file: FileIndex, sink: FactSink): void {
  const direct = (expr: ts.Expression): Evidence | null => {
    if (ts.isCallExpression(expr)) {
      const callee = unwrap(expr.expression);
      // `knex(config)`, `require('knex')(config)`, `await knex.transaction()`.
      if (ts.isIdentifier(callee) && importedFrom(file, callee.text, ['knex'])) return 'made';
      if (ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require' && stringValue(callee.arguments[0]) === 'knex') return 'made';
      const method = methodCall(expr);
      if (method?.name === 'transaction' && instanceEvidence(method.receiver)) return 'made';
    }
    const name = lastName(expr);
    return name && KNEX_NAMES.has(name) && !file.input.importsByLocal.get(name)?.specifier.startsWith('knex') ? 'named' : null;
  };
  const fromSite = (site: BindingSite): Evidence | null => {
    const type = typeReference(site.type);
    if (type && (type.name.startsWith('Knex') || ((typeBaseName(type.name) === 'Transaction' || typeBaseName(type.name) === 'QueryBuilder') && type.name.includes('Knex')))) return 'made';
    const callback = callbackCallOf(site);
    const method = callback ? methodCall(callback.call) : null;
    return callback?.index === 0 && method?.name === 'transaction' && instanceEvidence(method.receiver) ? 'made' : null;
  };
  const instanceEvidence = (expr: ts.Expression): Evidence | null => followValue(file.bindings, expr, direct, fromSite);

  for (const call of file.calls) {
    // `knex('orders')`, `this.knex('orders')`: the instance called with a table; else `knex.select(...)`.
    const calledInstance = instanceEvidence(call.expression);
    const method = calledInstance ? null : methodCall(call);
    let evidence: Evidence | null = calledInstance;
    let rootTable: string | 'dynamic' | null = null;
    if (calledInstance) {
      rootTable = tableArgument(file, call.arguments[0]);
      // A bare `db()` or `db(fn)` is no table query.
      if (rootTable === null) continue;
    } else if (method && QUERY_STARTS.has(method.name)) {
      evidence = instanceEvidence(method.receiver);
      if (!evidence) continue;
    } else {
      continue;
    }
    const chain = method ? [call, ...builderCalls(file, call)] : builderCalls(file, call);
    const names = chain.map((link) => methodCall(link)?.name ?? '');
    if (evidence === 'named' && !names.some((name) => BUILDER_METHODS.has(name))) continue;
    const writer = names.find((name) => WRITES.has(name));
    const mode: AccessMode = writer ? 'write' : 'read';
    const operation = `knex.${writer ?? 'select'}`;
    const emit = (table: string | 'dynamic' | null, tableMode: AccessMode, node: ts.Node): void => {
      // `db(x)` is knex's own shape; `db.select().from(x)` by name alone may be Drizzle with a subquery.
      if (table === 'dynamic' && (evidence === 'made' || node === call)) sink.unresolvedAt(node);
      else if (table !== null) sink.access({ by: 'table', table }, tableMode, 'knex', operation, node);
    };
    emit(rootTable, mode, call);
    for (const link of chain) {
      const name = methodCall(link)?.name;
      if (!name) continue;
      if (TABLE_METHODS.has(name)) emit(tableArgument(file, link.arguments[0]), name === 'into' ? 'write' : mode, link);
      else if (JOINS.has(name)) emit(tableArgument(file, link.arguments[0]), 'read', link);
    }
  }
}

export const knexAdapter: OrmAdapter = {
  orm: 'knex',
  packages: ['knex'],
  markers: /knex|Knex|\b(db|trx|database)\s*\(|\.(from|into|table)\(\s*['"`]/,
  collect,
};
