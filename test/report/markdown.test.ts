import { describe, expect, it } from 'vitest';
import { withPlan as assembled } from '../../src/analysis/index.js';
import { planStage } from '../../src/plan/index.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { Analysis } from '../../src/shared/analysis.js';
import { shopAnalysis } from '../helpers/analysis-builder.js';
import { CONTROL, hostileAnalysis } from './hostile.js';

function withPlan(analysis: Analysis): Analysis {
  return assembled(analysis, planStage(analysis));
}

/** Cells of a table row: split on pipes that no backslash escapes. */
function cells(row: string): number {
  return row.replace(/\\\\/g, '').split(/(?<!\\)\|/).length;
}

function outsideFences(markdown: string): string[] {
  const lines: string[] = [];
  let isFenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) isFenced = !isFenced;
    else if (!isFenced) lines.push(line);
  }
  return lines;
}

describe('report.md of the shop', () => {
  const markdown = renderMarkdown(withPlan(shopAnalysis()));

  it('has the sections a newcomer reads, verdict first', () => {
    const headings = markdown.split('\n').filter((line) => /^#{1,2} /.test(line));
    expect(headings).toEqual(['# Carve report', '## Summary', '## Contexts', '## Context map', '## Data ownership', '## Cycles between contexts', '## Plan']);
    expect(markdown.indexOf('> **Verdict: cut seams first, then extract.**')).toBeLessThan(markdown.indexOf('## Summary'));
  });

  it('gives each context its readiness, in the contexts table, the plan overview and its step with the reasons', () => {
    expect(markdown).toContain('| context | plan step | readiness | files | lines | cohesion | coupling | stability | tables owned |');
    expect(markdown).toMatch(/\| \*\*notifications\*\* \| 1 \| needs seams first \| 3 \|/);
    expect(markdown).toMatch(/\| 1 \| \*\*notifications\*\* \| needs seams first \| /);
    const step = markdown.slice(markdown.indexOf('### Step 1: notifications'), markdown.indexOf('### Step 2:'));
    expect(step).toContain("**Readiness: needs seams first.**\n\n- reads 1 table owned by customers (customers): read it through the owner's API or a read model\n- no other context calls it at run time\n");
  });

  it('draws the context map in Mermaid with weights and the cycle in red', () => {
    const block = markdown.slice(markdown.indexOf('```mermaid'), markdown.indexOf('```', markdown.indexOf('```mermaid') + 3));
    expect(block).toContain('flowchart LR');
    expect(block).toMatch(/c\d+ -->\|"\d+(\.\d+)?"\| c\d+/);
    expect(block).toMatch(/-\.->\|"reads /);
    expect(block).toMatch(/linkStyle \d+(,\d+)* stroke:#d73a49/);
  });

  it('shows the ownership matrix with R/W and the owner in bold', () => {
    expect(markdown).toContain('| table | owner | strategy | cart | catalog | customers | notifications | orders | payments | reporting |');
    expect(markdown).toMatch(/\| carts \| cart \| split \| \*\*W\*\* \|  \|  \|  \| W \|/);
  });

  it('lists the steps with their seams at file:line and the cycle to break', () => {
    expect(markdown).toContain('**orders ⇄ payments**');
    expect(markdown).toContain('### Step 1: notifications');
    expect(markdown).toMatch(/### Step 7: orders\n/);
    expect(markdown).toContain('| order.placed | handler | src/notifications/handlers.ts:12 |');
    expect(markdown).toMatch(/\| \*\*payments\*\* \| authorize, refund \(src\/payments\/payment\.service\.ts\) \| sync call \(REST\/gRPC\) \| 2 s timeout · no blind retry · breaker, fail fast or queue \| src\/orders\/checkout\.service\.ts:7, src\/orders\/order\.service\.ts:6 \|/);
    expect(markdown).toContain('- Break payments -> orders: ');
  });

  it('keeps every table row as wide as its header', () => {
    checkTables(markdown);
  });

  it('is the same bytes every time, with no time and no absolute path', () => {
    expect(renderMarkdown(withPlan(shopAnalysis()))).toBe(markdown);
    expect(markdown).not.toMatch(/\d{4}-\d{2}-\d{2}T|\/home\/|\/tmp\/|\/work\//);
  });
});

function checkTables(markdown: string): void {
  let width = 0;
  for (const line of outsideFences(markdown)) {
    if (!line.startsWith('|')) {
      width = 0;
      continue;
    }
    if (width === 0) width = cells(line);
    else expect(cells(line), line).toBe(width);
  }
}

describe('report.md with hostile names', () => {
  const markdown = renderMarkdown(hostileAnalysis());
  const text = outsideFences(markdown).join('\n');

  it('leaves no control character and no line a name could start', () => {
    expect(markdown).not.toMatch(CONTROL);
    expect(markdown).not.toMatch(/\r/);
    for (const line of markdown.split('\n')) expect(line).not.toMatch(/^(break|again|\s*1\. first|- item)/);
  });

  it('keeps every table row as wide as its header', () => {
    checkTables(markdown);
  });

  it('lets no tag, code span, link or image through', () => {
    const ours = text.replace(/<\/?details>|<summary>|<\/summary>|`analysis\.json`|`contexts\.dot`/g, '');
    expect(ours).not.toMatch(/(^|[^\\])</);
    expect(ours).not.toMatch(/(^|[^\\])`/);
    expect(ours).not.toMatch(/(^|[^\\])\[[^\]]*(^|[^\\])\]\(/);
    expect(text).toContain('\\<script>alert(1)\\</script>');
    expect(text).toContain('a\\|b');
  });

  it('keeps the Mermaid block to its grammar', () => {
    const start = markdown.indexOf('```mermaid\n') + '```mermaid\n'.length;
    const block = markdown.slice(start, markdown.indexOf('\n```', start)).split('\n');
    expect(block[0]).toBe('flowchart LR');
    for (const line of block.slice(1)) {
      expect(line.replace(/<br\/>/g, ' ')).toMatch(/^  (c\d+\["[^"`<>|]*"\]|c\d+ (-->|-\.->)\|"[^"`<>|]*"\| c\d+|linkStyle [\d,]+ [a-z:#0-9,-]+)$/);
    }
  });
});

describe('report.md from a partial analysis.json', () => {
  it('draws what there is when plan fields are missing or odd', () => {
    const analysis = withPlan(shopAnalysis());
    analysis.plan = { steps: [{ rank: 2, context: 'orders', coupling: 0.5 }, null, 'x', { rank: 1, context: 'cart', seams: 3 }] } as unknown as Analysis['plan'];
    const markdown = renderMarkdown(analysis);
    expect(markdown).toContain('### Step 1: cart');
    expect(markdown).toContain('### Step 2: orders');
    expect(markdown).not.toContain('Verdict');
    const planless = { ...shopAnalysis(), plan: undefined } as unknown as Analysis;
    expect(renderMarkdown(planless)).toContain('_No steps: the plan stage proposed no extraction for this analysis._');
  });
});
