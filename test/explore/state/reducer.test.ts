import { describe, expect, it } from 'vitest';
import { buildExploreModel, type ExploreModel } from '../../../src/explore/model/explore-model.js';
import { screenContent } from '../../../src/explore/model/screens.js';
import { activeScreen, initialState, pageSizeFor, reduce, visibleOf } from '../../../src/explore/state/reducer.js';
import type { ExploreAction, ExploreState } from '../../../src/explore/state/types.js';
import { largeAnalysis, oneContextAnalysis, shopAnalysis } from '../analysis-fixture.js';

function run(model: ExploreModel, actions: ExploreAction[], rows = 24): ExploreState {
  return actions.reduce((state, action) => reduce(model, state, action), initialState(model, rows));
}

/** The row under the cursor: its first cell. */
function current(model: ExploreModel, state: ExploreState): string | undefined {
  const screen = activeScreen(state);
  return visibleOf(model, screen).rows[screen.cursor]?.cells[0];
}

describe('the explore reducer', () => {
  const shop = buildExploreModel(shopAnalysis());

  it('starts on the contexts view with the cursor on the first context', () => {
    const state = initialState(shop, 24);
    expect(state.view).toBe('contexts');
    expect(state.mode).toBe('browse');
    expect(current(shop, state)).toBe('catalog');
    expect(state.pageSize).toBe(pageSizeFor(24));
  });

  it('moves down and up and stops at both ends', () => {
    expect(current(shop, run(shop, [{ type: 'move', delta: 1 }]))).toBe('orders');
    expect(current(shop, run(shop, [{ type: 'move', delta: 1 }, { type: 'move', delta: 1 }, { type: 'move', delta: 1 }]))).toBe('payments');
    expect(current(shop, run(shop, [{ type: 'move', delta: -1 }]))).toBe('catalog');
    expect(current(shop, run(shop, [{ type: 'jump', to: 'last' }]))).toBe('payments');
    expect(current(shop, run(shop, [{ type: 'jump', to: 'last' }, { type: 'jump', to: 'first' }]))).toBe('catalog');
  });

  it('returns the same state for a move that changes nothing', () => {
    const state = initialState(shop, 24);
    expect(reduce(shop, state, { type: 'move', delta: -1 })).toBe(state);
  });

  it('opens a context with Enter and goes back with back and with Esc', () => {
    const opened = run(shop, [{ type: 'move', delta: 1 }, { type: 'open' }]);
    expect(activeScreen(opened).ref).toEqual({ kind: 'context', context: 'orders' });
    expect(opened.stacks.contexts).toHaveLength(2);
    const back = reduce(shop, opened, { type: 'back' });
    expect(activeScreen(back).ref).toEqual({ kind: 'contexts' });
    // The list below keeps its cursor.
    expect(current(shop, back)).toBe('orders');
    expect(activeScreen(reduce(shop, opened, { type: 'escape' })).ref).toEqual({ kind: 'contexts' });
  });

  it('does nothing on back at a view root', () => {
    const state = initialState(shop, 24);
    expect(reduce(shop, state, { type: 'back' })).toBe(state);
  });

  it('skips section headings and notes when moving in a detail screen', () => {
    const opened = run(shop, [{ type: 'open' }]);
    const screen = activeScreen(opened);
    const { rows } = visibleOf(shop, screen);
    expect(rows[screen.cursor]?.kind).toBe('item');
    let state = opened;
    for (let i = 0; i < 20; i += 1) {
      state = reduce(shop, state, { type: 'move', delta: 1 });
      const top = activeScreen(state);
      expect(visibleOf(shop, top).rows[top.cursor]?.kind).toBe('item');
    }
    expect(current(shop, state)).toBe('src/catalog/product.entity.ts');
  });

  it('switches views with Tab, both ways, and keeps each view where it was', () => {
    const opened = run(shop, [{ type: 'open' }]);
    const dependencies = reduce(shop, opened, { type: 'switch-view', direction: 1 });
    expect(dependencies.view).toBe('dependencies');
    expect(current(shop, dependencies)).toBe('orders -> catalog');
    expect(reduce(shop, opened, { type: 'switch-view', direction: -1 }).view).toBe('plan');
    const back = reduce(shop, dependencies, { type: 'select-view', view: 'contexts' });
    expect(activeScreen(back).ref).toEqual({ kind: 'context', context: 'catalog' });
  });

  it('filters the list by every word typed, case folded, and clears with Esc', () => {
    const typed = run(shop, [{ type: 'filter-start' }, ...[...'PAY'].map((text): ExploreAction => ({ type: 'filter-type', text }))]);
    expect(typed.mode).toBe('filter');
    expect(visibleOf(shop, activeScreen(typed)).rows.map((row) => row.cells[0])).toEqual(['payments']);
    expect(current(shop, typed)).toBe('payments');
    const accepted = reduce(shop, typed, { type: 'filter-accept' });
    expect(accepted.mode).toBe('browse');
    expect(activeScreen(accepted).filter).toBe('PAY');
    // Esc first clears the filter, and only then goes back.
    const cleared = reduce(shop, accepted, { type: 'escape' });
    expect(activeScreen(cleared).filter).toBe('');
    expect(visibleOf(shop, activeScreen(cleared)).rows).toHaveLength(3);
  });

  it('erases the last character of the filter and cancels it whole', () => {
    const typed = run(shop, [{ type: 'filter-start' }, { type: 'filter-type', text: 'ord' }, { type: 'filter-type', text: 'x' }]);
    expect(visibleOf(shop, activeScreen(typed)).rows).toHaveLength(0);
    expect(activeScreen(typed).cursor).toBe(-1);
    const erased = reduce(shop, typed, { type: 'filter-erase' });
    expect(activeScreen(erased).filter).toBe('ord');
    expect(current(shop, erased)).toBe('orders');
    const cancelled = reduce(shop, erased, { type: 'filter-cancel' });
    expect(cancelled.mode).toBe('browse');
    expect(activeScreen(cancelled).filter).toBe('');
  });

  it('keeps a section heading when an item under it matches the filter', () => {
    const state = run(shop, [{ type: 'switch-view', direction: 1 }, { type: 'open' }, { type: 'filter-start' }, { type: 'filter-type', text: 'products' }]);
    const kinds = visibleOf(shop, activeScreen(state)).rows.map((row) => `${row.kind}:${row.cells[0]}`);
    expect(kinds).toEqual(['section:Data access (2)', 'item:src/orders/order.service.ts:21', 'item:src/orders/order.service.ts:30']);
  });

  it('does not open rows that lead nowhere', () => {
    const fileRow = run(shop, [{ type: 'open' }, { type: 'jump', to: 'last' }]);
    expect(reduce(shop, fileRow, { type: 'open' })).toBe(fileRow);
  });

  it('toggles help and records why it should exit', () => {
    const help = run(shop, [{ type: 'help-toggle' }]);
    expect(help.mode).toBe('help');
    expect(reduce(shop, help, { type: 'help-toggle' }).mode).toBe('browse');
    expect(run(shop, [{ type: 'quit', reason: 'quit' }]).exit).toBe('quit');
    expect(run(shop, [{ type: 'quit', reason: 'interrupt' }]).exit).toBe('interrupt');
  });

  it('scrolls a long list so the cursor stays on screen, and pages', () => {
    const large = buildExploreModel(largeAnalysis(2000, 40));
    const page = pageSizeFor(12);
    const opened = run(large, [{ type: 'open' }, { type: 'jump', to: 'last' }], 12);
    const screen = activeScreen(opened);
    const { rows } = visibleOf(large, screen);
    expect(screen.cursor).toBe(rows.length - 1);
    expect(screen.offset).toBe(rows.length - page);
    const up = reduce(large, opened, { type: 'page', direction: -1 });
    const upScreen = activeScreen(up);
    expect(upScreen.cursor).toBeLessThan(screen.cursor);
    expect(upScreen.cursor).toBeGreaterThanOrEqual(upScreen.offset);
    expect(upScreen.cursor).toBeLessThan(upScreen.offset + page);
  });

  it('shows the heading above the first item when scrolling back up', () => {
    const state = run(shop, [{ type: 'open' }, { type: 'jump', to: 'last' }, { type: 'jump', to: 'first' }], 8);
    expect(activeScreen(state).offset).toBe(0);
  });

  it('keeps the cursor visible when the terminal shrinks', () => {
    const large = buildExploreModel(largeAnalysis(400, 40));
    const moved = run(large, [{ type: 'move', delta: 30 }], 60);
    expect(activeScreen(moved).offset).toBe(0);
    const shrunk = reduce(large, moved, { type: 'resize', rows: 10 });
    const screen = activeScreen(shrunk);
    expect(shrunk.pageSize).toBe(pageSizeFor(10));
    expect(screen.cursor).toBeLessThan(screen.offset + shrunk.pageSize);
    expect(screen.cursor).toBeGreaterThanOrEqual(screen.offset);
  });

  it('handles a list with nothing to select', () => {
    const one = buildExploreModel(oneContextAnalysis());
    const state = run(one, [{ type: 'select-view', view: 'dependencies' }]);
    expect(activeScreen(state).cursor).toBe(-1);
    expect(screenContent(one, activeScreen(state).ref).rows).toHaveLength(0);
    expect(reduce(one, state, { type: 'move', delta: 1 })).toBe(state);
    expect(reduce(one, state, { type: 'open' })).toBe(state);
  });
});
