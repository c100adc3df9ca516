// Common table expressions are named in the query, not in the database: `.with('recent', qb => ...)`,
// `.withRecursive('tree', ...)`, and a helper whose body calls `.with(<its parameter>, ...)`
// (`addCte(qb, '_filtered')`: its body says which parameter is the name). A table reference by one of
// these names in the same file is the CTE, never a table.
import ts from '../../../shared/typescript.cjs';
import { constantString } from '../core/constants.js';
import type { FileIndex } from '../core/file-index.js';
import { sqlTableName } from '../core/naming.js';
import { calleeName, methodCall, propertyNameText, unwrap } from '../core/syntax.js';

const CTE_METHODS = new Set(['with', 'withRecursive', 'withMaterialized', 'withNotMaterialized']);

/** The name a function is called by: its declaration, or the variable, property or method holding it. */
function functionName(fn: ts.Node): string | null {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return propertyNameText(fn.name);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return null;
  const holder = fn.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === fn) {
    return propertyNameText(holder.name);
  }
  return null;
}

export function cteNames(file: FileIndex): Set<string> {
  const names = new Set<string>();
  /** helper name -> index of the parameter it passes to `.with(...)` as the CTE name */
  const helpers = new Map<string, number>();
  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method || !CTE_METHODS.has(method.name) || call.arguments.length < 2) continue;
    const first = call.arguments[0]!;
    const name = constantString(file, first);
    if (name !== null) {
      names.add(sqlTableName(name));
      continue;
    }
    const node = unwrap(first);
    const site = ts.isIdentifier(node) ? file.bindings.lookup(node) : undefined;
    if (!site || site.kind !== 'parameter' || !ts.isParameter(site.declaration)) continue;
    const fn = site.declaration.parent;
    const helper = functionName(fn);
    if (helper !== null) helpers.set(helper, (fn as ts.SignatureDeclaration).parameters.indexOf(site.declaration));
  }
  if (helpers.size === 0) return names;
  for (const call of file.calls) {
    const helper = calleeName(call);
    const index = helper === null ? undefined : helpers.get(helper);
    const arg = index === undefined ? undefined : call.arguments[index];
    const name = arg ? constantString(file, arg) : null;
    if (name !== null) names.add(sqlTableName(name));
  }
  return names;
}
