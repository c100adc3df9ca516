// `--format github`: workflow commands GitHub Actions turns into annotations on the pull request,
// `::error file=...,line=...::message`. Values are escaped as the runner expects: '%', CR and LF in
// the message; also ':' and ',' in properties, where they would end the value.
import { safeText } from '../../shared/safe-text.js';
import type { CheckResult } from '../types.js';
import { fixHint, summaryLine, type FormatContext } from './hints.js';

export function escapeData(text: string): string {
  return safeText(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(result: CheckResult, context: FormatContext): string {
  const lines: string[] = [];
  for (const violation of result.violations) {
    if (violation.status !== 'new') continue;
    const properties = [`file=${escapeProperty(violation.from)}`];
    if (violation.line > 0) properties.push(`line=${violation.line}`);
    const title = violation.kind === 'placement' ? `carve ${violation.rule}: file in no context` : `carve ${violation.rule}: ${violation.fromContext} -> ${violation.toContext}`;
    properties.push(`title=${escapeProperty(title)}`);
    lines.push(`::${violation.severity === 'warn' ? 'warning' : 'error'} ${properties.join(',')}::${escapeData(`${violation.message}. Fix: ${fixHint(violation, context.config)}`)}`);
  }
  for (const entry of result.fixedBaseline) {
    lines.push(
      `::${result.summary.strictBaseline ? 'error' : 'notice'} file=${escapeProperty(entry.from)},title=${escapeProperty('carve: fixed baseline entry')}::${escapeData(
        `${entry.from} -> ${entry.to} (${entry.rule}) is fixed; drop it from ${context.baselineFile} with carve check --update-baseline`,
      )}`,
    );
  }
  lines.push(escapeData(summaryLine(result, context)));
  return `${lines.join('\n')}\n`;
}
