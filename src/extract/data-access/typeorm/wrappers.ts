// Functions and methods a project wraps TypeORM in, read from their bodies: which parameter reaches a
// repository the function returns (`export const getRepository = (target) => dataSource.getRepository(target)`,
// `getRepository(ctx, target) { return this.dataSource.getRepository(target) }`), and which parameter
// names the entity of an access the function makes itself (`getEntityOrThrow(ctx, type, id)` calling
// `this.getRepository(ctx, type).findOne(...)`). Calls of such a function then name the entity with that
// argument. Wrappers of wrappers are found by going over the file again (a few rounds at most).
import ts from '../../../shared/typescript.cjs';
import type { AccessMode } from '../../../shared/facts.js';
import { followValue } from '../core/bindings.js';
import type { FileIndex } from '../core/file-index.js';
import { methodCall, propertyNameText, unwrap } from '../core/syntax.js';
import { INSTANCE_ARGUMENT_METHODS, REPOSITORY_METHODS } from './vocabulary.js';

type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export interface WrapperShape {
  /** The parameter whose entity the function returns a repository of. */
  repository?: number;
  /** Parameter -> what the function itself does to that parameter's entity. */
  accesses: Map<number, Set<AccessMode>>;
}

export interface FileWrappers {
  /** The wrapper a call calls (a function of this file, `this.method` of the enclosing class), or null. */
  calleeOf(call: ts.CallExpression): { name: string; shape: WrapperShape } | null;
  /** Every wrapper of the file by name: top-level functions by their name, methods as `Class.method`. */
  shapes: ReadonlyMap<string, WrapperShape>;
  /** Calls inside wrappers whose entity is the forwarded parameter: not unresolved, their callers name it. */
  forwarding: ReadonlySet<ts.Node>;
}

export const REPOSITORY_FACTORIES = new Set(['getRepository', 'getTreeRepository', 'getMongoRepository']);

/** Types a parameter that carries an entity class is declared with (`EntityTarget<T>`, `Type<T>`, `new () => T`). */
const ENTITY_PARAMETER_TYPE = /Target|Type\b|Type<|Class|Constructor|Function|typeof|new\s*\(/;

interface Candidate {
  name: string;
  fn: FunctionNode;
  cls: ts.ClassLikeDeclaration | null;
}

function candidatesOf(file: FileIndex): Candidate[] {
  const found: Candidate[] = [];
  for (const statement of file.sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
      found.push({ name: statement.name.text, fn: statement, cls: null });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer ? unwrap(declaration.initializer) : undefined;
        if (ts.isIdentifier(declaration.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          found.push({ name: declaration.name.text, fn: init, cls: null });
        }
      }
    }
  }
  for (const cls of file.classes) {
    if (!cls.name) continue;
    for (const member of cls.members) {
      if (!ts.isMethodDeclaration(member) || !member.body) continue;
      const name = propertyNameText(member.name);
      if (name !== null) found.push({ name: `${cls.name.text}.${name}`, fn: member, cls });
    }
  }
  return found;
}

/** The candidate a node sits in (nested callbacks belong to the function around them). */
function enclosingCandidate(node: ts.Node, byNode: ReadonlyMap<ts.Node, Candidate>): Candidate | null {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    const found = byNode.get(current);
    if (found) return found;
  }
  return null;
}

/**
 * `isManager` says whether an expression is an EntityManager/DataSource; `extra` names more repository
 * factories (the config's `dataAccess.repositoryFactories`).
 */
export function analyzeWrappers(file: FileIndex, isManager: (expr: ts.Expression) => boolean, extraFactories: ReadonlySet<string> = new Set()): FileWrappers {
  const candidates = candidatesOf(file);
  const byNode = new Map<ts.Node, Candidate>(candidates.map((candidate) => [candidate.fn, candidate]));
  const byName = new Map<string, Candidate>(candidates.map((candidate) => [candidate.name, candidate]));
  const shapes = new Map<string, WrapperShape>();
  const forwarding = new Set<ts.Node>();

  const calleeCandidate = (call: ts.CallExpression): Candidate | null => {
    const callee = unwrap(call.expression);
    if (ts.isIdentifier(callee)) {
      const found = byName.get(callee.text);
      // A name shadowed by a local of the same name is not the top-level function.
      const site = file.bindings.lookup(callee);
      return found && !found.cls && (!site || site.isModuleLevel) ? found : null;
    }
    if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      let cls: ts.Node | undefined = callee.parent;
      while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
      const name = cls && (cls as ts.ClassLikeDeclaration).name?.text;
      return name ? (byName.get(`${name}.${callee.name.text}`) ?? null) : null;
    }
    return null;
  };

  /** The parameter of `fn` an expression is, by its declaration. */
  const parameterIndex = (fn: FunctionNode, expr: ts.Expression | undefined): number | null => {
    if (!expr) return null;
    const node = unwrap(expr);
    if (!ts.isIdentifier(node)) return null;
    const site = file.bindings.lookup(node);
    if (!site || site.kind !== 'parameter') return null;
    const index = fn.parameters.findIndex((parameter) => parameter === site.declaration);
    return index >= 0 ? index : null;
  };

  /** Which argument of a TypeORM-named factory names the entity: the only one, or the one typed as a class. */
  const factoryEntityArgument = (fn: FunctionNode, call: ts.CallExpression): number | null => {
    const indexes = call.arguments.map((arg) => parameterIndex(fn, arg));
    if (call.arguments.length === 1) return indexes[0] ?? null;
    const typed = indexes.filter((index): index is number => {
      if (index === null) return false;
      const type = fn.parameters[index]?.type;
      return type !== undefined && ENTITY_PARAMETER_TYPE.test(type.getText(file.sourceFile));
    });
    if (typed.length === 1) return typed[0]!;
    const params = indexes.filter((index): index is number => index !== null);
    return params.length > 0 ? params[params.length - 1]! : null;
  };

  /** A call making a repository of one of `fn`'s parameters: that parameter. */
  const repositoryParameter = (fn: FunctionNode, call: ts.CallExpression): number | null => {
    const wrapped = calleeCandidate(call);
    const shape = wrapped ? shapes.get(wrapped.name) : undefined;
    if (shape?.repository !== undefined) return parameterIndex(fn, call.arguments[shape.repository]);
    const method = methodCall(call);
    const name = method?.name ?? (ts.isIdentifier(call.expression) ? call.expression.text : null);
    if (name === null || (!REPOSITORY_FACTORIES.has(name) && !extraFactories.has(name))) return null;
    return factoryEntityArgument(fn, call);
  };

  /** An expression holding a repository of a parameter: the factory call itself or a variable given one. */
  const repositoryOfParameter = (fn: FunctionNode, expr: ts.Expression): { index: number; origin: ts.Node } | null =>
    followValue(
      file.bindings,
      expr,
      (node) => {
        if (!ts.isCallExpression(node)) return null;
        const index = repositoryParameter(fn, node);
        return index === null ? null : { index, origin: node };
      },
      () => null,
    );

  const add = (shape: WrapperShape, index: number, mode: AccessMode): boolean => {
    let modes = shape.accesses.get(index);
    if (!modes) shape.accesses.set(index, (modes = new Set()));
    if (modes.has(mode)) return false;
    modes.add(mode);
    return true;
  };

  const shapeOf = (candidate: Candidate): WrapperShape => {
    let shape = shapes.get(candidate.name);
    if (!shape) shapes.set(candidate.name, (shape = { accesses: new Map() }));
    return shape;
  };

  // Each round may find wrappers the next round's calls go through; three cover wrappers of wrappers.
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (const call of file.calls) {
      const candidate = enclosingCandidate(call, byNode);
      if (!candidate) continue;
      const fn = candidate.fn;
      // A returned repository: `return dataSource.getRepository(target)`, or the arrow's body.
      const returned = call.parent && (ts.isReturnStatement(call.parent) || (ts.isArrowFunction(call.parent) && call.parent.body === call));
      if (returned && nearestFunction(call) === fn) {
        const index = repositoryParameter(fn, call);
        if (index !== null) {
          const shape = shapeOf(candidate);
          if (shape.repository === undefined) {
            shape.repository = index;
            changed = true;
          }
          forwarding.add(call);
        }
      }
      const method = methodCall(call);
      if (method) {
        const mode = method.name === 'createQueryBuilder' ? 'read' : REPOSITORY_METHODS[method.name];
        const repository = mode ? repositoryOfParameter(fn, method.receiver) : null;
        if (mode && repository) {
          changed = add(shapeOf(candidate), repository.index, mode) || changed;
          forwarding.add(repository.origin);
          forwarding.add(call);
          continue;
        }
        if (mode && method.name !== 'createQueryBuilder' && isManager(method.receiver)) {
          const index = parameterIndex(fn, call.arguments[0]);
          // `manager.save(order)` with `order: Order` saves an instance whose type already names it.
          if (index !== null && (!INSTANCE_ARGUMENT_METHODS.has(method.name) || carriesEntityClass(fn.parameters[index]!))) {
            changed = add(shapeOf(candidate), index, mode) || changed;
            forwarding.add(call);
            continue;
          }
        }
      }
      // A wrapper calling a wrapper that accesses: the same accesses, on whichever parameter it passes on.
      const wrapped = calleeCandidate(call);
      const inner = wrapped && wrapped !== candidate ? shapes.get(wrapped.name) : undefined;
      for (const [argument, modes] of inner?.accesses ?? []) {
        const index = parameterIndex(fn, call.arguments[argument]);
        if (index === null) continue;
        for (const mode of modes) changed = add(shapeOf(candidate), index, mode) || changed;
        forwarding.add(call);
      }
    }
    if (!changed) break;
  }
  for (const [name, shape] of [...shapes]) if (shape.repository === undefined && shape.accesses.size === 0) shapes.delete(name);

  return {
    shapes,
    forwarding,
    calleeOf: (call) => {
      const candidate = calleeCandidate(call);
      const shape = candidate ? shapes.get(candidate.name) : undefined;
      return candidate && shape ? { name: candidate.name, shape } : null;
    },
  };
}

/** A parameter that may hold an entity class or name (no type, `EntityTarget<T>`, `string`), not an instance. */
function carriesEntityClass(parameter: ts.ParameterDeclaration): boolean {
  const type = parameter.type;
  if (!type) return true;
  if (type.kind === ts.SyntaxKind.StringKeyword || type.kind === ts.SyntaxKind.AnyKeyword || type.kind === ts.SyntaxKind.UnknownKeyword) return true;
  return ts.isTypeQueryNode(type) || ts.isConstructorTypeNode(type) || ENTITY_PARAMETER_TYPE.test(type.getText());
}

function nearestFunction(node: ts.Node): ts.Node | null {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current) || ts.isArrowFunction(current) || ts.isMethodDeclaration(current)) return current;
  }
  return null;
}
