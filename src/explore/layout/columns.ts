// Fitting a screen's columns to the terminal width: fixed columns take the width of their widest cell
// (over all rows, so widths do not jump while scrolling), flexible ones share what is left, and when the
// terminal is too narrow the rightmost fixed columns are dropped. Pure; the views only pad and cut.
import type { Column, Row } from '../model/screen.js';

export interface FittedColumn {
  /** Index into the screen's columns and each row's cells. */
  index: number;
  width: number;
  align: Column['align'];
  isPath: boolean;
}

const GAP = 2;
const MAX_FIXED = 28;
const MIN_FLEXIBLE = 12;

/** Display width in columns: one per code point (names are safeText'd, so no control characters). */
export function textWidth(text: string): number {
  let width = 0;
  for (const _ of text) width += 1;
  return width;
}

/** Cuts text to `width`, with an ellipsis at the end, or at the start for paths (keeping the file name). */
export function fitText(text: string, width: number, isPath = false): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width === 1) return '…';
  return isPath ? `…${chars.slice(chars.length - width + 1).join('')}` : `${chars.slice(0, width - 1).join('')}…`;
}

export function pad(text: string, width: number, align: Column['align']): string {
  const fitted = fitText(text, width);
  const space = ' '.repeat(Math.max(0, width - textWidth(fitted)));
  return align === 'right' ? space + fitted : fitted + space;
}

const widthMemo = new WeakMap<Row[], number[]>();

function widestCells(columns: Column[], rows: Row[]): number[] {
  const cached = widthMemo.get(rows);
  if (cached) return cached;
  const widths = columns.map((column) => textWidth(column.title));
  for (const candidate of rows) {
    // Notes span the row. A section's column titles count; its label does not (formatSection lets a
    // long label run over the columns rather than widen the first one for every row).
    if (candidate.isSpanning) continue;
    candidate.cells.forEach((cell, i) => {
      if (i < widths.length && !(candidate.kind === 'section' && i === 0)) widths[i] = Math.max(widths[i] as number, textWidth(cell));
    });
  }
  widthMemo.set(rows, widths);
  return widths;
}

export function fitColumns(columns: Column[], rows: Row[], totalWidth: number): FittedColumn[] {
  const widest = widestCells(columns, rows);
  let kept = columns.map((column, index) => ({ column, index }));
  const fixedWidth = (list: typeof kept): number =>
    list.reduce((sum, { column, index }) => sum + (column.isFlexible ? 0 : Math.min(MAX_FIXED, widest[index] ?? 0)), 0);
  const flexibleCount = (list: typeof kept): number => list.filter(({ column }) => column.isFlexible).length;
  const needed = (list: typeof kept): number => fixedWidth(list) + flexibleCount(list) * MIN_FLEXIBLE + GAP * (list.length - 1);
  // Drop fixed columns from the right until the rest fit; the flexible ones (names) always stay.
  while (needed(kept) > totalWidth) {
    const lastFixed = kept.map(({ column }) => column.isFlexible).lastIndexOf(false);
    if (lastFixed < 0) break;
    kept = kept.filter((_, i) => i !== lastFixed);
  }
  const flexible = flexibleCount(kept);
  const spare = Math.max(0, totalWidth - fixedWidth(kept) - GAP * (kept.length - 1));
  // Flexible columns never grow past their widest cell; see shareWidth for who is cut first.
  const flexibleWidest = kept.filter(({ column }) => column.isFlexible).map(({ index }) => widest[index] ?? 0);
  const shares = shareWidth(spare, flexibleWidest, flexible);
  let flexibleSeen = 0;
  return kept.map(({ column, index }) => {
    const width = column.isFlexible ? (shares[flexibleSeen++] as number) : Math.min(MAX_FIXED, widest[index] ?? 0);
    return { index, width, align: column.align, isPath: column.isPath };
  });
}

/**
 * Splits `spare` among the flexible columns from the left: each gets what its widest cell needs while
 * the ones after it keep their minimum, so the first column (the name, the file:line) is cut last.
 */
function shareWidth(spare: number, widest: number[], count: number): number[] {
  const shares: number[] = [];
  let remaining = spare;
  for (let i = 0; i < count; i += 1) {
    const reserve = MIN_FLEXIBLE * (count - i - 1);
    const share = Math.max(0, Math.min(widest[i] ?? 0, remaining - reserve));
    shares.push(share);
    remaining -= share;
  }
  return shares;
}

/** One line of a row: cells padded to their columns, two spaces apart. */
export function formatCells(cells: string[], fitted: FittedColumn[]): string {
  return fitted
    .map(({ index, width, align, isPath }) => {
      const cell = cells[index] ?? '';
      // A path column also holds section labels; only real paths lose their start.
      return pad(fitText(cell, width, isPath && cell.includes('/')), width, align);
    })
    .join(' '.repeat(GAP))
    .trimEnd();
}

/** A section heading: aligned with the columns when its label fits the first, else the label alone. */
export function formatSection(cells: string[], fitted: FittedColumn[], totalWidth: number): string {
  const label = cells[0] ?? '';
  const first = fitted[0];
  if (first && first.index === 0 && textWidth(label) <= first.width) return formatCells(cells, fitted);
  return fitText(label, totalWidth);
}
