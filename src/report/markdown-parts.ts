// Small building blocks of report.md: tables, file:line lists, numbers. Cells passed to `table` are
// already escaped; `site` and `sites` escape what they are given.
import type { PlanSite } from '../shared/analysis.js';
import { escapeMarkdown } from './escape.js';

/** At most this many file:line sites per cell; the rest are counted (analysis.json has them all). */
export const MAX_SITES = 6;

export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, align: readonly ('l' | 'r')[] = []): string[] {
  const rule = headers.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [`| ${headers.join(' | ')} |`, `| ${rule.join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

export function site(where: PlanSite): string {
  return escapeMarkdown(where.line > 0 ? `${where.file}:${where.line}` : where.file);
}

export function sites(list: readonly PlanSite[], max = MAX_SITES): string {
  if (list.length === 0) return '';
  const shown = list.slice(0, max).map(site).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

export function names(list: readonly string[], max = 8): string {
  const shown = list.slice(0, max).map(escapeMarkdown).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}

export function ratio(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : '-';
}
