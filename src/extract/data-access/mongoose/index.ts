// Mongoose: models from `model('Order', schema, 'collection?')` and NestJS `@Schema()` classes;
// access through model objects: a local model variable, `mongoose.model('Order')`, an injected
// `@InjectModel(Cat.name) model: Model<Cat>`, and documents made by `new Model(...)` then `.save()`.
// Imported models (`Order.find()`) are the model-call pass's, with this adapter's vocabulary.
import ts from '../../../shared/typescript.cjs';
import type { AccessMode } from '../../../shared/facts.js';
import type { ModelCallVocabulary, OrmAdapter } from '../core/adapter.js';
import { followValue, type BindingSite } from '../core/bindings.js';
import { symbolTarget, typeTarget, type Target } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { importOf, importedFrom } from '../core/imports.js';
import { mongooseCollectionName } from '../core/naming.js';
import type { FactSink } from '../core/sink.js';
import { dottedName, findDecorator, methodCall, objectProperty, objectString, stringValue, typeReference, unwrap } from '../core/syntax.js';
import { methodTable } from '../core/method-table.js';
import { isTypeParameter } from '../core/inherited-models.js';

const PACKAGES = ['mongoose', '@nestjs/mongoose'];

const STATICS: Readonly<Record<string, AccessMode>> = methodTable({
  find: 'read', findOne: 'read', findById: 'read', countDocuments: 'read', count: 'read', estimatedDocumentCount: 'read',
  exists: 'read', aggregate: 'read', distinct: 'read', where: 'read',
  create: 'write', insertMany: 'write', updateOne: 'write', updateMany: 'write', update: 'write', deleteOne: 'write',
  deleteMany: 'write', remove: 'write', findOneAndUpdate: 'write', findByIdAndUpdate: 'write', findOneAndDelete: 'write',
  findByIdAndDelete: 'write', findOneAndRemove: 'write', findByIdAndRemove: 'write', findOneAndReplace: 'write',
  replaceOne: 'write', bulkWrite: 'write', bulkSave: 'write',
});

export const MONGOOSE_MODEL_CALLS: ModelCallVocabulary = {
  statics: STATICS,
  instance: methodTable({ save: 'write', deleteOne: 'write', remove: 'write', updateOne: 'write' }),
};

const CONNECTION_NAME = /^(mongoose|conn|connection|db)$/;

/** `model(...)`, `mongoose.model(...)`, `connection.model(...)`: the call's arguments, or null. */
function modelFactoryCall(file: FileIndex, call: ts.CallExpression): readonly ts.Expression[] | null {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return importedFrom(file, callee.text, PACKAGES) === 'model' ? call.arguments : null;
  const method = methodCall(call);
  if (method?.name !== 'model') return null;
  const receiver = dottedName(method.receiver);
  if (!receiver) return null;
  const root = receiver.split('.')[0]!;
  if (importOf(file, root) && importedFrom(file, root, PACKAGES) === null) return null;
  const last = receiver.slice(receiver.lastIndexOf('.') + 1);
  return importedFrom(file, root, PACKAGES) !== null || CONNECTION_NAME.test(last) ? call.arguments : null;
}

/** The `collection` option of a schema made in this file (`new Schema({...}, { collection: 'x' })`). */
function schemaCollection(file: FileIndex, schema: ts.Expression | undefined): string | null {
  if (!schema) return null;
  return followValue(
    file.bindings,
    schema,
    (expr) => (ts.isNewExpression(expr) && /Schema$/.test(dottedName(expr.expression) ?? '') ? objectString(expr.arguments?.[1], 'collection') : null),
    () => null,
  );
}

/**
 * The variable a model call's value goes to: `const Order = model(...)`, also through a fallback to
 * an already registered model (`(mongoose.models.Order as Model<O>) || model('Order', s)`); the first
 * model named in the initializer is the one the name stands for.
 */
function holderOf(call: ts.CallExpression): ts.VariableDeclaration | null {
  let node: ts.Node = call;
  while (
    ts.isParenthesizedExpression(node.parent) ||
    ts.isAsExpression(node.parent) ||
    ts.isConditionalExpression(node.parent) ||
    (ts.isBinaryExpression(node.parent) && (node.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken))
  ) {
    node = node.parent;
  }
  const holder = node.parent;
  if (!holder || !ts.isVariableDeclaration(holder) || holder.initializer !== node) return null;
  if (node === call) return holder;
  // Only the first model call of the initializer: `model('controls', s) || model('inputs', s)`.
  let first: ts.CallExpression | null = null;
  const visit = (child: ts.Node): void => {
    if (first) return;
    if (ts.isCallExpression(child) && methodCall(child)?.name === 'model' || (ts.isCallExpression(child) && ts.isIdentifier(child.expression) && child.expression.text === 'model')) first = child;
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return first === call ? holder : null;
}

function collectEntities(file: FileIndex, sink: FactSink): void {
  for (const call of file.calls) {
    const args = modelFactoryCall(file, call);
    if (!args || args.length < 2) continue;
    const name = stringValue(unwrap(args[0]!));
    if (name === null) {
      sink.unresolvedAt(call);
      continue;
    }
    const table = stringValue(args[2] ? unwrap(args[2]) : undefined) ?? schemaCollection(file, args[1]) ?? mongooseCollectionName(name);
    sink.entity(name, table, 'mongoose', call);
    const holder = holderOf(call);
    if (holder && ts.isIdentifier(holder.name) && holder.name.text !== name) {
      sink.alias(holder.name.text, { by: 'model', name, orm: 'mongoose' }, 'mongoose', holder.name);
    }
  }
  for (const cls of file.classes) {
    const decorator = findDecorator(cls, ['Schema']);
    if (!decorator || !cls.name || importedFrom(file, decorator.name, ['@nestjs/mongoose']) !== 'Schema') continue;
    const options = decorator.args[0];
    // `@Schema({ _id: false })` is an embedded sub-document, not a collection.
    if (objectProperty(options, '_id')?.kind === ts.SyntaxKind.FalseKeyword) continue;
    sink.entity(cls.name.text, objectString(options, 'collection') ?? mongooseCollectionName(cls.name.text), 'mongoose', cls.name);
  }
}

/**
 * `type CatDocument = HydratedDocument<Cat>` or `Cat & Document`: services type their models
 * `Model<CatDocument>`, so the alias names the schema class for other files.
 */
function collectDocumentAliases(file: FileIndex, sink: FactSink): void {
  for (const statement of file.sourceFile.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    const parts = ts.isIntersectionTypeNode(statement.type) ? statement.type.types : [statement.type];
    for (const part of parts) {
      const reference = typeReference(part);
      if (!reference) continue;
      const named = reference.name === 'HydratedDocument' || reference.name === 'Document' ? reference.args[0] : part;
      const target = named ? typeReference(named) : null;
      if (target && sink.definesEntity(target.name)) {
        sink.alias(statement.name.text, { by: 'symbol', name: target.name, module: null }, 'mongoose', statement.name);
        break;
      }
    }
  }
}

function collect(file: FileIndex, sink: FactSink): void {
  collectEntities(file, sink);
  collectDocumentAliases(file, sink);

  const direct = (expr: ts.Expression): Target | null => {
    if (!ts.isCallExpression(expr)) return null;
    const args = modelFactoryCall(file, expr);
    if (!args || args.length === 0) return null;
    const name = stringValue(unwrap(args[0]!));
    return name === null ? 'dynamic' : { by: 'model', name, orm: 'mongoose' };
  };
  const fromSite = (site: BindingSite): Target | 'generic' | null => {
    const inject = findDecorator(site.decorated, ['InjectModel']);
    if (inject && importedFrom(file, inject.name, ['@nestjs/mongoose'])) {
      const arg = inject.args[0];
      const name = stringValue(arg ? unwrap(arg) : undefined);
      if (name !== null) return { by: 'model', name, orm: 'mongoose' };
      return arg ? (symbolTarget(file, arg) ?? 'dynamic') : 'dynamic';
    }
    const type = typeReference(site.type);
    if (type?.name === 'Model' && importedFrom(file, 'Model', ['mongoose']) && type.args[0]) {
      // `Model<T>` of a class's type parameter: the subclass says which (`core/inherited-models.ts`).
      return isTypeParameter(type.args[0]) ? 'generic' : typeTarget(file, type.args[0]);
    }
    return null;
  };
  const modelOf = (expr: ts.Expression): Target | null => {
    const node = unwrap(expr);
    // Module-level model names declared here are the model-call pass's.
    if (ts.isIdentifier(node) && sink.definesEntity(node.text)) return null;
    const found = followValue<Target | 'generic'>(file.bindings, node, direct, fromSite);
    return found === 'generic' ? null : found;
  };
  const documentOf = (expr: ts.Expression): Target | null =>
    followValue(
      file.bindings,
      expr,
      (node) => {
        if (ts.isNewExpression(node)) return modelOf(node.expression);
        const method = ts.isCallExpression(node) ? methodCall(node) : null;
        return method && STATICS[method.name] === 'read' ? modelOf(method.receiver) : null;
      },
      () => null,
    );

  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method) continue;
    const operation = `${dottedName(method.receiver) ?? 'model'}.${method.name}`;
    const staticMode = STATICS[method.name];
    const model = staticMode ? modelOf(method.receiver) : null;
    if (model && staticMode) {
      sink.access(model, staticMode, 'mongoose', operation, call);
      continue;
    }
    const instanceMode = MONGOOSE_MODEL_CALLS.instance[method.name];
    const document = instanceMode ? documentOf(method.receiver) : null;
    if (document && instanceMode) sink.access(document, instanceMode, 'mongoose', operation, call);
  }
}

export const mongooseAdapter: OrmAdapter = {
  orm: 'mongoose',
  packages: PACKAGES,
  markers: /InjectModel|mongoose/,
  modelCalls: MONGOOSE_MODEL_CALLS,
  members: { types: ['Model'], methods: STATICS },
  collect,
};
