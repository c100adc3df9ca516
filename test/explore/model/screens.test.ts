import { describe, expect, it } from 'vitest';
import { buildExploreModel, fileCoupling } from '../../../src/explore/model/explore-model.js';
import { screenContent } from '../../../src/explore/model/screens.js';
import type { Analysis } from '../../../src/shared/analysis.js';
import { buildAnalysis, noDataAccessAnalysis, oneContextAnalysis, shopAnalysis } from '../analysis-fixture.js';

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
      ['item', 'catalog', '3', '0.11', '0.89', '1.00', '1', '2'],
      ['item', 'orders', '3', '0.50', '0.50', '1.00', '1', '3'],
      ['item', 'payments', '2', '0.60', '0.40', '1.00', '1', '1'],
    ]);
  });

  it('shows a context: plan step, outbound, inbound, tables, files by coupling', () => {
    const rows = cells(shopAnalysis(), { kind: 'context', context: 'orders' });
    expect(rows).toEqual([
      ['section', 'Plan step', 'rank', 'coupling', ''],
      ['item', 'step 3: extract orders', '3', '0.50', ''],
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

  it('lists plan steps by rank and shows a step with its seams and data strategy', () => {
    const model = buildExploreModel(shopAnalysis());
    expect(screenContent(model, { kind: 'plan' }).rows.map((row) => row.cells)).toEqual([
      ['1', 'payments', '0.20', '1', 'kind own · tables payments'],
      ['2', 'catalog', '0.35', '0', 'replicate products to orders through events'],
      ['3', 'orders', '0.50', '-', '-'],
    ]);
    const step = screenContent(model, { kind: 'step', index: 0 });
    expect(step.rows.map((row) => [row.kind, ...row.cells])).toEqual([
      ['section', 'Step', ''],
      ['item', 'rank', '1'],
      ['item', 'context', 'payments'],
      ['item', 'coupling', '0.20'],
      ['section', 'seams (1)', ''],
      ['item', '1', 'payments -> orders · kind sync · symbols markPaid · weight 2'],
      ['section', 'dataStrategy', ''],
      ['item', 'kind', 'own'],
      ['item', 'tables', 'payments'],
    ]);
    expect(step.rows[2]?.open).toEqual({ kind: 'context', context: 'payments' });
    expect(step.rows[5]?.open).toEqual({ kind: 'pair', from: 'payments', to: 'orders' });
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
      steps: [{ rank: 1, context: evil, coupling: 0.1, note: evil }],
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
