// The short text summary `analyze` prints: what was read, what was found, what went wrong.
import type { Analysis, DataAccessCoverage, LeftOutCounts, LeftOutReason } from '../shared/analysis.js';
import { safeText } from '../shared/safe-text.js';
import { dataMatrix } from './data-matrix.js';

export interface SummaryOptions {
  target: string;
  elapsedMs: number;
  writtenFiles: string[];
  /** Facts cache use, when a cache was on. */
  cacheStats?: { hits: number; misses: number } | null;
  /** Contexts and plan were read back from the result cache. */
  resultFromCache?: boolean;
  /** How many warnings to list by name. */
  maxWarnings?: number;
  /** How many tables the data matrix lists. */
  maxTables?: number;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function renderSummary(analysis: Analysis, options: SummaryOptions): string {
  const { summary } = analysis;
  const loc = analysis.modules.reduce((sum, module) => sum + module.loc, 0);
  const lines: string[] = [];
  lines.push(`carve ${analysis.tool.version}: ${safeText(options.target)}`);
  lines.push(`  files         ${count(summary.files)} (${count(loc)} lines of code)`);
  const leftOut = renderLeftOut(summary.leftOut ?? {});
  if (leftOut) lines.push(leftOut);
  if (summary.tsconfigs && summary.tsconfigs.length > 0) lines.push(`  tsconfig      ${renderList(summary.tsconfigs, 4)}`);
  if (summary.schemaFiles && summary.schemaFiles.length > 0) lines.push(`  schema        ${renderList(summary.schemaFiles, 4)}`);
  lines.push(
    `  dependencies  ${count(summary.dependencies)} edges; ${count(summary.externalImports)} external imports; ${count(summary.unresolvedImports)} unresolved`,
  );
  if (summary.entities > 0 || summary.dataAccesses > 0 || (summary.dataAccessCoverage?.length ?? 0) > 0) {
    lines.push(`  data          ${count(summary.entities)} entities; ${count(summary.dataAccesses)} file-table accesses`);
    lines.push(...renderCoverage(summary.dataAccessCoverage ?? []));
  }
  if (summary.contexts > 0) {
    lines.push(`  contexts      ${count(summary.contexts)}; modularity ${analysis.metrics.modularity.toFixed(2)}`);
    for (const context of analysis.contexts.slice(0, 20)) {
      const m = context.metrics;
      lines.push(
        `    ${safeText(context.id).padEnd(18)} ${String(m.size).padStart(5)} files  cohesion ${m.cohesion.toFixed(2)}  coupling ${m.coupling.toFixed(2)}  stability ${m.stability.toFixed(2)}  tables ${m.tablesOwned.length}`,
      );
    }
    if (analysis.contexts.length > 20) lines.push(`    ... and ${analysis.contexts.length - 20} more in report.md`);
  }
  if (analysis.featureModules && analysis.featureModules.length > 0) {
    const byFolder = analysis.featureModules.filter((module) => module.basis === 'folder').length;
    const misplaced = analysis.misplaced?.length ?? 0;
    lines.push(
      `  modules       ${count(analysis.featureModules.length)} (${count(byFolder)} by folder, ${count(analysis.featureModules.length - byFolder)} by stem); ${count(misplaced)} misplaced file${misplaced === 1 ? '' : 's'}${misplaced > 0 ? ' (report.md)' : ''}`,
    );
  }
  if (analysis.sharedKernel.length > 0) lines.push(`  shared kernel ${analysis.sharedKernel.map(safeText).join(', ')}`);
  if (analysis.godModules.length > 0) lines.push(`  god modules   ${analysis.godModules.map(safeText).join(', ')}`);
  if (analysis.compositionRoots.length > 0) lines.push(`  wiring        ${analysis.compositionRoots.map(safeText).join(', ')}`);
  const comparison = analysis.metrics.comparison as { against: string; mojoFm: number; nmi: number; ari: number; common: number } | undefined;
  if (comparison) {
    lines.push(
      `  compared      with ${safeText(comparison.against)} over ${comparison.common} files: MoJoFM ${comparison.mojoFm.toFixed(3)}, NMI ${comparison.nmi.toFixed(3)}, ARI ${comparison.ari.toFixed(3)}`,
    );
  }
  lines.push(...renderDataMatrix(analysis, options.maxTables ?? 25));
  lines.push(`  warnings      ${count(summary.warnings)}`);
  const maxWarnings = options.maxWarnings ?? 10;
  for (const diagnostic of analysis.diagnostics.slice(0, maxWarnings)) {
    const where = diagnostic.file ? `${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}` : '(project)';
    lines.push(`    ${safeText(where)}  ${diagnostic.code}: ${safeText(diagnostic.message)}`);
  }
  if (analysis.diagnostics.length > maxWarnings) lines.push(`    ... and ${analysis.diagnostics.length - maxWarnings} more in analysis.json`);
  const reused = options.resultFromCache ? '; contexts and plan unchanged, from cache' : '';
  const cache = options.cacheStats ? ` (${count(options.cacheStats.hits)} files from cache, ${count(options.cacheStats.misses)} read${reused})` : '';
  lines.push(`  time          ${(options.elapsedMs / 1000).toFixed(2)} s${cache}`);
  if (options.writtenFiles.length > 0) lines.push(`  reports       ${options.writtenFiles.map(safeText).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

const LEFT_OUT_WORDS: Record<LeftOutReason, string> = {
  tests: 'tests',
  buildOutput: 'build output',
  declarations: 'declaration files',
  gitignored: 'ignored by .gitignore',
  excluded: 'excluded by config or --exclude',
  notInTsconfig: 'not in their tsconfig',
  tooLarge: 'too large',
  binary: 'binary',
  notUtf8: 'not UTF-8',
  specialFiles: 'special files',
  linksOutside: 'links out of the folder',
  unreadable: 'unreadable',
  unparsable: 'too deeply nested to parse',
};

/** One line: how many files were left out and why, most first; null when none were. */
function renderLeftOut(leftOut: LeftOutCounts): string | null {
  const entries = (Object.entries(leftOut) as [LeftOutReason, number][]).filter(([reason, n]) => n > 0 && Object.hasOwn(LEFT_OUT_WORDS, reason));
  if (entries.length === 0) return null;
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return `  left out      ${count(total)} file${total === 1 ? '' : 's'}: ${entries.map(([reason, n]) => `${count(n)} ${LEFT_OUT_WORDS[reason]}`).join(', ')}`;
}

/** The first `max` items, then how many more. */
function renderList(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).map(safeText).join(', ');
  return items.length > max ? `${shown} and ${count(items.length - max)} more` : shown;
}

/** Per adapter: access sites read, by the keyword fallback, not read and why, kept out as schema. */
function renderCoverage(coverage: readonly DataAccessCoverage[]): string[] {
  return coverage.map((entry) => {
    const fallback = entry.fallback > 0 ? ` (${count(entry.fallback)} by keyword fallback)` : '';
    const reasons = entry.reasons.slice(0, 3).map((reason) => `${safeText(reason.reason)} ${count(reason.sites)}`).join(', ');
    const unresolved = entry.unresolved > 0 ? `, ${count(entry.unresolved)} unresolved: ${reasons}` : ', 0 unresolved';
    const schema = entry.schema > 0 ? `; ${count(entry.schema)} in migrations and seeds, kept out` : '';
    return `    ${safeText(entry.orm).padEnd(10)} ${count(entry.resolved)} access sites resolved${fallback}${unresolved}${schema}`;
  });
}

/** Table x context: R reads, W writes, RW both; '*' marks a table more than one context touches. */
function renderDataMatrix(analysis: Analysis, maxTables: number): string[] {
  const { columns, rows } = dataMatrix(analysis);
  if (rows.length === 0) return [];
  const names = columns.map((column) => safeText(column));
  const tableWidth = Math.min(28, Math.max(5, ...rows.map((row) => safeText(row.table).length + 1)));
  const widths = names.map((name) => Math.max(2, name.length));
  const lines = ['  data access   (R read, W write, * shared)'];
  lines.push(`    ${'table'.padEnd(tableWidth)} ${names.map((name, i) => name.padEnd(widths[i]!)).join(' ')}`.trimEnd());
  for (const row of rows.slice(0, maxTables)) {
    const label = `${safeText(row.table)}${row.isShared ? '*' : ''}`.slice(0, tableWidth);
    const cells = columns.map((column, i) => (row.access[column] ?? '.').padEnd(widths[i]!));
    lines.push(`    ${label.padEnd(tableWidth)} ${cells.join(' ')}`.trimEnd());
  }
  if (rows.length > maxTables) lines.push(`    ... and ${rows.length - maxTables} more tables in report.md`);
  return lines;
}
