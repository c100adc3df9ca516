// How to fix a violation, in one sentence, for every format that shows advice.
import type { CarveConfig } from '../../config/index.js';
import type { CheckResult, Violation } from '../types.js';

export interface FormatContext {
  config: CarveConfig;
  /** The --base ref, when given. */
  base: string | null;
  /** The baseline file as the user knows it (relative to the working directory or the project). */
  baselineFile: string;
  version: string;
  /** Where a file's lines can be linked (`https://github.com/o/r/blob/<sha>`), for markdown; null: no links. */
  linkBase?: string | null;
}

export function fixHint(violation: Violation, config: CarveConfig): string {
  const { fromContext, toContext } = violation;
  if (violation.rule === 'unassigned') {
    return `add ${violation.from} to a context's paths in carve.config.json (or to exclude); accept files in no context with \`carve check --update-baseline\`, or set rules.unassigned to "warn"`;
  }
  if (violation.rule === 'depends-on') {
    return `if '${fromContext}' may use '${toContext}', add "${toContext}" to contexts.${fromContext}.dependsOn; otherwise move the code or reach '${toContext}' through an event or an API it offers`;
  }
  if (violation.rule === 'expose') {
    const exposed = config.contexts[toContext]?.expose ?? [];
    return `import through what '${toContext}' exposes (${exposed.join(', ')}), or add ${violation.to} to contexts.${toContext}.expose`;
  }
  const verb = violation.mode === 'write' ? 'write' : 'read';
  return `call the API of '${toContext}' instead of its table '${violation.table}'; only '${toContext}' may ${verb} ${violation.entity}`;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** What an import or data violation does, as pretty and markdown show it; placement: `inNoContext`. */
export function violationDetail(violation: Violation, inNoContext: string): string {
  if (violation.kind === 'placement') return inNoContext;
  if (violation.kind === 'data') return `${violation.mode === 'write' ? 'writes' : 'reads'} ${violation.entity} (table ${violation.table})`;
  return `imports ${violation.to}${violation.symbols.length > 0 ? ` (${violation.symbols.join(', ')})` : ''}`;
}

/**
 * The run in one line, the same in every format and on stderr: what fails, what warns, the two
 * reasons a violation does not fail (accepted in the baseline, already at the base) kept apart, the
 * fixed baseline entries, and what was checked.
 */
export function summaryLine(result: CheckResult, context: FormatContext): string {
  const { summary } = result;
  const since = context.base ? ` since ${context.base}` : '';
  const parts = [summary.failures > 0 ? `${plural(summary.failures, 'new violation')}${since}` : `no new violations${since}`];
  if (summary.warnings > 0) parts.push(plural(summary.warnings, 'warning'));
  if (summary.baselined > 0) parts.push(`${summary.baselined} accepted in ${context.baselineFile}`);
  if (summary.atBase !== null && summary.atBase > 0) parts.push(`${summary.atBase} already at ${context.base ?? 'the base'}`);
  if (summary.fixedBaseline > 0) {
    parts.push(`${plural(summary.fixedBaseline, 'baseline entry', 'baseline entries')} fixed${summary.strictBaseline ? ' (strict baseline: fails until `carve check --update-baseline`)' : ''}`);
  }
  const scope = `${plural(summary.checkedFiles, 'file')} in ${plural(summary.contexts, 'context')} checked, ${summary.filesInNoContext} in no context`;
  return `carve check: ${parts.join(', ')} (${scope})`;
}
