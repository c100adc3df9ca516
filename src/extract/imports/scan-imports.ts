// Import and export facts of one parsed file, from syntax alone (no binder, no type checker).
// One pass over the top-level statements for declarations, one iterative walk over the whole tree
// for require()/import() calls and for references to imported names (the edge weights).
import ts from '../../shared/typescript.cjs';
import type { ExportFacts, ImportedBinding, ImportKind } from '../../shared/facts.js';

/** An import before resolution: the specifier as written. */
export interface RawImport {
  specifier: string;
  kind: ImportKind;
  line: number;
  bindings: ImportedBinding[];
}

export interface RawReexport {
  /** Index into `imports` of the import fact this re-export created. */
  importIndex: number;
  names: { exported: string; imported: string }[] | null;
  line: number;
}

export interface ScannedImports {
  imports: RawImport[];
  declared: string[];
  forwarded: { exported: string; local: string }[];
  reexports: RawReexport[];
}

/** Visits every node once without recursion, so deeply nested code cannot overflow the stack. */
export function walkTree(root: ts.Node, visit: (node: ts.Node) => void): void {
  const stack: ts.Node[] = [root];
  const push = (child: ts.Node): undefined => {
    stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    ts.forEachChild(node, push);
  }
}

export function lineOf(sourceFile: ts.SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}

function startLine(sourceFile: ts.SourceFile, node: ts.Node): number {
  return lineOf(sourceFile, node.getStart(sourceFile));
}

function newBinding(imported: string, local: string, isTypeOnly: boolean): ImportedBinding {
  return { imported, local, isTypeOnly, references: 0, members: [], referenceLines: [], discardedCalls: 0, usedCalls: 0 };
}

function literalText(node: ts.Node | undefined): string | null {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return null;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}

function bindingNames(name: ts.BindingName, into: string[]): void {
  if (ts.isIdentifier(name)) {
    into.push(name.text);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) bindingNames(element.name, into);
  }
}

function importDeclarationFact(sourceFile: ts.SourceFile, statement: ts.ImportDeclaration): RawImport | null {
  const specifier = literalText(statement.moduleSpecifier);
  if (specifier === null) return null;
  const line = startLine(sourceFile, statement);
  const clause = statement.importClause;
  if (!clause) return { specifier, kind: 'side-effect', line, bindings: [] };
  const clauseIsTypeOnly = clause.isTypeOnly;
  const bindings: ImportedBinding[] = [];
  if (clause.name) bindings.push(newBinding('default', clause.name.text, clauseIsTypeOnly));
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    bindings.push(newBinding('*', named.name.text, clauseIsTypeOnly));
  } else if (named) {
    for (const element of named.elements) {
      const imported = (element.propertyName ?? element.name).text;
      bindings.push(newBinding(imported, element.name.text, clauseIsTypeOnly || element.isTypeOnly));
    }
  }
  const isTypeOnly = clauseIsTypeOnly || (bindings.length > 0 && bindings.every((binding) => binding.isTypeOnly));
  return { specifier, kind: isTypeOnly ? 'type' : 'import', line, bindings };
}

function scanTopLevel(sourceFile: ts.SourceFile, result: ScannedImports, localImports: Set<string>): void {
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const fact = importDeclarationFact(sourceFile, statement);
      if (fact) {
        result.imports.push(fact);
        for (const binding of fact.bindings) localImports.add(binding.local);
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      if (ts.isExternalModuleReference(reference)) {
        const specifier = literalText(reference.expression);
        if (specifier !== null) {
          const binding = newBinding('*', statement.name.text, statement.isTypeOnly);
          result.imports.push({ specifier, kind: 'require', line: startLine(sourceFile, statement), bindings: [binding] });
          localImports.add(binding.local);
          if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) result.declared.push(statement.name.text);
        }
      }
    } else if (ts.isExportDeclaration(statement)) {
      scanExportDeclaration(sourceFile, statement, result, localImports);
    } else if (ts.isExportAssignment(statement)) {
      result.declared.push('default');
    } else if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name, result.declared);
      } else if (isDefault) {
        result.declared.push('default');
      } else if (
        (ts.isFunctionDeclaration(statement) ||
          ts.isClassDeclaration(statement) ||
          ts.isInterfaceDeclaration(statement) ||
          ts.isTypeAliasDeclaration(statement) ||
          ts.isEnumDeclaration(statement) ||
          ts.isModuleDeclaration(statement)) &&
        statement.name &&
        ts.isIdentifier(statement.name)
      ) {
        result.declared.push(statement.name.text);
      }
    }
  }
}

function scanExportDeclaration(
  sourceFile: ts.SourceFile,
  statement: ts.ExportDeclaration,
  result: ScannedImports,
  localImports: Set<string>,
): void {
  const clause = statement.exportClause;
  const specifier = literalText(statement.moduleSpecifier);
  if (statement.moduleSpecifier && specifier === null) return;
  if (specifier === null) {
    // `export { a, b as c }`: names declared here, or imported names passed on.
    if (clause && ts.isNamedExports(clause)) {
      for (const element of clause.elements) {
        const local = (element.propertyName ?? element.name).text;
        const exported = element.name.text;
        if (localImports.has(local)) result.forwarded.push({ exported, local });
        else result.declared.push(exported);
      }
    }
    return;
  }
  const line = startLine(sourceFile, statement);
  let names: { exported: string; imported: string }[] | null = null;
  const bindings: ImportedBinding[] = [];
  let allTypeOnly = statement.isTypeOnly;
  if (clause && ts.isNamespaceExport(clause)) {
    names = [{ exported: clause.name.text, imported: '*' }];
    bindings.push(newBinding('*', '', statement.isTypeOnly));
  } else if (clause) {
    names = [];
    allTypeOnly = statement.isTypeOnly || (clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
    for (const element of clause.elements) {
      const imported = (element.propertyName ?? element.name).text;
      names.push({ exported: element.name.text, imported });
      const binding = newBinding(imported, '', statement.isTypeOnly || element.isTypeOnly);
      binding.references = 1; // passing a name on is one use of it
      bindings.push(binding);
    }
  }
  const importIndex = result.imports.length;
  result.imports.push({ specifier, kind: allTypeOnly ? 'type' : 'reexport', line, bindings });
  result.reexports.push({ importIndex, names, line });
}

/** The binding a require()/import() call creates from its surroundings: `const x =`, `const { a } =`. */
function callBindings(call: ts.CallExpression): ImportedBinding[] {
  let holder: ts.Node = call.parent;
  if (holder && ts.isAwaitExpression(holder)) holder = holder.parent;
  if (holder && ts.isVariableDeclaration(holder)) {
    const name = holder.name;
    if (ts.isIdentifier(name)) return [newBinding('*', name.text, false)];
    if (ts.isObjectBindingPattern(name)) {
      const bindings: ImportedBinding[] = [];
      for (const element of name.elements) {
        if (!ts.isIdentifier(element.name)) continue;
        const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
        bindings.push(newBinding(imported, element.name.text, false));
      }
      return bindings;
    }
  }
  // `require('./x').helper(...)`: one use of `helper`, nothing bound.
  if (holder && ts.isPropertyAccessExpression(holder) && holder.expression === call) {
    const binding = newBinding(holder.name.text, '', false);
    binding.references = 1;
    return [binding];
  }
  return [];
}

function isCallOf(node: ts.Node): ts.CallExpression | ts.NewExpression | null {
  // Climb `x.a.b` to the call it is the callee of, if any.
  let current: ts.Node = node;
  while (current.parent && ts.isPropertyAccessExpression(current.parent) && current.parent.expression === current) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === current) return parent;
  return null;
}

/** A call whose value nobody uses: a statement of its own, maybe awaited or voided. */
export function isDiscarded(call: ts.Node): boolean {
  let current: ts.Node = call;
  while (
    current.parent &&
    (ts.isAwaitExpression(current.parent) || ts.isVoidExpression(current.parent) || ts.isParenthesizedExpression(current.parent))
  ) {
    current = current.parent;
  }
  return !!current.parent && ts.isExpressionStatement(current.parent);
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (
    ts.isImportSpecifier(parent) ||
    ts.isImportClause(parent) ||
    ts.isNamespaceImport(parent) ||
    ts.isImportEqualsDeclaration(parent)
  ) {
    return true;
  }
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return true;
  if (ts.isQualifiedName(parent) && parent.right === node) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) {
    return true;
  }
  if (ts.isBindingElement(parent) && (parent.name === node || parent.propertyName === node)) return true;
  if (ts.isVariableDeclaration(parent) && parent.name === node) return true;
  if (ts.isExportSpecifier(parent) && parent.name === node && parent.propertyName) return true;
  return false;
}

/** `visitAlso` sees every node of the same walk, so other per-file scans need no walk of their own. */
export function scanImports(sourceFile: ts.SourceFile, visitAlso?: (node: ts.Node) => void): ScannedImports {
  const result: ScannedImports = { imports: [], declared: [], forwarded: [], reexports: [] };
  const localImports = new Set<string>();
  scanTopLevel(sourceFile, result, localImports);

  const bindingByLocal = new Map<string, ImportedBinding>();
  const membersByBinding = new Map<ImportedBinding, Set<string>>();
  const linesByBinding = new Map<ImportedBinding, Set<number>>();
  const registerBindings = (bindings: ImportedBinding[]): void => {
    for (const binding of bindings) if (binding.local) bindingByLocal.set(binding.local, binding);
  };
  for (const fact of result.imports) registerBindings(fact.bindings);

  // require()/import() calls live anywhere in the tree; they also bind names the reference count needs,
  // so collect them before counting.
  const identifiers: ts.Identifier[] = [];
  walkTree(sourceFile, (node) => {
    visitAlso?.(node);
    if (ts.isIdentifier(node)) {
      identifiers.push(node);
      return;
    }
    if (!ts.isCallExpression(node)) return;
    const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
    const isDynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
    if (!isRequire && !isDynamic) return;
    const specifier = literalText(node.arguments[0]);
    if (specifier === null || node.arguments.length !== 1) return;
    const bindings = callBindings(node);
    registerBindings(bindings);
    result.imports.push({ specifier, kind: isRequire ? 'require' : 'dynamic', line: startLine(sourceFile, node), bindings });
  });

  for (const identifier of identifiers) {
    const binding = bindingByLocal.get(identifier.text);
    if (!binding || isDeclarationName(identifier)) continue;
    binding.references++;
    const position = identifier.end - identifier.text.length;
    let lines = linesByBinding.get(binding);
    if (!lines) linesByBinding.set(binding, (lines = new Set()));
    lines.add(lineOf(sourceFile, position));
    const parent = identifier.parent;
    if (binding.imported === '*' && parent && ts.isPropertyAccessExpression(parent) && parent.expression === identifier) {
      let members = membersByBinding.get(binding);
      if (!members) membersByBinding.set(binding, (members = new Set()));
      members.add(parent.name.text);
    }
    const call = isCallOf(identifier);
    if (call) {
      if (isDiscarded(call)) binding.discardedCalls++;
      else binding.usedCalls++;
    }
  }
  for (const [binding, lines] of linesByBinding) binding.referenceLines = [...lines].sort((a, b) => a - b);
  for (const [binding, members] of membersByBinding) binding.members = [...members].sort();
  return result;
}

export function exportFactsOf(scanned: ScannedImports): Pick<ExportFacts, 'declared' | 'forwarded'> {
  return { declared: [...new Set(scanned.declared)].sort(), forwarded: scanned.forwarded };
}
