// What a screen shows, as plain data: a title, columns and rows. Views only draw this; the reducer
// only needs the rows' kinds to move the cursor. Every text that came from the analyzed code passes
// through `row()`, which strips control characters, so no view can forget to.
import { safeText } from '../../shared/safe-text.js';

/** Which screen: the root list of a view, or the detail behind an Enter. */
export type ScreenRef =
  | { kind: 'contexts' }
  | { kind: 'context'; context: string }
  | { kind: 'dependencies' }
  | { kind: 'pair'; from: string; to: string }
  | { kind: 'data' }
  | { kind: 'table'; entity: string }
  | { kind: 'plan' }
  | { kind: 'step'; index: number };

/** item: can hold the cursor; section: a heading inside a list; note: an explanation line. */
export type RowKind = 'item' | 'section' | 'note';

/** How a row is emphasised; the theme decides what that looks like (or nothing, under NO_COLOR). */
export type Tone = 'plain' | 'muted' | 'shared' | 'hot';

export interface Row {
  /** Stable within the screen (React key). */
  id: string;
  kind: RowKind;
  cells: string[];
  tone: Tone;
  /** The screen Enter opens from this row. */
  open: ScreenRef | null;
  /** One text across the whole width (a sentence, not table cells): cells[0] only. */
  isSpanning: boolean;
  /** Lower-cased cells, matched by `/`. */
  search: string;
}

export interface Column {
  title: string;
  align: 'left' | 'right';
  /** Flexible columns share the width the fixed ones leave; at least one per screen. */
  isFlexible: boolean;
  /** Paths keep their end (the file name) when cut. */
  isPath: boolean;
}

export interface ScreenContent {
  title: string;
  /** Shown on the header line when the columns have no titles (detail screens). */
  subtitle: string;
  columns: Column[];
  rows: Row[];
  /** Shown instead of the list when there are no rows. */
  emptyText: string;
}

export interface RowOptions {
  kind?: RowKind;
  tone?: Tone;
  open?: ScreenRef | null;
  isSpanning?: boolean;
}

export function row(id: string, cells: Array<string | number>, options: RowOptions = {}): Row {
  const clean = cells.map((cell) => safeText(String(cell)));
  return {
    id,
    kind: options.kind ?? 'item',
    cells: clean,
    tone: options.tone ?? 'plain',
    open: options.open ?? null,
    isSpanning: options.isSpanning ?? false,
    search: clean.join(' ').toLowerCase(),
  };
}

export function section(id: string, cells: Array<string | number>): Row {
  return row(`section:${id}`, cells, { kind: 'section' });
}

export function note(id: string, text: string): Row {
  return row(`note:${id}`, [text], { kind: 'note', tone: 'muted', isSpanning: true });
}

/** A selectable row holding one sentence across the width. */
export function spanning(id: string, text: string, options: Omit<RowOptions, 'isSpanning'> = {}): Row {
  return row(id, [text], { ...options, isSpanning: true });
}

export function column(title: string, options: Partial<Omit<Column, 'title'>> = {}): Column {
  return { title, align: options.align ?? 'right', isFlexible: options.isFlexible ?? false, isPath: options.isPath ?? false };
}

export function nameColumn(title: string, isPath = false): Column {
  return column(title, { align: 'left', isFlexible: true, isPath });
}

/** A screen's identity, for caches and React keys. */
export function screenKey(ref: ScreenRef): string {
  switch (ref.kind) {
    case 'context':
      return `context\u0000${ref.context}`;
    case 'pair':
      return `pair\u0000${ref.from}\u0000${ref.to}`;
    case 'table':
      return `table\u0000${ref.entity}`;
    case 'step':
      return `step\u0000${ref.index}`;
    default:
      return ref.kind;
  }
}

/** Ratios (cohesion, coupling) with two decimals; integers as they are; absent values as a dash. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Ratios (cohesion, coupling, stability) always with two decimals, so columns line up. */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return value.toFixed(2);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
