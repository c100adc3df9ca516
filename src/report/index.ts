// Stage: report. Reporters take the finished Analysis and return text; they never recompute.
import type { Analysis } from '../shared/analysis.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderDot } from './dot.js';

export interface ReportFile {
  /** File name inside --out. */
  path: string;
  content: string;
}

export { renderSummary } from './summary.js';
export { renderJson } from './json.js';
export { renderMarkdown } from './markdown.js';
export { renderDot } from './dot.js';
export { renderMermaid } from './mermaid.js';

export function renderReports(analysis: Analysis): ReportFile[] {
  return [
    { path: 'analysis.json', content: renderJson(analysis) },
    { path: 'report.md', content: renderMarkdown(analysis) },
    { path: 'contexts.dot', content: renderDot(analysis) },
  ];
}
