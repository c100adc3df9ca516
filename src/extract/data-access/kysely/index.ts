// Kysely: no entity classes; the tables are the entities. Queries start on an instance
// (`db.selectFrom('users as u')`, `insertInto`, `updateTable`, `deleteFrom`, `replaceInto`,
// `mergeInto`), take their tables as string literals, arrays of them or constants, and read joined
// tables (`innerJoin('pages as p', ...)`), `using` and an update's `from`. selectFrom reads; the others
// write their table. The instance is known by its type (`Kysely<DB>`, `Transaction<DB>`, any type from
// the package, a local alias of one, a type named after the library such as `KyselyDB`), by how it
// was made (`new Kysely(...)`), a NestJS `@InjectKysely()`, a callback of its own builders
// (`transaction().execute(async (trx) => ...)`, `.where((eb) => eb.exists(eb.selectFrom(...)))`), or its
// usual name (`db`, `trx`) together with one of those Kysely-only methods. Tables are defined by
// `db.schema.createTable('x')` (migrations), which makes them entities. CTE names
// (`.withRecursive('ancestors', ...)`, `knex/cte-names.ts`) and system catalogs are no tables; a table
// only known at run time is unresolved.
import ts from '../../../shared/typescript.cjs';
import type { AccessMode } from '../../../shared/facts.js';
import type { OrmAdapter } from '../core/adapter.js';
import { callbackCallOf, followValue, type BindingSite } from '../core/bindings.js';
import { builderCalls } from '../core/builder-chain.js';
import { constantString } from '../core/constants.js';
import type { FileIndex } from '../core/file-index.js';
import { importedFrom } from '../core/imports.js';
import { sqlTableName } from '../core/naming.js';
import type { FactSink } from '../core/sink.js';
import { isSystemCatalogName, SYSTEM_CATALOG_REASON } from '../core/system-catalogs.js';
import { chainRoot, entityNameText, findDecorator, lastName, methodCall, unwrap } from '../core/syntax.js';
import { cteNames, exportedCteHelpers, importedHelperCalls } from '../knex/cte-names.js';
import { tableArgument } from '../knex/index.js';

const PACKAGES = ['kysely', 'nestjs-kysely', '@kysely'];

/** The methods that start a query on an instance, and the mode of the tables they name. */
const STARTS: Readonly<Record<string, AccessMode>> = {
  selectFrom: 'read',
  insertInto: 'write',
  replaceInto: 'write',
  updateTable: 'write',
  deleteFrom: 'write',
  mergeInto: 'write',
};
/** Builder methods whose first argument is another table the query reads. */
const READ_TABLES = new Set([
  'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral', 'crossJoinLateral',
  'using', 'from',
]);
/** Types of the package that stand for an instance, a transaction or a query creator. */
const INSTANCE_TYPES = /^(Kysely|Transaction|ControlledTransaction|QueryCreator|ExpressionBuilder)$/;
/** A type named after the library (`KyselyDB`, `KyselyTransaction`), as projects alias `Kysely<DB>`. */
const LIBRARY_NAMED_TYPE = /Kysely/;
const USUAL_NAMES = new Set(['db', 'trx', 'tx', 'kysely', 'database']);

type Evidence = 'typed' | 'named';

function collect(file: FileIndex, sink: FactSink): void {
  const localAliases = new Map<string, ts.TypeNode>();
  for (const statement of file.sourceFile.statements) {
    if (ts.isTypeAliasDeclaration(statement)) localAliases.set(statement.name.text, statement.type);
  }
  const typeEvidence = (type: ts.TypeNode | undefined, depth = 0): boolean => {
    if (!type || depth > 4) return false;
    if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.some((member) => typeEvidence(member, depth + 1));
    if (ts.isParenthesizedTypeNode(type)) return typeEvidence(type.type, depth + 1);
    if (!ts.isTypeReferenceNode(type)) return false;
    const name = entityNameText(type.typeName);
    const root = name.split('.')[0]!;
    const base = name.slice(name.lastIndexOf('.') + 1);
    const imported = importedFrom(file, root, PACKAGES);
    if (imported !== null) return root === name ? INSTANCE_TYPES.test(imported) : INSTANCE_TYPES.test(base);
    if (LIBRARY_NAMED_TYPE.test(base)) return true;
    const alias = localAliases.get(name);
    return alias !== undefined && typeEvidence(alias, depth + 1);
  };
  const direct = (expr: ts.Expression): Evidence | null => {
    if (ts.isNewExpression(expr)) {
      const callee = unwrap(expr.expression);
      return ts.isIdentifier(callee) && importedFrom(file, callee.text, PACKAGES) === 'Kysely' ? 'typed' : null;
    }
    if (!ts.isCallExpression(expr)) return null;
    // `db.withSchema('s')`, `await db.startTransaction().execute()`: a chain on an instance is one.
    if (methodCall(expr)) {
      const root = chainRoot(expr).root;
      return root === expr ? null : instanceEvidence(root);
    }
    // `dbOrTx(this.db, trx).selectFrom(...)`: a function handed an instance gives one back (only ever
    // asked with a Kysely-only method to follow).
    return expr.arguments.some((arg) => instanceEvidence(arg) === 'typed') ? 'named' : null;
  };
  const fromSite = (site: BindingSite): Evidence | null => {
    if (typeEvidence(site.type)) return 'typed';
    if (findDecorator(site.decorated, ['InjectKysely'])) return 'typed';
    // A callback of a builder on an instance: `transaction().execute(trx => ...)`, `.where(eb => ...)`.
    const callback = callbackCallOf(site);
    if (callback?.index !== 0 || !methodCall(callback.call)) return null;
    return instanceEvidence(chainRoot(callback.call).root);
  };
  let depth = 0;
  /** What says a value is an instance: its type or making first, else its usual name. */
  const instanceEvidence = (expr: ts.Expression): Evidence | null => {
    // Nested callbacks ask about their chain's root: bounded like every walk here.
    if (depth > 8) return null;
    depth++;
    try {
      return followValue(file.bindings, expr, direct, fromSite) ?? (USUAL_NAMES.has(lastName(expr) ?? '') ? 'named' : null);
    } finally {
      depth--;
    }
  };

  const { names: ctes, helpers } = cteNames(file);
  const tables = new Set<string>();
  const emit = (arg: ts.Expression | undefined, mode: AccessMode, operation: string, node: ts.Node): void => {
    const list = arg ? unwrap(arg) : undefined;
    // `selectFrom(['users', 'pets'])`.
    const args = list && ts.isArrayLiteralExpression(list) ? [...list.elements] : [arg];
    for (const one of args) {
      if (one && ts.isSpreadElement(one)) {
        sink.unresolvedAt(one);
        continue;
      }
      const table = isSubqueryHolder(file, one) ? null : tableArgument(file, one);
      if (table === null) continue;
      if (table === 'catalog') {
        sink.unresolvedAt(one ?? node, SYSTEM_CATALOG_REASON);
        continue;
      }
      if (table !== 'dynamic' && table.by === 'table') {
        if (ctes.has(table.table)) continue;
        tables.add(table.table);
      }
      sink.access(table, mode, 'kysely', operation, one ?? node);
    }
  };

  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method) continue;
    if (method.name === 'createTable') {
      defineTable(file, sink, call, method.receiver, instanceEvidence);
      continue;
    }
    const mode = STARTS[method.name];
    if (mode === undefined || call.arguments.length === 0) continue;
    if (!instanceEvidence(method.receiver)) continue;
    const operation = `kysely.${method.name}`;
    emit(call.arguments[0], mode, operation, call);
    for (const link of builderCalls(file, call)) {
      const name = methodCall(link)?.name;
      if (name !== undefined && READ_TABLES.has(name)) emit(link.arguments[0], 'read', operation, link);
    }
  }
  const exported = exportedCteHelpers(file, helpers);
  const calls = importedHelperCalls(file, tables);
  if (exported || calls.length > 0) sink.cte({ ...(exported ? { helpers: exported } : {}), ...(calls.length > 0 ? { calls } : {}) });
}

/** `const sub = eb.selectFrom(...).as('x'); eb.selectFrom(sub)`: a name holding only builder results is a subquery, no table. */
function isSubqueryHolder(file: FileIndex, arg: ts.Expression | undefined): boolean {
  const node = arg ? unwrap(arg) : undefined;
  const site = node && ts.isIdentifier(node) ? file.bindings.lookup(node) : undefined;
  if (!site || site.kind !== 'variable' || site.values.length === 0) return false;
  return site.values.every((value) => {
    const made = unwrap(value);
    return ts.isCallExpression(made) && methodCall(made) !== null;
  });
}

/** `db.schema.createTable('users')` (also after `withSchema(...)`): the table is an entity. */
function defineTable(
  file: FileIndex,
  sink: FactSink,
  call: ts.CallExpression,
  receiver: ts.Expression,
  instanceEvidence: (expr: ts.Expression) => Evidence | null,
): void {
  let schema = unwrap(receiver);
  if (ts.isCallExpression(schema) && methodCall(schema)?.name === 'withSchema') schema = unwrap(methodCall(schema)!.receiver);
  // Knex spells it the same (`knex.schema.createTable`): only an instance known by its type or making.
  if (!ts.isPropertyAccessExpression(schema) || schema.name.text !== 'schema' || instanceEvidence(schema.expression) !== 'typed') return;
  const text = call.arguments[0] ? constantString(file, call.arguments[0]) : null;
  if (text === null || isSystemCatalogName(text)) return;
  const table = sqlTableName(text);
  sink.entity(table, table, 'kysely', call);
}

export const kyselyAdapter: OrmAdapter = {
  orm: 'kysely',
  packages: PACKAGES,
  markers: /\.(selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\s*\(/,
  collect,
};
