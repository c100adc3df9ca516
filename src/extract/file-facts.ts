// One file in, its FileFacts out: parse once with the compiler's parser, then every per-file scan
// (imports, exports, references, entry points, data access) reads that one tree.
import ts from '../shared/typescript.cjs';
import type { Diagnostic, FileFacts, ImportFact, ReexportFact } from '../shared/facts.js';
import type { SourceFileEntry } from './project/index.js';
import type { ModuleResolver } from './imports/resolver.js';
import { exportFactsOf, lineOf, scanImports } from './imports/scan-imports.js';
import { createEntryPointScanner } from './entry-points/scan-entry-points.js';
import { createRoleScanner, resolveRoleFacts } from './roles/scan-role-facts.js';
import { countLinesOfCode } from './files/read-source.js';
import { declaresGlobalTests } from './files/declares-tests.js';
import { importsTestRunner } from './files/test-files.js';
import type { DataAccessScanInput, DataAccessScanResult, LocalImport } from './types.js';
import { toRepoPath } from '../shared/paths.js';

export type DataAccessScanner = (input: DataAccessScanInput) => DataAccessScanResult;

function scriptKind(path: string): ts.ScriptKind {
  return path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

export function parseSource(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(
    path,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    scriptKind(path),
  );
}

function parseErrors(sourceFile: ts.SourceFile): Diagnostic[] {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return [];
  const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
  return [
    {
      file: sourceFile.fileName,
      code: 'parse-error',
      message: `syntax error: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}${more}; imports read as far as the parser recovered`,
      line: lineOf(sourceFile, first.start),
    },
  ];
}

export function extractFileFacts(
  entry: SourceFileEntry,
  text: string,
  hash: string,
  resolver: ModuleResolver,
  root: string,
  scanDataAccess?: DataAccessScanner,
): FileFacts {
  const sourceFile = parseSource(entry.path, text);
  const diagnostics = parseErrors(sourceFile);
  const entryPointScanner = createEntryPointScanner(sourceFile);
  const roleScanner = createRoleScanner(sourceFile);
  const scanned = scanImports(sourceFile, (node) => {
    entryPointScanner.visit(node);
    roleScanner.visit(node);
  });

  const imports: ImportFact[] = scanned.imports.map((raw) => {
    const resolution = resolver.resolve(raw.specifier, entry.absolutePath, entry.project);
    if (resolution.isUnresolved) {
      diagnostics.push({ file: entry.path, code: 'unresolved-import', message: `cannot resolve '${raw.specifier}'`, line: raw.line });
    }
    return {
      specifier: raw.specifier,
      kind: raw.kind,
      line: raw.line,
      resolved: resolution.resolved ? toRepoPath(root, resolution.resolved) : null,
      external: resolution.external,
      isUnresolved: resolution.isUnresolved,
      bindings: raw.bindings,
    };
  });
  const reexports: ReexportFact[] = scanned.reexports.map((raw) => ({
    from: imports[raw.importIndex]?.resolved ?? null,
    names: raw.names,
    line: raw.line,
  }));

  const facts: FileFacts = {
    path: entry.path,
    hash,
    loc: countLinesOfCode(text),
    imports: imports.sort((a, b) => a.line - b.line || (a.specifier < b.specifier ? -1 : a.specifier > b.specifier ? 1 : 0)),
    exports: { ...exportFactsOf(scanned), reexports },
    entities: [],
    dataAccess: [],
    unresolvedDataAccess: 0,
    entryPoints: entryPointScanner.entryPoints.sort((a, b) => a.line - b.line || (a.name < b.name ? -1 : 1)),
    diagnostics,
  };
  const roleFacts = resolveRoleFacts(entry.path, text, roleScanner.finish(), imports);
  if (roleFacts) facts.roleFacts = roleFacts;
  if (importsTestRunner(imports) || declaresGlobalTests(sourceFile)) facts.isTest = true;

  if (scanDataAccess) {
    const importsByLocal = new Map<string, LocalImport>();
    for (const fact of imports) {
      for (const binding of fact.bindings) {
        if (binding.local) importsByLocal.set(binding.local, { module: fact.resolved, specifier: fact.specifier, imported: binding.imported });
      }
    }
    const data = scanDataAccess({
      path: entry.path,
      text,
      sourceFile,
      importsByLocal,
      specifiers: imports.map((fact) => fact.specifier),
    });
    facts.entities = data.entities;
    facts.dataAccess = data.accesses;
    facts.unresolvedDataAccess = data.unresolved;
    if (data.exportedStrings) facts.exportedStrings = data.exportedStrings;
    if (data.relations) facts.relations = data.relations;
    if (data.cte) facts.cte = data.cte;
    if (data.sqlSinks) facts.sqlSinks = data.sqlSinks;
    if (data.classes) facts.classes = data.classes;
    if (data.repositoryCalls) facts.repositoryCalls = data.repositoryCalls;
    if (data.repositoryWrappers) facts.repositoryWrappers = data.repositoryWrappers;
    if (data.entityDecorators) facts.entityDecorators = data.entityDecorators;
    if (data.unresolvedReasons) facts.unresolvedReasons = data.unresolvedReasons;
  }
  return facts;
}
