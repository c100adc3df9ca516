// What check produces: violations of the agreed boundaries, plain and serialisable. The JSON format is
// a contract (DESIGN.md): from, to, fromContext, toContext, kind, line, rule on every violation.
import type { AccessMode, ImportKind, RepoPath } from '../shared/facts.js';

export type ViolationKind = 'import' | 'data';

/**
 * - `depends-on`: a file imports a context its own context does not list in `dependsOn`;
 * - `expose`: a file imports a file another context does not list in `expose`;
 * - `data-ownership`: a file reads or writes an entity another context lists under `entities`.
 */
export type RuleId = 'depends-on' | 'expose' | 'data-ownership';

export const RULE_IDS: readonly RuleId[] = ['depends-on', 'expose', 'data-ownership'];

export interface Violation {
  kind: ViolationKind;
  rule: RuleId;
  /** The file that crosses the boundary. */
  from: RepoPath;
  /** The file imported, or the file defining the entity (its table name when no file defines it). */
  to: RepoPath;
  fromContext: string;
  toContext: string;
  /** First line in `from` where it happens. */
  line: number;
  /** Import: the symbols used through the import (may be empty). Data: []. */
  symbols: string[];
  /** Import: the import kinds seen (import, type, dynamic, ...). Data: []. */
  importKinds: ImportKind[];
  /** Data: the entity (name in code) and its table. Import: null. */
  entity: string | null;
  table: string | null;
  mode: AccessMode | null;
  message: string;
}

/** A violation as the baseline records it: without lines, so unrelated edits do not churn the file. */
export interface BaselineEntry {
  kind: ViolationKind;
  rule: RuleId;
  from: RepoPath;
  to: RepoPath;
  entity?: string;
  mode?: AccessMode;
}

export type ViolationStatus = 'new' | 'baselined';

export interface CheckedViolation extends Violation {
  /** 'new' fails the check; 'baselined' is recorded in the baseline and does not. */
  status: ViolationStatus;
}

export interface CheckSummary {
  /** Files of the analysis. */
  files: number;
  /** Files in some context: the ones checked. */
  checkedFiles: number;
  /** Files in no context: not checked. */
  filesInNoContext: number;
  contexts: number;
  /** Violations that fail the check. */
  failures: number;
  baselined: number;
  /** Violations left out because they already existed at the --base ref (null without --base). */
  atBase: number | null;
  /** Baseline entries no longer seen: fixed, to be dropped with --update-baseline. */
  fixedBaseline: number;
}

export interface CheckResult {
  /** Every current violation not already present at the base, sorted; failures are the 'new' ones. */
  violations: CheckedViolation[];
  fixedBaseline: BaselineEntry[];
  summary: CheckSummary;
  exitCode: 0 | 1;
}
