// Raw SQL through the project's own functions. A function whose parameter reaches the SQL argument of
// a raw-SQL call (`client.$queryRawUnsafe(query)`, `pool.query(sql)`, `ch.query({ query })`), directly
// or through local names, string methods (`sql.replaceAll(...)`), templates and `+`, or through
// another such function of the same file, is itself a raw-SQL call for that parameter: its body says
// so, whatever it is named. Calls of it in this file pass their SQL to the raw-SQL reader. Calls of
// one imported from another project file (by name, through a namespace or default object, or
// destructured from one: `const { rawQuery } = db`) are read too, and the linker keeps what they found
// only when the exporting file says that export is such a function (`FileFacts.sqlSinks`).
import ts from '../../../shared/typescript.cjs';
import type { SqlSinkRef } from '../../../shared/facts.js';
import { importedConstant } from '../core/constants.js';
import type { FileIndex } from '../core/file-index.js';
import { constantKey } from '../core/naming.js';
import { destructuredFrom, enclosingClass, functionName, hasExportModifier, propertyNameText, unwrap } from '../core/syntax.js';

/** String methods whose result still carries the receiver's SQL text. */
const STRING_METHODS = new Set(['replace', 'replaceAll', 'trim', 'trimStart', 'trimEnd', 'concat', 'toString', 'normalize']);
const MAX_DEPTH = 6;
const MAX_ROUNDS = 4;

type FunctionNode = ts.SignatureDeclaration & ts.Node;

/** Functions of this file and the indexes of their parameters whose SQL text reaches a raw-SQL call. */
export type SqlSinks = Map<FunctionNode, Set<number>>;

/** A call of a raw-SQL function of the project: argument `index` is SQL; `via` when it is imported. */
export interface WrapperCall {
  call: ts.CallExpression;
  arg: ts.Expression;
  via: SqlSinkRef | null;
}

/** The parameters (function and index) whose value flows into `expr`. */
function parametersIn(file: FileIndex, expr: ts.Expression, out: { fn: FunctionNode; index: number }[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  const node = unwrap(expr);
  const next = (value: ts.Expression): void => parametersIn(file, value, out, depth + 1);
  if (ts.isIdentifier(node)) {
    const site = file.bindings.lookup(node);
    if (!site) return;
    if (site.kind === 'parameter' && ts.isParameter(site.declaration) && !site.declaration.dotDotDotToken) {
      const fn = site.declaration.parent as FunctionNode;
      out.push({ fn, index: fn.parameters.indexOf(site.declaration) });
    } else if (site.kind === 'variable') {
      for (const value of site.values.slice(0, 4)) next(value);
    }
  } else if (ts.isTemplateExpression(node)) {
    for (const span of node.templateSpans) next(span.expression);
  } else if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.PlusToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      next(node.left);
      next(node.right);
    }
  } else if (ts.isConditionalExpression(node)) {
    next(node.whenTrue);
    next(node.whenFalse);
  } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && STRING_METHODS.has(node.expression.name.text)) {
    next(node.expression.expression);
  }
}

/** The local function a call calls when it is one of `sinks`: `f(...)`, `this.f(...)` in f's class. */
function calledSink(file: FileIndex, call: ts.CallExpression, sinks: SqlSinks, byName: ReadonlyMap<string, FunctionNode[]>): FunctionNode | null {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const site = file.bindings.lookup(callee);
    if (site) {
      const value = site.kind === 'variable' && site.values.length === 1 ? unwrap(site.values[0]!) : null;
      return value && sinks.has(value as FunctionNode) ? (value as FunctionNode) : null;
    }
    const declared = (byName.get(callee.text) ?? []).filter((fn) => ts.isFunctionDeclaration(fn));
    return declared.length === 1 ? declared[0]! : null;
  }
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(callee);
    const members = (byName.get(callee.name.text) ?? []).filter((fn) => {
      const member = ts.isMethodDeclaration(fn) ? fn : fn.parent;
      return ts.isClassElement(member) && member.parent === cls;
    });
    return members.length === 1 ? members[0]! : null;
  }
  return null;
}

function sinksByName(sinks: SqlSinks): Map<string, FunctionNode[]> {
  const byName = new Map<string, FunctionNode[]>();
  for (const fn of sinks.keys()) {
    const name = functionName(fn);
    if (name !== null) byName.set(name, [...(byName.get(name) ?? []), fn]);
  }
  return byName;
}

/**
 * The functions of this file that are raw-SQL calls for some parameter. `sqlArgument` gives the SQL
 * argument of a known raw-SQL call (a library's), undefined for any other call.
 */
export function findSqlSinks(file: FileIndex, sqlArgument: (call: ts.CallExpression) => ts.Expression | undefined): SqlSinks {
  const sinks: SqlSinks = new Map();
  const add = (expr: ts.Expression): boolean => {
    const found: { fn: FunctionNode; index: number }[] = [];
    parametersIn(file, expr, found);
    let grew = false;
    for (const { fn, index } of found) {
      let indexes = sinks.get(fn);
      if (!indexes) sinks.set(fn, (indexes = new Set()));
      if (!indexes.has(index)) {
        indexes.add(index);
        grew = true;
      }
    }
    return grew;
  };
  for (const call of file.calls) {
    const arg = sqlArgument(call);
    if (arg) add(arg);
  }
  // A function passing its parameter to one of these is one too.
  for (let round = 0; round < MAX_ROUNDS && sinks.size > 0; round++) {
    const byName = sinksByName(sinks);
    let grew = false;
    for (const call of file.calls) {
      const fn = calledSink(file, call, sinks, byName);
      if (!fn) continue;
      for (const index of sinks.get(fn)!) {
        const arg = call.arguments[index];
        if (arg && add(arg)) grew = true;
      }
    }
    if (!grew) break;
  }
  return sinks;
}

/** The export a callee names, when it comes from another project file. */
function importedCallee(file: FileIndex, callee: ts.Expression): Omit<SqlSinkRef, 'index'> | null {
  const direct = importedConstant(file, callee);
  if (direct) return { module: direct.module, name: direct.name, path: direct.path };
  const node = unwrap(callee);
  if (!ts.isIdentifier(node) || file.bindings.lookup(node)) return null;
  const destructured = destructuredFrom(node);
  if (!destructured) return null;
  const root = importedConstant(file, destructured.from);
  if (root) return { module: root.module, name: root.name, path: [...root.path, destructured.property] };
  // `const { rawQuery } = db` with `db` itself a default or named import (no member path).
  const from = unwrap(destructured.from);
  if (!ts.isIdentifier(from) || file.bindings.lookup(from)) return null;
  const imported = file.input.importsByLocal.get(from.text);
  if (!imported?.module) return null;
  if (imported.imported === '*') return { module: imported.module, name: destructured.property, path: [] };
  return { module: imported.module, name: imported.imported, path: [destructured.property] };
}

/**
 * Calls of raw-SQL functions of the project with an argument at a SQL position: local ones (via null)
 * and imported ones (via names the export). `isSqlCandidate` says whether an argument holds SQL text.
 */
export function wrapperCalls(file: FileIndex, sinks: SqlSinks, isSqlCandidate: (arg: ts.Expression) => boolean): WrapperCall[] {
  const out: WrapperCall[] = [];
  const byName = sinksByName(sinks);
  for (const call of file.calls) {
    const local = sinks.size > 0 ? calledSink(file, call, sinks, byName) : null;
    if (local) {
      for (const index of [...sinks.get(local)!].sort((a, b) => a - b)) {
        const arg = call.arguments[index];
        if (arg && isSqlCandidate(arg)) out.push({ call, arg, via: null });
      }
      continue;
    }
    const sqlArgs = call.arguments.map((arg, index) => ({ arg, index })).filter(({ arg }) => isSqlCandidate(arg));
    if (sqlArgs.length === 0) continue;
    const imported = importedCallee(file, call.expression);
    if (!imported) continue;
    for (const { arg, index } of sqlArgs) out.push({ call, arg, via: { ...imported, index } });
  }
  return out;
}

/** The exported names of the file's top-level declarations: exported name -> local name ('default' too). */
function exportedLocals(sourceFile: ts.SourceFile): Map<string, ts.Node> {
  const locals = new Map<string, ts.Node>();
  const out = new Map<string, ts.Node>();
  const byLocal = new Map<string, string[]>();
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      locals.set(statement.name.text, statement);
      if (hasExportModifier(statement)) {
        const isDefault = ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
        out.set(isDefault ? 'default' : statement.name.text, statement);
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        locals.set(declaration.name.text, declaration.initializer);
        if (hasExportModifier(statement)) out.set(declaration.name.text, declaration.initializer);
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const value = unwrap(statement.expression);
      if (ts.isIdentifier(value)) byLocal.set(value.text, [...(byLocal.get(value.text) ?? []), 'default']);
      else out.set('default', value);
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        const local = (element.propertyName ?? element.name).text;
        byLocal.set(local, [...(byLocal.get(local) ?? []), element.name.text]);
      }
    }
  }
  for (const [local, names] of byLocal) {
    const node = locals.get(local);
    if (node) for (const name of names) out.set(name, node);
  }
  return out;
}

/**
 * What other files may call as raw-SQL functions: export key (`rawQuery`, `default`, `default.rawQuery`
 * for a function held by an exported object) -> the SQL parameters' indexes. Null when there are none.
 */
export function exportedSqlSinks(file: FileIndex, sinks: SqlSinks): Record<string, number[]> | null {
  if (sinks.size === 0) return null;
  const out: Record<string, number[]> = {};
  /** The sink a value is: the function itself, or a name of a local function declaration or variable. */
  const sinkOf = (value: ts.Node, locals: ReadonlyMap<string, ts.Node>): FunctionNode | null => {
    let node: ts.Node = ts.isExpression(value) ? unwrap(value) : value;
    if (ts.isIdentifier(node)) node = locals.get(node.text) ?? node;
    if (ts.isExpression(node)) node = unwrap(node);
    return sinks.has(node as FunctionNode) ? (node as FunctionNode) : null;
  };
  const locals = new Map<string, ts.Node>();
  for (const statement of file.sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) locals.set(statement.name.text, statement);
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) locals.set(declaration.name.text, declaration.initializer);
      }
    }
  }
  const put = (key: string, fn: FunctionNode): void => {
    out[key] = [...sinks.get(fn)!].sort((a, b) => a - b);
  };
  for (const [name, value] of exportedLocals(file.sourceFile)) {
    const fn = sinkOf(value, locals);
    if (fn) {
      put(name, fn);
      continue;
    }
    // `export default { rawQuery, pagedRawQuery }`, `export const db = { query: run }`.
    let object: ts.Node = ts.isExpression(value) ? unwrap(value) : value;
    if (ts.isIdentifier(object)) object = locals.get(object.text) ?? object;
    if (!ts.isExpression(object)) continue;
    object = unwrap(object);
    if (!ts.isObjectLiteralExpression(object)) continue;
    for (const property of object.properties) {
      const key = property.name ? propertyNameText(property.name) : null;
      if (key === null) continue;
      let member: FunctionNode | null = null;
      if (ts.isShorthandPropertyAssignment(property)) member = sinkOf(property.name, locals);
      else if (ts.isPropertyAssignment(property)) member = sinkOf(property.initializer, locals);
      else if (ts.isMethodDeclaration(property)) member = sinks.has(property) ? property : null;
      if (member) put(constantKey(name, [key]), member);
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}
