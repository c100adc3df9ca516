// Drizzle: tables are objects, `export const orders = pgTable('orders', {...})` (also mysqlTable,
// sqliteTable, views, `pgSchema('s').table(...)`, `pgTableCreator(fn)` with a template name). Access
// passes the table object: `db.select().from(orders)` and joins read, `db.insert/update/delete(orders)`
// write, `db.query.orders.findMany()` reads, and its `with` loads read the tables its `relations(...)`
// declarations lead to. The object must link to a Drizzle table, so `cache.delete(x)`
// or `Array.from(list)` never count: the linker drops a target that is not one.
import ts from '../../../shared/typescript.cjs';
import type { AccessMode, EntityRef } from '../../../shared/facts.js';
import type { OrmAdapter } from '../core/adapter.js';
import { symbolTarget } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { importedFrom } from '../core/imports.js';
import { nestedLoads } from '../core/relation-loads.js';
import type { FactSink } from '../core/sink.js';
import { dottedName, methodCall, propertyNameText, stringValue, unwrap } from '../core/syntax.js';
import { methodTable } from '../core/method-table.js';

const PACKAGES = ['drizzle-orm'];
const TABLE_FACTORIES = new Set([
  'pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable', 'gelTable', 'pgView', 'pgMaterializedView', 'mysqlView', 'sqliteView',
]);
const SCHEMA_FACTORIES = new Set(['pgSchema', 'mysqlSchema']);
const TABLE_ARGUMENT_METHODS: Readonly<Record<string, AccessMode>> = methodTable({
  insert: 'write', update: 'write', delete: 'write',
  from: 'read', leftJoin: 'read', rightJoin: 'read', innerJoin: 'read', fullJoin: 'read', crossJoin: 'read', $count: 'read',
});
const RELATIONAL_READS = new Set(['findMany', 'findFirst']);

/** `pgTableCreator((name) => \`shop_${name}\`)`: the table name a creator makes of `name`, or null. */
function creatorName(creator: ts.Expression | undefined, name: string): string | null {
  const fn = creator ? unwrap(creator) : undefined;
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return null;
  const parameter = fn.parameters[0]?.name;
  let body: ts.Node = fn.body;
  if (ts.isBlock(body)) {
    const returned = body.statements.length === 1 ? body.statements[0] : undefined;
    if (!returned || !ts.isReturnStatement(returned) || !returned.expression) return null;
    body = returned.expression;
  }
  if (!parameter || !ts.isIdentifier(parameter)) return null;
  const template = unwrap(body as ts.Expression);
  if (ts.isIdentifier(template) && template.text === parameter.text) return name;
  if (!ts.isTemplateExpression(template)) return stringValue(template);
  let text = template.head.text;
  for (const span of template.templateSpans) {
    const expr = unwrap(span.expression);
    if (!ts.isIdentifier(expr) || expr.text !== parameter.text) return null;
    text += name + span.literal.text;
  }
  return text;
}

/** The table name a table-making call gives, `undefined` when the call makes no table. */
function tableNameOf(file: FileIndex, call: ts.CallExpression): string | null | undefined {
  const callee = unwrap(call.expression);
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (ts.isIdentifier(callee)) {
    const factory = importedFrom(file, callee.text, PACKAGES);
    if (factory && TABLE_FACTORIES.has(factory)) return stringValue(first);
    const site = file.bindings.lookup(callee);
    const made = site?.values[0] ? unwrap(site.values[0]) : undefined;
    if (made && ts.isCallExpression(made) && ts.isIdentifier(made.expression) && importedFrom(file, made.expression.text, PACKAGES)?.endsWith('TableCreator')) {
      const name = stringValue(first);
      return name === null ? null : creatorName(made.arguments[0], name);
    }
    return undefined;
  }
  const method = methodCall(call);
  if ((method?.name === 'table' || method?.name === 'view') && ts.isIdentifier(unwrap(method.receiver))) {
    const site = file.bindings.lookup(method.receiver);
    const made = site?.values[0] ? unwrap(site.values[0]) : undefined;
    if (made && ts.isCallExpression(made) && ts.isIdentifier(made.expression)) {
      const factory = importedFrom(file, made.expression.text, PACKAGES);
      if (factory && SCHEMA_FACTORIES.has(factory)) return stringValue(first);
    }
  }
  return undefined;
}

function collectEntities(file: FileIndex, sink: FactSink): void {
  for (const statement of file.sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer ? unwrap(declaration.initializer) : undefined;
      if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(declaration.name)) continue;
      const table = tableNameOf(file, init);
      if (table === undefined) continue;
      if (table === null) sink.unresolvedAt(init);
      else sink.entity(declaration.name.text, table, 'drizzle', declaration.name);
    }
  }
}

function collect(file: FileIndex, sink: FactSink): void {
  collectEntities(file, sink);
  collectRelations(file, sink);
  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method) continue;
    const mode = TABLE_ARGUMENT_METHODS[method.name];
    const arg = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (mode && arg && (ts.isIdentifier(arg) || ts.isPropertyAccessExpression(arg))) {
      const target = symbolTarget(file, arg);
      // A local variable (a subquery, a Map key) is no table object: nothing to count, nothing to guess.
      if (target && target !== 'dynamic') sink.access(target, mode, 'drizzle', `${dottedName(method.receiver) ?? 'db'}.${method.name}`, call);
      continue;
    }
    if (!RELATIONAL_READS.has(method.name)) continue;
    // `db.query.orders.findMany()`: the table by its key in the schema passed to drizzle().
    const accessor = unwrap(method.receiver);
    const holder = ts.isPropertyAccessExpression(accessor) || ts.isElementAccessExpression(accessor) ? unwrap(accessor.expression) : undefined;
    if (!holder || !ts.isPropertyAccessExpression(holder) || holder.name.text !== 'query') continue;
    const operation = `${dottedName(holder) ?? 'db.query'}.${ts.isPropertyAccessExpression(accessor) ? accessor.name.text : '[]'}.${method.name}`;
    const key = ts.isPropertyAccessExpression(accessor) ? accessor.name.text : ts.isElementAccessExpression(accessor) ? stringValue(unwrap(accessor.argumentExpression)) : null;
    if (key === null) {
      sink.unresolvedAt(call);
      continue;
    }
    const table: EntityRef = { by: 'model', name: key, orm: 'drizzle' };
    sink.access(table, 'read', 'drizzle', operation, call);
    // `with: { posts: { with: { comments: true } } }` loads the related tables: reads, through `relations(...)`.
    for (const relation of nestedLoads(call.arguments[0], ['with'])) sink.access(table, 'read', 'drizzle', `${operation}.with`, call, { relation });
  }
}

/** The object literal a `relations(table, ({ one, many }) => ({ ... }))` callback returns. */
function returnedObject(fn: ts.Expression | undefined): ts.ObjectLiteralExpression | null {
  const node = fn ? unwrap(fn) : undefined;
  if (!node || !(ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return null;
  let body: ts.Node = node.body;
  if (ts.isBlock(body)) {
    const returned = body.statements.find(ts.isReturnStatement);
    if (!returned?.expression) return null;
    body = returned.expression;
  }
  const value = unwrap(body as ts.Expression);
  return ts.isObjectLiteralExpression(value) ? value : null;
}

/** `relations(users, ({ many }) => ({ posts: many(posts) }))`: relation fields, wherever they are declared. */
function collectRelations(file: FileIndex, sink: FactSink): void {
  for (const call of file.calls) {
    const callee = unwrap(call.expression);
    if (!ts.isIdentifier(callee) || importedFrom(file, callee.text, PACKAGES) !== 'relations' || !call.arguments[0]) continue;
    const owner = symbolTarget(file, call.arguments[0]);
    const fields = returnedObject(call.arguments[1]);
    if (!owner || owner === 'dynamic' || !fields) continue;
    for (const property of fields.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const field = propertyNameText(property.name);
      const made = unwrap(property.initializer);
      if (field === null || !ts.isCallExpression(made) || !made.arguments[0]) continue;
      // `one(users, {...})`, `many(posts)`: the related table object is the first argument.
      const target = symbolTarget(file, made.arguments[0]);
      if (target && target !== 'dynamic') sink.relation(owner, field, target, 'drizzle');
    }
  }
}

export const drizzleAdapter: OrmAdapter = {
  orm: 'drizzle',
  packages: PACKAGES,
  markers: /\.(insert|update|delete|from|innerJoin|leftJoin|rightJoin|fullJoin|\$count)\(|\.query[.[]/,
  collect,
};
