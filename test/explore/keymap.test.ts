import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { keyToAction } from '../../src/explore/keymap.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};
const key = (flags: Partial<Key>): Key => ({ ...NO_KEY, ...flags });

describe('keys in browse mode', () => {
  it.each([
    ['up arrow', '', key({ upArrow: true }), { type: 'move', delta: -1 }],
    ['k', 'k', NO_KEY, { type: 'move', delta: -1 }],
    ['down arrow', '', key({ downArrow: true }), { type: 'move', delta: 1 }],
    ['j', 'j', NO_KEY, { type: 'move', delta: 1 }],
    ['page down', '', key({ pageDown: true }), { type: 'page', direction: 1 }],
    ['page up', '', key({ pageUp: true }), { type: 'page', direction: -1 }],
    ['ctrl-d', 'd', key({ ctrl: true }), { type: 'page', direction: 1 }],
    ['g', 'g', NO_KEY, { type: 'jump', to: 'first' }],
    ['G', 'G', NO_KEY, { type: 'jump', to: 'last' }],
    ['Enter', '\r', key({ return: true }), { type: 'open' }],
    ['right arrow', '', key({ rightArrow: true }), { type: 'open' }],
    ['Esc', '', key({ escape: true, meta: true }), { type: 'escape' }],
    ['Backspace (DEL, reported as delete)', '', key({ delete: true }), { type: 'back' }],
    ['Ctrl-H (reported as backspace)', '', key({ backspace: true }), { type: 'back' }],
    ['left arrow', '', key({ leftArrow: true }), { type: 'back' }],
    ['Tab', '\t', key({ tab: true }), { type: 'switch-view', direction: 1 }],
    ['Shift-Tab', '', key({ tab: true, shift: true }), { type: 'switch-view', direction: -1 }],
    ['3', '3', NO_KEY, { type: 'select-view', view: 'data' }],
    ['/', '/', NO_KEY, { type: 'filter-start' }],
    ['?', '?', NO_KEY, { type: 'help-toggle' }],
    ['q', 'q', NO_KEY, { type: 'quit', reason: 'quit' }],
    ['Ctrl-C', 'c', key({ ctrl: true }), { type: 'quit', reason: 'interrupt' }],
  ])('%s', (_name, input, flags, action) => {
    expect(keyToAction(input, flags, 'browse')).toEqual(action);
  });

  it('ignores keys it does not know', () => {
    expect(keyToAction('x', NO_KEY, 'browse')).toBeNull();
    expect(keyToAction('9', NO_KEY, 'browse')).toBeNull();
  });
});

describe('keys while typing a filter', () => {
  it('types letters that are keys elsewhere', () => {
    expect(keyToAction('q', NO_KEY, 'filter')).toEqual({ type: 'filter-type', text: 'q' });
    expect(keyToAction('j', NO_KEY, 'filter')).toEqual({ type: 'filter-type', text: 'j' });
  });

  it('keeps, clears and erases', () => {
    expect(keyToAction('\r', key({ return: true }), 'filter')).toEqual({ type: 'filter-accept' });
    expect(keyToAction('', key({ escape: true }), 'filter')).toEqual({ type: 'filter-cancel' });
    expect(keyToAction('', key({ delete: true }), 'filter')).toEqual({ type: 'filter-erase' });
  });

  it('still moves with the arrows, switches view with Tab and quits on Ctrl-C', () => {
    expect(keyToAction('', key({ downArrow: true }), 'filter')).toEqual({ type: 'move', delta: 1 });
    expect(keyToAction('\t', key({ tab: true }), 'filter')).toEqual({ type: 'switch-view', direction: 1 });
    expect(keyToAction('c', key({ ctrl: true }), 'filter')).toEqual({ type: 'quit', reason: 'interrupt' });
  });

  it('drops control characters from pasted text', () => {
    expect(keyToAction('ab\u001b[31mc', NO_KEY, 'filter')).toEqual({ type: 'filter-type', text: 'ab[31mc' });
    expect(keyToAction('\u0007', NO_KEY, 'filter')).toBeNull();
  });
});

describe('keys while the help is shown', () => {
  it('closes on any key but q, which quits', () => {
    expect(keyToAction('x', NO_KEY, 'help')).toEqual({ type: 'help-toggle' });
    expect(keyToAction('', key({ escape: true }), 'help')).toEqual({ type: 'help-toggle' });
    expect(keyToAction('q', NO_KEY, 'help')).toEqual({ type: 'quit', reason: 'quit' });
  });
});
