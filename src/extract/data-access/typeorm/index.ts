// TypeORM: entities from `@Entity`/`@ViewEntity`/`EntitySchema`; access through repositories
// (`getRepository(E)`, `@InjectRepository(E)`, `Repository<E>`, custom repositories), the
// EntityManager (`manager.find(E)`), and query builders (a builder that updates, inserts or deletes writes).
// Relation loads (`relations: [...]`, joins of `'alias.relation'`) read what the entity's relation
// decorators lead to (relations.ts).
import ts from '../../../shared/typescript.cjs';
import type { AccessMode, EntityRef, WrapperRef, WrapperShapeFact } from '../../../shared/facts.js';
import type { OrmAdapter } from '../core/adapter.js';
import { builderCalls } from '../core/builder-chain.js';
import { entityDecoratorOf } from '../core/class-entities.js';
import type { Target } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { importOf } from '../core/imports.js';
import { snakeCase } from '../core/naming.js';
import { relationOption } from '../core/relation-loads.js';
import type { FactSink } from '../core/sink.js';
import { decoratorsOf, type DecoratorInfo, dottedName, extendsClause, methodCall, objectString, stringValue, unwrap } from '../core/syntax.js';
import { createReceivers, entityArgument, instanceOrClassTarget, repositoryClassTarget, type RepositoryValue } from './receivers.js';
import { entityRelations } from './relations.js';
import { entityDecoratorsDeclared, entityLikeArgument, projectCallee } from './project-calls.js';
import { analyzeWrappers, type WrapperShape } from './wrappers.js';
import {
  INSTANCE_ARGUMENT_METHODS,
  QUERY_BUILDER_JOINS,
  QUERY_BUILDER_TARGETS,
  QUERY_BUILDER_WRITES,
  REPOSITORY_MEMBER_METHODS,
  REPOSITORY_METHODS,
  TYPEORM_MODEL_CALLS,
} from './vocabulary.js';

interface EntityTable {
  table: string;
  /** A `@ChildEntity` of a class of another file: the table is that entity's (the linker fills it in). */
  tableOf?: EntityRef;
}

/** The table an entity class of this file maps to; a `@ChildEntity` the table of the class it extends. */
function entityTable(file: FileIndex, cls: ts.ClassLikeDeclaration, depth = 0): EntityTable | null {
  const found = entityDecoratorOf(file, cls);
  if (!found || found.orm !== 'typeorm' || !cls.name) return null;
  if (found.kind === 'ChildEntity') {
    const parent = extendsClause(cls);
    if (!parent || depth >= 8) return null;
    const local = file.classes.find((other) => other.name?.text === parent.name);
    if (local) return entityTable(file, local, depth + 1);
    const base = parent.name.includes('.') ? null : file.input.importsByLocal.get(parent.name);
    if (!base?.module || base.imported === '*') return null;
    // Until the linker reads the parent: TypeORM's default name for it.
    return { table: snakeCase(base.imported === 'default' ? parent.name : base.imported), tableOf: { by: 'symbol', name: base.imported, module: base.module } };
  }
  return { table: decoratorTable(found.decorator.args[0], cls.name.text) };
}

/** `@Entity('orders')`, `@Entity({ name: 'orders' })`, else the class name in snake_case. */
function decoratorTable(arg: ts.Expression | undefined, className: string): string {
  return stringValue(arg) ?? objectString(arg, 'name') ?? snakeCase(className);
}

/** A class decorator imported from a project file (`@MultiORMEntity('employee')`): maybe an entity decorator. */
function projectDecorator(file: FileIndex, cls: ts.ClassLikeDeclaration): { module: string; name: string; args: readonly ts.Expression[] } | null {
  for (const decorator of decoratorsOf(cls)) {
    const imported = importOf(file, decorator.name);
    if (imported?.module && imported.imported !== '*') return { module: imported.module, name: imported.imported, args: decorator.args };
  }
  return null;
}

/** A decorator the config names as an entity decorator (`dataAccess.entityDecorators`), by the name it is exported as. */
function configuredEntityDecorator(file: FileIndex, cls: ts.ClassLikeDeclaration, names: ReadonlySet<string>): DecoratorInfo | null {
  if (names.size === 0) return null;
  for (const decorator of decoratorsOf(cls)) {
    const imported = importOf(file, decorator.name);
    const exported = imported && imported.imported !== 'default' && imported.imported !== '*' ? imported.imported : decorator.name;
    if (names.has(exported)) return decorator;
  }
  return null;
}

function collectEntities(file: FileIndex, sink: FactSink): void {
  const configured = new Set(file.input.settings?.entityDecorators ?? []);
  for (const cls of file.classes) {
    if (!cls.name) continue;
    const named = entityDecoratorOf(file, cls) ? null : configuredEntityDecorator(file, cls, configured);
    const found = named ? { table: decoratorTable(named.args[0], cls.name.text) } : entityTable(file, cls);
    if (found) {
      sink.entity(cls.name.text, found.table, 'typeorm', cls.name, entityRelations(file, cls), found.tableOf ? { tableOf: found.tableOf } : undefined);
      continue;
    }
    // An entity if the linker finds that the decorator applies `Entity` (the decorator's file says so).
    const decorator = entityDecoratorOf(file, cls) ? null : projectDecorator(file, cls);
    if (decorator) {
      sink.entity(cls.name.text, decoratorTable(decorator.args[0], cls.name.text), 'typeorm', cls.name, entityRelations(file, cls), {
        decorator: { module: decorator.module, name: decorator.name },
      });
    }
  }
  for (const expr of file.news) {
    if (!ts.isIdentifier(expr.expression) || importOf(file, expr.expression.text)?.specifier !== 'typeorm') continue;
    if (importOf(file, expr.expression.text)?.imported !== 'EntitySchema') continue;
    const options = expr.arguments?.[0];
    const name = objectString(options, 'name');
    if (!name) continue;
    sink.entity(name, objectString(options, 'tableName') ?? snakeCase(name), 'typeorm', expr);
    const holder = expr.parent;
    if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && holder.name.text !== name) {
      sink.alias(holder.name.text, { by: 'model', name, orm: 'typeorm' }, 'typeorm', holder.name);
    }
  }
}

/** Names other files may use for an entity's repository: custom repository classes and constants. */
function collectAliases(file: FileIndex, sink: FactSink, repositoryOf: (expr: ts.Expression) => RepositoryValue | null): void {
  for (const cls of file.classes) {
    const target = cls.name ? repositoryClassTarget(file, cls) : null;
    if (cls.name && target && target !== 'dynamic') sink.alias(cls.name.text, target, 'typeorm', cls.name);
  }
  for (const statement of file.sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const repository = repositoryOf(declaration.initializer);
      if (repository && repository.target !== 'dynamic' && !repository.wrapper) sink.alias(declaration.name.text, repository.target, 'typeorm', declaration.name);
    }
  }
}

function collectQueryBuilder(file: FileIndex, sink: FactSink, call: ts.CallExpression, base: RepositoryValue | null): void {
  const calls = builderCalls(file, call);
  const writer = calls.map((link) => methodCall(link)?.name).find((name) => name !== undefined && QUERY_BUILDER_WRITES.has(name));
  const mode: AccessMode = writer ? 'write' : 'read';
  const operation = `createQueryBuilder.${writer ?? 'select'}`;
  const emit = (target: Target, linkMode: AccessMode, node: ts.Node): void => sink.access(target, linkMode, 'typeorm', operation, node);
  /** Builder aliases: the entity each stands for and the relation path from it (`'c'`, `'o'` of `'c.orders'`). */
  const aliases = new Map<string, { target: EntityRef; path: string[] }>();
  const alias = (node: ts.Expression | undefined, target: Target, path: string[]): void => {
    const name = node ? stringValue(unwrap(node)) : null;
    if (name !== null && target !== 'dynamic') aliases.set(name, { target, path });
  };
  if (base) {
    if (base.target === 'dynamic') sink.unresolvedAt(base.origin);
    else sink.access(base.target, mode, 'typeorm', operation, call, base.wrapper ? { wrapper: base.wrapper } : undefined);
    // `repo.createQueryBuilder('c')`, `manager.createQueryBuilder(Customer, 'c')`.
    alias(call.arguments.slice(0, 2).find((arg) => stringValue(unwrap(arg)) !== null), base.target, []);
  }
  for (const link of calls) {
    const name = methodCall(link)?.name;
    if (!name) continue;
    if (QUERY_BUILDER_TARGETS.has(name) && link.arguments[0]) {
      // `.update()` with no argument, or `.update({ ... })` values, names no table.
      const arg = unwrap(link.arguments[0]);
      if (ts.isObjectLiteralExpression(arg) || ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) continue;
      const target = entityArgument(file, arg);
      emit(target, mode, link);
      alias(link.arguments[1], target, []);
    }
    const joinIndex = QUERY_BUILDER_JOINS[name];
    if (joinIndex !== undefined) {
      const arg = link.arguments[joinIndex];
      if (!arg) continue;
      const text = stringValue(unwrap(arg));
      if (text !== null && text.includes('.')) {
        // 'c.orders' joins a relation of alias `c`: a read of the entity that relation leads to.
        const [from, field] = text.split('.');
        const known = from !== undefined ? aliases.get(from) : undefined;
        if (!known || !field) continue;
        const path = [...known.path, field];
        sink.access(known.target, 'read', 'typeorm', operation, link, { relation: path });
        alias(link.arguments[joinIndex + 1], known.target, path);
        continue;
      }
      if (ts.isArrowFunction(unwrap(arg)) || ts.isFunctionExpression(unwrap(arg))) continue;
      const target = entityArgument(file, arg);
      emit(target, 'read', link);
      alias(link.arguments[joinIndex + 1], target, []);
    }
  }
}

/** A wrapper's shape as FileFacts keep it: parameter indexes, sorted. */
function wrapperShapeFact(shape: WrapperShape): WrapperShapeFact {
  const fact: WrapperShapeFact = {};
  if (shape.repository !== undefined) fact.repository = shape.repository;
  const indexes = (mode: AccessMode): number[] => [...shape.accesses].filter(([, modes]) => modes.has(mode)).map(([index]) => index).sort((a, b) => a - b);
  const reads = indexes('read');
  const writes = indexes('write');
  if (reads.length > 0) fact.reads = reads;
  if (writes.length > 0) fact.writes = writes;
  return fact;
}

/**
 * `this.connection.getEntityOrThrow(ctx, Order, id)`: a call of another project file's function with an
 * entity as argument may read or write it; one candidate per mode, the linker keeps what that function does.
 * A call whose value is used as a repository right away is the repository path's.
 */
function collectProjectCall(file: FileIndex, sink: FactSink, call: ts.CallExpression): void {
  const parent = call.parent;
  if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === call) {
    const name = parent.name.text;
    if (REPOSITORY_METHODS[name] || name === 'createQueryBuilder') return;
  }
  const callee = projectCallee(file, call);
  const argument = callee ? entityLikeArgument(file, call.arguments) : null;
  if (!callee || !argument) return;
  const operation = dottedName(call.expression) ?? callee.name;
  for (const mode of ['read', 'write'] as const) {
    sink.access(argument.target, mode, 'typeorm', operation, call, { wrapper: { ...callee, index: argument.index, returns: 'access' } });
  }
}

/** `find({ relations: ['orders', 'orders.items'] })`: each loaded relation is a read of what it leads to. */
function collectRelationLoads(sink: FactSink, target: Target, options: ts.Expression | undefined, operation: string, call: ts.CallExpression, wrapper?: WrapperRef): void {
  if (target === 'dynamic') return;
  for (const relation of relationOption(options)) sink.access(target, 'read', 'typeorm', `${operation}.relations`, call, { relation, ...(wrapper ? { wrapper } : {}) });
}

function collect(file: FileIndex, sink: FactSink): void {
  collectEntities(file, sink);
  const factories = new Set(file.input.settings?.repositoryFactories ?? []);
  const { repositoryOf, isManager, setWrappers } = createReceivers(file, factories);
  const wrappers = analyzeWrappers(file, isManager, factories);
  setWrappers(wrappers);
  for (const [name, shape] of wrappers.shapes) sink.repositoryWrapper(name, wrapperShapeFact(shape));
  for (const name of entityDecoratorsDeclared(file)) sink.entityDecorator(name);
  collectAliases(file, sink, repositoryOf);
  // Inside a wrapper, the entity is its caller's argument: no unresolved site of its own.
  const unresolvedAt = (node: ts.Node): void => {
    if (!wrappers.forwarding.has(node)) sink.unresolvedAt(node);
  };
  const access = (target: Target, mode: AccessMode, operation: string, node: ts.Node, how?: { relation?: string[] }): void => {
    if (target === 'dynamic') unresolvedAt(node);
    else sink.access(target, mode, 'typeorm', operation, node, how);
  };

  for (const call of file.calls) {
    // A call of a function of this file that reads or writes the entity one of its arguments names.
    const wrapped = wrappers.calleeOf(call);
    if (wrapped && wrapped.shape.accesses.size > 0) {
      for (const [index, modes] of wrapped.shape.accesses) {
        for (const mode of [...modes].sort()) access(entityArgument(file, call.arguments[index]), mode, wrapped.name, call);
      }
      continue;
    }
    collectProjectCall(file, sink, call);
    const method = methodCall(call);
    if (!method) continue;
    const receiver = unwrap(method.receiver);
    // Model names declared here (`Order.find()` on an active-record entity) are the model-call pass's.
    if (ts.isIdentifier(receiver) && sink.definesEntity(receiver.text)) continue;
    const operation = `${dottedName(receiver) ?? 'repository'}.${method.name}`;
    const repository = repositoryOf(receiver);
    if (repository) {
      const mode = REPOSITORY_METHODS[method.name];
      if (method.name === 'createQueryBuilder') {
        if (repository.target !== 'dynamic' || !wrappers.forwarding.has(repository.origin)) collectQueryBuilder(file, sink, call, repository);
      } else if (mode && repository.target === 'dynamic') unresolvedAt(repository.origin);
      else if (mode) {
        sink.access(repository.target, mode, 'typeorm', operation, call, repository.wrapper ? { wrapper: repository.wrapper } : undefined);
        collectRelationLoads(sink, repository.target, call.arguments[0], operation, call, repository.wrapper);
      }
      continue;
    }
    if (!isManager(receiver)) continue;
    if (method.name === 'createQueryBuilder') {
      const first = call.arguments[0];
      const entity = first && call.arguments.length >= 2 ? entityArgument(file, first) : null;
      collectQueryBuilder(file, sink, call, entity ? { target: entity, origin: call } : null);
      continue;
    }
    const mode = REPOSITORY_METHODS[method.name];
    if (!mode) continue;
    const target = INSTANCE_ARGUMENT_METHODS.has(method.name)
      ? instanceOrClassTarget(file, call.arguments[0], repositoryOf)
      : entityArgument(file, call.arguments[0]);
    access(target, mode, operation, call);
    collectRelationLoads(sink, target, call.arguments[1], operation, call);
  }
}

export const typeormAdapter: OrmAdapter = {
  orm: 'typeorm',
  packages: ['typeorm', '@nestjs/typeorm'],
  // Services that only receive a custom repository or a DataSource from another file, a connection
  // class of the project, an entity decorator of the project, or that pass a class to a function (a
  // wrapper of another file maybe: the linker decides).
  markers: /Repository\b|[dD]ataSource\b|getRepository\(|\.manager\.|EntityManager\b|Connection\b|@\w*Entity\(|[\w$]\(\s*(?:[\w$.]+\s*,\s*){0,3}[A-Z][\w$]*\s*[,)]/,
  modelCalls: TYPEORM_MODEL_CALLS,
  // A repository a base class holds (`class OrderService extends CrudService<Order>`, `super(repository)`):
  // `this.repository.find()` in the base or a subclass (core/inherited-models.ts).
  members: { types: ['Repository', 'TreeRepository', 'MongoRepository'], methods: REPOSITORY_MEMBER_METHODS },
  // Names the config gives (`dataAccess.entityDecorators`, `repositoryFactories`) used in the file.
  settingsGate: (input) => [...(input.settings?.entityDecorators ?? []), ...(input.settings?.repositoryFactories ?? [])].some((name) => input.text.includes(name)),
  collect,
};
