import { describe, expect, it } from 'vitest';
import { nameContexts, wordsOf } from '../../src/contexts/naming.js';

describe('wordsOf', () => {
  it('splits paths and camelCase, drops layer words, short words and numbers', () => {
    expect(wordsOf('src/orders/OrderLineItem.controller.ts')).toEqual(['orders', 'order', 'line', 'item']);
    expect(wordsOf('src/services/svc-0042.ts')).toEqual(['svc']);
    expect(wordsOf('order_items')).toEqual(['order', 'items']);
  });
});

describe('nameContexts', () => {
  it('names contexts by the words that set them apart, tables first, unique', () => {
    const names = nameContexts([
      { key: 0, modules: ['src/controllers/orders.controller.ts', 'src/services/order.service.ts', 'src/services/cart.service.ts'], tables: ['orders'] },
      { key: 1, modules: ['src/controllers/billing.controller.ts', 'src/services/billing.service.ts'], tables: [] },
      { key: 2, modules: ['src/services/billing-report.service.ts', 'src/services/billing-export.service.ts'], tables: [] },
    ]);
    expect(names.get(0)).toBe('orders');
    expect(names.get(1)).toBe('billing');
    // 'billing' is taken by the bigger context: the next best word that sets it apart.
    expect(names.get(2)).toMatch(/^(report|export)$/);
  });

  it('falls back to the hub file name, keeps pinned names, and suffixes clashes', () => {
    const names = nameContexts([
      { key: 0, modules: ['src/services/svc-0001.ts', 'src/repositories/repo-0002.ts'], tables: [], hub: 'src/services/svc-0001.ts' },
      { key: 1, modules: ['src/services/svc-0003.ts', 'src/repositories/repo-0004.ts'], tables: [], hub: 'src/services/svc-0003.ts' },
      { key: 2, modules: ['src/x/orders.ts', 'src/services/svc-0005.ts'], tables: [], fixedName: 'svc-0001' },
    ]);
    expect(names.get(2)).toBe('svc-0001');
    expect(names.get(0)).toBe('svc-0001-2');
    expect(names.get(1)).toBe('svc-0003');
  });
});
