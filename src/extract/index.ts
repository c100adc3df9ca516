// Stage 1, extract: the only user of the TypeScript compiler API (through ts-morph's `ts`). Reads the
// project layout (tsconfig chains and references, workspaces), parses every file once, and returns
// per-file facts plus the project-wide records built from them (barrels followed, entities bound).
// No type checker: syntax and module resolution are enough for the graph, and far cheaper.
import type { Diagnostic, FileFacts } from '../shared/facts.js';
import { compareStrings } from '../shared/sort.js';
import { extractFileFacts, type DataAccessScanner } from './file-facts.js';
import { readSource } from './files/read-source.js';
import { ModuleResolver } from './imports/resolver.js';
import { linkModules } from './link/link-modules.js';
import { createExportResolver } from './link/resolve-export.js';
import type { ProjectLayout } from './project/index.js';
import { collectFacts, scanFactsCache, type FactsCacheOptions, type FactsCacheScan, type ReadFile } from './cached-facts.js';
import { linkDataAccess, scanDataAccess } from './data-access/index.js';
import type { readSchemaFiles } from './data-access/schema-files.js';
import type { ExtractResult } from './types.js';
import type { LeftOutCounts } from './files/left-out.js';
import { donorFits, reusedFacts, type FactsReuse } from './reuse-facts.js';

export { loadProjectLayout } from './project/index.js';
export type { LayoutOptions, ProjectLayout } from './project/index.js';
export type { ExtractResult } from './types.js';
export { createFactsReuse, factsDonor, type FactsDonor, type FactsReuse } from './reuse-facts.js';

export interface ExtractOptions extends FactsCacheOptions {
  /** Called after each file is read: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Replaces the ORM and SQL scan (tests); default: every data-access adapter. */
  scanDataAccess?: DataAccessScanner;
  /** Another tree's facts, taken for files whose content and resolutions are the same here (check --base). */
  reuse?: FactsReuse;
}

/** Per-file facts, read (or taken from the cache) but not yet linked into project-wide records. */
export interface ReadFacts {
  files: FileFacts[];
  /** Every file's facts, tests included: what another tree of the project may reuse (FactsDonor). */
  everyFile: FileFacts[];
  /** Per-file diagnostics: unreadable, skipped and unparsable files, unresolved imports. */
  diagnostics: Diagnostic[];
  /** The schema files (schema.prisma), read once: linking needs them, and they key the result cache. */
  schemas: ReturnType<typeof readSchemaFiles>;
  /** Files seen and left out, by reason: the layout's, the unreadable, and tests by content. */
  leftOut: LeftOutCounts;
  /** ProjectLayout.tsconfigs: what the files resolved with. */
  tsconfigs: string[];
  cacheStats: ExtractResult['cacheStats'];
  dataAccessMs: number;
}

/**
 * Reads every file of the layout once: parse, scan imports, entry points and data access. `scan` is
 * what the facts cache answered by stamp (a caller that already scanned passes it on).
 */
export function readFacts(layout: ProjectLayout, options: ExtractOptions = {}, scan: FactsCacheScan = scanFactsCache(layout, options)): ReadFacts {
  const resolver = new ModuleResolver(layout);
  const { cache } = scan;
  // The data pass is timed on its own: the bench reports it separately from the module graph.
  let dataAccessMs = 0;
  const scanData = options.scanDataAccess ?? scanDataAccess;
  const settings = layout.dataAccess;
  const timedScanData: DataAccessScanner = (input) => {
    const start = performance.now();
    const result = scanData(settings ? { ...input, settings } : input);
    dataAccessMs += performance.now() - start;
    return result;
  };
  const reuse = options.reuse && donorFits(layout, options.reuse.donor) ? options.reuse : undefined;
  const readFile: ReadFile = (entry, stamp) => {
    const source = readSource(entry.absolutePath, entry.path, scan.maxBytes, layout.root);
    if (!source.ok) return { diagnostic: source.diagnostic };
    try {
      let facts = cache?.get(entry.path, source.hash, stamp);
      if (!facts) {
        facts = (reuse ? reusedFacts(reuse, entry, source.hash, resolver, layout.root) : undefined) ?? extractFileFacts(entry, source.text, source.hash, resolver, layout.root, timedScanData);
        cache?.set(facts, stamp);
      }
      return { facts };
    } catch (error) {
      return { diagnostic: skippedFile(entry.path, error) };
    }
  };
  const read = collectFacts(layout, scan, readFile, options.onProgress);
  cache?.save(read.files.map((facts) => facts.path));
  return { ...read, dataAccessMs: read.dataAccessMs + dataAccessMs };
}

/** Project-wide records from the facts: module edges (barrels followed), entities, data access. */
export function linkFacts(read: ReadFacts): ExtractResult {
  const { files } = read;
  const diagnostics = [...read.diagnostics];
  const resolveExport = createExportResolver(files);
  const { modules, dependencies } = linkModules(files, resolveExport);
  const linkStart = performance.now();
  diagnostics.push(...read.schemas.diagnostics);
  const data = linkDataAccess(files, read.schemas.files, resolveExport);
  const dataAccessMs = read.dataAccessMs + (performance.now() - linkStart);
  diagnostics.push(...data.diagnostics);
  diagnostics.sort(compareDiagnostics);
  return {
    files,
    modules,
    dependencies,
    entities: data.entities,
    dataAccess: data.dataAccess,
    ...(data.coverage.length > 0 ? { dataCoverage: data.coverage } : {}),
    diagnostics,
    cacheStats: read.cacheStats,
    dataAccessMs: Math.round(dataAccessMs),
  };
}

export function extract(layout: ProjectLayout, options: ExtractOptions = {}): ExtractResult {
  return linkFacts(readFacts(layout, options));
}

/**
 * A file whose facts threw. The compiler's parser recurses once per nesting level, so about a thousand
 * nested parentheses or arrays exhaust V8's stack: that is the file's shape, not a Carve bug, and it
 * gets its own code. The parser resets all of its state at the start of every parse, so the files read
 * after this one get the same facts as in a run without it (test/hardening/limits.test.ts checks).
 */
function skippedFile(path: string, error: unknown): Diagnostic {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { file: path, code: 'nesting-too-deep', message: 'skipped: nested too deeply for the TypeScript parser (call stack exhausted)' };
  }
  return { file: path, code: 'parse-error', message: `skipped: ${error instanceof Error ? error.message : String(error)}` };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareStrings(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || compareStrings(a.code, b.code) || compareStrings(a.message, b.message);
}
