// Calls on model classes and model objects themselves: `Order.find()` (Mongoose, Sequelize, TypeORM
// active record, an exported custom repository), `new Order(dto).save()`, `(await Order.findByPk(id)).destroy()`.
// A file that imports `Order` from another project file cannot tell which ORM made it, so each
// ORM whose vocabulary knows the method contributes a fact; the linker keeps only the one whose
// ORM matches the entity `Order` turns out to be. Names declared here as entities have their ORM.
import ts from '../../../shared/typescript.cjs';
import type { OrmName } from '../../../shared/facts.js';
import type { DataAccessScanInput } from '../../types.js';
import type { ModelCallVocabulary } from './adapter.js';
import { callbackCallOf, type BindingSite } from './bindings.js';
import type { Target } from './entity-ref.js';
import type { FileIndex } from './file-index.js';
import type { FactSink } from './sink.js';
import { memberCall, memberKey } from './member-facts.js';
import { dottedName, methodCall, typeReference, unwrap } from './syntax.js';

/** What some ORMs add to the shared vocabulary (kept here: the pass is the only reader). */
export interface ModelCallExtras {
  /** Statics that return the model itself, narrowed: `Order.scope('paid').findAll()`, `.unscoped()`. */
  chains?: readonly string[];
  /**
   * Every instance of a model has the instance methods, so a value declared with the model's type is
   * one: `(user: User) => user.save()`, `for (const o of orders)` over `orders: Order[]`.
   */
  typedInstances?: boolean;
  /**
   * Other methods called on a model or an instance may be ones its class declares (custom statics,
   * association accessors): each becomes a `member-call:` fact (`member-facts.ts`) for the linker.
   */
  memberCalls?: boolean;
}

export interface OrmVocabulary {
  orm: OrmName;
  vocabulary: ModelCallVocabulary & ModelCallExtras;
}

/** Array methods whose callback's first parameter is an element: `orders.map((o) => o.save())`. */
const ELEMENT_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'some', 'every', 'flatMap', 'findLast']);

interface ModelName {
  target: Target;
  text: string;
  orms: OrmVocabulary[];
}

/** Names a model or repository goes by: `Order`, `orderModel`, `ordersRepository`. */
export const MODEL_LIKE_NAME = /^[A-Z]|(Model|Repository|Repo)$/;

/** Text gate: does the file call any method the vocabularies know, on anything? One regex, one pass. */
export function modelCallGate(vocabularies: readonly OrmVocabulary[]): RegExp {
  const methods = new Set<string>();
  for (const { vocabulary } of vocabularies) for (const method of Object.keys(vocabulary.statics)) methods.add(method);
  return new RegExp(`\\.(?:${[...methods].sort().join('|')})\\(`);
}

/**
 * Text gate for vocabularies with `memberCalls`: a method the vocabularies do not know, called on an
 * imported project name or a member of one (`Comment.findBySlug(`, `models.Comment.findBySlug(`), or on
 * a value declared with an imported model-like type.
 */
export function callsImportedMember(input: DataAccessScanInput): boolean {
  const models = new Set<string>();
  const registries = new Set<string>();
  for (const [local, imported] of input.importsByLocal) {
    if (imported.module === null || !/^[A-Za-z_][\w]*$/.test(local)) continue;
    if (MODEL_LIKE_NAME.test(local)) models.add(local);
    else registries.add(local);
  }
  // One scan per shape with the name captured and looked up, rather than an alternation of every
  // imported name tried at every position (the same matches: a name is always a whole word here).
  if (models.size > 0 && (anyCaptured(MEMBER_CALL, input.text, models) || anyCaptured(TYPED_AS, input.text, models))) return true;
  return registries.size > 0 && anyCaptured(REGISTRY_MEMBER_CALL, input.text, registries);
}

/** `Comment.findBySlug(`: a whole word not after `.`/`$`, a member, a call. */
const MEMBER_CALL = /(?<![\w$.])([A-Za-z_]\w*)\.\w+\(/g;
/** `(post: Post) => ...`: a value typed as the name itself (not `Post.Kind`, not `Post<T>`). */
const TYPED_AS = /:\s*([A-Za-z_]\w*)(?!\w)(?!\s*[.<])/g;
/** `models.Comment.findBySlug(`. */
const REGISTRY_MEMBER_CALL = /(?<![\w$.])([A-Za-z_]\w*)\.[A-Z]\w*\.\w+\(/g;

function anyCaptured(pattern: RegExp, text: string, names: ReadonlySet<string>): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (names.has(match[1]!)) return true;
  }
  return false;
}

/**
 * `const { Order, User } = models` at module level, `models` imported from a project file: each name
 * is that file's registry member (`<import>.<member>`, as `models.Order` is).
 */
function registryDestructurings(file: FileIndex): Map<string, { module: string; imported: string; property: string }> {
  const found = new Map<string, { module: string; imported: string; property: string }>();
  for (const statement of file.sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const value = declaration.initializer ? unwrap(declaration.initializer) : undefined;
      if (!ts.isObjectBindingPattern(declaration.name) || !value || !ts.isIdentifier(value)) continue;
      const imported = file.input.importsByLocal.get(value.text);
      if (!imported?.module || imported.imported === '*') continue;
      for (const element of declaration.name.elements) {
        if (element.dotDotDotToken || !ts.isIdentifier(element.name)) continue;
        const property = element.propertyName ? (ts.isIdentifier(element.propertyName) ? element.propertyName.text : null) : element.name.text;
        if (property !== null && MODEL_LIKE_NAME.test(property)) found.set(element.name.text, { module: imported.module, imported: imported.imported, property });
      }
    }
  }
  return found;
}

export function collectModelCalls(file: FileIndex, sink: FactSink, vocabularies: readonly OrmVocabulary[]): void {
  const localEntities = new Map<string, OrmName>();
  for (const local of sink.localEntityNames()) localEntities.set(local.name, local.orm);

  const destructured = registryDestructurings(file);
  const modelNamed = (expr: ts.Expression): ModelName | null => {
    const node = unwrap(expr);
    if (ts.isIdentifier(node)) {
      const imported = file.input.importsByLocal.get(node.text);
      if (imported) {
        if (!imported.module || imported.imported === '*' || !MODEL_LIKE_NAME.test(node.text)) return null;
        return { target: { by: 'symbol', name: imported.imported, module: imported.module }, text: node.text, orms: [...vocabularies] };
      }
      const member = destructured.get(node.text);
      if (member && !file.bindings.lookup(node)) {
        return { target: { by: 'symbol', name: `${member.imported}.${member.property}`, module: member.module }, text: node.text, orms: [...vocabularies] };
      }
      const orm = localEntities.get(node.text);
      if (!orm) return null;
      const site = file.bindings.lookup(node);
      if (site && !site.isModuleLevel) return null;
      const own = vocabularies.filter((entry) => entry.orm === orm);
      return own.length > 0 ? { target: { by: 'symbol', name: node.text, module: null }, text: node.text, orms: own } : null;
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const imported = file.input.importsByLocal.get(node.expression.text);
      if (!imported?.module || !MODEL_LIKE_NAME.test(node.name.text)) return null;
      const text = `${node.expression.text}.${node.name.text}`;
      // `models.Order` through a namespace import of a project file.
      if (imported.imported === '*') return { target: { by: 'symbol', name: node.name.text, module: imported.module }, text, orms: [...vocabularies] };
      // A member of an object another project file exports (`export default { Order, User }`): that
      // file names its members `<export>.<member>` as aliases (sequelize/ model registries).
      return { target: { by: 'symbol', name: `${imported.imported}.${node.name.text}`, module: imported.module }, text, orms: [...vocabularies] };
    }
    // `Order.scope('paid')`, `Order.unscoped()`: still the model, for the ORMs that know the chain.
    if (ts.isCallExpression(node)) {
      const method = methodCall(node);
      const model = method ? modelNamed(method.receiver) : null;
      if (!method || !model) return null;
      const orms = model.orms.filter(({ vocabulary }) => vocabulary.chains?.includes(method.name));
      return orms.length > 0 ? { ...model, orms } : null;
    }
    return null;
  };

  /** The model a type names (`User`, `User[]`, `Array<User>`, `User | null`), for typed instances. */
  const modelTyped = (type: ts.TypeNode | undefined, depth = 0): ModelName | null => {
    if (!type || depth > 3) return null;
    if (ts.isArrayTypeNode(type)) return modelTyped(type.elementType, depth + 1);
    if (ts.isParenthesizedTypeNode(type)) return modelTyped(type.type, depth + 1);
    if (ts.isUnionTypeNode(type)) {
      for (const member of type.types) {
        const found = modelTyped(member, depth + 1);
        if (found) return found;
      }
      return null;
    }
    const reference = typeReference(type);
    if (!reference) return null;
    if ((reference.name === 'Array' || reference.name === 'ReadonlyArray' || reference.name === 'Promise') && reference.args[0]) return modelTyped(reference.args[0], depth + 1);
    if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return null;
    const model = modelNamed(type.typeName);
    if (!model) return null;
    const orms = model.orms.filter(({ vocabulary }) => vocabulary.typedInstances);
    return orms.length > 0 ? { ...model, orms } : null;
  };

  /** An element of `iterable` (a for-of variable, an array callback's parameter) is an instance when `iterable` holds them. */
  const elementOf = (site: BindingSite, depth: number): ModelName | null => {
    const declaration = site.declaration;
    if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && ts.isForOfStatement(declaration.parent.parent)) {
      return instanceOf(declaration.parent.parent.expression, depth + 1);
    }
    const callback = callbackCallOf(site);
    const method = callback && callback.index === 0 ? methodCall(callback.call) : null;
    if (method && ELEMENT_CALLBACKS.has(method.name)) return instanceOf(method.receiver, depth + 1);
    return null;
  };

  // An instance of a model: `new Order()`, `Order.build()`, or what a static reader returns.
  const instanceOf = (expr: ts.Expression, depth = 0): ModelName | null => {
    const node = unwrap(expr);
    if (ts.isNewExpression(node)) return modelNamed(node.expression);
    if (ts.isCallExpression(node)) {
      const method = methodCall(node);
      if (!method) return null;
      const model = modelNamed(method.receiver);
      if (!model) return null;
      const orms = model.orms.filter(({ vocabulary }) => vocabulary.statics[method.name] === 'read' || vocabulary.factories?.includes(method.name));
      return orms.length > 0 ? { ...model, orms } : null;
    }
    if (ts.isIdentifier(node) && depth < 3) {
      const site = file.bindings.lookup(node);
      if (!site || site.isModuleLevel) return null;
      const declared = modelTyped(site.type) ?? elementOf(site, depth);
      if (declared) return declared;
      for (const value of site.values.slice(0, 4)) {
        const found = instanceOf(value, depth + 1);
        if (found) return found;
      }
    }
    return null;
  };

  for (const call of file.calls) {
    const method = methodCall(call);
    if (!method) continue;
    const model = modelNamed(method.receiver);
    if (model) {
      for (const { orm, vocabulary } of model.orms) {
        const mode = vocabulary.statics[method.name];
        const text = `${model.text}.${method.name}`;
        if (mode) sink.access(model.target, mode, orm, text, call);
        else if (vocabulary.memberCalls && !vocabulary.chains?.includes(method.name) && !vocabulary.factories?.includes(method.name)) {
          memberCall(sink, model.target, `static:${method.name}`, text, orm, call);
        }
      }
      continue;
    }
    const instance = instanceOf(method.receiver);
    if (!instance) continue;
    const receiverText = dottedName(method.receiver) ?? `new ${instance.text}()`;
    for (const { orm, vocabulary } of instance.orms) {
      const mode = vocabulary.instance[method.name];
      if (mode) sink.access(instance.target, mode, orm, `${receiverText}.${method.name}`, call);
      else if (vocabulary.memberCalls) memberCall(sink, instance.target, memberKey(call, method.name), `${receiverText}.${method.name}`, orm, call);
    }
  }
}
