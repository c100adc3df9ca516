// `this` inside a model class: the model itself in a static method (`static findBySlug(s) {
// return this.findOne(...) }`), one of its instances in an instance method (`this.update(...)`).
import ts from '../../../shared/typescript.cjs';

export interface ThisBinding {
  cls: ts.ClassLikeDeclaration;
  isStatic: boolean;
}

function isStaticMember(node: ts.Node): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false;
}

/** The class member a `this` belongs to, and whether it is static; null outside a class or in a plain function. */
export function thisBinding(node: ts.Node): ThisBinding | null {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isArrowFunction(current)) continue;
    if (ts.isFunctionExpression(current)) {
      // `getUser = function () { ... this ... }`: a method given as a property of the class.
      const holder = current.parent;
      if (holder && ts.isPropertyDeclaration(holder) && holder.initializer === current && ts.isClassLike(holder.parent)) {
        return { cls: holder.parent, isStatic: isStaticMember(holder) };
      }
      return null;
    }
    if (ts.isFunctionDeclaration(current) || ts.isSourceFile(current)) return null;
    if (ts.isMethodDeclaration(current) || ts.isGetAccessorDeclaration(current) || ts.isSetAccessorDeclaration(current) || ts.isConstructorDeclaration(current) || ts.isPropertyDeclaration(current)) {
      return ts.isClassLike(current.parent) ? { cls: current.parent, isStatic: isStaticMember(current) } : null;
    }
    if (ts.isClassStaticBlockDeclaration(current)) return { cls: current.parent, isStatic: true };
    if (ts.isClassLike(current)) return null;
  }
  return null;
}
