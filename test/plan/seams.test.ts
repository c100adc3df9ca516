import { describe, expect, it } from 'vitest';
import { buildPlanIndex } from '../../src/plan/plan-index.js';
import { ACL_MIN_SYMBOLS, BACKGROUND_TIMEOUT_MS, buildFacade, buildInbound, buildOutbound, REQUEST_TIMEOUT_MS } from '../../src/plan/seams.js';
import { AnalysisBuilder } from '../helpers/analysis-builder.js';

function shopSlice(): AnalysisBuilder {
  return new AnalysisBuilder()
    .context('orders', ['src/orders/order.controller.ts', 'src/orders/order.service.ts', 'src/orders/order.job.ts'])
    .context('catalog', ['src/catalog/index.ts', 'src/catalog/price.ts', 'src/catalog/product.entity.ts'])
    .outside(['src/main.ts'])
    .route('src/orders/order.controller.ts', 'POST /orders', 12)
    .route('src/orders/order.controller.ts', 'GET /orders/:id', 5)
    .route('src/orders/order.job.ts', 'nightly', 3, 'cli')
    .entity('Product', 'products', 'src/catalog/product.entity.ts')
    .imports('src/orders/order.controller.ts', 'src/orders/order.service.ts', { symbols: ['OrderService'], lines: [2] })
    .imports('src/main.ts', 'src/orders/order.controller.ts', { symbols: ['OrderController'], lines: [4] })
    .imports('src/main.ts', 'src/orders/order.job.ts', { symbols: ['nightly'], used: 1, lines: [4] })
    // price.ts holds state (it reads products), so calls to it are service calls, not a library's.
    .reads('src/catalog/price.ts', 'Product', [4]);
}

describe('facade', () => {
  it('lists every entry point with file:line, and the wiring that registers the context', () => {
    const analysis = shopSlice().build();
    const facade = buildFacade(buildPlanIndex(analysis), 'orders', analysis.contexts.find((c) => c.id === 'orders')!.modules);
    expect(facade.entryPoints).toEqual([
      { kind: 'http', name: 'GET /orders/:id', file: 'src/orders/order.controller.ts', line: 5 },
      { kind: 'http', name: 'POST /orders', file: 'src/orders/order.controller.ts', line: 12 },
      { kind: 'cli', name: 'nightly', file: 'src/orders/order.job.ts', line: 3 },
    ]);
    expect(facade.wiring).toEqual([{ file: 'src/main.ts', line: 4, symbols: ['OrderController', 'nightly'] }]);
  });
});

describe('inbound seams', () => {
  it('groups what other contexts use by providing file, each operation with its callers', () => {
    const analysis = shopSlice()
      .imports('src/orders/order.service.ts', 'src/catalog/price.ts', { symbols: ['getPrice', 'PRICE_CAP'], used: 1, lines: [3] })
      .imports('src/orders/order.job.ts', 'src/catalog/price.ts', { symbols: ['getPrice'], used: 1, lines: [7] })
      .imports('src/orders/order.job.ts', 'src/catalog/product.entity.ts', { symbols: ['Product'], lines: [2] })
      .build();
    expect(buildInbound(buildPlanIndex(analysis), 'catalog')).toEqual([
      {
        name: 'Price',
        module: 'src/catalog/price.ts',
        operations: [
          { symbol: 'PRICE_CAP', style: 'sync', callers: [{ file: 'src/orders/order.service.ts', line: 3, context: 'orders' }] },
          {
            symbol: 'getPrice',
            style: 'sync',
            callers: [
              { file: 'src/orders/order.job.ts', line: 7, context: 'orders' },
              { file: 'src/orders/order.service.ts', line: 3, context: 'orders' },
            ],
          },
        ],
      },
      { name: 'ProductEntity', module: 'src/catalog/product.entity.ts', operations: [{ symbol: 'Product', style: 'data', callers: [{ file: 'src/orders/order.job.ts', line: 2, context: 'orders' }] }] },
    ]);
  });

  it('treats calls into a leaf library as shared code, not an interface to serve', () => {
    const analysis = shopSlice()
      .context('catalog', ['src/catalog/money.ts'])
      .imports('src/orders/order.service.ts', 'src/catalog/money.ts', { symbols: ['formatMoney'], used: 4, lines: [5] })
      .build();
    const index = buildPlanIndex(analysis);
    expect(buildInbound(index, 'catalog')).toEqual([
      { name: 'Money', module: 'src/catalog/money.ts', operations: [{ symbol: 'formatMoney', style: 'contract', callers: [{ file: 'src/orders/order.service.ts', line: 5, context: 'orders' }] }] },
    ]);
    expect(buildOutbound(index, 'orders')[0]).toMatchObject({ antiCorruptionLayer: false, reason: expect.stringContaining('no client needed') });
    expect(buildOutbound(index, 'orders')[0]?.seams[0]).toMatchObject({ style: 'contract', resilience: null });
  });

  it('counts an import through a barrel once, at the defining file', () => {
    const analysis = shopSlice()
      .imports('src/orders/order.service.ts', 'src/catalog/index.ts', { symbols: ['getPrice'], used: 1, weight: 4, lines: [3] })
      .imports('src/orders/order.service.ts', 'src/catalog/price.ts', { symbols: ['getPrice'], used: 1, weight: 4, lines: [3], via: 'src/catalog/index.ts' })
      .build();
    const index = buildPlanIndex(analysis);
    expect(index.cross.map((edge) => [edge.to, edge.weight])).toEqual([['src/catalog/price.ts', 4]]);
    expect(buildInbound(index, 'catalog').map((face) => face.module)).toEqual(['src/catalog/price.ts']);
  });
});

describe('outbound seams', () => {
  it('on a request path a sync read gets a timeout, retries with backoff, a breaker and a cached fallback', () => {
    const analysis = shopSlice()
      .imports('src/orders/order.service.ts', 'src/catalog/price.ts', { symbols: ['getPrice'], used: 2, lines: [3] })
      .build();
    const [dependency] = buildOutbound(buildPlanIndex(analysis), 'orders');
    expect(dependency).toMatchObject({ from: 'orders', to: 'catalog', antiCorruptionLayer: false });
    expect(dependency?.seams).toEqual([
      {
        module: 'src/catalog/price.ts',
        symbols: ['getPrice'],
        style: 'sync',
        isOnRequestPath: true,
        isIdempotent: true,
        resilience: { timeoutMs: REQUEST_TIMEOUT_MS, retry: 'backoff', circuitBreaker: true, fallback: expect.stringContaining('cache') },
        sites: [{ file: 'src/orders/order.service.ts', line: 3 }],
      },
    ]);
  });

  it('off the request path a write waits longer, needs an idempotency key before retries, and no breaker', () => {
    const analysis = shopSlice()
      .imports('src/orders/order.job.ts', 'src/catalog/price.ts', { symbols: ['setPrice'], used: 1, lines: [9] })
      .build();
    const seam = buildOutbound(buildPlanIndex(analysis), 'orders')[0]?.seams[0];
    expect(seam?.isOnRequestPath).toBe(false);
    expect(seam?.resilience).toEqual({ timeoutMs: BACKGROUND_TIMEOUT_MS, retry: 'idempotency-key', circuitBreaker: false, fallback: null });
  });

  it('a fire-and-forget call becomes an event and needs no call resilience', () => {
    const analysis = shopSlice()
      .imports('src/orders/order.service.ts', 'src/catalog/price.ts', { symbols: ['recordSale'], discarded: 2, lines: [8] })
      .build();
    expect(buildOutbound(buildPlanIndex(analysis), 'orders')[0]?.seams[0]).toMatchObject({ style: 'event', resilience: null });
  });

  it('warrants an anti-corruption layer for entity classes or a wide dependency', () => {
    const entity = shopSlice().imports('src/orders/order.service.ts', 'src/catalog/product.entity.ts', { symbols: ['Product'], lines: [2] }).build();
    expect(buildOutbound(buildPlanIndex(entity), 'orders')[0]).toMatchObject({ antiCorruptionLayer: true, reason: expect.stringContaining('entity classes (Product)') });

    const symbols = Array.from({ length: ACL_MIN_SYMBOLS }, (_, i) => `fn${i}`);
    const wide = shopSlice().imports('src/orders/order.service.ts', 'src/catalog/price.ts', { symbols, used: 5 }).build();
    expect(buildOutbound(buildPlanIndex(wide), 'orders')[0]).toMatchObject({ antiCorruptionLayer: true, reason: expect.stringContaining(`${ACL_MIN_SYMBOLS} symbols`) });

    const narrow = shopSlice().imports('src/orders/order.service.ts', 'src/catalog/price.ts', { symbols: symbols.slice(1), used: 4 }).build();
    expect(buildOutbound(buildPlanIndex(narrow), 'orders')[0]?.antiCorruptionLayer).toBe(false);
  });
});
