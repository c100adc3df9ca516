import { describe, expect, it } from 'vitest';
import { buildExploreModel, fileCoupling } from '../../../src/explore/model/explore-model.js';
import { screenContent } from '../../../src/explore/model/screens.js';
import type { Analysis } from '../../../src/shared/analysis.js';
import { buildAnalysis, noDataAccessAnalysis, oneContextAnalysis, planStep, shopAnalysis } from '../analysis-fixture.js';

const cells = (analysis: Analysis, ref: Parameters<typeof screenContent>[1]): string[][] =>
  screenContent(buildExploreModel(analysis), ref).rows.map((row) => [row.kind, ...row.cells]);

describe('the explore model', () => {
  const model = buildExploreModel(shopAnalysis());

  it('pairs contexts through imports and through data access, heaviest first', () => {
    expect(model.pairs.map((pair) => [pair.from, pair.to, pair.weight, pair.imports.length, pair.data.length])).toEqual([
      ['orders', 'catalog', 7, 1, 1],
      ['payments', 'orders', 2, 1, 0],
    ]);
  });

  it("computes a file's own coupling from the weight crossing its context", () => {
    expect(model.fileWeights.get('src/catalog/product.service.ts')).toEqual({ internal: 1, cross: 7 });
    expect(fileCoupling(model.fileWeights.get('src/catalog/product.service.ts'))).toBeCloseTo(0.875);
    expect(fileCoupling(model.fileWeights.get('src/catalog/product.entity.ts'))).toBeNull();
  });

  it('knows who owns each entity, from the entities or from the table names', () => {
    expect(model.ownerOf.get('Product')).toBe('catalog');
    const byTable = shopAnalysis();
    byTable.contexts = byTable.contexts.map((context) => ({ ...context, entities: [] }));
    expect(buildExploreModel(byTable).ownerOf.get('Product')).toBe('catalog');
  });

  it('reads plan steps defensively: no plan, odd entries, missing fields', () => {
    const analysis = shopAnalysis();
    analysis.plan = { steps: [{ context: 'orders' }, null, 'x', { rank: 1, coupling: 'high' }] } as unknown as Analysis['plan'];
    const steps = buildExploreModel(analysis).steps;
    expect(steps.map((step) => [step.rank, step.context, step.coupling])).toEqual([
      [1, null, null],
      [null, 'orders', null],
    ]);
    const planless = { ...shopAnalysis(), plan: undefined } as unknown as Analysis;
    expect(buildExploreModel(planless).steps).toEqual([]);
    expect(screenContent(buildExploreModel(planless), { kind: 'plan' }).rows).toEqual([]);
  });
});

describe('screen contents', () => {
  it('lists contexts with size, cohesion, coupling, stability, tables and plan rank', () => {
    expect(cells(shopAnalysis(), { kind: 'contexts' })).toEqual([
      ['item', 'catalog', '3', '0.11', '0.89', '1.00', '1', '2', 'seams'],
      ['item', 'orders', '3', '0.50', '0.50', '1.00', '1', '3', 'ready'],
      // No readiness: an analysis.json from before it.
      ['item', 'payments', '2', '0.60', '0.40', '1.00', '1', '1', '-'],
    ]);
  });

  it('shows a context: plan step, outbound, inbound, tables, files by coupling', () => {
    const rows = cells(shopAnalysis(), { kind: 'context', context: 'orders' });
    expect(rows).toEqual([
      ['section', 'Plan step', 'rank', 'coupling', 'effort'],
      ['item', 'step 3: extract orders', '3', '0.50', 'S'],
      ['section', 'Readiness: extract now', '', '', ''],
      ['item', '- in no cycle, and shares no table with another context'],
      ['item', '- 1 inbound call site from 1 context uses 1 operation: a narrow interface'],
      ['section', 'Depends on (1 context)', 'weight', 'imports', 'data'],
      ['item', 'catalog', '7', '2', '2'],
      ['section', 'Used by (1 context)', 'weight', 'imports', 'data'],
      ['item', 'payments', '2', '1', '0'],
      ['section', 'Tables (1)', 'entity', 'readers', 'writers'],
      ['item', 'orders', 'Order', '-', 'orders 1'],
      ['section', 'Files (3)', 'coupling', 'cross', 'internal'],
      ['item', 'src/orders/order.service.ts', '0.50', '9', '9'],
      ['item', 'src/orders/order.controller.ts', '0.00', '0', '5'],
      ['item', 'src/orders/order.entity.ts', '0.00', '0', '4'],
    ]);
  });

  it('marks the files that reach into many contexts', () => {
    const analysis = shopAnalysis();
    analysis.godModules = ['src/orders/order.service.ts'];
    const files = screenContent(buildExploreModel(analysis), { kind: 'context', context: 'orders' }).rows.filter((row) => row.id.startsWith('file:'));
    expect(files.map((row) => [row.cells[0], row.tone])).toEqual([
      ['src/orders/order.service.ts  [reaches many contexts]', 'hot'],
      ['src/orders/order.controller.ts', 'plain'],
      ['src/orders/order.entity.ts', 'plain'],
    ]);
  });

  it('lists the exact imports and data accesses of a pair, file:line', () => {
    const screen = screenContent(buildExploreModel(shopAnalysis()), { kind: 'pair', from: 'orders', to: 'catalog' });
    expect(screen.rows.map((row) => row.cells.slice(0, 3))).toEqual([
      ['Imports (2)', 'imported file', 'kind'],
      ['src/orders/order.service.ts:3', 'src/catalog/product.service.ts', 'import'],
      ['src/orders/order.service.ts:4', 'src/catalog/product.service.ts', 'import'],
      ['Data access (2)', 'entity (table)', 'mode'],
      ['src/orders/order.service.ts:21', 'Product (products)', 'read'],
      ['src/orders/order.service.ts:30', 'Product (products)', 'read'],
    ]);
    expect(screen.rows[4]?.open).toEqual({ kind: 'table', entity: 'Product' });
  });

  it('groups tables by owner and marks the shared ones', () => {
    const screen = screenContent(buildExploreModel(shopAnalysis()), { kind: 'data' });
    expect(screen.rows.map((row) => [row.kind, row.cells[0], row.tone])).toEqual([
      ['section', 'catalog (1 table)', 'plain'],
      ['item', 'products  [shared]', 'shared'],
      ['section', 'orders (1 table)', 'plain'],
      ['item', 'orders', 'plain'],
      ['section', 'payments (1 table)', 'plain'],
      ['item', 'payments', 'plain'],
    ]);
    expect(screen.rows[1]?.cells.slice(2)).toEqual(['orders 1', 'catalog 1']);
  });

  it('puts tables nobody owns under (no owner)', () => {
    const analysis = shopAnalysis();
    analysis.dataAccess.push({ module: 'src/orders/order.service.ts', entity: 'AuditLog', mode: 'write', orm: 'sql', operations: ['insert'], locations: [{ line: 40 }] });
    const rows = cells(analysis, { kind: 'data' });
    expect(rows.slice(-2)).toEqual([
      ['section', '(no owner) (1 table)', 'entity', 'readers', 'writers'],
      ['item', 'AuditLog', 'AuditLog', '-', 'orders 1'],
    ]);
  });

  it('lists a table\'s writers and readers with file:line', () => {
    const rows = cells(shopAnalysis(), { kind: 'table', entity: 'Product' });
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['section', 'Writers (1)', 'context'],
      ['item', 'src/catalog/product.service.ts:12', 'catalog'],
      ['section', 'Readers (1)', 'context'],
      ['item', 'src/orders/order.service.ts:21', 'orders'],
      ['item', 'src/orders/order.service.ts:30', 'orders'],
    ]);
  });

  it('lists plan steps by rank with effort, seams, tables and prerequisites', () => {
    const model = buildExploreModel(shopAnalysis());
    const plan = screenContent(model, { kind: 'plan' });
    expect(plan.subtitle).toBe('verdict: extract services, edge first · 1 ready, 1 need seams, 0 entangled');
    expect(plan.rows.map((row) => [row.kind, ...row.cells])).toEqual([
      ['section', 'Verdict: extract services, edge first'],
      ['item', 'three contexts, one shared table'],
      ['item', '- modularity 0.50'],
      ['section', 'Steps (3)'],
      ['item', '1', 'payments', '0.20', 'S (1)', '0 in, 1 out', '1 own, 0 shared, 0 foreign', ''],
      ['item', '2', 'catalog', '0.35', 'M (8)', '2 in, 0 out', '0 own, 1 shared, 0 foreign', ''],
      ['item', '3', 'orders', '0.50', 'S (1)', '0 in, 0 out', '0 own, 0 shared, 0 foreign', 'catalog'],
    ]);
  });

  it('shows the cycles to break after the steps', () => {
    const analysis = shopAnalysis();
    analysis.plan.cycles = [
      {
        contexts: ['orders', 'payments'],
        edges: [],
        breaks: [{ from: 'payments', to: 'orders', how: 'publish an event' }],
      },
    ];
    const rows = screenContent(buildExploreModel(analysis), { kind: 'plan' }).rows.slice(7);
    expect(rows.map((row) => [row.kind, row.isSpanning, ...row.cells])).toEqual([
      ['section', false, 'Cycles between contexts (1): break them first'],
      ['item', true, 'orders -> payments -> orders · 0 edges · break payments -> orders (publish an event)'],
    ]);
    expect(rows[1]?.open).toEqual({ kind: 'pair', from: 'payments', to: 'orders' });
  });

  it('shows a step: summary, facade, callers, outbound seams with resilience, data strategy', () => {
    const model = buildExploreModel(shopAnalysis());
    const payments = screenContent(model, { kind: 'step', index: 0 }).rows.map((row) => [row.kind, ...row.cells]);
    expect(payments).toEqual([
      ['section', 'Step', '', ''],
      ['item', 'context', 'payments', ''],
      ['item', 'coupling', '0.20', 'inbound 0 · outbound 0 · data 0 · cycles 0'],
      ['item', 'effort', 'S (1)', '0 entry points · 0 operations · 0 call sites · 0 outbound seams'],
      ['item', 'size', '2 files, 40 loc', ''],
      ['section', 'Facade (1 entry point, 0 wiring sites)', 'kind', 'name'],
      ['item', 'src/payments/payment.service.ts:3', 'http', 'POST /payments'],
      ['section', 'Used by other contexts (0 operations)', 'style', 'operation <- callers'],
      ['note', 'no other context calls into it'],
      ['section', 'Calls into (1 context)', 'style', 'symbols · resilience'],
      ['item', '-> orders', 'weight 2', 'one call'],
      ['item', '  src/orders/order.service.ts', 'sync', 'markPaid · timeout 2000 ms · retry idempotency-key · circuit breaker · request path'],
      ['section', 'Data (1 owned, 0 shared, 0 foreign)', 'strategy', 'owner · consumers · reason'],
      ['item', 'payments', 'move', 'only this context touches it'],
    ]);
    const catalog = screenContent(model, { kind: 'step', index: 1 }).rows;
    const operation = catalog.find((row) => row.cells[2]?.startsWith('findProduct'));
    expect(operation?.cells).toEqual(['src/catalog/product.service.ts', 'sync', 'findProduct <- orders 1']);
    expect(operation?.open).toEqual({ kind: 'pair', from: 'orders', to: 'catalog' });
    const shared = catalog.find((row) => row.cells[0] === 'products');
    expect(shared?.cells).toEqual(['products', 'read-model', 'owner catalog · orders read (read-model) · orders only reads it']);
    expect(shared?.open).toEqual({ kind: 'table', entity: 'Product' });
    const orders = screenContent(model, { kind: 'step', index: 2 }).rows.map((row) => row.cells);
    expect(orders).toContainEqual(['after', 'catalog', '']);
    const size = orders.findIndex((cells) => cells[0] === 'size');
    expect(orders.slice(size + 1, size + 4)).toEqual([
      ['readiness', 'extract now', ''],
      ['- in no cycle, and shares no table with another context'],
      ['- 1 inbound call site from 1 context uses 1 operation: a narrow interface'],
    ]);
    expect(orders).toContainEqual(['1. publish product changes from catalog']);
  });

  it('lists fields it does not know, and survives steps that are not the plan\'s shape', () => {
    const analysis = shopAnalysis();
    (analysis.plan.steps[0] as unknown as Record<string, unknown>).risk = 'low';
    (analysis.plan.steps[1] as unknown as Record<string, unknown>).inboundSeams = [null];
    const model = buildExploreModel(analysis);
    expect(screenContent(model, { kind: 'step', index: 0 }).rows.slice(-2).map((row) => row.cells)).toEqual([
      ['More', '', ''],
      ['risk', '', 'low'],
    ]);
    expect(screenContent(model, { kind: 'plan' }).rows.find((row) => row.id === 'step:1')?.cells.slice(3)).toEqual(['(malformed)', '', '', '']);
    const odd = screenContent(model, { kind: 'step', index: 1 }).rows;
    expect(odd[0]?.cells[0]).toBe('Step (not in the shape this carve knows)');
    expect(odd.map((row) => row.cells[0])).toContain('inboundSeams');
  });

  it('explains the empty states: one context, no data access, no plan', () => {
    const one = buildExploreModel(oneContextAnalysis());
    expect(screenContent(one, { kind: 'dependencies' }).rows).toEqual([]);
    expect(screenContent(one, { kind: 'dependencies' }).emptyText).toBe('No cross-context dependencies: this analysis has 1 context.');
    const noData = buildExploreModel(noDataAccessAnalysis());
    expect(screenContent(noData, { kind: 'data' }).rows).toEqual([]);
    expect(screenContent(noData, { kind: 'data' }).emptyText).toMatch(/^No data access/);
    const empty = buildExploreModel(buildAnalysis({ contexts: [] }));
    expect(screenContent(empty, { kind: 'contexts' }).emptyText).toMatch(/^No contexts/);
    expect(screenContent(empty, { kind: 'plan' }).emptyText).toMatch(/^No plan steps/);
  });

  it('strips control characters from every name it shows', () => {
    const evil = '\u001b[2J\u001b]0;pwned\u0007orders\u202e';
    const analysis = buildAnalysis({
      contexts: [
        { id: evil, files: [`src/${evil}.ts`], entities: [[`E${evil}`, `t${evil}`]] },
        { id: 'b', files: ['src/b.ts'] },
      ],
      edges: [{ from: 'src/b.ts', to: `src/${evil}.ts`, symbols: [evil] }],
      access: [{ module: 'src/b.ts', entity: `E${evil}`, mode: 'read' }],
      steps: [planStep({ rank: 1, context: evil, coupling: 0.1, prerequisites: [evil], sharedKernel: [`src/${evil}.ts`] })],
    });
    const model = buildExploreModel(analysis);
    const refs = [
      { kind: 'contexts' },
      { kind: 'context', context: evil },
      { kind: 'dependencies' },
      { kind: 'pair', from: 'b', to: evil },
      { kind: 'data' },
      { kind: 'table', entity: `E${evil}` },
      { kind: 'plan' },
      { kind: 'step', index: 0 },
    ] as const;
    for (const ref of refs) {
      const screen = screenContent(model, ref);
      const text = [screen.title, screen.subtitle, ...screen.rows.flatMap((row) => row.cells)].join('\n');
      expect(text, ref.kind).toContain('orders');
      expect(text, ref.kind).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
  });
});
