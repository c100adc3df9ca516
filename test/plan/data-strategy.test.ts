import { describe, expect, it } from 'vitest';
import { planTables } from '../../src/plan/data-strategy.js';
import { contextMembership } from '../../src/plan/plan-index.js';
import type { TablePlan } from '../../src/shared/analysis.js';
import { AnalysisBuilder } from '../helpers/analysis-builder.js';

function tablesOf(builder: AnalysisBuilder): Map<string, TablePlan> {
  const analysis = builder.build();
  return new Map(planTables(analysis, contextMembership(analysis)).map((table) => [table.table, table]));
}

function base(): AnalysisBuilder {
  return new AnalysisBuilder()
    .context('orders', ['src/orders/order.entity.ts', 'src/orders/order.service.ts'])
    .context('billing', ['src/billing/invoice.service.ts'])
    .context('shipping', ['src/shipping/shipment.service.ts'])
    .entity('Order', 'orders', 'src/orders/order.entity.ts');
}

describe('data strategy', () => {
  it('gives a table to the context that writes it most, not to the one defining the entity', () => {
    const tables = tablesOf(
      base().writes('src/orders/order.service.ts', 'Order', [3]).writes('src/billing/invoice.service.ts', 'Order', [4, 5, 6, 7]),
    );
    expect(tables.get('orders')?.owner).toBe('billing');
    expect(tables.get('orders')?.writers).toEqual(['billing', 'orders']);
  });

  it('without writers, keeps the contexts stage choice', () => {
    const tables = tablesOf(base().reads('src/billing/invoice.service.ts', 'Order', [4, 5]));
    expect(tables.get('orders')).toMatchObject({ owner: 'orders', strategy: 'owner-api', writers: [], readers: ['billing'] });
  });

  it('moves a table only its owner touches', () => {
    const tables = tablesOf(base().writes('src/orders/order.service.ts', 'Order').reads('src/orders/order.service.ts', 'Order'));
    expect(tables.get('orders')).toMatchObject({ owner: 'orders', strategy: 'move', consumers: [] });
  });

  it('serves readers through the owner API, with their sites', () => {
    const tables = tablesOf(base().writes('src/orders/order.service.ts', 'Order').reads('src/shipping/shipment.service.ts', 'Order', [12, 9]));
    const orders = tables.get('orders')!;
    expect(orders.strategy).toBe('owner-api');
    expect(orders.consumers).toEqual([
      { context: 'shipping', mode: 'read', strategy: 'owner-api', sites: [{ file: 'src/shipping/shipment.service.ts', line: 9 }, { file: 'src/shipping/shipment.service.ts', line: 12 }] },
    ]);
    expect(orders.reason).toContain('shipping reads it through orders\' API');
  });

  it('gives a context that reads many others\' tables a read model', () => {
    const builder = base()
      .context('reporting', ['src/reporting/report.ts'])
      .entity('Invoice', 'invoices', 'src/billing/invoice.service.ts')
      .entity('Shipment', 'shipments', 'src/shipping/shipment.service.ts')
      .writes('src/orders/order.service.ts', 'Order')
      .writes('src/billing/invoice.service.ts', 'Invoice')
      .writes('src/shipping/shipment.service.ts', 'Shipment')
      .reads('src/shipping/shipment.service.ts', 'Order')
      .reads('src/reporting/report.ts', 'Order')
      .reads('src/reporting/report.ts', 'Invoice')
      .reads('src/reporting/report.ts', 'Shipment');
    const tables = tablesOf(builder);
    expect(tables.get('invoices')?.strategy).toBe('read-model');
    expect(tables.get('orders')?.strategy).toBe('owner-api');
    expect(tables.get('orders')?.consumers.map((consumer) => [consumer.context, consumer.strategy])).toEqual([
      ['reporting', 'read-model'],
      ['shipping', 'owner-api'],
    ]);
  });

  it('two readers of two tables are no query side', () => {
    const builder = base()
      .entity('Invoice', 'invoices', 'src/billing/invoice.service.ts')
      .writes('src/orders/order.service.ts', 'Order')
      .writes('src/billing/invoice.service.ts', 'Invoice')
      .reads('src/shipping/shipment.service.ts', 'Order')
      .reads('src/shipping/shipment.service.ts', 'Invoice');
    expect(tablesOf(builder).get('invoices')?.strategy).toBe('owner-api');
  });

  it('splits a table several contexts write on a par', () => {
    const tables = tablesOf(base().writes('src/orders/order.service.ts', 'Order', [1, 2, 3]).writes('src/billing/invoice.service.ts', 'Order', [7, 8]));
    expect(tables.get('orders')).toMatchObject({ owner: 'orders', strategy: 'split', writers: ['billing', 'orders'] });
    expect(tables.get('orders')?.consumers[0]).toMatchObject({ context: 'billing', mode: 'write', strategy: 'split' });
  });

  it('turns a single foreign write into a command to the owner', () => {
    const tables = tablesOf(base().writes('src/orders/order.service.ts', 'Order', [1, 2]).writes('src/billing/invoice.service.ts', 'Order', [7]));
    expect(tables.get('orders')).toMatchObject({ owner: 'orders', strategy: 'owner-api' });
    expect(tables.get('orders')?.consumers[0]).toMatchObject({ context: 'billing', mode: 'write', strategy: 'owner-api' });
    expect(tables.get('orders')?.reason).toContain('commands to orders\' API');
  });

  it('ignores accesses from the shared kernel and wiring', () => {
    const builder = base().outside(['src/shared/data-source.ts'], true).writes('src/orders/order.service.ts', 'Order').writes('src/shared/data-source.ts', 'Order', [1, 2, 3]);
    expect(tablesOf(builder).get('orders')).toMatchObject({ owner: 'orders', strategy: 'move' });
  });

  it('groups entities mapped to the same table', () => {
    const builder = base().entity('OrderView', 'orders', 'src/orders/order.entity.ts').writes('src/orders/order.service.ts', 'Order').reads('src/billing/invoice.service.ts', 'OrderView');
    expect(tablesOf(builder).get('orders')).toMatchObject({ entities: ['Order', 'OrderView'], strategy: 'owner-api' });
  });
});
