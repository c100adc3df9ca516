// TEMPLATE for a new ORM adapter (copy this folder, rename, list it in ../registry.ts).
// An adapter is a plain object: a cheap gate (`packages`, `markers`), optionally the methods called on
// model classes themselves (`modelCalls`, used by the shared model-call pass for imported models),
// and `collect`, which reads the shared file index (calls, `new`, classes, tagged templates, local
// bindings) and reports to the sink:
//   sink.entity(name, table, orm, node)          an entity this file defines
//   sink.access(target, mode, orm, op, node)     a read or write; target 'dynamic' counts as unresolved
//   sink.alias(name, target, orm, node)          a name other files use for an entity (custom repository)
//   sink.unresolvedAt(node)                      an entity or table only known at run time
// Rules: classify an operation only when the library documents it as reading or writing; anything
// else is ignored (no false writes). Require evidence that a receiver belongs to the library (its
// import, its type, how it was made) before reading `a.b.find()` as a query. No type checker.
import ts from '../../../shared/typescript.cjs';
import type { AccessMode } from '../../../shared/facts.js';
import type { OrmAdapter } from '../core/adapter.js';
import { followValue } from '../core/bindings.js';
import { symbolTarget, type Target } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { importedFrom } from '../core/imports.js';
import type { FactSink } from '../core/sink.js';
import { dottedName, methodCall, stringValue, typeReference, unwrap } from '../core/syntax.js';
import { methodTable } from '../core/method-table.js';

const PACKAGES = ['example-orm'];

/** The library's documented operations; nothing else is reported. */
const OPERATIONS: Readonly<Record<string, AccessMode>> = methodTable({ findAll: 'read', insert: 'write' });

function collect(file: FileIndex, sink: FactSink): void {
  // 1. Entities: `defineTable('orders')` assigned to a name.
  for (const call of file.calls) {
    const callee = unwrap(call.expression);
    if (!ts.isIdentifier(callee) || importedFrom(file, callee.text, PACKAGES) !== 'defineTable') continue;
    const table = stringValue(call.arguments[0]);
    const holder = call.parent;
    if (table === null) sink.unresolvedAt(call);
    else if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) sink.entity(holder.name.text, table, 'sql', holder.name);
  }
  // 2. Receivers: what a value is, through local data flow (initializers, fields, typed parameters).
  const modelOf = (expr: ts.Expression): Target | null =>
    followValue(
      file.bindings,
      expr,
      (node) => (ts.isCallExpression(node) && methodCall(node)?.name === 'table' ? symbolTarget(file, node.arguments[0]!) : null),
      (site) => (typeReference(site.type)?.name === 'ExampleTable' ? 'dynamic' : null),
    );
  // 3. Accesses.
  for (const call of file.calls) {
    const method = methodCall(call);
    const mode = method ? OPERATIONS[method.name] : undefined;
    const target = method && mode ? modelOf(method.receiver) : null;
    if (method && mode && target) sink.access(target, mode, 'sql', `${dottedName(method.receiver)}.${method.name}`, call);
  }
}

/** Not registered: a starting point only. */
export const templateAdapter: OrmAdapter = {
  orm: 'sql',
  packages: PACKAGES,
  markers: /example-orm/,
  collect,
};
