// Role facts of one file (RoleFacts): the syntax that tells framework furniture apart from domain code.
// A visitor for the shared walk collects local names; `resolveRoleFacts` turns the names into project
// files through the file's imports once they are resolved. Syntax only: no type checker, so an
// interface or decorator is known by its name, as people and frameworks name them.
import ts from '../../shared/typescript.cjs';
import type { ImportFact, RepoPath, RoleFacts } from '../../shared/facts.js';
import { schemaRoleOf } from '../data-access/core/schema-role.js';

const DECORATOR_FACTORIES = new Set(['createParamDecorator', 'SetMetadata', 'applyDecorators']);
const PROVIDER_KEYS = new Set(['useFactory', 'useClass', 'useValue', 'useExisting']);
/** Calls that mount a router, middleware or plugin: express/koa `use`, fastify `register`. */
const MOUNT_METHODS = new Set(['use', 'register']);
/** Exported functions with these prefixes that construct project classes are DI factories. */
const FACTORY_NAME = /^(create|make|build)[A-Z_]/;

export interface RawRoleFacts {
  decorators: Set<string>;
  implements: Set<string>;
  baseLocals: Set<string>;
  decoratorFactories: Set<string>;
  mountLocals: Set<string>;
  providers: number;
  constructLocals: Set<string>;
  classes: number;
  exportedFunctions: number;
  middleware: number;
}

function lastName(expression: ts.Expression): string | null {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  if (ts.isCallExpression(expression)) return lastName(expression.expression);
  return null;
}

/** The local name an expression starts from: `x`, `x.routes()`, `auth()`, `ns.router` -> x / auth / ns. */
function rootName(expression: ts.Expression): string | null {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return rootName(expression.expression);
  if (ts.isCallExpression(expression)) return rootName(expression.expression);
  if (ts.isAsExpression(expression) || ts.isParenthesizedExpression(expression) || ts.isNonNullExpression(expression)) return rootName(expression.expression);
  return null;
}

function isExported(node: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

function parameterName(parameter: ts.ParameterDeclaration | undefined): string {
  return parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : '';
}

function typeName(parameter: ts.ParameterDeclaration | undefined): string {
  const type = parameter?.type;
  if (type && ts.isTypeReferenceNode(type)) return ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  return '';
}

type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

function isFunctionNode(node: ts.Node | undefined): node is FunctionNode {
  return node !== undefined && (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node));
}

/** `(req, res, next)` (express, typed NextFunction or named next) or `(ctx, next)` (koa). */
function hasMiddlewareParameters(fn: FunctionNode): boolean {
  const parameters = fn.parameters;
  const last = parameters[parameters.length - 1];
  const isNext = parameterName(last) === 'next' || typeName(last) === 'NextFunction' || typeName(last) === 'Next';
  if (parameters.length === 3) return isNext;
  return parameters.length === 2 && isNext && /^(ctx|context)$/.test(parameterName(parameters[0]));
}

/** Middleware, or a factory returning middleware (`isAuthenticated(permission)`), one level deep. */
function isMiddlewareShaped(fn: FunctionNode): boolean {
  if (hasMiddlewareParameters(fn)) return true;
  const body = fn.body;
  if (body === undefined) return false;
  if (!ts.isBlock(body)) return isFunctionNode(body) && hasMiddlewareParameters(body);
  return body.statements.some((statement) => ts.isReturnStatement(statement) && isFunctionNode(statement.expression) && hasMiddlewareParameters(statement.expression));
}

/** Top-level exported functions: `export function f`, `export const f = () => ...`, `export default function`. */
function exportedFunctionsOf(sourceFile: ts.SourceFile): FunctionNode[] {
  const result: FunctionNode[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && isExported(statement)) result.push(statement);
    else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (isFunctionNode(declaration.initializer)) result.push(declaration.initializer);
      }
    }
  }
  return result;
}

/** The name of the exported function enclosing `node`, if any. */
function enclosingExportedFunction(node: ts.Node): string | null {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current)) return isExported(current) && current.name ? current.name.text : null;
    if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isVariableDeclaration(current.parent)) {
      const statement = current.parent.parent?.parent;
      if (statement && ts.isVariableStatement(statement) && isExported(statement) && ts.isIdentifier(current.parent.name)) return current.parent.name.text;
    }
  }
  return null;
}

export function createRoleScanner(sourceFile: ts.SourceFile): { visit: (node: ts.Node) => void; finish: () => RawRoleFacts } {
  const raw: RawRoleFacts = {
    decorators: new Set(),
    implements: new Set(),
    baseLocals: new Set(),
    decoratorFactories: new Set(),
    mountLocals: new Set(),
    providers: 0,
    constructLocals: new Set(),
    classes: 0,
    exportedFunctions: 0,
    middleware: 0,
  };
  const visitClass = (node: ts.ClassDeclaration | ts.ClassExpression): void => {
    raw.classes++;
    for (const decorator of ts.getDecorators(node) ?? []) {
      const name = lastName(decorator.expression);
      if (name) raw.decorators.add(name);
    }
    for (const clause of node.heritageClauses ?? []) {
      for (const type of clause.types) {
        if (clause.token === ts.SyntaxKind.ImplementsKeyword) {
          const name = lastName(type.expression);
          if (name) raw.implements.add(name);
        } else {
          const name = rootName(type.expression);
          if (name) raw.baseLocals.add(name);
        }
      }
    }
  };
  const visitCall = (node: ts.CallExpression): void => {
    const callee = node.expression;
    if (ts.isIdentifier(callee) && DECORATOR_FACTORIES.has(callee.text)) raw.decoratorFactories.add(callee.text);
    if (!ts.isPropertyAccessExpression(callee) || !MOUNT_METHODS.has(callee.name.text)) return;
    for (const argument of node.arguments) {
      const elements = ts.isArrayLiteralExpression(argument) ? argument.elements : [argument];
      for (const element of elements) {
        const name = rootName(element);
        if (name) raw.mountLocals.add(name);
      }
    }
  };
  const visitObject = (node: ts.ObjectLiteralExpression): void => {
    let provide = false;
    let use = false;
    for (const property of node.properties) {
      const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : '';
      if (name === 'provide') provide = true;
      else if (PROVIDER_KEYS.has(name)) use = true;
    }
    if (provide && use) raw.providers++;
  };
  const visitNew = (node: ts.NewExpression): void => {
    if (!ts.isIdentifier(node.expression)) return;
    const owner = enclosingExportedFunction(node);
    if (owner !== null && FACTORY_NAME.test(owner)) raw.constructLocals.add(node.expression.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) visitClass(node);
    else if (ts.isCallExpression(node)) visitCall(node);
    else if (ts.isObjectLiteralExpression(node)) visitObject(node);
    else if (ts.isNewExpression(node)) visitNew(node);
  };
  const finish = (): RawRoleFacts => {
    const exported = exportedFunctionsOf(sourceFile);
    raw.exportedFunctions = exported.length;
    raw.middleware = exported.filter(isMiddlewareShaped).length;
    return raw;
  };
  return { visit, finish };
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Local names resolved to the project files they are imported from; names from packages drop out. */
function projectFilesOf(locals: ReadonlySet<string>, moduleOf: ReadonlyMap<string, RepoPath>, self: RepoPath): string[] {
  return sorted([...locals].flatMap((local) => {
    const module = moduleOf.get(local);
    return module === undefined || module === self ? [] : [module];
  }));
}

/** The facts, with local names resolved through the file's imports; undefined when nothing was seen. */
export function resolveRoleFacts(path: RepoPath, text: string, raw: RawRoleFacts, imports: readonly ImportFact[]): RoleFacts | undefined {
  const moduleOf = new Map<string, RepoPath>();
  for (const fact of imports) {
    if (fact.resolved === null) continue;
    for (const binding of fact.bindings) if (binding.local) moduleOf.set(binding.local, fact.resolved);
  }
  const facts: RoleFacts = {};
  if (raw.decorators.size > 0) facts.decorators = sorted(raw.decorators);
  if (raw.implements.size > 0) facts.implements = sorted(raw.implements);
  const bases = projectFilesOf(raw.baseLocals, moduleOf, path);
  if (bases.length > 0) facts.bases = bases;
  if (raw.decoratorFactories.size > 0) facts.decoratorFactories = sorted(raw.decoratorFactories);
  const mounts = projectFilesOf(raw.mountLocals, moduleOf, path);
  if (mounts.length > 0) facts.mounts = mounts;
  if (raw.providers > 0) facts.providers = raw.providers;
  const constructs = projectFilesOf(raw.constructLocals, moduleOf, path);
  if (constructs.length > 0) facts.constructs = constructs;
  if (raw.classes > 0) facts.classes = raw.classes;
  if (raw.exportedFunctions > 0) facts.exportedFunctions = raw.exportedFunctions;
  if (raw.middleware > 0) facts.middleware = raw.middleware;
  const schema = schemaRoleOf(path, text);
  if (schema !== null) facts.schema = schema;
  return Object.keys(facts).length > 0 ? facts : undefined;
}
