// Per-file facts: what extract learns from one file. Pure functions of the file's text and the
// resolution settings, so they can be cached by content hash. Plain, serialisable data only.

/** A path relative to the analyzed root, with '/' separators. Everything in the analysis uses these. */
export type RepoPath = string;

/**
 * How one file refers to another. `import` is a plain static import, `type` an import that vanishes at
 * run time, `reexport` an `export ... from`, `dynamic` an `import()`, `require` a `require()` or
 * `import x = require()`, `side-effect` an `import './x'` that binds nothing.
 */
export type ImportKind = 'import' | 'type' | 'reexport' | 'dynamic' | 'require' | 'side-effect';

export interface ImportedBinding {
  /** The exported name asked for: a name, 'default', or '*' for a namespace or whole-module binding. */
  imported: string;
  /** The local name in this file ('' when nothing is bound, as in `export * from`). */
  local: string;
  isTypeOnly: boolean;
  /** How often the local name (or `ns.member` for namespaces) is referenced in this file. */
  references: number;
  /** For namespace and whole-module bindings ('*'): the members used (`ns.createOrder` -> 'createOrder'). */
  members: string[];
  /** Lines of those references, ascending, deduplicated. */
  referenceLines: number[];
  /** Calls of this binding whose result is thrown away (statement position, not awaited into a value). */
  discardedCalls: number;
  /** Calls of this binding whose result is used. */
  usedCalls: number;
}

export interface ImportFact {
  specifier: string;
  kind: ImportKind;
  line: number;
  /** The project file it resolves to, or null. */
  resolved: RepoPath | null;
  /** For imports outside the project: the package name ('lodash', '@nestjs/core') or 'node:fs'. */
  external: string | null;
  /** True when the specifier looks internal (relative, alias) but resolved to nothing. */
  isUnresolved: boolean;
  bindings: ImportedBinding[];
}

export interface ReexportFact {
  /** The project file re-exported from, or null when outside the project. */
  from: RepoPath | null;
  /** null for `export * from`; otherwise exported name -> name in `from`. */
  names: { exported: string; imported: string }[] | null;
  line: number;
}

export interface ExportFacts {
  /** Names this file declares and exports itself ('default' included). */
  declared: string[];
  /** Names this file exports that it imported (`import { a } ...; export { a }`): exported -> binding. */
  forwarded: { exported: string; local: string }[];
  reexports: ReexportFact[];
}

export type OrmName =
  | 'typeorm'
  | 'prisma'
  | 'mongoose'
  | 'sequelize'
  | 'mikro-orm'
  | 'drizzle'
  | 'knex'
  | 'kysely'
  | 'sql';

export type AccessMode = 'read' | 'write';

export interface EntityFact {
  /** The entity's name in code: class name, Prisma model, Mongoose model name, Drizzle table variable. */
  name: string;
  /** The real table or collection name. */
  table: string;
  orm: OrmName;
  line: number;
  /**
   * Relation fields declared with the entity (a TypeORM `@OneToMany(() => Order)`, a Prisma field of
   * a model type): field name -> the related entity, named as the declaring file sees it.
   */
  relations?: Record<string, EntityRef>;
  /**
   * Single-table inheritance (TypeORM `@ChildEntity()` of a class declared in another file): the
   * table is that entity's; the linker sets `table` from it (until then `table` is a placeholder).
   */
  tableOf?: EntityRef;
  /**
   * Declared through a decorator imported from a project file (`@MultiORMEntity('employee')`): an
   * entity only when that export applies the ORM's entity decorator (the exporting file's
   * `entityDecorators` say so); the linker drops it otherwise.
   */
  decorator?: { module: RepoPath; name: string };
}

/** Access sites of one adapter in a file whose entity or table could not be named, and why. */
export interface UnresolvedAccessFact {
  orm: OrmName;
  /** For humans: 'entity or table from a run-time value', 'sql did not parse', ... */
  reason: string;
  count: number;
}

/**
 * Common table expressions named through a helper of another file (`addCte(qb, '_filtered')`, whose
 * body calls `.with(<its parameter>, ...)`): the helpers a file exports, and the calls a file makes.
 */
export interface CteFacts {
  /** Exported helper name -> index of the parameter it passes to `.with(...)` as the CTE name. */
  helpers?: Record<string, number>;
  /** Calls of imported functions passing, as argument `index`, a name this file also queries as `table`. */
  calls?: CteCall[];
}

export interface CteCall {
  module: RepoPath;
  name: string;
  index: number;
  table: string;
}

/** A relation declared apart from its entity (Drizzle `relations(users, ({ many }) => ({ posts: many(posts) }))`). */
export interface RelationFact {
  owner: EntityRef;
  field: string;
  target: EntityRef;
  orm: OrmName;
}

/**
 * What an access points at, before linking across files:
 * - `symbol`: a class or table object named `name` in this file or imported (`module` is where the
 *   import resolves, null for this file or an unresolved import; the linker follows re-exports);
 * - `model`: an ORM model by name (Prisma `prisma.order` -> 'order', Mongoose model('Order'));
 * - `table`: a table by its database name (raw SQL, knex('orders'));
 * - `constant`: a table name held in a string constant another project file exports (`TABLES.USERS`,
 *   an enum member): `name` is the imported name in `module`, `path` the keys below it; the linker
 *   reads the value from that file's `exportedStrings`.
 */
export type EntityRef =
  | { by: 'symbol'; name: string; module: RepoPath | null }
  | { by: 'model'; name: string; orm: OrmName }
  | { by: 'table'; table: string }
  | { by: 'constant'; name: string; module: RepoPath; path: string[] };

export interface DataAccessFact {
  target: EntityRef;
  mode: AccessMode;
  line: number;
  orm: OrmName;
  /** What was seen, for humans: 'repository.save', 'prisma.order.findMany', 'SELECT'. */
  operation: string;
  /** Read by the raw-SQL keyword fallback (no grammar parsed the statement); coverage counts it apart. */
  fallback?: true;
  /**
   * 'schema': seen in a migration or seed, which defines and fills tables (`createTable`, `CREATE TABLE`,
   * table rebuilds) rather than using them; the linker keeps it out of dataAccess and makes no entity of it.
   */
  role?: 'schema';
  /**
   * A relation load (`include: { posts: true }`, `with: {...}`, `relations: ['orders.items']`): the
   * relation fields followed from `target`; the access reads the entity at the end of the path.
   */
  relation?: string[];
  /**
   * SQL passed to a function imported from another project file (`rawQuery(\`select ...\`)`): the
   * access stands only when that export is a raw-SQL function for this argument (the exporting file's
   * `sqlSinks` say so); the linker drops it otherwise.
   */
  via?: SqlSinkRef;
  /**
   * An entity passed to a function or method of another project file (`getRepo(Order).find()`,
   * `this.connection.getEntityOrThrow(ctx, Order, id)`): the access stands only when that function
   * passes parameter `index` on to a repository it returns (`returns: 'repository'`, the mode is the
   * call made on it) or reads/writes it itself in this fact's mode (`returns: 'access'`), as the
   * exporting file's `repositoryWrappers` say; the linker drops it otherwise.
   */
  wrapper?: WrapperRef;
}

/** A function (`name`) or method (`Class.method`) of a project file called with an entity as argument `index`. */
export interface WrapperRef {
  module: RepoPath;
  name: string;
  index: number;
  returns: 'repository' | 'access';
}

/** What a function does with the entity its parameters name: parameter indexes. */
export interface WrapperShapeFact {
  /** The parameter whose entity the function returns a repository of. */
  repository?: number;
  /** Parameters whose entity the function reads, writes. */
  reads?: number[];
  writes?: number[];
}

/** An export of a project file called with SQL text as argument `index`: `default.rawQuery` is name 'default', path ['rawQuery']. */
export interface SqlSinkRef {
  module: RepoPath;
  name: string;
  path: string[];
  index: number;
}

/**
 * Where a value a class holds or hands on comes from: an entity named in the file (`ref`), the
 * class's own constructor parameter number `param`, or its type parameter number `typeParam`.
 */
export type ValueSource = { ref: EntityRef } | { param: number } | { typeParam: number };

/**
 * Inside a class method: `this.<member>.<call>(...)` on a member that may hold a model, with the mode
 * each ORM's member vocabulary gives `call`; or `this.<call>(...)` / `super.<call>(...)` (no member),
 * a method the class may inherit.
 */
export interface MemberUse {
  member?: string;
  call: string;
  line: number;
  modes?: Partial<Record<OrmName, AccessMode>>;
  super?: true;
}

/**
 * A class whose data access depends on what it inherits or is handed (`class JobRepository extends
 * BaseRepository<JobDBModel> { constructor() { super(Job) } }`), read by `core/inherited-models.ts`.
 */
export interface ClassFact {
  name: string;
  line: number;
  /** The project class it extends: `module` is the file the import resolves to (this file when local). */
  base?: { name: string; module: RepoPath };
  /** `super(...)` arguments by position (null: nothing known); absent without a constructor of its own. */
  superArgs?: (ValueSource | null)[];
  /** `extends Base<A, B>` type arguments by position. */
  typeArgs?: (ValueSource | null)[];
  /** Members that may hold a model: where it may come from, best first. */
  members?: Record<string, ValueSource[]>;
  /** Per method: its member uses and this-calls. */
  methods?: Record<string, MemberUse[]>;
}

/** `this.jobRepository.find()` on an instance of a project repository class (`jobRepository: JobRepository`). */
export interface RepositoryCall {
  class: { name: string; module: RepoPath };
  call: string;
  /** The receiver as written, for the operation: 'this.jobRepository'. */
  receiver: string;
  line: number;
}

export type EntryPointKind = 'http' | 'handler' | 'cli' | 'export';

export interface EntryPointFact {
  kind: EntryPointKind;
  /** 'GET /orders/:id', 'order.created', or the exported function's name. */
  name: string;
  line: number;
}

export interface Diagnostic {
  file: RepoPath | null;
  /** Stable code, e.g. 'parse-error', 'binary-file', 'unresolved-import', 'file-too-large'. */
  code: string;
  message: string;
  line?: number;
}

/**
 * What a file's syntax says about its role beside its domain (src/graph/roles.ts reads it): framework
 * declarations, glue interfaces, routers it mounts, providers and factories. Every field is absent when
 * empty; the whole object is absent when nothing was seen.
 */
export interface RoleFacts {
  /** Decorators on its classes, by name ('Module', 'Injectable', 'Catch'), sorted, unique. */
  decorators?: string[];
  /** Interfaces its classes implement, by name ('CanActivate', 'NestInterceptor'), sorted, unique. */
  implements?: string[];
  /** Project files declaring the classes its classes extend (imported bases only), sorted, unique. */
  bases?: RepoPath[];
  /** Decorator factories it calls: 'createParamDecorator', 'SetMetadata', 'applyDecorators'. */
  decoratorFactories?: string[];
  /** Project files whose exports it passes to `.use(...)` or `.register(...)` (routers, plugins), sorted. */
  mounts?: RepoPath[];
  /** DI provider objects it declares: `{ provide, useFactory | useClass | useValue | useExisting }`. */
  providers?: number;
  /** Project files whose classes its exported create/make/build functions construct with `new`, sorted. */
  constructs?: RepoPath[];
  /** Classes it declares. */
  classes?: number;
  /** Functions it exports, and how many of them are (or return) middleware: `(req, res, next)`, `(ctx, next)`. */
  exportedFunctions?: number;
  middleware?: number;
  /** A migration or a seed (by folder, name or content, as the data-access scan tells them). */
  schema?: 'migration' | 'seed';
}

export interface FileFacts {
  path: RepoPath;
  /** sha1 of the file's bytes. */
  hash: string;
  /** Non-blank, non-comment lines. */
  loc: number;
  imports: ImportFact[];
  exports: ExportFacts;
  entities: EntityFact[];
  dataAccess: DataAccessFact[];
  /** Data accesses seen whose target cannot be known statically (a table name built at run time). */
  unresolvedDataAccess: number;
  /**
   * Exported string constants that may name tables in other files: `TABLES.USERS` -> 'users', an enum
   * member, a const; only identifier-like values. Absent when there are none.
   */
  exportedStrings?: Record<string, string>;
  /** Relations declared apart from their entities (Drizzle `relations(...)`). Absent when there are none. */
  relations?: RelationFact[];
  /** CTE helpers this file exports and calls of imported ones; absent when there are none. */
  cte?: CteFacts;
  /**
   * Exported functions whose parameters at these indexes reach a raw-SQL call (their body forwards the
   * SQL), by export key: 'rawQuery', 'default', 'default.rawQuery' for one held by an exported object.
   * Absent when there are none.
   */
  sqlSinks?: Record<string, number[]>;
  /** Classes that inherit or are handed a model (`core/inherited-models.ts`); absent when there are none. */
  classes?: ClassFact[];
  /** Method calls on instances of project repository classes (`core/inherited-models.ts`); absent when none. */
  repositoryCalls?: RepositoryCall[];
  /**
   * Functions (by name) and methods (`Class.method`) of this file that forward an entity parameter to
   * the ORM (`export const getRepository = (target) => dataSource.getRepository(target)`). Absent when none.
   */
  repositoryWrappers?: Record<string, WrapperShapeFact>;
  /** Exported decorators whose body applies an ORM's entity decorator (`Entity(...)`), by name. Absent when none. */
  entityDecorators?: string[];
  /** The unresolved data accesses by adapter and reason (they add up to unresolvedDataAccess). Absent when none. */
  unresolvedReasons?: UnresolvedAccessFact[];
  /** Role evidence from syntax (decorators, glue interfaces, mounts, providers); absent when none. */
  roleFacts?: RoleFacts;
  entryPoints: EntryPointFact[];
  diagnostics: Diagnostic[];
  /**
   * A test by what it is: it imports a test runner (vitest, jest, mocha, node:test ...) or declares
   * tests with the global describe/it/test. Absent otherwise.
   */
  isTest?: true;
}
