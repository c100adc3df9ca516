// Which rows to draw, and in how many lines. The reducer scrolls by rows, one line each; a selected
// sentence too long for the width is drawn whole, wrapped over several lines, so the window may start
// a little later than the reducer's offset to keep the cursor's row on screen. Pure, for the tests.
import { textWidth } from './columns.js';

/** Greedy word wrap to `width` columns; words longer than a line are cut into pieces. */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/ +/)) {
    let rest = word;
    while (textWidth(rest) > limit) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      const chars = [...rest];
      lines.push(chars.slice(0, limit).join(''));
      rest = chars.slice(limit).join('');
    }
    if (current === '') current = rest;
    else if (textWidth(current) + 1 + textWidth(rest) <= limit) current = `${current} ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

export interface WindowRow {
  /** Index into the visible rows. */
  index: number;
  lines: number;
}

/** Rows from `offset` (or later, to keep `cursor` visible) whose lines fit in `pageSize`. */
export function fitWindow(rowCount: number, offset: number, cursor: number, pageSize: number, linesOf: (index: number) => number): WindowRow[] {
  let start = Math.max(0, Math.min(offset, rowCount - 1));
  if (cursor >= start) {
    let used = 0;
    for (let i = start; i <= cursor; i += 1) used += linesOf(i);
    while (used > pageSize && start < cursor) {
      used -= linesOf(start);
      start += 1;
    }
  }
  const window: WindowRow[] = [];
  let used = 0;
  for (let i = start; i < rowCount; i += 1) {
    const lines = Math.min(linesOf(i), pageSize);
    if (used + lines > pageSize) break;
    window.push({ index: i, lines });
    used += lines;
  }
  return window;
}
