// Local data flow without a type checker: where a name (`repo`, `this.repo`) was declared, with which
// type annotation, decorators and values (initializer, later assignments). Enough to see that
// `this.repo` is `dataSource.getRepository(Order)` or a parameter typed `Repository<Order>`.
import ts from '../../../shared/typescript.cjs';
import { enclosingClass, isFunctionLike, isThisProperty, unwrap } from './syntax.js';

export interface BindingSite {
  /** The identifier, or `this.<name>` for class members. */
  name: string;
  kind: 'variable' | 'parameter' | 'property';
  /** The node the name is visible in: a block, function, source file, or the class for members. */
  scope: ts.Node;
  declaration: ts.Node;
  type: ts.TypeNode | undefined;
  /** The initializer and every assignment seen, in source order. */
  values: ts.Expression[];
  /** The node whose decorators apply (`@InjectRepository(Order) repo`). */
  decorated: ts.Node;
  isModuleLevel: boolean;
}

function isScopeNode(node: ts.Node): boolean {
  return (
    ts.isBlock(node) ||
    ts.isSourceFile(node) ||
    ts.isModuleBlock(node) ||
    ts.isCaseBlock(node) ||
    ts.isForStatement(node) ||
    ts.isForOfStatement(node) ||
    ts.isForInStatement(node) ||
    ts.isCatchClause(node) ||
    isFunctionLike(node)
  );
}

function scopeOf(node: ts.Node): ts.Node {
  let current = node.parent;
  while (current && !isScopeNode(current)) current = current.parent;
  return current ?? node.getSourceFile();
}

export class BindingTable {
  /** scope node -> name -> declaration. Lookups walk up from the use: cost is the nesting depth. */
  private readonly byScope = new Map<ts.Node, Map<string, BindingSite>>();
  /** Every name declared in some scope: a name in none (an import, a global) needs no walk up the scopes. */
  private readonly declaredNames = new Set<string>();
  private readonly pendingAssignments: { target: ts.Expression; value: ts.Expression }[] = [];

  /** Called by the shared walk on every node; records declarations and assignments. */
  visit(node: ts.Node): void {
    if (ts.isVariableDeclaration(node)) {
      if (!ts.isIdentifier(node.name)) return;
      const statement = node.parent?.parent;
      this.add({
        name: node.name.text,
        kind: 'variable',
        scope: scopeOf(node),
        declaration: node,
        type: node.type,
        values: node.initializer ? [node.initializer] : [],
        decorated: node,
        isModuleLevel: !!statement && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent),
      });
    } else if (ts.isParameter(node)) {
      if (!ts.isIdentifier(node.name) || !node.parent) return;
      const site: BindingSite = {
        name: node.name.text,
        kind: 'parameter',
        scope: node.parent,
        declaration: node,
        type: node.type,
        values: node.initializer ? [node.initializer] : [],
        decorated: node,
        isModuleLevel: false,
      };
      this.add(site);
      if (ts.isConstructorDeclaration(node.parent) && ts.isParameterPropertyDeclaration(node, node.parent)) {
        const cls = node.parent.parent;
        this.add({ ...site, name: `this.${site.name}`, kind: 'property', scope: cls, values: [...site.values] });
      }
    } else if (ts.isPropertyDeclaration(node)) {
      const cls = node.parent;
      if (!ts.isIdentifier(node.name) && !ts.isPrivateIdentifier(node.name)) return;
      this.add({
        name: `this.${node.name.text}`,
        kind: 'property',
        scope: cls,
        declaration: node,
        type: node.type,
        values: node.initializer ? [node.initializer] : [],
        decorated: node,
        isModuleLevel: false,
      });
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = unwrap(node.left);
      if (ts.isIdentifier(target) || isThisProperty(target)) this.pendingAssignments.push({ target, value: node.right });
    }
  }

  /** Attaches assignments to their declarations; call once after the walk. */
  finish(): void {
    for (const { target, value } of this.pendingAssignments) {
      const site = this.lookup(target);
      if (site) {
        site.values.push(value);
      } else if (isThisProperty(target)) {
        // A member only ever assigned (`this.repo = ...` with no declaration, as in plain JS).
        const cls = enclosingClass(target);
        if (cls) {
          this.add({ name: `this.${target.name.text}`, kind: 'property', scope: cls, declaration: target, type: undefined, values: [value], decorated: target, isModuleLevel: false });
        }
      }
    }
    this.pendingAssignments.length = 0;
  }

  /** The declaration an identifier or `this.x` refers to at that point, innermost scope first. */
  lookup(expr: ts.Expression): BindingSite | undefined {
    const node = unwrap(expr);
    if (ts.isIdentifier(node)) {
      if (!this.declaredNames.has(node.text)) return undefined;
      for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
        const site = this.byScope.get(scope)?.get(node.text);
        if (site) return site;
      }
      return undefined;
    }
    if (isThisProperty(node)) {
      const cls = enclosingClass(node);
      return cls ? this.byScope.get(cls)?.get(`this.${node.name.text}`) : undefined;
    }
    return undefined;
  }

  private add(site: BindingSite): void {
    this.declaredNames.add(site.name);
    let names = this.byScope.get(site.scope);
    if (!names) {
      names = new Map();
      this.byScope.set(site.scope, names);
    }
    const existing = names.get(site.name);
    // `var x` twice in one scope, or a field declared and also a parameter property: one name, one site.
    if (existing) existing.values.push(...site.values);
    else names.set(site.name, site);
  }
}

/**
 * Follows a value through names: asks `direct` about the expression itself, and for a name, asks
 * `fromSite` about its declaration (type, decorators), then follows each value it was given.
 */
export function followValue<T>(
  bindings: BindingTable,
  expr: ts.Expression,
  direct: (expr: ts.Expression) => T | null,
  fromSite: (site: BindingSite) => T | null,
): T | null {
  // A bounded search: generated code (parsers, bundles) reassigns the same names thousands of times.
  const budget = { steps: 48 };
  return follow(bindings, expr, direct, fromSite, 0, budget);
}

const MAX_VALUES_PER_NAME = 12;

function follow<T>(
  bindings: BindingTable,
  expr: ts.Expression,
  direct: (expr: ts.Expression) => T | null,
  fromSite: (site: BindingSite) => T | null,
  depth: number,
  budget: { steps: number },
): T | null {
  if (--budget.steps < 0) return null;
  const node = unwrap(expr);
  const own = direct(node);
  if (own !== null || depth > 4) return own;
  const next = (value: ts.Expression): T | null => follow(bindings, value, direct, fromSite, depth + 1, budget);
  // `cached ?? new PrismaClient()`, `test ? a : b`: either side may be the value.
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return next(node.left) ?? next(node.right);
  }
  if (ts.isConditionalExpression(node)) return next(node.whenTrue) ?? next(node.whenFalse);
  const site = bindings.lookup(node);
  if (!site) return null;
  const declared = fromSite(site);
  if (declared !== null) return declared;
  for (const value of site.values.slice(0, MAX_VALUES_PER_NAME)) {
    // `const repo = repo` style self-references would loop; depth and budget end them.
    const found = next(value);
    if (found !== null) return found;
  }
  return null;
}

/** For a parameter of a callback passed to `<recv>.<method>(...)`: that call, else null. */
export function callbackCallOf(site: BindingSite): { call: ts.CallExpression; index: number } | null {
  if (site.kind !== 'parameter') return null;
  const fn = site.scope;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return null;
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call)) return null;
  const index = fn.parameters.findIndex((parameter) => parameter === site.declaration);
  return { call, index };
}
