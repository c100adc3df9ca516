// `--format markdown`: for a GitHub step summary ($GITHUB_STEP_SUMMARY) or a pull-request comment. The
// counts first, then a table of what is new (errors, then warnings) with links to the lines, then the
// baseline's delta. Cells are escaped so a file name cannot break the table or inject markup.
import { safeText } from '../../shared/safe-text.js';
import type { CheckResult, CheckedViolation } from '../types.js';
import { fixHint, summaryLine, violationDetail, type FormatContext } from './hints.js';

/** Text for a table cell: pipes, backslashes, markup and line breaks neutralised. */
export function escapeCell(text: string): string {
  return safeText(text)
    .replace(/\\/g, '\\\\')
    .replace(/([|`*_[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function fileCell(file: string, line: number, context: FormatContext): string {
  const label = escapeCell(line > 0 ? `${file}:${line}` : file);
  if (!context.linkBase) return label;
  const url = `${context.linkBase}/${file.split('/').map(encodeURIComponent).join('/')}${line > 0 ? `#L${line}` : ''}`;
  return `[${label}](${url.replace(/\)/g, '%29')})`;
}

function table(violations: readonly CheckedViolation[], context: FormatContext): string[] {
  const rows = ['| file | contexts | what | rule | fix |', '|---|---|---|---|---|'];
  for (const violation of violations) {
    const contexts = violation.kind === 'placement' ? 'none' : `${violation.fromContext} → ${violation.toContext}`;
    rows.push(
      `| ${fileCell(violation.from, violation.line, context)} | ${escapeCell(contexts)} | ${escapeCell(violationDetail(violation, 'file in no context'))} | ${escapeCell(violation.rule)} | ${escapeCell(fixHint(violation, context.config))} |`,
    );
  }
  return rows;
}

export function formatMarkdown(result: CheckResult, context: FormatContext): string {
  const { summary } = result;
  const errors = result.violations.filter((violation) => violation.status === 'new' && violation.severity === 'error');
  const warnings = result.violations.filter((violation) => violation.status === 'new' && violation.severity === 'warn');
  const failed = summary.failures > 0 || (summary.strictBaseline && summary.fixedBaseline > 0);
  const lines = [`### ${failed ? '❌' : '✅'} carve check`, '', escapeCell(summaryLine(result, context)), ''];
  lines.push('| new errors | new warnings | accepted in baseline | already at base | baseline entries fixed | files checked | in no context |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|');
  lines.push(
    `| ${summary.failures} | ${summary.warnings} | ${summary.baselined} | ${summary.atBase ?? '–'} | ${summary.fixedBaseline} | ${summary.checkedFiles} | ${summary.filesInNoContext} |`,
  );
  if (errors.length > 0) lines.push('', `#### New violations (${errors.length})`, '', ...table(errors, context));
  if (warnings.length > 0) lines.push('', `#### Warnings (${warnings.length})`, '', ...table(warnings, context));
  if (result.fixedBaseline.length > 0) {
    lines.push('', `#### Baseline: ${result.fixedBaseline.length} entr${result.fixedBaseline.length === 1 ? 'y' : 'ies'} no longer seen`, '');
    lines.push(`Shrink ${escapeCell(context.baselineFile)} with \`carve check --update-baseline\`${summary.strictBaseline ? ' (the strict baseline fails until then)' : ''}:`, '');
    for (const entry of result.fixedBaseline) {
      const target = entry.kind === 'placement' ? 'in no context' : `→ ${entry.to}${entry.entity ? ` ${entry.entity}${entry.mode ? ` (${entry.mode})` : ''}` : ''}`;
      lines.push(`- ${escapeCell(`${entry.from} ${target} [${entry.rule}]`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
