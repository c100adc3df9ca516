// Sequelize: models from `class X extends Model` + `X.init(attrs, { tableName })`,
// `sequelize.define('Name', attrs, { tableName })` and sequelize-typescript `@Table`; the table is the
// explicit `tableName`, else the model name (pluralized unless `freezeTableName`). Access through
// models: `sequelize.models.Order`, an injected `@InjectModel(User) model: typeof User`, a local
// `define` result, instances (`build()`, `findByPk()`) saved or destroyed. Imported models are the
// model-call pass's, with this adapter's vocabulary.
import ts from '../../../shared/typescript.cjs';
import type { AccessMode } from '../../../shared/facts.js';
import type { ModelCallVocabulary, OrmAdapter } from '../core/adapter.js';
import { callbackCallOf, followValue, type BindingSite } from '../core/bindings.js';
import { symbolTarget, typeTarget, type Target } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { importedFrom } from '../core/imports.js';
import { sequelizeTableName } from '../core/naming.js';
import type { FactSink } from '../core/sink.js';
import type { ModelCallExtras } from '../core/model-calls.js';
import { memberCall, memberKey } from '../core/member-facts.js';
import { collectMemberDefinitions } from './member-defs.js';
import { collectModelRegistry } from './model-registry.js';
import { thisBinding } from './own-class.js';
import { dottedName, extendsClause, findDecorator, methodCall, objectFlag, objectProperty, objectString, stringValue, typeReference, unwrap } from '../core/syntax.js';
import { methodTable } from '../core/method-table.js';

const STATICS: Readonly<Record<string, AccessMode>> = methodTable({
  findAll: 'read', findOne: 'read', findByPk: 'read', findAndCountAll: 'read', count: 'read', max: 'read', min: 'read',
  sum: 'read', aggregate: 'read',
  create: 'write', bulkCreate: 'write', update: 'write', destroy: 'write', upsert: 'write', findOrCreate: 'write',
  findCreateFind: 'write', increment: 'write', decrement: 'write', restore: 'write', truncate: 'write',
});

/** Statics that return the model narrowed by a scope or schema: `Order.scope('paid').findAll()`. */
const CHAINS = ['scope', 'unscoped', 'schema'];

export const SEQUELIZE_MODEL_CALLS: ModelCallVocabulary & ModelCallExtras = {
  statics: STATICS,
  instance: methodTable({ save: 'write', destroy: 'write', update: 'write', increment: 'write', decrement: 'write', restore: 'write', reload: 'read' }),
  factories: ['build'],
  chains: CHAINS,
  typedInstances: true,
  memberCalls: true,
};

const SEQUELIZE_NAME = /sequelize/i;

function tableFor(modelName: string, options: ts.Expression | undefined): string {
  const explicit = objectString(options, 'tableName');
  if (explicit !== null) return explicit;
  const name = objectString(options, 'modelName') ?? modelName;
  return objectFlag(options, 'freezeTableName') ? name : sequelizeTableName(name);
}

function isSequelizeInstance(file: FileIndex, expr: ts.Expression): boolean {
  const found = followValue<true>(
    file.bindings,
    expr,
    (node) => {
      const name = dottedName(node);
      if (name && SEQUELIZE_NAME.test(name.slice(name.lastIndexOf('.') + 1))) return true;
      return ts.isNewExpression(node) && /Sequelize$/.test(dottedName(node.expression) ?? '') ? true : null;
    },
    (site) => (typeReference(site.type)?.name === 'Sequelize' ? true : null),
  );
  return found === true;
}

/**
 * `X.init(attrs, options)` makes X a model when X extends `Model` (or a name ending in Model), a class of
 * this file that does, or any base at all when the options carry `sequelize` (Model.init requires the
 * instance there): a project base class imported from elsewhere (`extends ModelWithPublicId<...>`).
 */
function isInitModel(classes: ReadonlyMap<string, ts.ClassLikeDeclaration>, cls: ts.ClassLikeDeclaration, options: ts.Expression): boolean {
  if (!ts.isObjectLiteralExpression(options)) return false;
  let base = extendsClause(cls)?.name;
  if (base === undefined) return false;
  if (objectProperty(options, 'sequelize') !== undefined) return true;
  for (let depth = 0; base !== undefined && depth < 6; depth++) {
    if (/Model$/.test(base)) return true;
    const local = classes.get(base);
    base = local ? extendsClause(local)?.name : undefined;
  }
  return false;
}

function collectEntities(file: FileIndex, sink: FactSink): void {
  const classes = new Map(file.classes.flatMap((cls) => (cls.name ? [[cls.name.text, cls] as const] : [])));
  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method) continue;
    const receiver = unwrap(method.receiver);
    const cls = method.name === 'init' && ts.isIdentifier(receiver) ? classes.get(receiver.text) : undefined;
    if (cls && call.arguments[1] && isInitModel(classes, cls, unwrap(call.arguments[1]))) {
      sink.entity(cls.name!.text, tableFor(cls.name!.text, call.arguments[1]), 'sequelize', cls.name!);
    } else if (method.name === 'define' && isSequelizeInstance(file, receiver)) {
      const name = stringValue(call.arguments[0] ? unwrap(call.arguments[0]) : undefined);
      if (name === null) {
        sink.unresolvedAt(call);
        continue;
      }
      sink.entity(name, tableFor(name, call.arguments[2]), 'sequelize', call);
      const holder = call.parent;
      if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && holder.name.text !== name) {
        sink.alias(holder.name.text, { by: 'model', name, orm: 'sequelize' }, 'sequelize', holder.name);
      }
    }
  }
  for (const cls of file.classes) {
    const decorator = findDecorator(cls, ['Table']);
    if (!decorator || !cls.name || importedFrom(file, decorator.name, ['sequelize-typescript']) !== 'Table') continue;
    sink.entity(cls.name.text, tableFor(cls.name.text, decorator.args[0]), 'sequelize', cls.name);
  }
}

/** Array methods whose callback's first parameter is an element of the array. */
const ELEMENT_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'some', 'every', 'flatMap']);

/** The array a for-of variable or an array callback's first parameter takes its elements from. */
function elementSource(site: BindingSite): ts.Expression | null {
  const declaration = site.declaration;
  if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && ts.isForOfStatement(declaration.parent.parent)) {
    return declaration.parent.parent.expression;
  }
  const callback = callbackCallOf(site);
  const method = callback && callback.index === 0 ? methodCall(callback.call) : null;
  return method && ELEMENT_CALLBACKS.has(method.name) ? method.receiver : null;
}

function collect(file: FileIndex, sink: FactSink): void {
  collectEntities(file, sink);

  collectModelRegistry(file, sink);
  collectMemberDefinitions(file, sink);

  const direct = (expr: ts.Expression): Target | null => {
    // `sequelize.models.Order`, `sequelize.model('Order')`, a `define(...)` result.
    if (ts.isPropertyAccessExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'models') {
      return { by: 'model', name: expr.name.text, orm: 'sequelize' };
    }
    if (!ts.isCallExpression(expr)) return null;
    const method = methodCall(expr);
    if (method && CHAINS.includes(method.name)) return modelOf(method.receiver);
    if (method && (method.name === 'model' || method.name === 'define') && isSequelizeInstance(file, method.receiver)) {
      const name = stringValue(expr.arguments[0] ? unwrap(expr.arguments[0]) : undefined);
      return name === null ? 'dynamic' : { by: 'model', name, orm: 'sequelize' };
    }
    return null;
  };
  const fromSite = (site: BindingSite): Target | null => {
    const inject = findDecorator(site.decorated, ['InjectModel']);
    if (inject && importedFrom(file, inject.name, ['@nestjs/sequelize'])) {
      const arg = inject.args[0];
      const name = stringValue(arg ? unwrap(arg) : undefined);
      if (name !== null) return { by: 'model', name, orm: 'sequelize' };
      return arg ? (symbolTarget(file, arg) ?? 'dynamic') : 'dynamic';
    }
    // `model: typeof User`: the class itself; the linker keeps it only if User is a Sequelize model.
    if (site.type && ts.isTypeQueryNode(site.type)) return typeTarget(file, site.type);
    const type = typeReference(site.type);
    if (type && (type.name === 'ModelStatic' || type.name === 'ModelCtor') && type.args[0]) return typeTarget(file, type.args[0]);
    return null;
  };
  const modelOf = (expr: ts.Expression): Target | null => {
    const node = unwrap(expr);
    if (ts.isIdentifier(node) && sink.definesEntity(node.text)) return null;
    return followValue(file.bindings, node, direct, fromSite);
  };
  // What a finder returns, and the elements of it: `for (const p of await this.findAll())`, `posts.map((p) => ...)`.
  const instanceOf = (expr: ts.Expression, depth = 0): Target | null =>
    followValue(
      file.bindings,
      expr,
      (node) => {
        if (ts.isNewExpression(node)) return modelOf(node.expression);
        const method = ts.isCallExpression(node) ? methodCall(node) : null;
        if (!method || (STATICS[method.name] !== 'read' && method.name !== 'build')) return null;
        const own = ownModel(method.receiver);
        return own ? (own.isStatic ? own.target : null) : modelOf(method.receiver);
      },
      (site) => {
        const iterable = depth < 2 ? elementSource(site) : null;
        return iterable ? instanceOf(iterable, depth + 1) : null;
      },
    );

  /** `this` (maybe narrowed: `this.scope('x')`) inside a model class of this file. */
  const ownModel = (expr: ts.Expression): { target: Target; isStatic: boolean } | null => {
    let node = unwrap(expr);
    for (let method = ts.isCallExpression(node) ? methodCall(node) : null; method && CHAINS.includes(method.name); method = ts.isCallExpression(node) ? methodCall(node) : null) {
      node = unwrap(method.receiver);
    }
    if (node.kind !== ts.SyntaxKind.ThisKeyword) return null;
    const binding = thisBinding(node);
    const name = binding?.cls.name?.text;
    if (!binding || !name || !sink.definesEntity(name)) return null;
    return { target: { by: 'symbol', name, module: null }, isStatic: binding.isStatic };
  };

  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method) continue;
    const operation = `${dottedName(method.receiver) ?? 'model'}.${method.name}`;
    const own = ownModel(method.receiver);
    if (own) {
      const mode = own.isStatic ? STATICS[method.name] : SEQUELIZE_MODEL_CALLS.instance[method.name];
      if (mode) sink.access(own.target, mode, 'sequelize', operation, call);
      else if (!CHAINS.includes(method.name)) memberCall(sink, own.target, own.isStatic ? `static:${method.name}` : memberKey(call, method.name), operation, 'sequelize', call);
      continue;
    }
    const staticMode = STATICS[method.name];
    const model = staticMode ? modelOf(method.receiver) : null;
    if (model && staticMode) {
      sink.access(model, staticMode, 'sequelize', operation, call);
      continue;
    }
    const instanceMode = SEQUELIZE_MODEL_CALLS.instance[method.name];
    const instance = instanceMode ? instanceOf(method.receiver) : null;
    if (instance && instanceMode) sink.access(instance, instanceMode, 'sequelize', operation, call);
  }
}

export const sequelizeAdapter: OrmAdapter = {
  orm: 'sequelize',
  packages: ['sequelize', 'sequelize-typescript', '@nestjs/sequelize'],
  markers: /sequelize|Sequelize/,
  modelCalls: SEQUELIZE_MODEL_CALLS,
  collect,
};
