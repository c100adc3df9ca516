// What a receiver is in TypeORM terms: a repository of some entity, or an EntityManager/DataSource,
// found through local data flow (fields set in the constructor, parameter properties, injected
// repositories, `this` inside a custom repository, transaction callbacks).
import ts from '../../../shared/typescript.cjs';
import { callbackCallOf, followValue, type BindingSite } from '../core/bindings.js';
import { symbolTarget, typeTarget, type Target } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import type { WrapperRef } from '../../../shared/facts.js';
import { fileImports, importOf, isMikroSpecifier, MIKRO_ORM_PACKAGES } from '../core/imports.js';
import { enclosingClass, extendsClause, findDecorator, lastName, methodCall, stringValue, typeBaseName, typeReference, unwrap } from '../core/syntax.js';
import { entityLikeArgument, projectCallee } from './project-calls.js';
import { REPOSITORY_FACTORIES, type FileWrappers } from './wrappers.js';

export interface RepositoryValue {
  target: Target;
  /** Where a run-time entity entered (the `getRepository(x)` call), for counting it once. */
  origin: ts.Node;
  /** Made by a function of another project file: stands only if that function is a repository wrapper. */
  wrapper?: WrapperRef;
}

const REPOSITORY_TYPES = new Set(['Repository', 'TreeRepository', 'MongoRepository']);
const MANAGER_TYPES = new Set(['EntityManager', 'DataSource', 'Connection', 'MongoEntityManager']);
const MANAGER_NAME = /^(dataSource|appDataSource|connection|manager|entityManager|transactionalEntityManager|db)$/i;

/** An entity named by an argument: a class, a string entity name, or something only known at run time. */
export function entityArgument(file: FileIndex, arg: ts.Expression | undefined): Target {
  if (!arg) return 'dynamic';
  const name = stringValue(unwrap(arg));
  if (name !== null) return { by: 'model', name, orm: 'typeorm' };
  return symbolTarget(file, arg) ?? 'dynamic';
}

/**
 * The entity among a call's arguments: the first that names one (a class, a string), so that
 * `connection.getRepository(ctx, Order)` is Order's repository whatever comes before it; `dynamic`
 * when none does.
 */
export function entityAmong(file: FileIndex, args: readonly ts.Expression[]): Target {
  if (args.length <= 1) return entityArgument(file, args[0]);
  for (const arg of args) {
    const target = entityArgument(file, arg);
    if (target !== 'dynamic') return target;
  }
  return 'dynamic';
}

/** A class declared in this file that extends `Repository<T>`: T. */
export function repositoryClassTarget(file: FileIndex, cls: ts.ClassLikeDeclaration): Target | null {
  const base = extendsClause(cls);
  if (!base || !REPOSITORY_TYPES.has(typeBaseName(base.name))) return null;
  const arg = base.args[0];
  if (arg) return typeTarget(file, arg) ?? 'dynamic';
  const decorator = findDecorator(cls, ['EntityRepository', 'CustomRepository']);
  return decorator ? entityArgument(file, decorator.args[0]) : 'dynamic';
}

function localClass(file: FileIndex, name: string): ts.ClassLikeDeclaration | undefined {
  return file.classes.find((cls) => cls.name?.text === name);
}

export function createReceivers(file: FileIndex, extraFactories: ReadonlySet<string> = new Set()) {
  const isMikroFile = fileImports(file, MIKRO_ORM_PACKAGES);
  // Set once the file's wrappers are known (they are found with `isManager`, below).
  let wrappers: FileWrappers | null = null;

  const repositoryDirect = (expr: ts.Expression): RepositoryValue | null => {
    if (expr.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(expr);
      const target = cls ? repositoryClassTarget(file, cls) : null;
      return target ? { target, origin: expr } : null;
    }
    if (!ts.isCallExpression(expr)) return null;
    const wrapped = wrappers?.calleeOf(expr);
    if (wrapped?.shape.repository !== undefined) return { target: entityArgument(file, expr.arguments[wrapped.shape.repository]), origin: expr };
    const method = methodCall(expr);
    const name = method?.name ?? (ts.isIdentifier(expr.expression) ? expr.expression.text : null);
    if (name !== null && (REPOSITORY_FACTORIES.has(name) || extraFactories.has(name))) {
      if (isMikroFile) return null;
      return { target: entityAmong(file, expr.arguments), origin: expr };
    }
    // `getRepo(Order)` of another project file: a repository if that function returns one (the linker checks).
    const callee = isMikroFile ? null : projectCallee(file, expr);
    const argument = callee ? entityLikeArgument(file, expr.arguments) : null;
    if (callee && argument) return { target: argument.target, origin: expr, wrapper: { ...callee, index: argument.index, returns: 'repository' } };
    if (name === 'getCustomRepository') {
      const arg = expr.arguments[0];
      const cls = arg && ts.isIdentifier(arg) ? localClass(file, arg.text) : undefined;
      const target = cls ? repositoryClassTarget(file, cls) : arg ? symbolTarget(file, arg) : null;
      return { target: target ?? 'dynamic', origin: expr };
    }
    if (method && (name === 'extend' || name === 'withRepository')) {
      return repositoryOf(name === 'extend' ? method.receiver : (expr.arguments[0] ?? method.receiver));
    }
    return null;
  };

  const repositoryFromSite = (site: BindingSite): RepositoryValue | null => {
    const inject = findDecorator(site.decorated, ['InjectRepository']);
    if (inject) {
      const source = importOf(file, inject.name);
      if (source && isMikroSpecifier(source.specifier)) return null;
      return { target: entityArgument(file, inject.args[0]), origin: inject.node };
    }
    const type = typeReference(site.type);
    if (!type) return null;
    const base = typeBaseName(type.name);
    if (REPOSITORY_TYPES.has(base) && type.args[0]) {
      return { target: typeTarget(file, type.args[0]) ?? 'dynamic', origin: site.declaration };
    }
    const cls = localClass(file, type.name);
    if (cls) {
      const target = repositoryClassTarget(file, cls);
      return target ? { target, origin: site.declaration } : null;
    }
    // A custom repository class from another file: the linker follows its name to the entity.
    const imported = file.input.importsByLocal.get(type.name);
    if (imported?.module && /(Repository|Repo)$/.test(type.name)) {
      return { target: { by: 'symbol', name: imported.imported, module: imported.module }, origin: site.declaration };
    }
    return null;
  };

  const repositoryOf = (expr: ts.Expression): RepositoryValue | null =>
    followValue(file.bindings, expr, repositoryDirect, repositoryFromSite);

  const managerDirect = (expr: ts.Expression): true | null => {
    if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'manager') return true;
    if (ts.isCallExpression(expr)) {
      const name = ts.isIdentifier(expr.expression) ? expr.expression.text : methodCall(expr)?.name;
      if (name === 'getManager' || name === 'createEntityManager' || name === 'getConnection') return isMikroFile ? null : true;
    }
    if (ts.isNewExpression(expr) && ts.isIdentifier(expr.expression) && (expr.expression.text === 'DataSource' || expr.expression.text === 'Connection')) {
      return importOf(file, expr.expression.text)?.specifier === 'typeorm' ? true : null;
    }
    if (isMikroFile) return null;
    const name = lastName(expr);
    if (name && /DataSource$/.test(name)) return true;
    if (name && MANAGER_NAME.test(name) && fileImports(file, ['typeorm', '@nestjs/typeorm'])) return true;
    return null;
  };

  const managerFromSite = (site: BindingSite): true | null => {
    if (findDecorator(site.decorated, ['InjectEntityManager', 'InjectDataSource', 'InjectConnection'])) return true;
    const type = typeReference(site.type);
    if (type && MANAGER_TYPES.has(typeBaseName(type.name))) {
      const source = importOf(file, type.name.split('.')[0]!);
      if (!source || source.specifier === 'typeorm') return true;
    }
    // `dataSource.transaction(async (manager) => ...)`: the callback's parameter is a manager.
    const callback = callbackCallOf(site);
    if (callback && callback.index === 0) {
      const method = methodCall(callback.call);
      if (method?.name === 'transaction' && isManager(method.receiver)) return true;
    }
    return null;
  };

  const isManager = (expr: ts.Expression): boolean => followValue(file.bindings, expr, managerDirect, managerFromSite) === true;

  const setWrappers = (found: FileWrappers): void => {
    wrappers = found;
  };

  return { repositoryOf, isManager, setWrappers };
}

/**
 * The entity a manager method's first argument stands for: `manager.save(Order, data)` names it,
 * `manager.save(order)` passes an instance whose type or constructor tells it.
 */
export function instanceOrClassTarget(file: FileIndex, arg: ts.Expression | undefined, repositoryOf: (expr: ts.Expression) => RepositoryValue | null): Target {
  if (!arg) return 'dynamic';
  const named = entityArgument(file, arg);
  if (named !== 'dynamic') return named;
  const found = followValue<Target>(
    file.bindings,
    arg,
    (expr) => {
      if (ts.isNewExpression(expr)) return symbolTarget(file, expr.expression);
      // `manager.save([a, b])`: what its elements are.
      if (ts.isArrayLiteralExpression(expr)) {
        const first = expr.elements[0];
        return first && !ts.isSpreadElement(first) ? instanceOrClassTarget(file, first, repositoryOf) : null;
      }
      if (ts.isCallExpression(expr)) {
        const method = methodCall(expr);
        if (method?.name === 'create' || method?.name === 'merge' || method?.name === 'preload') {
          const repository = repositoryOf(method.receiver);
          if (repository) return repository.target;
          return expr.arguments[0] ? entityArgument(file, expr.arguments[0]) : null;
        }
      }
      return null;
    },
    (site) => typeTarget(file, elementType(site.type)),
  );
  return found ?? 'dynamic';
}

/** `User[]`, `readonly User[]`, `Array<User>`: User; any other type as it is. */
function elementType(type: ts.TypeNode | undefined): ts.TypeNode | undefined {
  let node = type;
  while (node && ts.isTypeOperatorNode(node)) node = node.type;
  if (node && ts.isArrayTypeNode(node)) return node.elementType;
  const reference = typeReference(node);
  if (reference && (reference.name === 'Array' || reference.name === 'ReadonlyArray') && reference.args[0]) return reference.args[0];
  return node;
}
