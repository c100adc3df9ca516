// Common table expressions are named in the query, not in the database: `.with('recent', qb => ...)`,
// `.withRecursive('tree', ...)`, and a helper whose body calls `.with(<its parameter>, ...)`
// (`addCte(qb, '_filtered')`: its body says which parameter is the name). A table reference by one of
// these names in the same file is the CTE, never a table. A helper imported from another file is read
// there (its exported helpers) and matched by the linker against the calls made here.
import ts from '../../../shared/typescript.cjs';
import { constantString } from '../core/constants.js';
import type { FileIndex } from '../core/file-index.js';
import { snakeCase, sqlTableName } from '../core/naming.js';
import type { CteCall } from '../../../shared/facts.js';
import { calleeName, functionName, hasExportModifier, methodCall, propertyNameText, unwrap } from '../core/syntax.js';

const CTE_METHODS = new Set(['with', 'withRecursive', 'withMaterialized', 'withNotMaterialized']);

export interface CteNames {
  /** Names this file gives CTEs (`.with('x')`, a local helper called with 'x'). */
  names: Set<string>;
  /** Helper name -> index of the parameter it passes to `.with(...)` as the CTE name. */
  helpers: Map<string, number>;
}

/** A CTE name as `.with` takes it: `'tree'`, `'tree(id, parent_id)'` (Kysely's column list). */
function cteName(raw: string): string {
  return sqlTableName(raw.replace(/\(.*$/s, ''));
}

const memo = new WeakMap<FileIndex, CteNames>();

export function cteNames(file: FileIndex): CteNames {
  let found = memo.get(file);
  if (!found) {
    found = collectCteNames(file);
    memo.set(file, found);
  }
  return found;
}

/**
 * Whether a table named in this file's SQL text is a CTE its query builders name: the name itself, or
 * its snake_case form (`allAncestors` under Kysely's CamelCasePlugin is `all_ancestors` in SQL).
 */
export function builderCteTest(file: FileIndex): (table: string) => boolean {
  let names: Set<string> | null = null;
  return (table) => {
    if (!names) {
      names = new Set();
      for (const name of cteNames(file).names) names.add(name).add(snakeCase(name));
    }
    return names.has(table);
  };
}

function collectCteNames(file: FileIndex): CteNames {
  const names = new Set<string>();
  const helpers = new Map<string, number>();
  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method || !CTE_METHODS.has(method.name) || call.arguments.length < 2) continue;
    const first = call.arguments[0]!;
    const name = constantString(file, first);
    if (name !== null) {
      names.add(cteName(name));
      continue;
    }
    const node = unwrap(first);
    const site = ts.isIdentifier(node) ? file.bindings.lookup(node) : undefined;
    if (!site || site.kind !== 'parameter' || !ts.isParameter(site.declaration)) continue;
    const fn = site.declaration.parent;
    const helper = functionName(fn);
    if (helper !== null) helpers.set(helper, (fn as ts.SignatureDeclaration).parameters.indexOf(site.declaration));
  }
  if (helpers.size === 0) return { names, helpers };
  for (const call of file.calls) {
    const helper = calleeName(call);
    const index = helper === null ? undefined : helpers.get(helper);
    const arg = index === undefined ? undefined : call.arguments[index];
    const name = arg ? constantString(file, arg) : null;
    if (name !== null) names.add(cteName(name));
  }
  return { names, helpers };
}

/** The exported names of the file's own top-level functions and consts: exported name -> local name. */
function exportedLocals(sourceFile: ts.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && hasExportModifier(statement)) out.set(statement.name.text, statement.name.text);
    else if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) out.set(declaration.name.text, declaration.name.text);
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) out.set(element.name.text, (element.propertyName ?? element.name).text);
    }
  }
  return out;
}

/** Helpers other files may call: exported name -> the CTE-name parameter's index. */
export function exportedCteHelpers(file: FileIndex, helpers: ReadonlyMap<string, number>): Record<string, number> | null {
  if (helpers.size === 0) return null;
  const out: Record<string, number> = {};
  for (const [exported, local] of exportedLocals(file.sourceFile)) {
    const index = helpers.get(local);
    if (index !== undefined) out[exported] = index;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * Calls of functions imported from project files that pass, as argument `index`, a name this file
 * also queries as a table: when the linker finds that function passes that parameter to `.with(...)`,
 * the name is a CTE and those accesses are dropped.
 */
export function importedHelperCalls(file: FileIndex, tables: ReadonlySet<string>): CteCall[] {
  if (tables.size === 0) return [];
  const calls: CteCall[] = [];
  for (const call of file.calls) {
    const callee = unwrap(call.expression);
    let imported: { module: string; name: string } | null = null;
    if (ts.isIdentifier(callee)) {
      const found = file.input.importsByLocal.get(callee.text);
      if (found?.module && found.imported !== '*' && !file.bindings.lookup(callee)) imported = { module: found.module, name: found.imported };
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const found = file.input.importsByLocal.get(callee.expression.text);
      if (found?.module && found.imported === '*') imported = { module: found.module, name: callee.name.text };
    }
    if (!imported) continue;
    call.arguments.forEach((arg, index) => {
      const text = constantString(file, arg);
      const table = text === null ? null : sqlTableName(text);
      if (table !== null && tables.has(table)) calls.push({ ...imported!, index, table });
    });
  }
  return calls;
}
