// Explore says things one way (issue 15): pairs heaviest first by the weight on screen, one label for
// code in no context, and operations cut so the verb survives.
import { describe, expect, it } from 'vitest';
import { buildExploreModel } from '../../../src/explore/model/explore-model.js';
import { shortOperation, tableScreen } from '../../../src/explore/model/data-screens.js';
import { dependenciesScreen } from '../../../src/explore/model/dependency-screens.js';
import { buildAnalysis } from '../analysis-fixture.js';

const analysis = buildAnalysis({
  contexts: [
    { id: 'orders', files: ['src/orders/a.ts', 'src/orders/b.ts'], entities: [['Order', 'orders']] },
    { id: 'billing', files: ['src/billing/a.ts'] },
    { id: 'catalog', files: ['src/catalog/a.ts'] },
  ],
  kernel: ['src/shared/log.ts'],
  edges: [
    // billing -> orders: light import, many data accesses; catalog -> orders: the heavier import.
    { from: 'src/billing/a.ts', to: 'src/orders/a.ts', weight: 1 },
    { from: 'src/catalog/a.ts', to: 'src/orders/b.ts', weight: 5 },
  ],
  access: [
    { module: 'src/billing/a.ts', entity: 'Order', mode: 'write', lines: [3, 4, 5] },
    { module: 'src/shared/log.ts', entity: 'Order', mode: 'read', lines: [9] },
  ],
});

describe('explore consistency', () => {
  it('lists pairs heaviest first by the weight column it shows', () => {
    const rows = dependenciesScreen(buildExploreModel(analysis)).rows.filter((row) => row.kind === 'item');
    const weights = rows.map((row) => Number(row.cells[1]));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(rows[0]!.cells[0]).toBe('catalog -> orders');
  });

  it('names code in no context "(no context)" in the data views', () => {
    const screen = tableScreen(buildExploreModel(analysis), 'Order');
    expect(screen.rows.some((row) => row.kind === 'item' && row.cells[0]?.startsWith('src/shared/log.ts') && row.cells[1] === '(no context)')).toBe(true);
  });

  it('keeps the verb of an operation when it shortens it', () => {
    expect(shortOperation('this.prismaService.user.update')).toBe('user.update');
    expect(shortOperation('repo.save')).toBe('repo.save');
    expect(shortOperation('SELECT')).toBe('SELECT');
  });
});

describe('the ? page', () => {
  it('explains every column title the contexts and dependencies screens show', async () => {
    const { METRIC_HELP } = await import('../../../src/explore/model/glossary.js');
    const { contextsScreen } = await import('../../../src/explore/model/contexts-screens.js');
    const terms = new Set(METRIC_HELP.flatMap((entry) => entry.term.split('/')));
    const titles = [...contextsScreen(buildExploreModel(analysis)).columns, ...dependenciesScreen(buildExploreModel(analysis)).columns]
      .map((column) => column.title)
      .filter((title) => title !== '' && title !== 'context' && title !== 'from -> to');
    expect(titles.filter((title) => !terms.has(title))).toEqual([]);
  });
});
