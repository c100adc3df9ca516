// report.md: what a newcomer opens first on GitHub. Names from the analyzed code are escaped.
import type { Analysis } from '../shared/analysis.js';
import { safeText } from '../shared/safe-text.js';

/** Escapes text for a Markdown table cell or paragraph: pipes, backticks, HTML, emphasis. */
export function escapeMarkdown(text: string): string {
  return safeText(text).replace(/[\\`*_{}[\]<>|#]/g, (char) => `\\${char}`);
}

export function renderMarkdown(analysis: Analysis): string {
  const { summary } = analysis;
  const out: string[] = [];
  out.push('# Carve report', '');
  out.push(`Carve ${analysis.tool.version}, analysis schema ${analysis.schemaVersion}.`, '');
  out.push('| | |', '|---|---|');
  out.push(`| files | ${summary.files} |`);
  out.push(`| dependencies | ${summary.dependencies} |`);
  out.push(`| external imports | ${summary.externalImports} |`);
  out.push(`| unresolved imports | ${summary.unresolvedImports} |`);
  out.push(`| entities | ${summary.entities} |`);
  out.push(`| data accesses | ${summary.dataAccesses} |`);
  out.push(`| contexts | ${summary.contexts} |`);
  out.push(`| warnings | ${summary.warnings} |`, '');

  const heaviest = [...analysis.dependencies].sort((a, b) => b.weight - a.weight || (a.from < b.from ? -1 : 1)).slice(0, 15);
  if (heaviest.length > 0) {
    out.push('## Heaviest dependencies', '', '| from | to | kind | weight | symbols |', '|---|---|---|---:|---|');
    for (const dependency of heaviest) {
      out.push(
        `| ${escapeMarkdown(dependency.from)} | ${escapeMarkdown(dependency.to)} | ${dependency.kind} | ${dependency.weight} | ${escapeMarkdown(dependency.symbols.slice(0, 6).join(', '))} |`,
      );
    }
    out.push('');
  }
  if (analysis.diagnostics.length > 0) {
    out.push('## Warnings', '', '| file | line | code | message |', '|---|---:|---|---|');
    for (const diagnostic of analysis.diagnostics) {
      out.push(`| ${escapeMarkdown(diagnostic.file ?? '')} | ${diagnostic.line ?? ''} | ${diagnostic.code} | ${escapeMarkdown(diagnostic.message)} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
