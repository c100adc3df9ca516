// Stage check: an analysis against the agreed boundaries (carve.config.json). Files are placed in
// contexts by the config's globs, not by clustering; files in no context are not checked. Import rules
// (dependsOn, expose) and the data rule (each context owns its entities) give violations; those already
// present at a --base ref are left out, those in the baseline do not fail. Plain data in and out: the
// CLI reads files, runs git and prints one of the formats in formats/.
import { contextOfFile, ruleSeverity, type CarveConfig } from '../config/index.js';
import type { Analysis } from '../shared/analysis.js';

/** What the rules read: files, imports, tables and their accesses (a full Analysis will do). */
export type CheckedFacts = Pick<Analysis, 'modules' | 'dependencies' | 'entities' | 'dataAccess'>;
import { compareStrings } from '../shared/sort.js';
import { normalizeBaseline, violationKey } from './baseline.js';
import { dataViolations } from './rules/data-rules.js';
import { importViolations, type ContextLookup } from './rules/import-rules.js';
import { unassignedViolations } from './rules/placement-rules.js';
import type { BaselineEntry, CheckResult, CheckedViolation, Violation } from './types.js';

export type * from './types.js';
export { RULE_IDS } from './types.js';
export { readBaseline, renderBaseline, parseBaseline, violationKey, toBaselineEntry } from './baseline.js';

export interface CheckInput {
  analysis: CheckedFacts;
  config: CarveConfig;
  /** The --base ref analyzed with the same config: violations found there too are left out. */
  baseAnalysis?: CheckedFacts;
  /** Accepted violations (carve-baseline.json): reported as baselined, not failures. */
  baseline?: readonly BaselineEntry[];
  /** Fixed baseline entries fail the check (--strict-baseline, or the config's strictBaseline). */
  strictBaseline?: boolean;
}

export function compareViolations(a: Violation, b: Violation): number {
  return (
    compareStrings(a.fromContext, b.fromContext) ||
    compareStrings(a.toContext, b.toContext) ||
    compareStrings(a.from, b.from) ||
    a.line - b.line ||
    compareStrings(a.to, b.to) ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.entity ?? '', b.entity ?? '') ||
    compareStrings(a.mode ?? '', b.mode ?? '')
  );
}

/**
 * contextOfFile, remembered; every module is placed first so a file two contexts claim fails early.
 * `memo`: places already known under the same config (the work tree's, for the base of --base).
 */
function contextLookup(config: CarveConfig, analysis: CheckedFacts, memo = new Map<string, string | null>()): ContextLookup {
  for (const module of analysis.modules) if (!memo.has(module.id)) memo.set(module.id, contextOfFile(config, module.id));
  return (path) => {
    let context = memo.get(path);
    if (context === undefined) memo.set(path, (context = contextOfFile(config, path)));
    return context;
  };
}

/** Every violation of the config in the analysis, sorted; rules the config turns off are not checked. */
export function findViolations(config: CarveConfig, analysis: CheckedFacts, contextOf: ContextLookup = contextLookup(config, analysis)): Violation[] {
  return [
    ...importViolations(config, analysis.dependencies, contextOf),
    ...dataViolations(config, analysis.dataAccess, analysis.entities, contextOf),
    ...unassignedViolations(analysis.modules, contextOf),
  ]
    .filter((violation) => ruleSeverity(config, violation.rule) !== 'off')
    .sort(compareViolations);
}

export function checkBoundaries(input: CheckInput): CheckResult {
  const { analysis, config } = input;
  // One memo for both trees: the base's files are mostly the work tree's, placed once.
  const places = new Map<string, string | null>();
  const contextOf = contextLookup(config, analysis, places);
  const current = findViolations(config, analysis, contextOf);
  const atBase = input.baseAnalysis ? new Set(findViolations(config, input.baseAnalysis, contextLookup(config, input.baseAnalysis, places)).map(violationKey)) : null;
  const baseline = normalizeBaseline(input.baseline ?? []);
  const baselineKeys = new Set(baseline.map(violationKey));
  const currentKeys = new Set(current.map(violationKey));

  // Two reasons a violation does not fail, kept apart: the baseline accepts it (reported as such, even
  // when the base has it too), or it was already there at the base (left out, counted).
  const violations: CheckedViolation[] = [];
  let leftAtBase = 0;
  for (const violation of current) {
    const key = violationKey(violation);
    const severity = ruleSeverity(config, violation.rule) === 'warn' ? 'warn' : 'error';
    if (baselineKeys.has(key)) violations.push({ ...violation, status: 'baselined', severity });
    else if (atBase?.has(key)) leftAtBase++;
    else violations.push({ ...violation, status: 'new', severity });
  }
  const fixedBaseline = baseline.filter((entry) => !currentKeys.has(violationKey(entry)));
  const failures = violations.filter((violation) => violation.status === 'new' && violation.severity === 'error').length;
  const warnings = violations.filter((violation) => violation.status === 'new' && violation.severity === 'warn').length;
  const checkedFiles = analysis.modules.filter((module) => contextOf(module.id) !== null).length;
  const strictBaseline = input.strictBaseline ?? config.strictBaseline ?? false;

  return {
    violations,
    fixedBaseline,
    summary: {
      files: analysis.modules.length,
      checkedFiles,
      filesInNoContext: analysis.modules.length - checkedFiles,
      contexts: Object.keys(config.contexts).length,
      failures,
      warnings,
      baselined: violations.length - failures - warnings,
      atBase: atBase ? leftAtBase : null,
      fixedBaseline: fixedBaseline.length,
      strictBaseline,
    },
    exitCode: failures > 0 || (strictBaseline && fixedBaseline.length > 0) ? 1 : 0,
  };
}
export { brokenImportRule, importViolationMessage } from './rules/import-rules.js';
export { CHECK_FORMAT_NAMES, formatCheckResult, isCheckFormat, fixHint, summaryLine, type CheckFormat, type FormatContext } from './formats/index.js';
export { materializeBase, type BaseTree } from './base-ref.js';
