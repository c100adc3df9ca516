// The whole planner on the shop in miniature (test/helpers/analysis-builder.ts): what the issue asks
// the plan to show on the sample shop.
import { describe, expect, it } from 'vitest';
import { planMigration, planStage } from '../../src/plan/index.js';
import type { Analysis, PlanSite } from '../../src/shared/analysis.js';
import { AnalysisBuilder, shopAnalysis } from '../helpers/analysis-builder.js';

const plan = planMigration(shopAnalysis());
const stepOf = (context: string) => plan.steps.find((step) => step.context === context)!;

describe('the plan of the shop', () => {
  it('starts with the leaf (notifications) and ends with the god service context (orders)', () => {
    expect(plan.steps[0]?.context).toBe('notifications');
    expect(plan.steps.at(-1)?.context).toBe('orders');
    expect(plan.steps.map((step) => step.rank)).toEqual(plan.steps.map((_, i) => i + 1));
    const couplings = plan.steps.map((step) => step.coupling);
    expect(couplings[0]).toBe(Math.min(...couplings));
  });

  it('says to cut seams first: every context reads or serves a table across its border; notifications first, with its one seam', () => {
    expect(plan.verdict.decision).toBe('seams-first');
    expect(plan.verdict.headline).toContain("Start with notifications (step 1, 3 files, 1,500 lines): reads 1 table owned by customers (customers): read it through the owner's API or a read model; then extract it.");
    expect(plan.verdict.reasons).toContain('2 of 7 contexts sit in 1 cycle (orders <-> payments)');
  });

  it('names the orders-payments cycle and the edge to break before either is extracted', () => {
    expect(plan.cycles.map((cycle) => cycle.contexts)).toEqual([['orders', 'payments']]);
    expect(plan.cycles[0]?.breaks.map((cut) => [cut.from, cut.to])).toEqual([['payments', 'orders']]);
    for (const context of ['orders', 'payments']) {
      expect(stepOf(context).prerequisites[0]).toMatch(/^Break payments -> orders: /);
    }
    expect(stepOf('orders').after).toEqual(['payments']);
  });

  it('gives every table more than one context touches a strategy, once, at its owner', () => {
    const shared = plan.steps.flatMap((step) => step.data.shared);
    expect(shared.map((table) => [table.table, table.owner, table.strategy]).sort()).toEqual([
      ['carts', 'cart', 'split'],
      ['customers', 'customers', 'owner-api'],
      // Only reporting, which reads four contexts' tables, reads these: a read model.
      ['orders', 'orders', 'read-model'],
      ['payments', 'payments', 'read-model'],
      ['products', 'catalog', 'owner-api'],
    ]);
    expect(new Set(shared.map((table) => table.table)).size).toBe(shared.length);
    for (const step of plan.steps) {
      for (const table of step.data.foreign) {
        expect(table.consumers.some((consumer) => consumer.context === step.context)).toBe(true);
        expect(shared).toContainEqual(table);
      }
    }
    expect(stepOf('notifications').data).toMatchObject({ owned: ['notifications'], shared: [] });
  });

  it('gives every seam a file and a line', () => {
    const analysis = shopAnalysis();
    const files = new Set(analysis.modules.map((module) => module.id));
    const sites: PlanSite[] = [];
    for (const step of plan.steps) {
      sites.push(...step.facade.entryPoints, ...step.facade.wiring);
      for (const face of step.inboundSeams) for (const operation of face.operations) sites.push(...operation.callers);
      for (const dependency of step.outboundSeams) for (const seam of dependency.seams) sites.push(...seam.sites);
      for (const table of [...step.data.shared, ...step.data.foreign]) for (const consumer of table.consumers) sites.push(...consumer.sites);
    }
    expect(sites.length).toBeGreaterThan(40);
    for (const site of sites) {
      expect(files.has(site.file)).toBe(true);
      expect(site.line).toBeGreaterThan(0);
    }
  });

  it('routes the god service\'s calls: sync with resilience where results are used, events where dropped', () => {
    const orders = stepOf('orders');
    const seams = orders.outboundSeams.flatMap((dependency) => dependency.seams.map((seam) => [dependency.to, seam.symbols.join(','), seam.style, seam.resilience?.circuitBreaker ?? null]));
    expect(seams).toEqual([
      ['cart', 'currentCart,markConverted', 'sync', true],
      ['catalog', 'getPrice,reserveStock', 'sync', true],
      ['customers', 'findCustomer', 'sync', true],
      ['payments', 'authorize,refund', 'sync', true],
    ]);
    const payments = stepOf('payments').outboundSeams.find((dependency) => dependency.to === 'orders')!;
    expect(payments.seams.map((seam) => [seam.symbols.join(','), seam.style])).toEqual([
      ['Order', 'data'],
      ['markPaid', 'event'],
    ]);
    expect(payments.antiCorruptionLayer).toBe(true);
  });

  it('puts the notifications handlers behind the facade and unhooks them from main', () => {
    const { facade, prerequisites } = stepOf('notifications');
    expect(facade.entryPoints.map((entry) => `${entry.kind} ${entry.name} ${entry.file}:${entry.line}`)).toEqual([
      'handler order.placed src/notifications/handlers.ts:12',
      'handler payment.failed src/notifications/handlers.ts:13',
    ]);
    expect(facade.wiring).toEqual([{ file: 'src/main.ts', line: 4, symbols: ['registerHandlers'] }]);
    expect(prerequisites.some((line) => line.includes('message broker'))).toBe(true);
  });

  it('is deterministic: the same plan for the same analysis in any list order', () => {
    const shuffled: Analysis = shopAnalysis();
    shuffled.modules.reverse();
    shuffled.dependencies.reverse();
    shuffled.dataAccess.reverse();
    shuffled.entities.reverse();
    shuffled.contexts.reverse();
    expect(JSON.stringify(planMigration(shuffled))).toBe(JSON.stringify(plan));
    const readiness = (analysis: Analysis): string => JSON.stringify([...planStage(analysis).readiness].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(readiness(shuffled)).toBe(readiness(shopAnalysis()));
  });
});

describe('the verdict follows the code', () => {
  /** Three contexts of 6,000 lines; ledger and billing call each other heavily and write each other's tables. */
  function monolith(isSearchClean: boolean): Analysis {
    const builder = new AnalysisBuilder()
      .context('search', ['src/search/index.ts', 'src/search/query.ts'])
      .context('ledger', ['src/ledger/ledger.service.ts', 'src/ledger/entry.entity.ts'])
      .context('billing', ['src/billing/billing.service.ts', 'src/billing/invoice.entity.ts'])
      .entity('Entry', 'entries', 'src/ledger/entry.entity.ts')
      .entity('Invoice', 'invoices', 'src/billing/invoice.entity.ts')
      .imports('src/search/index.ts', 'src/search/query.ts', { symbols: ['query'], used: 2, weight: 20 })
      .imports('src/ledger/ledger.service.ts', 'src/ledger/entry.entity.ts', { symbols: ['Entry'], weight: 40 })
      .imports('src/billing/billing.service.ts', 'src/billing/invoice.entity.ts', { symbols: ['Invoice'], weight: 40 })
      .imports('src/ledger/ledger.service.ts', 'src/billing/billing.service.ts', { symbols: ['bill', 'invoiceFor', 'total'], used: 12, weight: 14 })
      .imports('src/billing/billing.service.ts', 'src/ledger/ledger.service.ts', { symbols: ['post', 'balance', 'entriesOf'], used: 12, weight: 14 })
      .writes('src/ledger/ledger.service.ts', 'Entry', [1, 2, 3])
      .writes('src/ledger/ledger.service.ts', 'Invoice', [4, 5, 6])
      .writes('src/billing/billing.service.ts', 'Invoice', [1, 2, 3])
      .writes('src/billing/billing.service.ts', 'Entry', [4, 5, 6])
      .imports('src/ledger/ledger.service.ts', 'src/search/query.ts', { symbols: ['query'], used: 1, weight: 2 });
    if (!isSearchClean) builder.reads('src/search/query.ts', 'Invoice', [9]);
    for (const file of builder.build().modules.map((module) => module.id)) builder.linesOfCode(file, 3_000);
    return builder.build();
  }

  it('one clean context: start with it', () => {
    const { verdict } = planMigration(monolith(true));
    expect(verdict.decision).toBe('extract');
    expect(verdict.headline).toMatch(/^Extract services, edge first: start with search \(step 1, 2 files, 6,000 lines\): in no cycle, and shares no table with another context\./);
    expect(verdict.headline).toContain('ledger and billing (67% of the code in contexts) are entangled and go last');
  });

  it('the same code with the clean context reading a table across its border: cut that seam first', () => {
    const { verdict } = planMigration(monolith(false));
    expect(verdict.decision).toBe('seams-first');
    expect(verdict.headline).toContain('Start with search (step 1, 2 files, 6,000 lines): reads 1 table owned by billing (invoices)');
  });
});

describe('plans without a cut', () => {
  it('with no contexts: no steps, and says why', () => {
    const empty = planMigration(new AnalysisBuilder().outside(['src/a.ts']).build());
    expect(empty.steps).toEqual([]);
    expect(empty.verdict.decision).toBe('modular-monolith');
    expect(empty.verdict.reasons).toContain('no contexts found: nothing to carve out');
  });

  it('with one context: no readiness, since there is nothing to extract it from', () => {
    const one = planStage(new AnalysisBuilder().context('app', ['src/a.ts', 'src/b.ts']).imports('src/a.ts', 'src/b.ts').build());
    expect(one.plan.steps.map((step) => step.context)).toEqual(['app']);
    expect(one.readiness.size).toBe(0);
    expect(one.plan.verdict.reasons).toContain('one context: there is no second service to carve out');
  });
});
