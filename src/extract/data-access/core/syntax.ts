// Small readers over raw compiler nodes, shared by every adapter. Syntax only: no binder, no checker.
import ts from '../../../shared/typescript.cjs';

/** Drops wrappers that do not change which value an expression is: `(x)`, `x!`, `x as T`, `await x`. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let current = expr;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isTypeAssertionExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isAwaitExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

export function stringValue(node: ts.Node | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return null;
}

/** `recv.name(...)` or `recv['name'](...)`: the receiver and the method name. */
export function methodCall(call: ts.CallExpression): { receiver: ts.Expression; name: string } | null {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    return { receiver: callee.expression, name: callee.name.text };
  }
  if (ts.isElementAccessExpression(callee)) {
    const name = stringValue(callee.argumentExpression);
    if (name !== null) return { receiver: callee.expression, name };
  }
  return null;
}

/** The name a call is made by: `f(...)` -> 'f', `a.b.f(...)` -> 'f'. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | null {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return null;
}

/** `a.b.c` -> 'a.b.c', `this.repo` -> 'this.repo'; null for anything that is not a plain name chain. */
export function dottedName(expr: ts.Expression): string | null {
  const node = unwrap(expr);
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node)) {
    const left = dottedName(node.expression);
    return left === null ? null : `${left}.${node.name.text}`;
  }
  return null;
}

/** The last name of an expression: `this.prisma` -> 'prisma', `ctx.db` -> 'db', `db` -> 'db'. */
export function lastName(expr: ts.Expression): string | null {
  const node = unwrap(expr);
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return null;
}

export function isThisProperty(expr: ts.Expression): expr is ts.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(expr) && expr.expression.kind === ts.SyntaxKind.ThisKeyword;
}

export interface DecoratorInfo {
  name: string;
  args: readonly ts.Expression[];
  node: ts.Decorator;
}

export function decoratorsOf(node: ts.Node): DecoratorInfo[] {
  const decorators = ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined;
  if (!decorators) return [];
  const infos: DecoratorInfo[] = [];
  for (const decorator of decorators) {
    const expr = decorator.expression;
    if (ts.isCallExpression(expr)) {
      const name = calleeName(expr);
      if (name) infos.push({ name, args: expr.arguments, node: decorator });
    } else if (ts.isIdentifier(expr)) {
      infos.push({ name: expr.text, args: [], node: decorator });
    } else if (ts.isPropertyAccessExpression(expr)) {
      infos.push({ name: expr.name.text, args: [], node: decorator });
    }
  }
  return infos;
}

export function findDecorator(node: ts.Node, names: readonly string[]): DecoratorInfo | undefined {
  return decoratorsOf(node).find((info) => names.includes(info.name));
}

/** `Repository<Order>` -> { name: 'Repository', args: [Order] }; `Knex.Transaction` -> 'Knex.Transaction'. */
export function typeReference(type: ts.TypeNode | undefined): { name: string; args: readonly ts.TypeNode[] } | null {
  if (!type || !ts.isTypeReferenceNode(type)) return null;
  return { name: entityNameText(type.typeName), args: type.typeArguments ?? [] };
}

export function entityNameText(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : `${entityNameText(name.left)}.${name.right.text}`;
}

/** The last segment of a type name: `Knex.Transaction` -> 'Transaction'. */
export function typeBaseName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name : name.slice(dot + 1);
}

/** Where a destructured local comes from: `const { rawQuery } = db` -> `db` and ['rawQuery']. */
export function destructuredFrom(name: ts.Identifier): { from: ts.Expression; property: string } | null {
  for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isModuleBlock(scope)) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isObjectBindingPattern(declaration.name) || !declaration.initializer) continue;
        for (const element of declaration.name.elements) {
          if (element.dotDotDotToken || !ts.isIdentifier(element.name) || element.name.text !== name.text) continue;
          const property = element.propertyName ? propertyNameText(element.propertyName) : element.name.text;
          return property === null ? null : { from: declaration.initializer, property };
        }
      }
    }
  }
  return null;
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return null;
}

/** A property of an object literal by name (`{ tableName: 'orders' }`). */
export function objectProperty(obj: ts.Expression | undefined, key: string): ts.Expression | undefined {
  if (!obj) return undefined;
  const node = unwrap(obj);
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === key) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === key) return property.name;
  }
  return undefined;
}

export function objectString(obj: ts.Expression | undefined, key: string): string | null {
  return stringValue(objectProperty(obj, key));
}

export function objectFlag(obj: ts.Expression | undefined, key: string): boolean {
  return objectProperty(obj, key)?.kind === ts.SyntaxKind.TrueKeyword;
}

export function isFunctionLike(node: ts.Node): node is ts.SignatureDeclaration & ts.Node {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** The class whose `this` a node sees: arrow functions keep it, other functions rebind it. */
export function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | null {
  let current: ts.Node | undefined = node.parent;
  while (current) {
    if (ts.isClassDeclaration(current) || ts.isClassExpression(current)) return current;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return null;
    current = current.parent;
  }
  return null;
}

/** `class X extends Base<T>`: the base's name and type arguments. */
export function extendsClause(cls: ts.ClassLikeDeclaration): { name: string; args: readonly ts.TypeNode[] } | null {
  for (const clause of cls.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
    const base = clause.types[0];
    if (!base) return null;
    const name = dottedName(base.expression);
    return name === null ? null : { name, args: base.typeArguments ?? [] };
  }
  return null;
}

export function hasExportModifier(node: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

/** The calls made on a value right after it, in a fluent chain: `x.a().b()` from `x` gives a, b. */
export function chainAbove(node: ts.Expression): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  let current: ts.Node = node;
  for (;;) {
    let parent = current.parent;
    while (parent && (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent))) {
      current = parent;
      parent = parent.parent;
    }
    if (!parent || !ts.isPropertyAccessExpression(parent) || parent.expression !== current) return calls;
    const call = parent.parent;
    if (!call || !ts.isCallExpression(call) || call.expression !== parent) return calls;
    calls.push(call);
    current = call;
  }
}

/** The top of the fluent chain `node` starts: the expression whose value the whole chain produces. */
export function chainTop(node: ts.Expression): ts.Expression {
  const above = chainAbove(node);
  return above[above.length - 1] ?? node;
}

/** Going down a fluent chain: `a.b().c()` -> the receiver at its root (`a`) and the calls from the root up. */
export function chainRoot(call: ts.CallExpression): { root: ts.Expression; calls: ts.CallExpression[] } {
  const calls: ts.CallExpression[] = [call];
  let current: ts.Expression = call;
  for (;;) {
    const method = ts.isCallExpression(current) ? methodCall(current) : null;
    if (!method) break;
    const receiver = unwrap(method.receiver);
    if (ts.isCallExpression(receiver) && methodCall(receiver)) {
      calls.unshift(receiver);
      current = receiver;
    } else {
      return { root: receiver, calls };
    }
  }
  return { root: current, calls };
}

/** The name a function is called by: its declaration, or the variable, property or method holding it. */
export function functionName(fn: ts.Node): string | null {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return propertyNameText(fn.name);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return null;
  const holder = fn.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer === fn) {
    return propertyNameText(holder.name);
  }
  return null;
}
