// A models registry: one project file gathers the models in an object it exports
// (`const models = { Order, User }; export default models`, sequelize-cli's `db`), and others call
// `models.Order.findAll()`. This file cannot see those calls; it names each member for the linker as
// an alias `<export>.<member>` of the value the member holds (the model-call pass targets that name).
import ts from '../../../shared/typescript.cjs';
import type { EntityRef } from '../../../shared/facts.js';
import type { FileIndex } from '../core/file-index.js';
import { MODEL_LIKE_NAME } from '../core/model-calls.js';
import type { FactSink } from '../core/sink.js';
import { hasExportModifier, propertyNameText, unwrap } from '../core/syntax.js';

/** Enough for any hand-written registry; a generated object of thousands of members stops here. */
const MAX_MEMBERS = 1000;

/** Local names exported under which names: `export default models`, `export const db = {...}`, `export { models as db }`. */
function exportedLocals(sourceFile: ts.SourceFile): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const add = (local: string, exported: string): void => {
    const list = names.get(local);
    if (list) list.push(exported);
    else names.set(local, [exported]);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const value = unwrap(statement.expression);
      if (ts.isIdentifier(value)) add(value.text, 'default');
    } else if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) add(declaration.name.text, declaration.name.text);
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) add((element.propertyName ?? element.name).text, element.name.text);
    }
  }
  return names;
}

/** The object literal each exported name holds, when it is one. */
function exportedObjects(file: FileIndex): { exported: string; object: ts.ObjectLiteralExpression }[] {
  const found: { exported: string; object: ts.ObjectLiteralExpression }[] = [];
  const locals = exportedLocals(file.sourceFile);
  for (const statement of file.sourceFile.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const value = unwrap(statement.expression);
      if (ts.isObjectLiteralExpression(value)) found.push({ exported: 'default', object: value });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        const value = unwrap(declaration.initializer);
        if (!ts.isObjectLiteralExpression(value)) continue;
        for (const exported of locals.get(declaration.name.text) ?? []) found.push({ exported, object: value });
      }
    }
  }
  return found;
}

function memberTarget(file: FileIndex, value: ts.Expression): EntityRef | null {
  const node = unwrap(value);
  if (!ts.isIdentifier(node)) return null;
  const imported = file.input.importsByLocal.get(node.text);
  if (imported) return imported.module && imported.imported !== '*' ? { by: 'symbol', name: imported.imported, module: imported.module } : null;
  return { by: 'symbol', name: node.text, module: null };
}

export function collectModelRegistry(file: FileIndex, sink: FactSink): void {
  for (const { exported, object } of exportedObjects(file)) {
    for (const property of object.properties.slice(0, MAX_MEMBERS)) {
      let name: string | null = null;
      let value: ts.Expression | null = null;
      if (ts.isShorthandPropertyAssignment(property)) {
        name = property.name.text;
        value = property.name;
      } else if (ts.isPropertyAssignment(property)) {
        name = propertyNameText(property.name);
        value = property.initializer;
      }
      if (name === null || value === null || !MODEL_LIKE_NAME.test(name)) continue;
      const target = memberTarget(file, value);
      if (target) sink.alias(`${exported}.${name}`, target, 'sequelize', property);
    }
  }
}
