// The Analysis: the one machine-readable result (analysis.json, schemaVersion 1). Every output
// (reports, explore, check) reads this and nothing else. All lists are sorted before writing.
import type { AccessMode, Diagnostic, EntryPointFact, ImportKind, OrmName, RepoPath } from './facts.js';

export interface Location {
  line: number;
}

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
}

export interface AnalysisMetrics {
  modularity: number;
  [name: string]: unknown;
}

export interface Plan {
  verdict?: unknown;
  steps: Array<{ rank: number; context: string; coupling: number; [field: string]: unknown }>;
}

export interface AnalysisSummary {
  files: number;
  dependencies: number;
  externalImports: number;
  unresolvedImports: number;
  entities: number;
  dataAccesses: number;
  contexts: number;
  warnings: number;
}

export interface Analysis {
  schemaVersion: 1;
  tool: { name: 'carve'; version: string };
  root: '.';
  summary: AnalysisSummary;
  modules: ModuleRecord[];
  dependencies: DependencyRecord[];
  entities: EntityRecord[];
  dataAccess: DataAccessRecord[];
  contexts: ContextRecord[];
  sharedKernel: RepoPath[];
  metrics: AnalysisMetrics;
  plan: Plan;
  diagnostics: Diagnostic[];
}
