import { describe, expect, it } from 'vitest';
import { escapeDot, escapeHtml, escapeMarkdown, escapeMermaid } from '../../src/report/escape.js';
import { CONTROL, HOSTILE } from './hostile.js';

describe('escapeMarkdown', () => {
  it('leaves no line break, control character, raw pipe, backtick or tag', () => {
    for (const name of HOSTILE) {
      const out = escapeMarkdown(name);
      expect(out).not.toMatch(/[\r\n]/);
      expect(out).not.toMatch(CONTROL);
      expect(out).not.toMatch(/(^|[^\\])[|`<]/);
    }
  });

  it('escapes what starts markup, and nothing that reads as plain text', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<script>')).toBe('\\<script>');
    expect(escapeMarkdown('[x](y) ![i](j)')).toBe('\\[x\\](y) \\!\\[i\\](j)');
    expect(escapeMarkdown('*a* _b_ ~~c~~ `d`')).toBe('\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\`');
    expect(escapeMarkdown('&lt; & fish')).toBe('&amp;lt; & fish');
    expect(escapeMarkdown('src/order_lines/order.service.ts')).toBe('src/order_lines/order.service.ts');
    expect(escapeMarkdown('0.1.2 and 1-2')).toBe('0.1.2 and 1-2');
  });

  it('escapes a leading list or quote marker', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('> quote')).toBe('\\> quote');
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
  });
});

describe('escapeMermaid', () => {
  it('leaves nothing that closes a quoted label or an edge label', () => {
    for (const name of HOSTILE) {
      const out = escapeMermaid(name);
      expect(out).not.toMatch(/["`|<>\r\n[\]{}\\]/);
      expect(out).not.toMatch(CONTROL);
    }
    expect(escapeMermaid('a"b#c')).toBe('a#34;b#35;c');
  });
});

describe('escapeDot', () => {
  it('escapes backslashes before quotes, and removes line breaks', () => {
    expect(escapeDot('a"b\\c')).toBe('a\\"b\\\\c');
    for (const name of HOSTILE) {
      const out = escapeDot(name);
      expect(out).not.toMatch(/[\r\n]/);
      expect(out).not.toMatch(CONTROL);
      // Every quote is preceded by an odd number of backslashes.
      expect(out.replace(/\\\\/g, '')).not.toMatch(/(^|[^\\])"/);
    }
  });
});

describe('escapeHtml', () => {
  it('turns markup characters into entities', () => {
    expect(escapeHtml('<a href="x">&\'`')).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;&#96;');
  });
});
