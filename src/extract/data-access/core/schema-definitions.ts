// What a migration or seed does to the schema, beyond the queries the adapters read: tables made,
// changed or dropped by a schema builder (`knex.schema.createTable('t')`, `queryInterface.createTable`,
// `queryRunner.createTable(new Table({ name: 't' }))`, `bulkInsert('t')`) and by DDL in strings
// (`CREATE TABLE`, `ALTER TABLE`, `DROP TABLE`). Recorded as schema facts, never as accesses.
import ts from '../../../shared/typescript.cjs';
import { constantString } from './constants.js';
import type { FileIndex } from './file-index.js';
import { sqlTableName } from './naming.js';
import type { FactSink } from './sink.js';
import { methodCall, objectString, unwrap } from './syntax.js';

const SCHEMA_METHODS = new Set([
  'createTable', 'createTableIfNotExists', 'createTableLike', 'alterTable', 'table', 'dropTable', 'dropTableIfExists', 'renameTable',
  'bulkInsert', 'bulkUpdate', 'bulkDelete', 'addColumn', 'removeColumn', 'changeColumn', 'renameColumn', 'addIndex', 'removeIndex',
  'addConstraint', 'removeConstraint', 'createForeignKey', 'dropForeignKey', 'createIndex', 'dropIndex', 'addColumns', 'dropColumn',
]);
const DDL = /\b(CREATE\s+(?:(?:GLOBAL\s+|LOCAL\s+)?(?:TEMP|TEMPORARY)\s+)?TABLE|ALTER\s+TABLE|DROP\s+TABLE)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?:ONLY\s+)?((?:[`"[]?[A-Za-z_][A-Za-z0-9_$]*[`"\]]?\.)*[`"[]?[A-Za-z_][A-Za-z0-9_$]*[`"\]]?)/gi;

function tableOf(file: FileIndex, arg: ts.Expression | undefined): string | null {
  if (!arg) return null;
  const node = unwrap(arg);
  // `new Table({ name: 'orders', ... })`, `{ tableName: 'orders', schema: 'public' }`.
  if (ts.isNewExpression(node)) return objectString(node.arguments?.[0], 'name');
  if (ts.isObjectLiteralExpression(node)) return objectString(node, 'tableName') ?? objectString(node, 'name');
  return constantString(file, node);
}

export function collectSchemaDefinitions(file: FileIndex, sink: FactSink): void {
  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method || !SCHEMA_METHODS.has(method.name)) continue;
    const table = tableOf(file, call.arguments[0]);
    if (table !== null) sink.access({ by: 'table', table: sqlTableName(table) }, 'write', 'sql', method.name, call);
  }
  // Only migrations and seeds get here: a second walk over their tree is cheap. Iterative, so deep
  // nesting cannot overflow the stack.
  const stack: ts.Node[] = [file.sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const match of node.text.matchAll(DDL)) {
        const statement = match[1]!.replace(/\s+/g, ' ').toUpperCase();
        sink.access({ by: 'table', table: sqlTableName(match[2]!) }, 'write', 'sql', statement, node);
      }
    }
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
}
