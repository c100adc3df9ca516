// TypeORM relations: declared on the entity (`@OneToMany(() => Order, ...) orders`, or the target by
// name, `@ManyToOne('Customer')`), and loaded by `find({ relations: [...] })` or by joining a relation
// path in a query builder (`leftJoinAndSelect('c.orders', 'o')`, then `'o.lines'`).
import ts from '../../../shared/typescript.cjs';
import type { EntityRef } from '../../../shared/facts.js';
import { symbolTarget } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { importOf } from '../core/imports.js';
import { decoratorsOf, propertyNameText, stringValue, unwrap } from '../core/syntax.js';

const RELATION_DECORATORS = new Set(['OneToMany', 'ManyToOne', 'OneToOne', 'ManyToMany']);

/** `() => Order`, `(type) => Order`, `'Order'`: the related entity a relation decorator names. */
function relationTarget(file: FileIndex, arg: ts.Expression | undefined): EntityRef | null {
  if (!arg) return null;
  const node = unwrap(arg);
  const name = stringValue(node);
  if (name !== null) return { by: 'model', name, orm: 'typeorm' };
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return null;
  let body: ts.Node = node.body;
  if (ts.isBlock(body)) {
    const returned = body.statements.find(ts.isReturnStatement);
    if (!returned?.expression) return null;
    body = returned.expression;
  }
  const target = symbolTarget(file, body as ts.Expression);
  return target && target !== 'dynamic' ? target : null;
}

/** The entity class's relation fields: field -> related entity. */
export function entityRelations(file: FileIndex, cls: ts.ClassLikeDeclaration): Record<string, EntityRef> {
  const relations: Record<string, EntityRef> = {};
  for (const member of cls.members) {
    if (!ts.isPropertyDeclaration(member)) continue;
    const field = propertyNameText(member.name);
    if (field === null) continue;
    for (const decorator of decoratorsOf(member)) {
      const imported = importOf(file, decorator.name);
      const kind = imported && imported.imported !== 'default' && imported.imported !== '*' ? imported.imported : decorator.name;
      // TypeORM's own, or one re-exported by a project barrel; never another package's.
      if (!RELATION_DECORATORS.has(kind) || (imported && imported.module === null && imported.specifier !== 'typeorm')) continue;
      const target = relationTarget(file, decorator.args[0]);
      if (target) relations[field] = target;
    }
  }
  return relations;
}
