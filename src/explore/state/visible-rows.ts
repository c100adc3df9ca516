// The rows a screen shows under its filter. Every word of the filter must appear in an item (case
// folded); a section heading stays when an item under it does; notes go, they explain the unfiltered
// list. Memoised per content and filter, so a redraw does not refilter 5,000 rows.
import type { Row, ScreenContent } from '../model/screen.js';

export interface VisibleRows {
  rows: Row[];
  /** Indices into `rows` of the rows the cursor can rest on (items), ascending. */
  selectable: number[];
}

const memo = new WeakMap<ScreenContent, { filter: string; visible: VisibleRows }>();

function indexSelectable(rows: Row[]): VisibleRows {
  const selectable: number[] = [];
  rows.forEach((candidate, i) => {
    if (candidate.kind === 'item') selectable.push(i);
  });
  return { rows, selectable };
}

export function filterWords(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter((word) => word !== '');
}

export function visibleRows(content: ScreenContent, filter: string): VisibleRows {
  const cached = memo.get(content);
  if (cached && cached.filter === filter) return cached.visible;
  const words = filterWords(filter);
  let visible: VisibleRows;
  if (words.length === 0) {
    visible = indexSelectable(content.rows);
  } else {
    const rows: Row[] = [];
    let pendingSection: Row | null = null;
    for (const candidate of content.rows) {
      if (candidate.kind === 'section') pendingSection = candidate;
      if (candidate.kind !== 'item' || !words.every((word) => candidate.search.includes(word))) continue;
      if (pendingSection) {
        rows.push(pendingSection);
        pendingSection = null;
      }
      rows.push(candidate);
    }
    visible = indexSelectable(rows);
  }
  memo.set(content, { filter, visible });
  return visible;
}
