// MikroORM: entities from `@Entity({ tableName | collection })`, `EntitySchema`, `defineEntity`
// (default table: the class name in snake_case); access through the EntityManager (`em.find(E)`,
// `em.persist(entity)`, `em.nativeUpdate(E, ...)`, `em.create(E, ...)` when the file flushes) and
// repositories (`em.getRepository(E)`, `@InjectRepository(E)`, `EntityRepository<E>`, custom ones).
import ts from '../../../shared/typescript.cjs';
import type { AccessMode } from '../../../shared/facts.js';
import type { OrmAdapter } from '../core/adapter.js';
import { callbackCallOf, followValue, type BindingSite } from '../core/bindings.js';
import { builderCalls } from '../core/builder-chain.js';
import { entityDecoratorOf } from '../core/class-entities.js';
import { symbolTarget, typeTarget, type Target } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { importOf, isMikroSpecifier, MIKRO_ORM_PACKAGES } from '../core/imports.js';
import { snakeCase } from '../core/naming.js';
import type { FactSink } from '../core/sink.js';
import { calleeName, dottedName, enclosingClass, extendsClause, findDecorator, lastName, methodCall, objectString, stringValue, typeBaseName, typeReference, unwrap } from '../core/syntax.js';
import { readsAndWrites } from '../core/method-table.js';

const READS = ['find', 'findOne', 'findOneOrFail', 'findAndCount', 'findAll', 'count', 'findByCursor'];
const BY_CLASS_WRITES = ['nativeInsert', 'nativeUpdate', 'nativeDelete', 'insert', 'insertMany', 'upsert', 'upsertMany'];
const BY_INSTANCE_WRITES = ['persist', 'persistAndFlush', 'remove', 'removeAndFlush'];
const FLUSHES = new Set(['flush', 'persistAndFlush', 'removeAndFlush']);
const BUILDER_WRITES = new Set(['insert', 'update', 'delete', 'truncate']);
const REPOSITORY_TYPES = new Set(['EntityRepository', 'SqlEntityRepository', 'MongoEntityRepository']);
const MANAGER_TYPES = new Set(['EntityManager', 'SqlEntityManager', 'MongoEntityManager']);

const METHODS: Readonly<Record<string, AccessMode>> = readsAndWrites(READS, [...BY_CLASS_WRITES, ...BY_INSTANCE_WRITES]);

interface RepositoryValue {
  target: Target;
  origin: ts.Node;
}

function entityArgument(file: FileIndex, arg: ts.Expression | undefined): Target {
  if (!arg) return 'dynamic';
  const name = stringValue(unwrap(arg));
  if (name !== null) return { by: 'model', name, orm: 'mikro-orm' };
  return symbolTarget(file, arg) ?? 'dynamic';
}

/** A base class named like a repository: `EntityRepository`, a framework's `BaseTreeRepository<E>`. */
const REPOSITORY_LIKE = /Repository$/;
/** A class factory named like one: `baseRepositoryFactory<E>(E)`. */
const REPOSITORY_FACTORY = /repository\w*$/i;

/**
 * The entity a repository class is for: `extends EntityRepository<Order>`, a package's repository
 * base with the entity as type argument (`extends Utils.BaseTreeRepository<Category>`), or a class
 * factory given it (`extends repositoryFactory<Product>(Product)`). A base named otherwise, or a
 * project class (its own file says what it is), is none.
 */
function repositoryClassTarget(file: FileIndex, cls: ts.ClassLikeDeclaration): Target | null {
  const heritage = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  const factory = heritage ? unwrap(heritage.expression) : null;
  if (factory && ts.isCallExpression(factory)) {
    const name = calleeName(factory);
    if (!name || !REPOSITORY_FACTORY.test(name) || !fromPackageImport(file, factory.expression)) return null;
    const typed = factory.typeArguments?.[0] ? typeTarget(file, factory.typeArguments[0]) : null;
    const passed = factory.arguments[0] ? symbolTarget(file, factory.arguments[0]) : null;
    return typed ?? (passed && passed !== 'dynamic' ? passed : null);
  }
  const base = extendsClause(cls);
  if (!base) return null;
  if (REPOSITORY_TYPES.has(typeBaseName(base.name))) return base.args[0] ? (typeTarget(file, base.args[0]) ?? 'dynamic') : 'dynamic';
  if (!REPOSITORY_LIKE.test(typeBaseName(base.name)) || !base.args[0] || !fromPackageImport(file, heritage!.expression)) return null;
  return typeTarget(file, base.args[0]);
}

/** `x`, `ns.x`, `ns.x(...)` whose root name is imported from a package. */
function fromPackageImport(file: FileIndex, expr: ts.Expression): boolean {
  const root = dottedName(expr)?.split('.')[0] ?? (ts.isCallExpression(expr) ? dottedName(expr.expression)?.split('.')[0] : undefined);
  const imported = root ? importOf(file, root) : null;
  return !!imported && imported.module === null && !imported.specifier.startsWith('.');
}

function collectEntities(file: FileIndex, sink: FactSink): void {
  for (const cls of file.classes) {
    const found = entityDecoratorOf(file, cls);
    if (!found || found.orm !== 'mikro-orm' || !cls.name) continue;
    const options = found.decorator.args[0];
    const table = objectString(options, 'tableName') ?? objectString(options, 'collection') ?? snakeCase(cls.name.text);
    sink.entity(cls.name.text, table, 'mikro-orm', cls.name);
  }
  const definitions = [
    ...file.news.map((expr) => ({ node: expr as ts.Node, callee: expr.expression, options: expr.arguments?.[0] })),
    ...file.calls.map((expr) => ({ node: expr as ts.Node, callee: expr.expression, options: expr.arguments[0] })),
  ];
  for (const { node, callee, options } of definitions) {
    if (!ts.isIdentifier(callee)) continue;
    const source = importOf(file, callee.text);
    if (!source || !isMikroSpecifier(source.specifier) || (source.imported !== 'EntitySchema' && source.imported !== 'defineEntity')) continue;
    const name = objectString(options, 'name') ?? objectString(options, 'className');
    if (!name) continue;
    sink.entity(name, objectString(options, 'tableName') ?? objectString(options, 'collection') ?? snakeCase(name), 'mikro-orm', node);
  }
  for (const cls of file.classes) {
    const target = cls.name ? repositoryClassTarget(file, cls) : null;
    if (cls.name && target && target !== 'dynamic') sink.alias(cls.name.text, target, 'mikro-orm', cls.name);
  }
}

function collect(file: FileIndex, sink: FactSink): void {
  collectEntities(file, sink);
  const flushes = file.calls.some((call) => FLUSHES.has(methodCall(call)?.name ?? ''));

  const managerDirect = (expr: ts.Expression): true | null => {
    if (lastName(expr) === 'em') return true;
    if (ts.isCallExpression(expr)) {
      const name = calleeName(expr);
      if (name === 'getEntityManager') return true;
      // `this.getActiveManager<SqlEntityManager>(ctx)`: the type argument says what comes back.
      if (expr.typeArguments?.some(isManagerType)) return true;
      if (returnsManager(expr)) return true;
      const method = methodCall(expr);
      if (method?.name === 'fork' && isManager(method.receiver)) return true;
    }
    return null;
  };
  const managerFromSite = (site: BindingSite): true | null => {
    if (findDecorator(site.decorated, ['InjectEntityManager'])) return true;
    const type = typeReference(site.type);
    if (type && MANAGER_TYPES.has(typeBaseName(type.name))) return true;
    const callback = callbackCallOf(site);
    const method = callback ? methodCall(callback.call) : null;
    return callback?.index === 0 && method?.name === 'transactional' && isManager(method.receiver) ? true : null;
  };
  const isManager = (expr: ts.Expression): boolean => followValue(file.bindings, expr, managerDirect, managerFromSite) === true;
  /** `SqlEntityManager`, `Promise<EntityManager>`, imported from MikroORM. */
  function isManagerType(type: ts.TypeNode): boolean {
    const reference = typeReference(type);
    if (!reference) return false;
    if (typeBaseName(reference.name) === 'Promise' && reference.args[0]) return isManagerType(reference.args[0]);
    const source = importOf(file, reference.name.split('.')[0]!);
    return MANAGER_TYPES.has(typeBaseName(reference.name)) && !!source && isMikroSpecifier(source.specifier);
  }
  /** A call of a method of this class or a function of this file declared to return a manager. */
  function returnsManager(call: ts.CallExpression): boolean {
    const method = methodCall(call);
    const receiver = method ? unwrap(method.receiver) : null;
    if (method && receiver && (receiver.kind === ts.SyntaxKind.ThisKeyword || receiver.kind === ts.SyntaxKind.SuperKeyword)) {
      const cls = enclosingClass(call);
      const declared = cls?.members.find((member) => ts.isMethodDeclaration(member) && member.name && ts.isIdentifier(member.name) && member.name.text === method.name);
      return !!declared && ts.isMethodDeclaration(declared) && !!declared.type && isManagerType(declared.type);
    }
    if (!ts.isIdentifier(call.expression)) return false;
    const name = call.expression.text;
    const declared = file.sourceFile.statements.find((statement) => ts.isFunctionDeclaration(statement) && statement.name?.text === name);
    return !!declared && ts.isFunctionDeclaration(declared) && !!declared.type && isManagerType(declared.type);
  }

  const repositoryDirect = (expr: ts.Expression): RepositoryValue | null => {
    if (expr.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(expr);
      const target = cls ? repositoryClassTarget(file, cls) : null;
      return target ? { target, origin: expr } : null;
    }
    const method = ts.isCallExpression(expr) ? methodCall(expr) : null;
    if (method?.name === 'getRepository' && ts.isCallExpression(expr)) return { target: entityArgument(file, expr.arguments[0]), origin: expr };
    return null;
  };
  const repositoryFromSite = (site: BindingSite): RepositoryValue | null => {
    const inject = findDecorator(site.decorated, ['InjectRepository']);
    if (inject) {
      const source = importOf(file, inject.name);
      if (source && !isMikroSpecifier(source.specifier)) return null;
      return { target: entityArgument(file, inject.args[0]), origin: inject.node };
    }
    const type = typeReference(site.type);
    if (!type) return null;
    if (REPOSITORY_TYPES.has(typeBaseName(type.name)) && type.args[0]) return { target: typeTarget(file, type.args[0]) ?? 'dynamic', origin: site.declaration };
    const local = file.classes.find((cls) => cls.name?.text === type.name);
    const localTarget = local ? repositoryClassTarget(file, local) : null;
    if (localTarget) return { target: localTarget, origin: site.declaration };
    const imported = file.input.importsByLocal.get(type.name);
    if (imported?.module && /(Repository|Repo)$/.test(type.name)) {
      return { target: { by: 'symbol', name: imported.imported, module: imported.module }, origin: site.declaration };
    }
    return null;
  };
  const repositoryOf = (expr: ts.Expression): RepositoryValue | null => followValue(file.bindings, expr, repositoryDirect, repositoryFromSite);

  // The entity an instance argument belongs to: `new Order()`, `em.create(Order, ...)`, a typed variable.
  const instanceTarget = (arg: ts.Expression | undefined): Target => {
    if (!arg) return 'dynamic';
    const found = followValue<Target>(
      file.bindings,
      arg,
      (expr) => {
        if (ts.isNewExpression(expr)) return symbolTarget(file, expr.expression);
        const method = ts.isCallExpression(expr) ? methodCall(expr) : null;
        if (!method || !ts.isCallExpression(expr) || !(method.name === 'create' || method.name in METHODS)) return null;
        const repository = repositoryOf(method.receiver);
        if (repository) return repository.target;
        return isManager(method.receiver) ? entityArgument(file, expr.arguments[0]) : null;
      },
      (site) => typeTarget(file, site.type),
    );
    return found ?? 'dynamic';
  };

  const queryBuilder = (call: ts.CallExpression, target: Target, origin: ts.Node): void => {
    const writer = builderCalls(file, call).map((link) => methodCall(link)?.name).find((name) => name !== undefined && BUILDER_WRITES.has(name));
    if (target === 'dynamic') sink.unresolvedAt(origin);
    else sink.access(target, writer ? 'write' : 'read', 'mikro-orm', `createQueryBuilder.${writer ?? 'select'}`, call);
  };

  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method) continue;
    const operation = `${dottedName(method.receiver) ?? 'em'}.${method.name}`;
    const repository = repositoryOf(method.receiver);
    if (repository) {
      if (method.name === 'createQueryBuilder' || method.name === 'qb') {
        queryBuilder(call, repository.target, repository.origin);
        continue;
      }
      const mode = method.name === 'create' ? (flushes ? 'write' : undefined) : METHODS[method.name];
      if (!mode) continue;
      if (repository.target === 'dynamic') sink.unresolvedAt(repository.origin);
      else sink.access(repository.target, mode, 'mikro-orm', operation, call);
      continue;
    }
    if (!isManager(method.receiver)) continue;
    if (method.name === 'createQueryBuilder' || method.name === 'qb') {
      if (call.arguments[0]) queryBuilder(call, entityArgument(file, call.arguments[0]), call);
      continue;
    }
    if (method.name === 'create') {
      if (flushes) sink.access(entityArgument(file, call.arguments[0]), 'write', 'mikro-orm', operation, call);
      continue;
    }
    const mode = METHODS[method.name];
    if (!mode) continue;
    if (!BY_INSTANCE_WRITES.includes(method.name)) {
      sink.access(entityArgument(file, call.arguments[0]), mode, 'mikro-orm', operation, call);
      continue;
    }
    const arg = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    const items = arg && ts.isArrayLiteralExpression(arg) ? [...arg.elements] : [arg];
    for (const item of items) sink.access(instanceTarget(item), mode, 'mikro-orm', operation, call);
  }
}

export const mikroOrmAdapter: OrmAdapter = {
  orm: 'mikro-orm',
  packages: MIKRO_ORM_PACKAGES,
  markers: /mikro-orm|EntityRepository\b/,
  members: { types: [...REPOSITORY_TYPES], methods: METHODS },
  collect,
};
