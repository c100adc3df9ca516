// The terminal format: failures grouped by context pair, each group with the fix that fits it, then
// what the baseline and the base ref account for. Every name passes through safeText.
import { safeText } from '../../shared/safe-text.js';
import { compareStrings } from '../../shared/sort.js';
import type { CheckResult, CheckedViolation } from '../types.js';
import { fixHint, type FormatContext } from './hints.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function detail(violation: CheckedViolation): string {
  if (violation.kind === 'data') {
    return `${violation.mode === 'write' ? 'writes' : 'reads'} ${violation.entity} (table ${violation.table})`;
  }
  const symbols = violation.symbols.length > 0 ? ` (${violation.symbols.join(', ')})` : '';
  return `imports ${violation.to}${symbols}`;
}

export function formatPretty(result: CheckResult, context: FormatContext): string {
  const lines: string[] = [];
  const failures = result.violations.filter((violation) => violation.status === 'new');
  const groups = new Map<string, CheckedViolation[]>();
  for (const violation of failures) {
    const key = `${violation.fromContext}\u0000${violation.toContext}`;
    groups.set(key, [...(groups.get(key) ?? []), violation]);
  }
  for (const key of [...groups.keys()].sort(compareStrings)) {
    const group = groups.get(key)!;
    const first = group[0]!;
    lines.push(`${safeText(first.fromContext)} -> ${safeText(first.toContext)}  (${plural(group.length, 'violation')})`);
    for (const violation of group) {
      lines.push(`  ${safeText(violation.from)}:${violation.line}  ${safeText(detail(violation))}  [${violation.rule}]`);
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
    lines.push(`${count === 1 ? '1 baseline entry is' : `${count} baseline entries are`} fixed; drop ${count === 1 ? 'it' : 'them'} with \`carve check --update-baseline\`:`);
    for (const entry of result.fixedBaseline) {
      const entity = entry.entity ? ` ${entry.entity}${entry.mode ? ` (${entry.mode})` : ''}` : '';
      lines.push(`  ${safeText(entry.from)} -> ${safeText(entry.to)}${safeText(entity)}  [${entry.rule}]`);
    }
  }
  const scope = `${plural(summary.checkedFiles, 'file')} in ${plural(summary.contexts, 'context')} checked, ${summary.filesInNoContext} in no context`;
  const since = context.base ? ` since ${safeText(context.base)}` : '';
  lines.push(
    failures.length > 0
      ? `carve check: ${plural(failures.length, 'new violation')}${since} (${scope})`
      : `carve check: no new violations${since} (${scope})`,
  );
  return `${lines.join('\n')}\n`;
}
