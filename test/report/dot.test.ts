import { describe, expect, it } from 'vitest';
import { planMigration } from '../../src/plan/index.js';
import { renderDot } from '../../src/report/dot.js';
import { renderMermaid } from '../../src/report/mermaid.js';
import { safeText } from '../../src/shared/safe-text.js';
import { shopAnalysis } from '../helpers/analysis-builder.js';
import { CONTROL, HOSTILE, hostileAnalysis } from './hostile.js';

/** The DOT tokens of one line: ids, numbers, punctuation, and double-quoted strings (unescaped). */
function tokens(line: string): Array<{ kind: 'id' | 'string' | 'punct'; text: string }> {
  const out: Array<{ kind: 'id' | 'string' | 'punct'; text: string }> = [];
  let i = 0;
  while (i < line.length) {
    const char = line[i] as string;
    if (char === ' ') i++;
    else if (char === '"') {
      let text = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\') {
          const next = line[i + 1];
          if (next === undefined) throw new Error(`dangling backslash: ${line}`);
          text += next === 'n' ? '\n' : next;
          i += 2;
        } else text += line[i++];
      }
      if (line[i] !== '"') throw new Error(`unterminated string: ${line}`);
      i++;
      out.push({ kind: 'string', text });
    } else if (/[A-Za-z0-9_.#]/.test(char)) {
      const match = /^[A-Za-z0-9_.]+/.exec(line.slice(i))?.[0] ?? char;
      out.push({ kind: 'id', text: match });
      i += match.length;
    } else if (line.startsWith('->', i)) {
      out.push({ kind: 'punct', text: '->' });
      i += 2;
    } else if ('[]{};,='.includes(char)) {
      out.push({ kind: 'punct', text: char });
      i++;
    } else throw new Error(`unexpected ${JSON.stringify(char)} in ${line}`);
  }
  return out;
}

describe('contexts.dot', () => {
  it('draws the shop: one node per context, weighted code edges, dashed data edges, the cycle in red', () => {
    const analysis = shopAnalysis();
    analysis.plan = planMigration(analysis);
    const dot = renderDot(analysis);
    expect(dot.startsWith('digraph contexts {\n')).toBe(true);
    expect(dot.endsWith('}\n')).toBe(true);
    expect(dot.match(/^ {2}c\d+ \[label=/gm)).toHaveLength(7);
    expect(dot).toMatch(/c\d+ -> c\d+ \[label="\d+(\.\d+)?", penwidth=[\d.]+\];/);
    expect(dot).toMatch(/style=dashed/);
    expect(dot.match(/(?<!font)color="#d73a49"/g)).toHaveLength(2);
    expect(renderDot(analysis)).toBe(dot);
  });

  it('keeps every hostile name inside its quoted label', () => {
    const analysis = hostileAnalysis();
    const dot = renderDot(analysis);
    expect(dot).not.toMatch(CONTROL);
    const lines = dot.split('\n').filter((line) => line.length > 0);
    const labels: string[] = [];
    for (const line of lines.slice(1, -1)) {
      const found = tokens(line);
      expect(found.at(-1)?.text, line).toBe(';');
      found.forEach((token, i) => {
        if (token.kind === 'string' && found[i - 2]?.text === 'label') labels.push(token.text);
      });
    }
    for (const context of analysis.contexts) expect(labels.some((label) => label.startsWith(`${safeText(context.id)}\n`))).toBe(true);
  });
});

describe('Mermaid context map', () => {
  it('uses generated node ids, never names', () => {
    const mermaid = renderMermaid(hostileAnalysis());
    expect(mermaid).not.toMatch(CONTROL);
    for (const line of mermaid.split('\n').slice(1, -1)) expect(line).toMatch(/^ {2}(c\d+\[|c\d+ -|linkStyle )/);
    expect(mermaid).toContain('c1["tick#96;s#96;#96;<br/>');
    expect(mermaid).toContain('c2["a#124;b<br/>');
    expect(HOSTILE.every((name) => !mermaid.includes(`"${name}"`) || /^[\w ]+$/.test(name))).toBe(true);
  });
});
