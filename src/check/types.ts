// What check produces: violations of the agreed boundaries, plain and serialisable. The JSON format is
// a contract (DESIGN.md): from, to, fromContext, toContext, kind, line, rule on every violation.
import { RULE_NAMES, type RuleName } from '../config/index.js';
import { NO_CONTEXT_LABEL } from '../shared/analysis.js';
import type { AccessMode, ImportKind, RepoPath } from '../shared/facts.js';

/** `placement`: a file in no context (the `unassigned` rule). */
export type ViolationKind = 'import' | 'data' | 'placement';

/** What check writes for the context of a file in no context, in every format (the label explore and reports use too). */
export const NO_CONTEXT = NO_CONTEXT_LABEL;

/**
 * - `depends-on`: a file imports a context its own context does not list in `dependsOn`;
 * - `expose`: a file imports a file another context does not list in `expose`;
 * - `data-ownership`: a file reads or writes an entity another context lists under `entities`;
 * - `unassigned`: a file falls in no context (default-deny: new code must be placed).
 */
export type RuleId = RuleName;

export const RULE_IDS: readonly RuleId[] = RULE_NAMES;

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
  /** 'new' is reported (and fails at severity error); 'baselined' is recorded in the baseline and does not. */
  status: ViolationStatus;
  /** The rule's severity in the config: a new 'warn' violation is reported and never fails. */
  severity: 'error' | 'warn';
}

export interface CheckSummary {
  /** Files of the analysis. */
  files: number;
  /** Files in some context: the ones checked. */
  checkedFiles: number;
  /** Files in no context: not checked. */
  filesInNoContext: number;
  contexts: number;
  /** New violations of rules at severity error: they fail the check. */
  failures: number;
  /** New violations of rules at severity warn: reported, never failing. */
  warnings: number;
  /** Violations the baseline accepts (whether or not they were also at the --base ref). */
  baselined: number;
  /** Violations left out because they already existed at the --base ref and the baseline does not hold them (null without --base). */
  atBase: number | null;
  /** Baseline entries no longer seen: fixed, to be dropped with --update-baseline. */
  fixedBaseline: number;
  /** With a strict baseline, fixed entries fail the check until the baseline is shrunk. */
  strictBaseline: boolean;
}

export interface CheckResult {
  /** Every current violation not already present at the base, sorted; failures are the 'new' ones. */
  violations: CheckedViolation[];
  fixedBaseline: BaselineEntry[];
  summary: CheckSummary;
  exitCode: 0 | 1;
}
