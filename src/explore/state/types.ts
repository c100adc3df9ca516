// Explore's whole UI state, plain data. Each view (Tab) keeps its own stack of screens, so Tab back
// returns to where the user was; each screen keeps its cursor, scroll offset and filter.
import type { ScreenRef } from '../model/screen.js';

export const VIEWS = ['contexts', 'dependencies', 'data', 'plan'] as const;
export type ViewId = (typeof VIEWS)[number];

export interface ScreenState {
  ref: ScreenRef;
  /** Index into the visible (filtered) rows; -1 when no row can be selected. */
  cursor: number;
  /** First visible row drawn. */
  offset: number;
  filter: string;
}

/** browse: keys move and open; filter: keys type into the filter; help: the key list is shown. */
export type InputMode = 'browse' | 'filter' | 'help';

/** quit: the user pressed q; interrupt: Ctrl-C. */
export type ExitReason = 'quit' | 'interrupt';

export interface ExploreState {
  view: ViewId;
  stacks: Record<ViewId, ScreenState[]>;
  mode: InputMode;
  /** Rows of the list that fit on screen. */
  pageSize: number;
  exit: ExitReason | null;
}

export type ExploreAction =
  | { type: 'move'; delta: number }
  | { type: 'page'; direction: 1 | -1 }
  | { type: 'jump'; to: 'first' | 'last' }
  | { type: 'open' }
  /** Esc: clears the filter if there is one, else goes back. */
  | { type: 'escape' }
  | { type: 'back' }
  | { type: 'switch-view'; direction: 1 | -1 }
  | { type: 'select-view'; view: ViewId }
  | { type: 'filter-start' }
  | { type: 'filter-type'; text: string }
  | { type: 'filter-erase' }
  | { type: 'filter-accept' }
  | { type: 'filter-cancel' }
  | { type: 'help-toggle' }
  | { type: 'resize'; rows: number }
  | { type: 'quit'; reason: ExitReason };
