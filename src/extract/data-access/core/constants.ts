// Table names kept in constants: `const T = { USERS: 'users' } as const`, `enum Tables { Users = 'users' }`,
// `const TABLE = 'orders'`, `${PREFIX}orders`, `this.tableName` set once. Read in this file through its
// bindings; a constant imported from another project file becomes a `constant` target that the linker
// reads from that file's `exportedStrings` (facts are per file, so the value cannot be read here).
import ts from '../../../shared/typescript.cjs';
import type { EntityRef } from '../../../shared/facts.js';
import { compareStrings } from '../../../shared/sort.js';
import type { FileIndex } from './file-index.js';
import { hasExportModifier, propertyNameText, stringValue, unwrap } from './syntax.js';

const MAX_DEPTH = 6;

/** What a name stands for: the expression it holds, or an enum declaration. */
type NameValue = ts.Expression | ts.EnumDeclaration | null;
type NameLookup = (name: ts.Identifier) => NameValue;

/** `T.A.B`, `T['A']`, `this.x` excluded: the root name and the keys below it. */
function memberPath(expr: ts.Expression): { root: ts.Identifier; path: string[] } | null {
  const path: string[] = [];
  let node = unwrap(expr);
  for (;;) {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) {
      path.unshift(node.name.text);
      node = unwrap(node.expression);
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      path.unshift(node.argumentExpression.text);
      node = unwrap(node.expression);
    } else {
      break;
    }
  }
  return ts.isIdentifier(node) && path.length > 0 ? { root: node, path } : null;
}

/** `Object.freeze({...})` is the object itself. */
function frozen(expr: ts.Expression): ts.Expression {
  const node = unwrap(expr);
  if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isPropertyAccessExpression(node.expression)) {
    const callee = node.expression;
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'freeze') return unwrap(node.arguments[0]!);
  }
  return node;
}

/** The value at `path` inside an object literal or enum; null when a key is missing or computed. */
function memberValue(value: NameValue, path: readonly string[], lookup: NameLookup, depth: number): string | null {
  if (!value || depth > MAX_DEPTH) return null;
  if (ts.isEnumDeclaration(value)) {
    if (path.length !== 1) return null;
    const member = value.members.find((candidate) => propertyNameText(candidate.name) === path[0]);
    return member?.initializer ? resolveString(member.initializer, lookup, depth + 1) : null;
  }
  let node: ts.Expression = frozen(value);
  for (let index = 0; index < path.length; index++) {
    const key = path[index]!;
    // `const T = { ...BASE }` is not followed; `const T = OTHER` is.
    if (ts.isIdentifier(node)) {
      const named = lookup(node);
      if (!named || ts.isEnumDeclaration(named)) return memberValue(named, path.slice(index), lookup, depth + 1);
      node = frozen(named);
    }
    if (!ts.isObjectLiteralExpression(node)) return null;
    let next: ts.Expression | null = null;
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === key) next = property.initializer;
      else if (ts.isShorthandPropertyAssignment(property) && property.name.text === key) next = property.name;
    }
    if (!next) return null;
    node = frozen(next);
  }
  return resolveString(node, lookup, depth + 1);
}

function resolveString(expr: ts.Expression, lookup: NameLookup, depth: number): string | null {
  if (depth > MAX_DEPTH) return null;
  const node = unwrap(expr);
  const literal = stringValue(node);
  if (literal !== null) return literal;
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const hole = resolveString(span.expression, lookup, depth + 1);
      if (hole === null) return null;
      text += hole + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = resolveString(node.left, lookup, depth + 1);
    const right = left === null ? null : resolveString(node.right, lookup, depth + 1);
    return left === null || right === null ? null : left + right;
  }
  if (ts.isIdentifier(node)) {
    const value = lookup(node);
    return value && !ts.isEnumDeclaration(value) ? resolveString(value, lookup, depth + 1) : null;
  }
  const member = memberPath(node);
  return member ? memberValue(lookup(member.root), member.path, lookup, depth + 1) : null;
}

const enumsByFile = new WeakMap<FileIndex, Map<string, ts.EnumDeclaration>>();

function fileEnums(file: FileIndex): Map<string, ts.EnumDeclaration> {
  let enums = enumsByFile.get(file);
  if (!enums) {
    enums = new Map();
    for (const statement of file.sourceFile.statements) if (ts.isEnumDeclaration(statement)) enums.set(statement.name.text, statement);
    enumsByFile.set(file, enums);
  }
  return enums;
}

/** A name's value through the file's bindings: only a name given exactly one value (never reassigned). */
function bindingLookup(file: FileIndex): NameLookup {
  return (name) => {
    const site = file.bindings.lookup(name);
    if (!site) return file.input.importsByLocal.has(name.text) ? null : (fileEnums(file).get(name.text) ?? null);
    return site.kind === 'variable' && site.values.length === 1 ? site.values[0]! : null;
  };
}

/** The string an expression holds when this file spells it out from literals and constants; else null. */
export function constantString(file: FileIndex, expr: ts.Expression): string | null {
  const node = unwrap(expr);
  // `this.tableName` given one value in the class (a field initializer or a single assignment).
  if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
    const site = file.bindings.lookup(node);
    return site && site.values.length === 1 ? resolveString(site.values[0]!, bindingLookup(file), 1) : null;
  }
  return resolveString(node, bindingLookup(file), 0);
}

/** `TABLES.USERS`, `TABLE`, `names.Tables.Users` imported from another project file: a `constant` target. */
export function importedConstant(file: FileIndex, expr: ts.Expression): Extract<EntityRef, { by: 'constant' }> | null {
  const node = unwrap(expr);
  const member = ts.isIdentifier(node) ? { root: node, path: [] as string[] } : memberPath(node);
  if (!member) return null;
  // A local name shadowing the import is not it.
  if (file.bindings.lookup(member.root)) return null;
  const imported = file.input.importsByLocal.get(member.root.text);
  if (!imported || imported.module === null) return null;
  if (imported.imported === '*') {
    const [name, ...path] = member.path;
    return name === undefined ? null : { by: 'constant', name, module: imported.module, path };
  }
  return { by: 'constant', name: imported.imported, module: imported.module, path: member.path };
}

/** Values worth keeping for other files: what a table (or `schema.table`) name can look like. */
const TABLE_LIKE = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/;
const MAX_EXPORTED = 500;
const MAX_OBJECT_DEPTH = 3;

/**
 * The file's exported string constants, keyed by their path from the export: `TABLES.USERS`,
 * `Tables.Users`, `ORDERS_TABLE`. Top-level statements only, so it is cheap on every file.
 */
export function exportedStrings(sourceFile: ts.SourceFile): Record<string, string> | undefined {
  const locals = new Map<string, NameValue>();
  const exported = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        locals.set(declaration.name.text, declaration.initializer);
        if (hasExportModifier(statement)) exported.set(declaration.name.text, declaration.name.text);
      }
    } else if (ts.isEnumDeclaration(statement)) {
      locals.set(statement.name.text, statement);
      if (hasExportModifier(statement)) exported.set(statement.name.text, statement.name.text);
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) exported.set(element.name.text, (element.propertyName ?? element.name).text);
    }
  }
  if (exported.size === 0) return undefined;
  const lookup: NameLookup = (name) => locals.get(name.text) ?? null;
  const out: Record<string, string> = {};
  let count = 0;
  const record = (key: string, value: string | null): void => {
    if (value !== null && count < MAX_EXPORTED && TABLE_LIKE.test(value)) {
      out[key] = value;
      count++;
    }
  };
  const walk = (key: string, value: NameValue, depth: number): void => {
    if (!value || count >= MAX_EXPORTED) return;
    if (ts.isEnumDeclaration(value)) {
      for (const member of value.members) {
        const name = propertyNameText(member.name);
        if (name !== null && member.initializer) record(`${key}.${name}`, resolveString(member.initializer, lookup, 1));
      }
      return;
    }
    const node = frozen(value);
    if (ts.isObjectLiteralExpression(node)) {
      if (depth >= MAX_OBJECT_DEPTH) return;
      for (const property of node.properties) {
        if (ts.isPropertyAssignment(property)) {
          const name = propertyNameText(property.name);
          if (name !== null) walk(`${key}.${name}`, property.initializer, depth + 1);
        } else if (ts.isShorthandPropertyAssignment(property)) {
          walk(`${key}.${property.name.text}`, property.name, depth + 1);
        }
      }
      return;
    }
    if (ts.isIdentifier(node) && depth < MAX_OBJECT_DEPTH) {
      const named = lookup(node);
      if (named && (ts.isEnumDeclaration(named) || ts.isObjectLiteralExpression(frozen(named)))) {
        walk(key, named, depth + 1);
        return;
      }
    }
    record(key, resolveString(node, lookup, depth));
  };
  for (const [exportedName, localName] of [...exported].sort(([a], [b]) => compareStrings(a, b))) {
    walk(exportedName, locals.get(localName) ?? null, 0);
  }
  return count > 0 ? out : undefined;
}
