// Test-only: builds DataAccessScanInput from source text the way the extractor does (parse once with
// parent pointers; local name -> import), with a small relative resolver over a known set of files.
// Also a resolveExport that follows `export ... from` and `import x; export { x }` in those files.
import { ts } from 'ts-morph';
import path from 'node:path';
import type { DataAccessScanInput, LocalImport } from '../../../../src/extract/types.js';

const EXTENSIONS = ['.ts', '.tsx', '.js', '/index.ts', '/index.tsx', '/index.js'];

export function parse(filePath: string, text: string): ts.SourceFile {
  const kind = filePath.endsWith('.tsx') ? ts.ScriptKind.TSX : filePath.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(filePath, text, ts.ScriptTarget.Latest, true, kind);
}

/** Resolves a relative specifier against the known files; packages and misses give null. */
export function resolveRelative(from: string, specifier: string, known: ReadonlySet<string>): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  for (const candidate of [base, ...EXTENSIONS.map((extension) => stem + extension)]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

function moduleSpecifierText(node: ts.Expression | undefined): string | null {
  return node && ts.isStringLiteral(node) ? node.text : null;
}

function requireSpecifier(expr: ts.Expression | undefined): string | null {
  if (!expr || !ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== 'require') return null;
  return moduleSpecifierText(expr.arguments[0]);
}

export function scanInput(filePath: string, text: string, known: ReadonlySet<string> = new Set([filePath])): DataAccessScanInput {
  const sourceFile = parse(filePath, text);
  const importsByLocal = new Map<string, LocalImport>();
  const specifiers: string[] = [];
  const bind = (local: string, specifier: string, imported: string): void => {
    importsByLocal.set(local, { module: resolveRelative(filePath, specifier, known), specifier, imported });
  };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const specifier = moduleSpecifierText(statement.moduleSpecifier);
      if (specifier === null) continue;
      specifiers.push(specifier);
      const clause = statement.importClause;
      if (clause?.name) bind(clause.name.text, specifier, 'default');
      const named = clause?.namedBindings;
      if (named && ts.isNamespaceImport(named)) bind(named.name.text, specifier, '*');
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) bind(element.name.text, specifier, (element.propertyName ?? element.name).text);
      }
    } else if (ts.isExportDeclaration(statement)) {
      const specifier = moduleSpecifierText(statement.moduleSpecifier);
      if (specifier !== null) specifiers.push(specifier);
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const specifier = moduleSpecifierText(statement.moduleReference.expression);
      if (specifier === null) continue;
      specifiers.push(specifier);
      bind(statement.name.text, specifier, '*');
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const specifier = requireSpecifier(declaration.initializer);
        if (specifier === null) continue;
        specifiers.push(specifier);
        if (ts.isIdentifier(declaration.name)) bind(declaration.name.text, specifier, '*');
        else if (ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            if (!ts.isIdentifier(element.name)) continue;
            const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
            bind(element.name.text, specifier, imported);
          }
        }
      }
    }
  }
  return { path: filePath, text, sourceFile, importsByLocal, specifiers };
}

interface ExportTable {
  declared: Set<string>;
  named: Map<string, { from: string | null; imported: string }>;
  stars: (string | null)[];
}

function exportTable(filePath: string, text: string, known: ReadonlySet<string>): ExportTable {
  const sourceFile = parse(filePath, text);
  const table: ExportTable = { declared: new Set(), named: new Map(), stars: [] };
  const imports = scanInput(filePath, text, known).importsByLocal;
  const isExported = (node: ts.Node): boolean =>
    (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
  const isDefault = (node: ts.Node): boolean =>
    (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined)?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement)) {
      const specifier = moduleSpecifierText(statement.moduleSpecifier);
      const from = specifier === null ? null : resolveRelative(filePath, specifier, known);
      if (!statement.exportClause) table.stars.push(from);
      else if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          const local = (element.propertyName ?? element.name).text;
          if (specifier !== null) table.named.set(element.name.text, { from, imported: local });
          else {
            const imported = imports.get(local);
            if (imported) table.named.set(element.name.text, { from: imported.module, imported: imported.imported });
            else table.declared.add(element.name.text);
          }
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      table.declared.add('default');
    } else if (isExported(statement)) {
      if (isDefault(statement)) table.declared.add('default');
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) table.declared.add(declaration.name.text);
      } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
        table.declared.add(statement.name.text);
      }
    }
  }
  return table;
}

/** resolveExport over in-memory files: follows named re-exports, forwarded imports and `export *`. */
export function exportResolver(files: ReadonlyMap<string, string>) {
  const known = new Set(files.keys());
  const tables = new Map([...files].map(([filePath, text]) => [filePath, exportTable(filePath, text, known)]));
  const resolve = (file: string, name: string, depth: number): { file: string; name: string } | null => {
    const table = tables.get(file);
    if (!table || depth > 10) return null;
    if (table.declared.has(name)) return { file, name };
    const named = table.named.get(name);
    if (named) return named.from ? (resolve(named.from, named.imported, depth + 1) ?? { file: named.from, name: named.imported }) : null;
    for (const from of table.stars) {
      const found = from ? resolve(from, name, depth + 1) : null;
      if (found) return found;
    }
    return null;
  };
  return {
    resolveExport: (file: string, name: string) => resolve(file, name, 0),
    declared: (file: string) => [...(tables.get(file)?.declared ?? [])].sort(),
  };
}
