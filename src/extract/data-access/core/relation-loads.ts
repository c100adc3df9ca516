// Relation loads name the related entities by their relation fields: Prisma `include`/`select`
// (`_count.select` too), Drizzle `with`, TypeORM `relations` (paths or an object). Each gives the
// field paths it loads; the linker follows them through the entities' relations to the tables read.
// A field that is no relation (`select: { id: true }`) leads nowhere there and is dropped.
import ts from '../../../shared/typescript.cjs';
import { objectProperty, propertyNameText, stringValue, unwrap } from './syntax.js';

const MAX_DEPTH = 6;

/** Paths loaded through `keys` (`include`, `select`, `with`) of an options object, nested loads included. */
export function nestedLoads(options: ts.Expression | undefined, keys: readonly string[]): string[][] {
  const out: string[][] = [];
  const visit = (value: ts.Expression, path: string[], depth: number): void => {
    const node = unwrap(value);
    if (!ts.isObjectLiteralExpression(node) || depth > MAX_DEPTH) return;
    for (const key of keys) {
      const inner = objectProperty(node, key);
      const fields = inner ? unwrap(inner) : undefined;
      if (!fields || !ts.isObjectLiteralExpression(fields)) continue;
      for (const property of fields.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const name = propertyNameText(property.name);
        const loaded = unwrap(property.initializer);
        if (name === null || loaded.kind === ts.SyntaxKind.FalseKeyword) continue;
        // Prisma's `_count: { select: { posts: true } }` counts rows of the relations it selects.
        if (name === '_count') {
          visit(loaded, path, depth + 1);
          continue;
        }
        out.push([...path, name]);
        visit(loaded, [...path, name], depth + 1);
      }
    }
  };
  if (options) visit(options, [], 0);
  return out;
}

/** TypeORM `relations: ['orders', 'orders.items']` or `relations: { orders: { items: true } }`. */
export function relationOption(options: ts.Expression | undefined): string[][] {
  const value = objectProperty(options, 'relations');
  const node = value ? unwrap(value) : undefined;
  if (!node) return [];
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.flatMap((element) => {
      const text = stringValue(unwrap(element as ts.Expression));
      return text ? [text.split('.').filter((part) => part.length > 0)] : [];
    });
  }
  const out: string[][] = [];
  const visit = (object: ts.Expression, path: string[], depth: number): void => {
    const literal = unwrap(object);
    if (!ts.isObjectLiteralExpression(literal) || depth > MAX_DEPTH) return;
    for (const property of literal.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const name = propertyNameText(property.name);
      if (name === null || unwrap(property.initializer).kind === ts.SyntaxKind.FalseKeyword) continue;
      out.push([...path, name]);
      visit(property.initializer, [...path, name], depth + 1);
    }
  };
  visit(node, [], 0);
  return out;
}
