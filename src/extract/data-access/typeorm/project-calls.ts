// What this file can only say about other project files, for the linker to settle:
// - calls of a function or method of another project file with an entity as argument (`getRepo(Order)`,
//   `this.connection.getEntityOrThrow(ctx, Order, id)`): accesses that stand if that function is a
//   wrapper (`DataAccessFact.wrapper`, checked against the other file's `repositoryWrappers`);
// - classes decorated with a decorator of another project file (`@MultiORMEntity('employee')`):
//   entities if that decorator applies an ORM's `Entity` (`EntityFact.decorator`);
// - decorators this file exports that apply TypeORM's or MikroORM's `Entity` (`FileFacts.entityDecorators`).
import ts from '../../../shared/typescript.cjs';
import type { RepoPath } from '../../../shared/facts.js';
import { followValue } from '../core/bindings.js';
import type { Target } from '../core/entity-ref.js';
import type { FileIndex } from '../core/file-index.js';
import { fromPackage, importOf, MIKRO_ORM_PACKAGES } from '../core/imports.js';
import { hasExportModifier, typeReference, unwrap } from '../core/syntax.js';
import { entityArgument } from './receivers.js';

export interface ProjectCallee {
  module: RepoPath;
  /** The export (`getRepo`), or `Class.method` for a method of an exported class. */
  name: string;
}

const ENTITY_PACKAGES = ['typeorm', ...MIKRO_ORM_PACKAGES];

/** An export of a project file by a local name: `{ module, name }`, or null for packages and namespaces. */
function projectExport(file: FileIndex, local: string): ProjectCallee | null {
  const imported = importOf(file, local);
  return imported?.module && imported.imported !== '*' ? { module: imported.module, name: imported.imported } : null;
}

/** The project class an expression is an instance of, by its declared type or `new`. */
function instanceClass(file: FileIndex, expr: ts.Expression): ProjectCallee | null {
  return followValue<ProjectCallee>(
    file.bindings,
    expr,
    (node) => (ts.isNewExpression(node) && ts.isIdentifier(node.expression) ? projectExport(file, node.expression.text) : null),
    (site) => {
      const reference = typeReference(site.type);
      return reference && !reference.name.includes('.') ? projectExport(file, reference.name) : null;
    },
  );
}

/** The function or method of another project file a call calls, or null. */
export function projectCallee(file: FileIndex, call: ts.CallExpression): ProjectCallee | null {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return projectExport(file, callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const base = unwrap(callee.expression);
  if (ts.isIdentifier(base)) {
    const imported = importOf(file, base.text);
    if (imported?.module && imported.imported === '*') return { module: imported.module, name: callee.name.text };
    // A static method of an imported class.
    if (imported?.module) return { module: imported.module, name: `${imported.imported}.${callee.name.text}` };
  }
  const cls = instanceClass(file, base);
  return cls ? { module: cls.module, name: `${cls.name}.${callee.name.text}` } : null;
}

/** The first argument that names an entity (a class of the project, a string): its index and target. */
export function entityLikeArgument(file: FileIndex, args: readonly ts.Expression[]): { index: number; target: Exclude<Target, 'dynamic'> } | null {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const node = unwrap(arg);
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node) && !ts.isStringLiteralLike(node)) continue;
    const target = entityArgument(file, node);
    if (target === 'dynamic') continue;
    // A class imported from a project file, or one declared here; a string names an entity too.
    if (target.by === 'symbol' && target.module === null && !file.classes.some((cls) => cls.name?.text === target.name)) continue;
    return { index, target };
  }
  return null;
}

/** Exported decorators whose body calls TypeORM's (or MikroORM's) `Entity`: their names. */
export function entityDecoratorsDeclared(file: FileIndex): string[] {
  const names: string[] = [];
  const appliesEntity = (body: ts.Node): boolean => {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const imported = importOf(file, node.expression.text);
        if (imported?.imported === 'Entity' && fromPackage(imported.specifier, ENTITY_PACKAGES)) found = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
    return found;
  };
  for (const statement of file.sourceFile.statements) {
    if (!hasExportModifier(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body && appliesEntity(statement.body)) names.push(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer ? unwrap(declaration.initializer) : undefined;
        if (ts.isIdentifier(declaration.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && appliesEntity(init.body)) {
          names.push(declaration.name.text);
        }
      }
    }
  }
  return names;
}
