// The terminal format: failures grouped by context pair, each group with the fix that fits it, then
// what the baseline and the base ref account for. Every name passes through safeText.
import { safeText } from '../../shared/safe-text.js';
import { compareStrings } from '../../shared/sort.js';
import type { CheckResult, CheckedViolation } from '../types.js';
import { fixHint, plural, summaryLine, violationDetail, type FormatContext } from './hints.js';

export function formatPretty(result: CheckResult, context: FormatContext): string {
  const lines: string[] = [];
  const reported = result.violations.filter((violation) => violation.status === 'new');
  const groups = new Map<string, CheckedViolation[]>();
  for (const violation of reported) {
    // Warnings apart from errors: a reader sees at once what fails the run.
    const key = `${violation.severity === 'warn' ? 1 : 0}\u0000${violation.fromContext}\u0000${violation.toContext}`;
    groups.set(key, [...(groups.get(key) ?? []), violation]);
  }
  for (const key of [...groups.keys()].sort(compareStrings)) {
    const group = groups.get(key)!;
    const first = group[0]!;
    const label = first.kind === 'placement' ? 'files in no context' : `${safeText(first.fromContext)} -> ${safeText(first.toContext)}`;
    lines.push(`${first.severity === 'warn' ? 'warning: ' : ''}${label}  (${plural(group.length, first.severity === 'warn' ? 'warning' : 'violation')})`);
    for (const violation of group) {
      lines.push(`  ${safeText(violation.from)}:${violation.line}  ${safeText(violationDetail(violation, 'is in no context'))}  [${violation.rule}]`);
    }
    const hints = [...new Set(group.map((violation) => fixHint(violation, context.config)))];
    for (const hint of hints) lines.push(`  fix: ${safeText(hint)}`);
    lines.push('');
  }

  const { summary } = result;
  if (summary.baselined > 0) lines.push(`${plural(summary.baselined, 'violation')} accepted in ${safeText(context.baselineFile)} (not failures)`);
  if (summary.atBase !== null && summary.atBase > 0) {
    lines.push(`${plural(summary.atBase, 'violation')} already present at ${safeText(context.base ?? 'the base')} (not shown)`);
  }
  if (result.fixedBaseline.length > 0) {
    const count = result.fixedBaseline.length;
    const state = summary.strictBaseline ? `fixed and ${count === 1 ? 'fails' : 'fail'} the check (strict baseline)` : 'fixed';
    lines.push(`${count === 1 ? '1 baseline entry is' : `${count} baseline entries are`} ${state}; drop ${count === 1 ? 'it' : 'them'} with \`carve check --update-baseline\`:`);
    for (const entry of result.fixedBaseline) {
      const entity = entry.entity ? ` ${entry.entity}${entry.mode ? ` (${entry.mode})` : ''}` : '';
      const target = entry.kind === 'placement' ? ' (in no context)' : ` -> ${safeText(entry.to)}`;
      lines.push(`  ${safeText(entry.from)}${target}${safeText(entity)}  [${entry.rule}]`);
    }
  }
  lines.push(safeText(summaryLine(result, context)));
  return `${lines.join('\n')}\n`;
}
