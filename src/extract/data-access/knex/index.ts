// Knex: there are no entity classes, the table names are the entities: `knex('orders')`,
// `db('orders as o')`, `knex.table('orders')`, `.from('orders')`, `.into('orders')`, joins. A builder
// that inserts, updates or deletes writes its table; otherwise it reads. The instance is known by
// its making (`knex(config)`), its type (`Knex`, `Knex.Transaction`), a transaction callback, or its
// usual name (`knex`, `db`, `trx`) when a query-builder method follows. A table held in a constant
// (`T.USERS`, an enum member, a template of constants) is that table, also when the constant is
// imported (the linker reads it); CTE names (`cte-names.ts`) are no tables, nor are system catalogs
// (`information_schema.tables`: counted as such); `knex(tableVar)` with a run-time value is
// unresolved, never a table.
import ts from '../../../shared/typescript.cjs';
import type { AccessMode } from '../../../shared/facts.js';
import type { OrmAdapter } from '../core/adapter.js';
import { callbackCallOf, followValue, type BindingSite } from '../core/bindings.js';
import { builderCalls } from '../core/builder-chain.js';
import { constantString, importedConstant } from '../core/constants.js';
import type { Target } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { importedFrom } from '../core/imports.js';
import { sqlTableName } from '../core/naming.js';
import { isSystemCatalogName, SYSTEM_CATALOG_REASON } from '../core/system-catalogs.js';
import type { FactSink } from '../core/sink.js';
import { lastName, methodCall, stringValue, typeBaseName, typeReference, unwrap } from '../core/syntax.js';
import { cteNames, exportedCteHelpers, importedHelperCalls } from './cte-names.js';

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
/** Methods whose callback receives a query builder of the same instance. */
const CALLBACK_BUILDERS = new Set(['with', 'withRecursive', 'withMaterialized', 'withNotMaterialized', 'union', 'unionAll', 'whereIn', 'whereNotIn', 'whereExists', 'whereNotExists', 'from']);
const KNEX_NAMES = new Set(['knex', 'db', 'trx', 'database']);

type Evidence = 'made' | 'named';

/**
 * The table an argument names: a string or constant (`'orders as o'`, `T.USERS`, `${PREFIX}orders`,
 * `{ alias: 'table' }`), a constant imported from another file, 'dynamic' when built at run time,
 * 'catalog' for a system catalog (`information_schema.tables`); null for a subquery or a module-level
 * object that is no string (a Drizzle table, a shared query). Kysely's adapter reads its tables with it too.
 */
export function tableArgument(file: FileIndex, arg: ts.Expression | undefined): Target | 'catalog' | null {
  if (!arg) return null;
  let node = unwrap(arg);
  if (ts.isObjectLiteralExpression(node)) {
    const property = node.properties.length === 1 ? node.properties[0]! : undefined;
    if (!property || !ts.isPropertyAssignment(property)) return 'dynamic';
    node = unwrap(property.initializer);
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isCallExpression(node)) return null;
  const text = constantString(file, node);
  if (text !== null) return isSystemCatalogName(text) ? 'catalog' : { by: 'table', table: sqlTableName(text) };
  const imported = importedConstant(file, node) ?? importedTemplateHead(file, node);
  if (imported) return imported;
  const root = ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) ? rootName(node) : node;
  if (ts.isIdentifier(root)) {
    if (file.input.importsByLocal.has(root.text)) return null;
    // A function or class declared here, a global, a module-level object: no table name.
    const site = file.bindings.lookup(root);
    if (!site || site.isModuleLevel) return null;
  }
  return 'dynamic';
}

/** `${T.USERS} as u`, `public.${T.USERS}`: a table name that is an imported constant, with an alias or schema. */
function importedTemplateHead(file: FileIndex, node: ts.Expression): Target | null {
  if (!ts.isTemplateExpression(node) || !/^(|.*\.)$/.test(node.head.text)) return null;
  const [first] = node.templateSpans;
  if (!first || !/^(\s|$)/.test(first.literal.text)) return null;
  return importedConstant(file, first.expression);
}

function rootName(expr: ts.Expression): ts.Expression {
  let node = unwrap(expr);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = unwrap(node.expression);
  return node;
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
    if (callback?.index !== 0 || !method) return null;
    // `knex.transaction(trx => ...)`, and the builder a CTE or subquery callback gets (`.with('x', qb => ...)`).
    if (method.name === 'transaction') return instanceEvidence(method.receiver) ? 'made' : null;
    return CALLBACK_BUILDERS.has(method.name) ? instanceEvidence(method.receiver) : null;
  };
  const instanceEvidence = (expr: ts.Expression): Evidence | null => followValue(file.bindings, expr, direct, fromSite);
  const { names: ctes, helpers } = cteNames(file);
  const tables = new Set<string>();

  for (const call of file.calls) {
    // `knex('orders')`, `this.knex('orders')`: the instance called with a table; else `knex.select(...)`.
    const calledInstance = instanceEvidence(call.expression);
    const method = calledInstance ? null : methodCall(call);
    let evidence: Evidence | null = calledInstance;
    let rootTable: Target | 'catalog' | null = null;
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
    const emit = (table: Target | 'catalog' | null, tableMode: AccessMode, node: ts.Node): void => {
      if (table === null) return;
      if (table === 'catalog') {
        sink.unresolvedAt(node, SYSTEM_CATALOG_REASON);
        return;
      }
      if (table === 'dynamic') {
        // `db(x)` is knex's own shape; `db.select().from(x)` by name alone may be Drizzle with a subquery.
        if (evidence === 'made' || node === call) sink.unresolvedAt(node);
        return;
      }
      if (table.by === 'table' && ctes.has(table.table)) return;
      if (table.by === 'table') tables.add(table.table);
      sink.access(table, tableMode, 'knex', operation, node);
    };
    emit(rootTable, mode, call);
    for (const link of chain) {
      const name = methodCall(link)?.name;
      if (!name) continue;
      if (TABLE_METHODS.has(name)) emit(tableArgument(file, link.arguments[0]), name === 'into' ? 'write' : mode, link);
      else if (JOINS.has(name)) emit(tableArgument(file, link.arguments[0]), 'read', link);
    }
  }
  // CTE helpers of other files are matched by the linker: what this file exports, what it calls.
  const exported = exportedCteHelpers(file, helpers);
  const calls = importedHelperCalls(file, tables);
  if (exported || calls.length > 0) sink.cte({ ...(exported ? { helpers: exported } : {}), ...(calls.length > 0 ? { calls } : {}) });
}

export const knexAdapter: OrmAdapter = {
  orm: 'knex',
  packages: ['knex'],
  markers: /knex|Knex|\b(db|trx|database)\s*\(|\.(from|into|table)\(\s*['"`]/,
  collect,
};
