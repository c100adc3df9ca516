// The Analysis: the one machine-readable result (analysis.json, schemaVersion 1). Every output
// (reports, explore, check) reads this and nothing else. All lists are sorted before writing.
import type { AccessMode, Diagnostic, EntryPointFact, ImportKind, OrmName, RepoPath } from './facts.js';

export interface Location {
  line: number;
}

/**
 * What a file is beside its domain (issue 14), from syntax and the import graph before clustering:
 * `domain` is clustered; `wiring` (module declarations, routers mounting many handlers, DI factories) is
 * placed afterwards with what it declares; `platform` (cross-cutting glue) is set aside in no context;
 * `schema` (migrations, seeds) and `tooling` (dev-tooling folders) are outside the domains.
 */
export type ModuleRole = 'domain' | 'wiring' | 'platform' | 'schema' | 'tooling';

export interface ModuleRecord {
  id: RepoPath;
  loc: number;
  /** The context the module belongs to, or null when it is in none (shared kernel, unclustered). */
  context: string | null;
  /** Imports of packages and node built-ins: package name -> count. */
  external: Record<string, number>;
  /** Data accesses whose target could not be known statically. */
  unresolvedDataAccess: number;
  entryPoints: EntryPointFact[];
  /** The feature module the file belongs to (featureModules[].id), null when none; absent in older analyses. */
  module?: string | null;
  /** Absent in analyses written before roles were recorded. */
  role?: ModuleRole;
  /** Why a file is not domain code (absent for domain). */
  roleReason?: string;
}

export interface DependencyRecord {
  from: RepoPath;
  to: RepoPath;
  kind: ImportKind;
  /** Distinct symbols used plus their references: how much `from` uses `to`. */
  weight: number;
  symbols: string[];
  locations: Location[];
  /** Calls through this edge whose result is used (a synchronous seam) or thrown away (an event would do). */
  calls: { used: number; discarded: number };
  /** Set on the edge to a symbol's defining file when the import went through a barrel. */
  via?: RepoPath;
}

export interface EntityRecord {
  /** Entity name in code (class, model); unique in the analysis. */
  id: string;
  table: string;
  orm: OrmName;
  definedIn: RepoPath | null;
  line: number | null;
}

export interface DataAccessRecord {
  module: RepoPath;
  entity: string;
  mode: AccessMode;
  orm: OrmName;
  operations: string[];
  locations: Location[];
}

export interface ContextMetrics {
  size: number;
  loc: number;
  /** Internal weight / (internal + cross) weight touching the context. */
  cohesion: number;
  /** Cross weight / (internal + cross) weight touching the context. */
  coupling: number;
  /** Share of its files that stay together across the seeded runs. */
  stability: number;
  inbound: Record<string, number>;
  outbound: Record<string, number>;
  tablesOwned: string[];
  tablesShared: string[];
}

export interface ContextRecord {
  id: string;
  modules: RepoPath[];
  entities: string[];
  /** 'detected' by clustering or 'config' when pinned by carve.config.json. */
  origin: 'detected' | 'config';
  metrics: ContextMetrics;
  /** Set by the plan stage: can it leave the monolith now (docs/decisions/plan.md)? Absent in older files. */
  readiness?: ContextReadiness;
  /** Ids of the feature modules whose context this is, sorted; absent in older analyses. */
  featureModules?: string[];
}

/**
 * `extract-now`: nothing to cut first; `needs-seams`: a few cycle edges, table accesses or a wide
 * interface to cut first; `entangled`: too woven into the others to cut out with a few seams.
 */
export type ReadinessLevel = 'extract-now' | 'needs-seams' | 'entangled';

export interface ContextReadiness {
  level: ReadinessLevel;
  /** Short sentences with their figures, the ones that decide the level first. */
  reasons: string[];
}

/**
 * A feature module (issue 14, two levels): a feature folder (basis 'folder') or the files of one domain
 * stem across layer folders (basis 'stem'). src/contexts/feature-modules.ts has the rules.
 */
export interface FeatureModuleRecord {
  id: string;
  /** The context holding most of its files (by count), null when none is in a context. */
  context: string | null;
  files: RepoPath[];
  basis: 'stem' | 'folder';
  /** Every context holding its files, most first: present only when more than one does. */
  split?: { context: string; files: number }[];
}

/** A file whose ties go mostly to another feature module than the one its place gives it. */
export interface MisplacedRecord {
  file: RepoPath;
  folderModule: string;
  module: string;
  /** The figures: share of tie weight, the files and entities that carry it. */
  evidence: string;
}

export interface AnalysisMetrics {
  modularity: number;
  [name: string]: unknown;
}

// The strangler-fig plan (src/plan; formulas and rules in docs/decisions/plan.md).

/**
 * How a seam crosses once the context is a service: `sync` a request/response call (the caller uses
 * the result), `event` a published event (fire-and-forget calls), `data` the other context's entity
 * classes (settled by the data strategy), `contract` types and constants to publish as a schema,
 * `wiring` module/controller registration to re-point at a client.
 */
export type SeamStyle = 'sync' | 'event' | 'data' | 'contract' | 'wiring';

export interface PlanSite {
  file: RepoPath;
  line: number;
}

export interface PlanCaller extends PlanSite {
  /** The caller's context, null for wiring outside every context. */
  context: string | null;
}

export interface FacadeEntry {
  kind: EntryPointFact['kind'];
  name: string;
  file: RepoPath;
  line: number;
}

export interface Facade {
  /** Entry points that move behind the routing facade. */
  entryPoints: FacadeEntry[];
  /** Imports of this context by files in no context (composition roots) to re-point at the service. */
  wiring: Array<PlanSite & { symbols: string[] }>;
}

export interface SeamOperation {
  symbol: string;
  style: SeamStyle;
  callers: PlanCaller[];
}

/** What other contexts use from one file of the context: an interface the new service must offer. */
export interface InboundInterface {
  name: string;
  module: RepoPath;
  operations: SeamOperation[];
}

export interface Resilience {
  timeoutMs: number;
  /** `backoff`: retry idempotent reads with exponential backoff and jitter; `idempotency-key`: no retry until writes carry one. */
  retry: 'backoff' | 'idempotency-key';
  /** On a request path: a breaker keeps a slow dependency from holding every request. */
  circuitBreaker: boolean;
  fallback: string | null;
}

export interface OutboundSeam {
  /** The file of the other context this one uses. */
  module: RepoPath;
  symbols: string[];
  style: SeamStyle;
  /** Reached from an HTTP route through calls. */
  isOnRequestPath: boolean;
  /** Every symbol reads (by name), so the call may be retried. */
  isIdempotent: boolean;
  /** Only for `sync` seams. */
  resilience: Resilience | null;
  sites: PlanSite[];
}

export interface OutboundDependency {
  from: string;
  to: string;
  weight: number;
  antiCorruptionLayer: boolean;
  reason: string;
  seams: OutboundSeam[];
}

/**
 * `move`: only this context touches the table; `owner-api`: the owner keeps it and serves the others
 * through its API; `read-model`: the owner publishes changes, readers keep their own copy;
 * `split`: several contexts write it, so its columns are split by writer.
 */
export type TableStrategy = 'move' | 'owner-api' | 'read-model' | 'split';

export interface TableConsumer {
  context: string;
  mode: AccessMode;
  strategy: TableStrategy;
  sites: PlanSite[];
}

export interface TablePlan {
  table: string;
  entities: string[];
  /** The context that writes it most (ownership by writers); null when no context touches it. */
  owner: string | null;
  writers: string[];
  readers: string[];
  strategy: TableStrategy;
  reason: string;
  /** Contexts other than the owner that touch it. */
  consumers: TableConsumer[];
}

export interface StepData {
  /** Tables only this context touches: they move with it. */
  owned: string[];
  /** Tables it owns that other contexts touch. */
  shared: TablePlan[];
  /** Tables other contexts own that it touches. */
  foreign: TablePlan[];
}

export interface CycleEdge {
  from: string;
  to: string;
  weight: number;
  style: SeamStyle;
  symbols: string[];
  sites: PlanSite[];
}

export interface CycleBreak {
  from: string;
  to: string;
  how: string;
}

export interface ContextCycle {
  contexts: string[];
  edges: CycleEdge[];
  /** The lightest edges whose removal leaves the contexts acyclic. */
  breaks: CycleBreak[];
}

export interface CouplingBreakdown {
  inbound: number;
  outbound: number;
  data: number;
  cycles: number;
  score: number;
}

export interface EffortCounts {
  entryPoints: number;
  operations: number;
  callSites: number;
  outboundSeams: number;
  syncSeams: number;
  tablesOwned: number;
  tablesShared: number;
  cycleBreaks: number;
  loc: number;
}

export interface Effort {
  points: number;
  size: 'S' | 'M' | 'L' | 'XL';
  counts: EffortCounts;
}

export interface PlanStep {
  rank: number;
  context: string;
  /** This context's share of all cross-context coupling (0..1). */
  coupling: number;
  breakdown: CouplingBreakdown;
  size: number;
  loc: number;
  /** Mean commits per file with --history, else null. */
  churn: number | null;
  facade: Facade;
  inboundSeams: InboundInterface[];
  outboundSeams: OutboundDependency[];
  data: StepData;
  /** Contexts whose steps must come first. */
  after: string[];
  prerequisites: string[];
  /** Shared-kernel files it imports: a package or a copy goes with it. */
  sharedKernel: RepoPath[];
  effort: Effort;
}

/**
 * `extract`: some context is ready now; `seams-first`: none is, but some are after a few seams;
 * `modular-monolith`: small, one context, tangled, or every context entangled.
 */
export type VerdictDecision = 'extract' | 'seams-first' | 'modular-monolith';

export interface Verdict {
  decision: VerdictDecision;
  headline: string;
  reasons: string[];
}

export interface Plan {
  /** Set by the plan stage; absent only in an analysis assembled without it. */
  verdict?: Verdict;
  cycles?: ContextCycle[];
  steps: PlanStep[];
}

/**
 * How much of one adapter's data access Carve could read, in access sites (a call or statement):
 * resolved to an entity (`fallback` of them only by the SQL keyword fallback), unresolved with the
 * reasons, and sites in migrations and seeds kept out as schema.
 */
export interface DataAccessCoverage {
  orm: OrmName;
  resolved: number;
  fallback: number;
  unresolved: number;
  /** Most sites first. */
  reasons: { reason: string; sites: number }[];
  schema: number;
}

/**
 * Why TypeScript files seen in the analyzed folder were left out: tests (by name, folder or what they
 * import, and helpers only tests import), build output, declaration files, ignored by .gitignore,
 * excluded by config or --exclude, not listed by the tsconfig that speaks for their folder, too
 * large, binary, not UTF-8, special files (FIFOs, devices), links out of the folder, unreadable, or
 * too deeply nested to parse.
 */
export type LeftOutReason =
  | 'tests'
  | 'buildOutput'
  | 'declarations'
  | 'gitignored'
  | 'excluded'
  | 'notInTsconfig'
  | 'tooLarge'
  | 'binary'
  | 'notUtf8'
  | 'specialFiles'
  | 'linksOutside'
  | 'unreadable'
  | 'unparsable';

/** Files left out by reason; only reasons with files, keys sorted. */
export type LeftOutCounts = Partial<Record<LeftOutReason, number>>;

export interface AnalysisSummary {
  files: number;
  dependencies: number;
  externalImports: number;
  unresolvedImports: number;
  entities: number;
  dataAccesses: number;
  contexts: number;
  warnings: number;
  /** Per adapter that saw any access site; absent when none did. */
  dataAccessCoverage?: DataAccessCoverage[];
  /** Files seen and left out, by reason (absent in analyses written before it was recorded). */
  leftOut?: LeftOutCounts;
  /** The tsconfigs the files resolved with, relative to the analyzed folder, sorted. */
  tsconfigs?: string[];
  /**
   * The schema files entities were read from (schema.prisma), relative to the analyzed folder
   * ('../../tools/prisma/schema.prisma' when the schema lives outside it), sorted; absent when none.
   */
  schemaFiles?: string[];
}

/** The JSON schema of analysis.json, pinned to the Carve version that wrote it (schema/analysis.schema.json in the package). */
export function analysisSchemaUrl(version: string): string {
  return `https://unpkg.com/carve@${version}/schema/analysis.schema.json`;
}

export interface Analysis {
  /** Where the schema of this file is (absent in analyses written before it was recorded). */
  $schema?: string;
  schemaVersion: 1;
  tool: { name: 'carve'; version: string };
  root: '.';
  summary: AnalysisSummary;
  modules: ModuleRecord[];
  dependencies: DependencyRecord[];
  entities: EntityRecord[];
  dataAccess: DataAccessRecord[];
  contexts: ContextRecord[];
  /** Files nearly every context imports (logger, config, base classes): in no context. */
  sharedKernel: RepoPath[];
  /** Files that reach into many contexts; each still sits in the context it is most tied to. */
  godModules: RepoPath[];
  /** Files that wire the application (entry file, the app mounting every router): in no context. */
  compositionRoots: RepoPath[];
  /** Feature modules, sorted by id; absent in older analyses. */
  featureModules?: FeatureModuleRecord[];
  /** Sorted by file; absent in older analyses. */
  misplaced?: MisplacedRecord[];
  /**
   * Cross-cutting glue set aside before clustering (guards, interceptors, decorators, middleware, base
   * classes of one layer, widely imported helpers): in no context; modules[].roleReason says why.
   * Absent in analyses written before roles were recorded.
   */
  platform?: RepoPath[];
  metrics: AnalysisMetrics;
  plan: Plan;
  diagnostics: Diagnostic[];
}

/** How every view and format names the context of code in no context: one label everywhere. */
export const NO_CONTEXT_LABEL = '(no context)';
