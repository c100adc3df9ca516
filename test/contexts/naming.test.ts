import { describe, expect, it } from 'vitest';
import { nameWords } from '../../src/graph/lexical.js';
import { MODIFIER_SHARE, NEVER_NAME_WORDS, termsOf } from '../../src/contexts/name-terms.js';
import { type NamingInput, TERM_JOINER, nameContexts } from '../../src/contexts/naming.js';

const files = (folder: string, stems: string[]): string[] => stems.map((stem) => `src/${folder}/${stem}.ts`);

describe('termsOf', () => {
  it('keeps domain words and adjacent pairs, drops role, layout and generic words, short words and numbers', () => {
    expect(termsOf('OrderLineItem.controller').map((term) => term.key)).toEqual(['order', 'order-line', 'line', 'line-item', 'item']);
    expect(termsOf('svc-0042')).toEqual([]);
    expect(termsOf('order_items').map((term) => term.form)).toEqual(['order', 'order-items', 'items']);
    // A role word between two words breaks the pair; generic words only when asked for.
    expect(termsOf('invoice-service-pdf').map((term) => term.key)).toEqual(['invoice', 'pdf']);
    expect(termsOf('cache.module')).toEqual([]);
    expect(termsOf('cache.module', true).map((term) => term.key)).toEqual(['cache']);
  });

  it('counts a word that qualifies the next one at MODIFIER_SHARE', () => {
    const [user, pair, collection] = termsOf('user-collection.service');
    expect(user).toMatchObject({ key: 'user', strength: MODIFIER_SHARE });
    expect(pair).toMatchObject({ key: 'user-collection', strength: 1 });
    expect(collection).toMatchObject({ key: 'collection', strength: 1 });
  });
});

/** The measure's test (scripts/measure-contexts.ts): only words of the context's own file names or tables, no role word. */
function wordsOfOwn(input: NamingInput): Set<string> {
  const own = new Set<string>();
  for (const path of input.modules) for (const word of nameWords(path.slice(path.lastIndexOf('/') + 1).replace(/\.ts$/, ''))) own.add(word);
  for (const table of input.tables) for (const word of nameWords(table)) own.add(word);
  return own;
}

function expectDomainNames(inputs: NamingInput[], names: Map<number, string>): void {
  for (const input of inputs) {
    const name = names.get(input.key) as string;
    expect(name).toMatch(/^[a-z][a-z0-9._-]*$/);
    expect(name).not.toMatch(/-\d+$/);
    const own = wordsOfOwn(input);
    for (const word of nameWords(name)) {
      expect(NEVER_NAME_WORDS.has(word), `${name}: '${word}' is a role word`).toBe(false);
      expect(own.has(word), `${name}: '${word}' is in none of its files or tables`).toBe(true);
    }
  }
  expect(new Set(names.values()).size).toBe(names.size);
}

describe('nameContexts', () => {
  const shop: NamingInput[] = [
    {
      key: 0,
      modules: [...files('controllers', ['orders.controller', 'checkout.controller']), ...files('services', ['order.service', 'order-status.service', 'checkout.service']), 'src/dto/order.dto.ts'],
      tables: ['orders', 'order_lines'],
    },
    { key: 1, modules: files('billing', ['invoice.controller', 'invoice.service', 'invoice.repository', 'invoice-pdf', 'index']), tables: ['invoices'] },
    { key: 2, modules: files('catalog', ['product.controller', 'product.service', 'category.service', 'utils', 'types']), tables: ['products', 'categories'] },
  ];

  it('names each context by the term it owns that covers most of it, spelled as its table, unique', () => {
    const names = nameContexts(shop);
    expect(names).toEqual(new Map([[0, 'orders'], [1, 'invoices'], [2, 'products']]));
    expectDomainNames(shop, names);
  });

  it('never uses a role word, even the most frequent one, nor a folder word when a file or table has one', () => {
    const layered: NamingInput[] = [
      { key: 0, modules: files('services', ['billing.service', 'billing-report.service', 'billing.controller']), tables: [] },
      { key: 1, modules: files('services', ['shipment.service', 'shipment.controller', 'carrier.service']), tables: [] },
    ];
    const names = nameContexts(layered);
    expect(names).toEqual(new Map([[0, 'billing'], [1, 'shipment']]));
    expectDomainNames(layered, names);
  });

  it(`joins a second term with '${TERM_JOINER}' when the best covers under a third of the context`, () => {
    const inputs: NamingInput[] = [
      {
        key: 0,
        modules: files('services', ['market-data.service', 'market-data.controller', 'benchmark.service', 'benchmark.controller', 'exchange.service', 'exchange.controller', 'calendar', 'index']),
        tables: [],
      },
      { key: 1, modules: files('orders', ['order.service', 'order.controller', 'order.dto']), tables: [] },
    ];
    const names = nameContexts(inputs);
    expect(names.get(0)).toBe('market-data_benchmark');
    expect(names.get(1)).toBe('orders');
    expectDomainNames(inputs, names);
  });

  it('does not join two forms of one word', () => {
    const inputs: NamingInput[] = [
      { key: 0, modules: files('shipping', ['shipping.controller', 'shipping.service', 'shipment-tracking.service', 'carrier', 'dhl.carrier', 'ups.carrier', 'index', 'shipping.module']), tables: ['shipments', 'shipping_rate'] },
      { key: 1, modules: files('orders', ['order.service', 'order.controller']), tables: ['orders'] },
    ];
    expect(nameContexts(inputs).get(0)).toBe('shipping');
  });

  it('resolves a clash without a numbered suffix: a distinguishing term, else another term', () => {
    const inputs: NamingInput[] = [
      { key: 0, modules: files('billing', ['invoice.controller', 'invoice.service', 'invoice.repository', 'invoice.entity']), tables: [] },
      // Its only word of two files belongs to the context above: a word of its own tells them apart.
      { key: 1, modules: files('integrations', ['invoice.client', 'invoice.mapper', 'invoice-pdf.helper']), tables: [] },
    ];
    const names = nameContexts(inputs);
    expect(names.get(0)).toBe('invoice');
    expect(names.get(1)).toBe(`invoice${TERM_JOINER}pdf`);
    expectDomainNames(inputs, names);
  });

  it('keeps pinned names and never gives their words to another context', () => {
    const inputs: NamingInput[] = [
      { key: 0, modules: files('orders', ['order.service', 'order.controller', 'order-line.entity']), tables: ['orders'], fixedName: 'orders' },
      { key: 1, modules: files('services', ['order-report.service', 'order-report.controller', 'sales-figure']), tables: [] },
    ];
    const names = nameContexts(inputs);
    expect(names.get(0)).toBe('orders');
    expect(names.get(1)).toBe('order-report');
  });

  it("names a context whose files carry no shared word by its folder, never by one file's name", () => {
    const inputs: NamingInput[] = [
      { key: 0, modules: ['src/lib/email-urls.ts', 'src/lib/permalink/handler.ts', 'src/lib/permalink/handlers/common.ts', 'src/lib/permalink/handlers/utils.ts'], tables: [] },
      { key: 1, modules: files('orders', ['order.service', 'order.controller']), tables: ['orders'] },
    ];
    expect(nameContexts(inputs).get(0)).toBe('permalink');
  });

  it('names a context without a domain word by a generic word, and opaque code by a file path, never numbered', () => {
    const inputs: NamingInput[] = [
      { key: 0, modules: files('platform', ['cache.module', 'cache.service', 'redis.provider', 'index']), tables: [] },
      { key: 1, modules: ['src/services/svc-0001.ts', 'src/repositories/repo-0002.ts'], tables: [], hub: 'src/services/svc-0001.ts' },
      { key: 2, modules: ['src/services/svc-0003.ts', 'src/repositories/repo-0004.ts'], tables: [], hub: 'src/services/svc-0003.ts' },
      { key: 3, modules: ['src/x/orders.ts', 'src/services/svc-0005.ts'], tables: [], fixedName: 'svc-0001' },
    ];
    const names = nameContexts(inputs);
    expect(names.get(0)).toBe('cache');
    expect(names.get(3)).toBe('svc-0001');
    // The hub's name is taken by the pinned context: the next file's.
    expect(names.get(1)).toBe('repo-0002');
    expect(names.get(2)).toBe('svc-0003');
  });

  it('gives the same names whatever the order of contexts, files and tables', () => {
    const shuffled = [...shop].reverse().map((input) => ({ ...input, modules: [...input.modules].reverse(), tables: [...input.tables].reverse() }));
    expect(nameContexts(shuffled)).toEqual(nameContexts(shop));
  });

  it('keeps every name when one file moves to another context', () => {
    const base: NamingInput[] = [
      { key: 0, modules: files('orders', ['order.service', 'order.controller', 'order.dto', 'order-line.entity', 'checkout.service', 'cart-pricing']), tables: ['orders'] },
      { key: 1, modules: files('billing', ['invoice.service', 'invoice.controller', 'invoice-pdf', 'payment.service', 'refund.service']), tables: ['invoices', 'payments'] },
      { key: 2, modules: files('catalog', ['product.service', 'product.controller', 'category.service', 'stock.service']), tables: ['products'] },
    ];
    const before = nameContexts(base);
    for (const [from, to] of [[0, 1], [1, 2], [2, 0], [1, 0]] as const) {
      const moved = base.map((input) => ({ ...input, modules: [...input.modules] }));
      const file = (moved[from] as NamingInput).modules.pop() as string;
      (moved[to] as NamingInput).modules.push(file);
      expect(nameContexts(moved), `${file} moved`).toEqual(before);
    }
  });
});
