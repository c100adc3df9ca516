// Types that leave the extract stage. FileFacts are per file; the linked records are project-wide
// (barrels followed, entity references bound to their definitions).
import type { ts } from 'ts-morph';
import type {
  ClassFact,
  RepositoryCall,
  CteFacts,
  DataAccessFact,
  Diagnostic,
  EntityFact,
  FileFacts,
  OrmName,
  RelationFact,
  RepoPath,
  UnresolvedAccessFact,
  WrapperShapeFact,
} from '../shared/facts.js';
import type { DataAccessCoverage, DataAccessRecord, DependencyRecord, EntityRecord } from '../shared/analysis.js';

export interface LinkedModule {
  id: RepoPath;
  loc: number;
  external: Record<string, number>;
  unresolvedDataAccess: number;
}

export interface ExtractResult {
  /** Per-file facts, sorted by path. */
  files: FileFacts[];
  modules: LinkedModule[];
  dependencies: DependencyRecord[];
  entities: EntityRecord[];
  dataAccess: DataAccessRecord[];
  /** Resolved and unresolved access sites per adapter, with reasons (absent when the data pass saw none). */
  dataCoverage?: DataAccessCoverage[];
  diagnostics: Diagnostic[];
  /** Files taken from the facts cache and files read afresh; null without a cache. */
  cacheStats: { hits: number; misses: number } | null;
  /** Time spent in the data-access scan and link (files taken from the cache cost none). */
  dataAccessMs: number;
}

/** Where a local name of a file comes from, as the import scan saw it. */
export interface LocalImport {
  /** Resolved project file, or null (package, unresolved). */
  module: RepoPath | null;
  specifier: string;
  /** Exported name asked for ('default', '*' for namespace/require bindings). */
  imported: string;
}

/** What a data-access adapter gets for one source file. Raw compiler nodes: this is a hot path. */
/** carve.config.json `dataAccess`: names no rule can see (a decorator or a factory from a package). */
export interface DataAccessSettings {
  /** Class decorators that declare an entity as `@Entity` does. */
  entityDecorators?: readonly string[];
  /** Functions or methods that return the repository of the entity they are given. */
  repositoryFactories?: readonly string[];
}

export interface DataAccessScanInput {
  path: RepoPath;
  text: string;
  sourceFile: ts.SourceFile;
  /** local binding name -> its import. */
  importsByLocal: ReadonlyMap<string, LocalImport>;
  /** Package names and specifiers this file imports (for cheap gating). */
  specifiers: readonly string[];
  /** The config's `dataAccess`, when it names anything. */
  settings?: DataAccessSettings;
}

export interface DataAccessScanResult {
  entities: EntityFact[];
  accesses: DataAccessFact[];
  unresolved: number;
  /** FileFacts.exportedStrings: string constants other files may name tables with. */
  exportedStrings?: Record<string, string>;
  /** FileFacts.relations: relations declared apart from their entities. */
  relations?: RelationFact[];
  /** FileFacts.cte: CTE helpers exported and imported ones called. */
  cte?: CteFacts;
  /** FileFacts.sqlSinks: exported functions that forward a parameter to a raw-SQL call. */
  sqlSinks?: Record<string, number[]>;
  /** FileFacts.classes: classes that inherit or are handed a model. */
  classes?: ClassFact[];
  /** FileFacts.repositoryCalls: method calls on instances of project repository classes. */
  repositoryCalls?: RepositoryCall[];
  /** FileFacts.repositoryWrappers: functions and methods forwarding an entity parameter to the ORM. */
  repositoryWrappers?: Record<string, WrapperShapeFact>;
  /** FileFacts.entityDecorators: exported decorators that apply an ORM's entity decorator. */
  entityDecorators?: string[];
  /** FileFacts.unresolvedReasons: the unresolved count by adapter and reason. */
  unresolvedReasons?: UnresolvedAccessFact[];
}

export interface DataAccessAdapter {
  orm: OrmName;
  /** Cheap test on the file before any walk; false skips the adapter for this file. */
  appliesTo(input: DataAccessScanInput): boolean;
  scan(input: DataAccessScanInput): DataAccessScanResult;
}

/** Non-TypeScript files an adapter reads for entity definitions (schema.prisma). */
export interface SchemaFileAdapter {
  orm: OrmName;
  /** Glob patterns, relative to the root, of the files it reads. */
  patterns: string[];
  parse(path: RepoPath, text: string): { entities: EntityFact[]; diagnostics: Diagnostic[] };
}
