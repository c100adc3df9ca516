// The short text summary `analyze` prints: what was read, what was found, what went wrong.
import type { Analysis } from '../shared/analysis.js';
import { safeText } from '../shared/safe-text.js';

export interface SummaryOptions {
  target: string;
  elapsedMs: number;
  writtenFiles: string[];
  /** Facts cache use, when a cache was on. */
  cacheStats?: { hits: number; misses: number } | null;
  /** How many warnings to list by name. */
  maxWarnings?: number;
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
  lines.push(
    `  dependencies  ${count(summary.dependencies)} edges; ${count(summary.externalImports)} external imports; ${count(summary.unresolvedImports)} unresolved`,
  );
  if (summary.entities > 0 || summary.dataAccesses > 0) {
    lines.push(`  data          ${count(summary.entities)} entities; ${count(summary.dataAccesses)} file-table accesses`);
  }
  if (summary.contexts > 0) {
    lines.push(`  contexts      ${count(summary.contexts)}; modularity ${analysis.metrics.modularity.toFixed(2)}`);
  }
  lines.push(`  warnings      ${count(summary.warnings)}`);
  const maxWarnings = options.maxWarnings ?? 10;
  for (const diagnostic of analysis.diagnostics.slice(0, maxWarnings)) {
    const where = diagnostic.file ? `${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}` : '(project)';
    lines.push(`    ${safeText(where)}  ${diagnostic.code}: ${safeText(diagnostic.message)}`);
  }
  if (analysis.diagnostics.length > maxWarnings) lines.push(`    ... and ${analysis.diagnostics.length - maxWarnings} more in analysis.json`);
  const cache = options.cacheStats ? ` (${count(options.cacheStats.hits)} files from cache, ${count(options.cacheStats.misses)} read)` : '';
  lines.push(`  time          ${(options.elapsedMs / 1000).toFixed(2)} s${cache}`);
  if (options.writtenFiles.length > 0) lines.push(`  reports       ${options.writtenFiles.map(safeText).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
