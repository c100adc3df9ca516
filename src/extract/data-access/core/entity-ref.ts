// Turning an expression or a type into what it names: an entity class or table object (`symbol`),
// or `dynamic` when the value is only known at run time (a parameter, a computed name).
import ts from '../../../shared/typescript.cjs';
import type { EntityRef } from '../../../shared/facts.js';
import type { FileIndex } from './file-index.js';
import { entityNameText, unwrap } from './syntax.js';

export type Target = EntityRef | 'dynamic';

function importedSymbol(file: FileIndex, local: string, member?: string): EntityRef | null {
  const imported = file.input.importsByLocal.get(local);
  if (!imported) return null;
  if (imported.imported === '*') {
    return member ? { by: 'symbol', name: member, module: imported.module } : null;
  }
  return member ? null : { by: 'symbol', name: imported.imported, module: imported.module };
}

/**
 * The entity an expression names: `Order` (imported or declared here), `entities.Order` through a
 * namespace import, `Cat.name` (NestJS model tokens). A local variable or parameter is `dynamic`
 * unless it was given one of those. null when the expression is no name at all (a string, a call).
 */
export function symbolTarget(file: FileIndex, expr: ts.Expression, depth = 0): Target | null {
  const node = unwrap(expr);
  if (ts.isIdentifier(node)) {
    if (node.text === 'undefined') return null;
    const imported = file.input.importsByLocal.get(node.text);
    if (imported) return importedSymbol(file, node.text) ?? 'dynamic';
    const site = file.bindings.lookup(node);
    if (!site) return { by: 'symbol', name: node.text, module: null };
    if (site.isModuleLevel) {
      const value = site.values[0];
      // `const Orders = Order` re-names a class; anything else declared at module level is itself the thing.
      if (value && ts.isIdentifier(unwrap(value)) && depth < 4) return symbolTarget(file, value, depth + 1);
      return { by: 'symbol', name: node.text, module: null };
    }
    if (depth < 3) {
      // A few values at most: generated code reassigns one name thousands of times.
      for (const value of site.values.slice(0, 4)) {
        const found = symbolTarget(file, value, depth + 1);
        if (found && found !== 'dynamic') return found;
      }
    }
    return 'dynamic';
  }
  if (ts.isPropertyAccessExpression(node)) {
    const base = unwrap(node.expression);
    if (ts.isIdentifier(base)) {
      const viaNamespace = importedSymbol(file, base.text, node.name.text);
      if (viaNamespace) return viaNamespace;
      if (node.name.text === 'name') return symbolTarget(file, base, depth + 1);
    }
    return 'dynamic';
  }
  if (ts.isStringLiteralLike(node)) return null;
  return 'dynamic';
}

/** The entity a type names: `Order`, `entities.Order`, `typeof Order`. */
export function typeTarget(file: FileIndex, type: ts.TypeNode | undefined): EntityRef | null {
  if (!type) return null;
  let name: ts.EntityName | null = null;
  if (ts.isTypeReferenceNode(type)) name = type.typeName;
  else if (ts.isTypeQueryNode(type)) name = type.exprName;
  if (!name) return null;
  if (ts.isIdentifier(name)) {
    return importedSymbol(file, name.text) ?? (file.input.importsByLocal.has(name.text) ? null : { by: 'symbol', name: name.text, module: null });
  }
  if (ts.isIdentifier(name.left)) return importedSymbol(file, name.left.text, name.right.text);
  return { by: 'symbol', name: entityNameText(name), module: null };
}

export function sameTarget(a: Target, b: Target): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
