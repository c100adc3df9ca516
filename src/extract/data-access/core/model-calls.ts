// Calls on model classes and model objects themselves: `Order.find()` (Mongoose, Sequelize, TypeORM
// active record, an exported custom repository), `new Order(dto).save()`, `(await Order.findByPk(id)).destroy()`.
// A file that imports `Order` from another project file cannot tell which ORM made it, so each
// ORM whose vocabulary knows the method contributes a fact; the linker keeps only the one whose
// ORM matches the entity `Order` turns out to be. Names declared here as entities have their ORM.
import ts from '../../../shared/typescript.cjs';
import type { OrmName } from '../../../shared/facts.js';
import type { ModelCallVocabulary } from './adapter.js';
import type { Target } from './entity-ref.js';
import type { FileIndex } from './file-index.js';
import type { FactSink } from './sink.js';
import { dottedName, methodCall, unwrap } from './syntax.js';

export interface OrmVocabulary {
  orm: OrmName;
  vocabulary: ModelCallVocabulary;
}

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

export function collectModelCalls(file: FileIndex, sink: FactSink, vocabularies: readonly OrmVocabulary[]): void {
  const localEntities = new Map<string, OrmName>();
  for (const local of sink.localEntityNames()) localEntities.set(local.name, local.orm);

  const modelNamed = (expr: ts.Expression): ModelName | null => {
    const node = unwrap(expr);
    if (ts.isIdentifier(node)) {
      const imported = file.input.importsByLocal.get(node.text);
      if (imported) {
        if (!imported.module || imported.imported === '*' || !MODEL_LIKE_NAME.test(node.text)) return null;
        return { target: { by: 'symbol', name: imported.imported, module: imported.module }, text: node.text, orms: [...vocabularies] };
      }
      const orm = localEntities.get(node.text);
      if (!orm) return null;
      const site = file.bindings.lookup(node);
      if (site && !site.isModuleLevel) return null;
      const own = vocabularies.filter((entry) => entry.orm === orm);
      return own.length > 0 ? { target: { by: 'symbol', name: node.text, module: null }, text: node.text, orms: own } : null;
    }
    // `models.Order` through a namespace import of a project file.
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const imported = file.input.importsByLocal.get(node.expression.text);
      if (!imported?.module || imported.imported !== '*' || !MODEL_LIKE_NAME.test(node.name.text)) return null;
      return { target: { by: 'symbol', name: node.name.text, module: imported.module }, text: `${node.expression.text}.${node.name.text}`, orms: [...vocabularies] };
    }
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
        if (mode) sink.access(model.target, mode, orm, `${model.text}.${method.name}`, call);
      }
      continue;
    }
    const instance = instanceOf(method.receiver);
    if (!instance) continue;
    const receiverText = dottedName(method.receiver) ?? `new ${instance.text}()`;
    for (const { orm, vocabulary } of instance.orms) {
      const mode = vocabulary.instance[method.name];
      if (mode) sink.access(instance.target, mode, orm, `${receiverText}.${method.name}`, call);
    }
  }
}
