// The pure reducer: navigation, filtering and view switching, tested without ink. It reads the model
// only to know which rows are visible and where Enter leads; it never builds text for the screen.
import type { ExploreModel } from '../model/explore-model.js';
import { screenContent } from '../model/screens.js';
import type { ScreenRef } from '../model/screen.js';
import { VIEWS, type ExploreAction, type ExploreState, type ScreenState, type ViewId } from './types.js';
import { visibleRows, type VisibleRows } from './visible-rows.js';

/** Lines around the list: tab bar, title, column header, status line, and one spare so the frame
 *  never fills the terminal (ink clears the whole screen on every frame when it does). */
export const CHROME_LINES = 5;

export function pageSizeFor(terminalRows: number): number {
  return Math.max(1, terminalRows - CHROME_LINES);
}

const ROOTS: Record<ViewId, ScreenRef> = {
  contexts: { kind: 'contexts' },
  dependencies: { kind: 'dependencies' },
  data: { kind: 'data' },
  plan: { kind: 'plan' },
};

export function visibleOf(model: ExploreModel, screen: ScreenState): VisibleRows {
  return visibleRows(screenContent(model, screen.ref), screen.filter);
}

function freshScreen(model: ExploreModel, ref: ScreenRef, pageSize: number): ScreenState {
  const screen: ScreenState = { ref, cursor: -1, offset: 0, filter: '' };
  return settle(model, { ...screen, cursor: visibleOf(model, screen).selectable[0] ?? -1 }, pageSize);
}

export function initialState(model: ExploreModel, terminalRows: number): ExploreState {
  const pageSize = pageSizeFor(terminalRows);
  const stacks = Object.fromEntries(VIEWS.map((view) => [view, [freshScreen(model, ROOTS[view], pageSize)]])) as Record<ViewId, ScreenState[]>;
  return { view: 'contexts', stacks, mode: 'browse', pageSize, exit: null };
}

export function activeScreen(state: ExploreState): ScreenState {
  const stack = state.stacks[state.view];
  return stack[stack.length - 1] as ScreenState;
}

/** Scrolls so the cursor is on screen (with its section heading when it is the first item under it). */
function settle(model: ExploreModel, screen: ScreenState, pageSize: number): ScreenState {
  const { rows } = visibleOf(model, screen);
  let offset = Math.min(screen.offset, Math.max(0, rows.length - pageSize));
  if (screen.cursor >= 0) {
    const top = rows[screen.cursor - 1]?.kind === 'section' ? screen.cursor - 1 : screen.cursor;
    if (top < offset) offset = top;
    if (screen.cursor >= offset + pageSize) offset = screen.cursor - pageSize + 1;
  }
  offset = Math.max(0, offset);
  return offset === screen.offset ? screen : { ...screen, offset };
}

function withActive(model: ExploreModel, state: ExploreState, update: (screen: ScreenState) => ScreenState): ExploreState {
  const stack = state.stacks[state.view];
  const current = stack[stack.length - 1] as ScreenState;
  const next = settle(model, update(current), state.pageSize);
  if (next === current) return state;
  return { ...state, stacks: { ...state.stacks, [state.view]: [...stack.slice(0, -1), next] } };
}

/** Moves the cursor by `delta` selectable rows, stopping at the ends. */
function moveBy(model: ExploreModel, screen: ScreenState, delta: number): ScreenState {
  const { selectable } = visibleOf(model, screen);
  if (selectable.length === 0) return screen;
  const position = Math.max(0, selectable.indexOf(screen.cursor));
  const target = Math.min(selectable.length - 1, Math.max(0, position + delta));
  const cursor = selectable[target] as number;
  return cursor === screen.cursor ? screen : { ...screen, cursor };
}

function withFilter(model: ExploreModel, screen: ScreenState, filter: string): ScreenState {
  if (filter === screen.filter) return screen;
  const next = { ...screen, filter, offset: 0 };
  return { ...next, cursor: visibleOf(model, next).selectable[0] ?? -1 };
}

function pushScreen(model: ExploreModel, state: ExploreState, ref: ScreenRef): ExploreState {
  const stack = state.stacks[state.view];
  return { ...state, stacks: { ...state.stacks, [state.view]: [...stack, freshScreen(model, ref, state.pageSize)] } };
}

function popScreen(model: ExploreModel, state: ExploreState): ExploreState {
  const stack = state.stacks[state.view];
  if (stack.length <= 1) return state;
  const rest = stack.slice(0, -1);
  // The page size may have changed while the screen below was hidden.
  const top = settle(model, rest[rest.length - 1] as ScreenState, state.pageSize);
  return { ...state, stacks: { ...state.stacks, [state.view]: [...rest.slice(0, -1), top] } };
}

function switchTo(model: ExploreModel, state: ExploreState, view: ViewId): ExploreState {
  const switched: ExploreState = { ...state, view, mode: 'browse' };
  return withActive(model, switched, (screen) => screen);
}

export function reduce(model: ExploreModel, state: ExploreState, action: ExploreAction): ExploreState {
  switch (action.type) {
    case 'move':
      return withActive(model, state, (screen) => moveBy(model, screen, action.delta));
    case 'page':
      return withActive(model, state, (screen) => moveBy(model, screen, action.direction * state.pageSize));
    case 'jump':
      return withActive(model, state, (screen) => moveBy(model, screen, action.to === 'first' ? -Infinity : Infinity));
    case 'open': {
      const screen = activeScreen(state);
      const target = visibleOf(model, screen).rows[screen.cursor]?.open;
      return target ? pushScreen(model, { ...state, mode: 'browse' }, target) : state;
    }
    case 'escape': {
      const screen = activeScreen(state);
      if (screen.filter !== '') return withActive(model, { ...state, mode: 'browse' }, (current) => withFilter(model, current, ''));
      return popScreen(model, state);
    }
    case 'back':
      return popScreen(model, state);
    case 'switch-view': {
      const index = VIEWS.indexOf(state.view);
      return switchTo(model, state, VIEWS[(index + action.direction + VIEWS.length) % VIEWS.length] as ViewId);
    }
    case 'select-view':
      return switchTo(model, state, action.view);
    case 'filter-start':
      return { ...state, mode: 'filter' };
    case 'filter-type':
      return withActive(model, state, (screen) => withFilter(model, screen, screen.filter + action.text));
    case 'filter-erase':
      return withActive(model, state, (screen) => withFilter(model, screen, [...screen.filter].slice(0, -1).join('')));
    case 'filter-accept':
      return { ...state, mode: 'browse' };
    case 'filter-cancel':
      return withActive(model, { ...state, mode: 'browse' }, (screen) => withFilter(model, screen, ''));
    case 'help-toggle':
      return { ...state, mode: state.mode === 'help' ? 'browse' : 'help' };
    case 'resize': {
      const pageSize = pageSizeFor(action.rows);
      if (pageSize === state.pageSize) return state;
      return withActive(model, { ...state, pageSize }, (screen) => screen);
    }
    case 'quit':
      return { ...state, exit: action.reason };
  }
}
