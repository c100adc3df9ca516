// Keys to actions, per input mode (DESIGN.md: arrows or j/k move, Enter opens, Esc or Backspace goes
// back, Tab switches view, / filters, ? shows help, q quits). Pure, so every key is unit-tested.
import type { Key } from 'ink';
import { safeText } from '../shared/safe-text.js';
import { VIEWS, type ExploreAction, type InputMode } from './state/types.js';

export interface KeyHelp {
  keys: string;
  does: string;
}

export const KEY_HELP: KeyHelp[] = [
  { keys: 'up/down, k/j', does: 'move' },
  { keys: 'PgUp/PgDn, Ctrl-U/Ctrl-D', does: 'move a page' },
  { keys: 'Home/End, g/G', does: 'first / last row' },
  { keys: 'Enter, l, right', does: 'open the row' },
  { keys: 'Esc, Backspace, h, left', does: 'back (Esc clears a filter first)' },
  { keys: 'Tab, Shift-Tab, 1-4', does: 'switch view: contexts, dependencies, data, plan' },
  { keys: '/', does: 'filter the list (Enter keeps it, Esc clears it)' },
  { keys: '?', does: 'show or hide this help' },
  { keys: 'q, Ctrl-C', does: 'quit' },
];

function viewSwitch(input: string, key: Key): ExploreAction | null {
  if (key.tab) return { type: 'switch-view', direction: key.shift ? -1 : 1 };
  const digit = Number.parseInt(input, 10);
  if (input.length === 1 && digit >= 1 && digit <= VIEWS.length) return { type: 'select-view', view: VIEWS[digit - 1]! };
  return null;
}

function browseKey(input: string, key: Key): ExploreAction | null {
  if (key.upArrow || input === 'k') return { type: 'move', delta: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', delta: 1 };
  if (key.pageUp || (key.ctrl && input === 'u')) return { type: 'page', direction: -1 };
  if (key.pageDown || (key.ctrl && input === 'd') || input === ' ') return { type: 'page', direction: 1 };
  if (key.home || input === 'g') return { type: 'jump', to: 'first' };
  if (key.end || input === 'G') return { type: 'jump', to: 'last' };
  if (key.return || key.rightArrow || input === 'l') return { type: 'open' };
  if (key.escape) return { type: 'escape' };
  // ink reports the Backspace key (DEL, 0x7f) as `delete` and Ctrl-H as `backspace`.
  if (key.backspace || key.delete || key.leftArrow || input === 'h') return { type: 'back' };
  if (input === '/') return { type: 'filter-start' };
  if (input === '?') return { type: 'help-toggle' };
  if (input === 'q') return { type: 'quit', reason: 'quit' };
  return viewSwitch(input, key);
}

function filterKey(input: string, key: Key): ExploreAction | null {
  if (key.return) return { type: 'filter-accept' };
  if (key.escape) return { type: 'filter-cancel' };
  if (key.backspace || key.delete) return { type: 'filter-erase' };
  if (key.upArrow) return { type: 'move', delta: -1 };
  if (key.downArrow) return { type: 'move', delta: 1 };
  if (key.tab) return viewSwitch(input, key);
  if (key.ctrl || key.meta) return null;
  const text = safeText(input).replace(/\s+/g, ' ');
  return text === '' ? null : { type: 'filter-type', text };
}

export function keyToAction(input: string, key: Key, mode: InputMode): ExploreAction | null {
  if (key.ctrl && input === 'c') return { type: 'quit', reason: 'interrupt' };
  switch (mode) {
    case 'browse':
      return browseKey(input, key);
    case 'filter':
      return filterKey(input, key);
    case 'help':
      if (input === 'q') return { type: 'quit', reason: 'quit' };
      // Any other key closes the help, so nobody is stuck in it.
      return { type: 'help-toggle' };
  }
}
