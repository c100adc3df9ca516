// Names from the analyzed code (files, symbols, tables, routes, context names) are untrusted text.
// Each output format gets its own escaper, and each starts from safeText: no terminal controls, no
// bidi overrides, no line breaks that could end a table row, a label or a statement.
import { safeText } from '../shared/safe-text.js';

const ALPHANUMERIC = /[A-Za-z0-9]/;

/**
 * Markdown paragraph or table cell: backslash-escape what could start code, emphasis, a link, an image,
 * HTML, strikethrough or a table cell; `_` only where it could emphasise (not inside a word, so
 * `order_lines` stays readable as raw text); an `&` that would start an entity; and a leading list or
 * quote marker. `>` elsewhere is harmless once `<` is escaped.
 */
export function escapeMarkdown(text: string): string {
  const safe = safeText(text);
  let out = '';
  for (let i = 0; i < safe.length; i++) {
    const char = safe[i] as string;
    if ('\\`*{}[]<|#!~'.includes(char)) out += `\\${char}`;
    else if (char === '_' && !(ALPHANUMERIC.test(safe[i - 1] ?? '') && ALPHANUMERIC.test(safe[i + 1] ?? ''))) out += '\\_';
    else if (char === '&' && /^&#?[A-Za-z0-9]+;/.test(safe.slice(i))) out += '&amp;';
    else out += char;
  }
  // A list marker needs a space after it; a quote marker does not.
  return out.replace(/^(\s*)(>|(?:[-+]|\d{1,9}[.)])(?=\s|$))/, (_, space: string, marker: string) => `${space}${marker.replace(/[-+>.)]/, (char) => `\\${char}`)}`);
}

/** Text inside an HTML element we write ourselves (a <summary>). */
export function escapeHtml(text: string): string {
  return safeText(text).replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A Mermaid label inside double quotes: Mermaid's entity codes (`#35;`, `#quot;`) for everything that
 * could close the quote, the edge label, the code fence, or be read as HTML or Markdown.
 */
export function escapeMermaid(text: string): string {
  return safeText(text).replace(/[#"&<>`|\\[\]{}]/g, (char) => `#${char.charCodeAt(0)};`);
}

/** A Graphviz double-quoted string: backslashes first (they start escapes like \N), then quotes. */
export function escapeDot(text: string): string {
  return safeText(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
