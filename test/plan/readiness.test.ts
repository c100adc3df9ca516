// Each readiness rule on its own (with the figure it must quote and the case just under its
// threshold), then the facts as the plan stage reads them from the shop in miniature.
import { describe, expect, it } from 'vitest';
import { planStage } from '../../src/plan/index.js';
import {
  HUB_FACTOR,
  judge,
  judgeReadiness,
  MANY_SYNC_SEAMS,
  MIN_SERVICE_LOC,
  readinessFacts,
  TANGLED_CYCLE_CUTS,
  TANGLED_CYCLE_WEIGHT,
  TANGLED_FOREIGN_WRITES,
  TANGLED_SPLIT_TABLES,
  WIDE_INTERFACE,
  type ReadinessFacts,
  type TableAccess,
} from '../../src/plan/readiness.js';
import { shopAnalysis } from '../helpers/analysis-builder.js';

/** A context with nothing to cut: no cycle, no table shared, a narrow interface, few sync calls. */
const clean: ReadinessFacts = {
  context: 'billing',
  files: 20,
  loc: 2_000,
  contexts: 10,
  share: 0.05,
  cycle: null,
  splitTables: [],
  foreignWrites: [],
  writtenByOthers: [],
  foreignReads: [],
  readByOthers: [],
  inbound: { operations: 2, callSites: 3, callers: ['orders'] },
  outbound: { syncSeams: 1, contexts: ['customers'] },
  kernelFiles: 0,
};

const tables = (n: number, other: string): TableAccess[] => Array.from({ length: n }, (_, i) => ({ table: `t${i + 1}`, others: [other] }));
const cycle = (cuts: Array<[string, string, number]>, otherCuts: Array<[string, string]> = []): ReadinessFacts['cycle'] => ({
  others: ['orders', 'payments'],
  cuts: cuts.map(([from, to, weight]) => ({ from, to, weight })),
  otherCuts: otherCuts.map(([from, to]) => ({ from, to })),
});

describe('readiness rules', () => {
  it('a clean context is ready now, and says why', () => {
    const readiness = judgeReadiness(clean);
    expect(readiness.level).toBe('extract-now');
    expect(readiness.reasons[0]).toBe('in no cycle, and shares no table with another context');
    expect(readiness.reasons).toContain('3 inbound call sites from 1 context use 2 operations: a narrow interface');
    expect(readiness.reasons).toContain('1 synchronous call seam into customers');
  });

  it('the hub: a coupling share of at least twice the mean is entangled; just under is not; with two contexts there is no hub', () => {
    const hub = judgeReadiness({ ...clean, share: HUB_FACTOR / clean.contexts });
    expect(hub.level).toBe('entangled');
    expect(hub.reasons[0]).toBe('holds 20% of all coupling, 2.0 times the mean of 10 contexts: the hub the others lean on');
    expect(judgeReadiness({ ...clean, share: HUB_FACTOR / clean.contexts - 0.001 }).level).toBe('extract-now');
    expect(judgeReadiness({ ...clean, contexts: 2, share: 1 }).level).toBe('extract-now');
  });

  it('a cycle with a few light cuts needs seams, naming each cut and its weight', () => {
    const readiness = judgeReadiness({ ...clean, cycle: cycle([['billing', 'orders', 6]]) });
    expect(readiness.level).toBe('needs-seams');
    expect(readiness.reasons[0]).toBe('in a cycle with 2 other contexts (orders and payments); cut its edge first: billing -> orders (weight 6)');
    const three = judgeReadiness({ ...clean, cycle: cycle([['billing', 'orders', 6], ['payments', 'billing', 6], ['billing', 'payments', TANGLED_CYCLE_WEIGHT - 12.5]]) });
    expect(three.level).toBe('needs-seams');
  });

  it('a cycle is entangling from TANGLED_CYCLE_CUTS own cuts, or own cuts weighing TANGLED_CYCLE_WEIGHT', () => {
    const many = Array.from({ length: TANGLED_CYCLE_CUTS }, (_, i): [string, string, number] => ['billing', `c${i}`, 2]);
    const byCount = judgeReadiness({ ...clean, cycle: cycle(many) });
    expect(byCount.level).toBe('entangled');
    expect(byCount.reasons[0]).toMatch(/^in a cycle with 2 other contexts \(orders and payments\); 4 edges of weight 8 to cut touch it \(billing -> c0 \(weight 2\), billing -> c1 \(weight 2\) and 2 more\): it is woven into the cycle$/);
    expect(judgeReadiness({ ...clean, cycle: cycle([['orders', 'billing', TANGLED_CYCLE_WEIGHT]]) }).level).toBe('entangled');
  });

  it('in a cycle with no cut of its own: needs seams, the cuts elsewhere first', () => {
    const readiness = judgeReadiness({ ...clean, cycle: cycle([], [['orders', 'payments']]) });
    expect(readiness.level).toBe('needs-seams');
    expect(readiness.reasons[0]).toBe("in a cycle with 2 other contexts (orders and payments); none of its own edges needs cutting, but the cycle's 1 cut elsewhere comes first (orders -> payments)");
  });

  it('tables written on a par: one is a seam (split it), TANGLED_SPLIT_TABLES are entangling', () => {
    const one = judgeReadiness({ ...clean, splitTables: tables(1, 'orders') });
    expect(one.level).toBe('needs-seams');
    expect(one.reasons[0]).toBe('writes 1 table on a par with orders (t1): split it by writer');
    expect(judgeReadiness({ ...clean, splitTables: tables(TANGLED_SPLIT_TABLES, 'orders') }).level).toBe('entangled');
  });

  it("writes to other contexts' tables: a few are commands to the owner, TANGLED_FOREIGN_WRITES are entangling", () => {
    const two = judgeReadiness({ ...clean, foreignWrites: [{ table: 'invoices', others: ['ledger'] }, { table: 'payments', others: ['ledger'] }] });
    expect(two.level).toBe('needs-seams');
    expect(two.reasons[0]).toBe('writes 2 tables owned by ledger (invoices and payments): send those writes to the owner as commands');
    const three = judgeReadiness({ ...clean, foreignWrites: [...tables(TANGLED_FOREIGN_WRITES - 1, 'ledger'), { table: 'users', others: ['accounts'] }] });
    expect(three.level).toBe('entangled');
    expect(three.reasons[0]).toBe('writes 3 tables owned by accounts (users) and ledger (t1 and t2): send those writes to the owners as commands');
  });

  it('its tables written or read by others, and others\' tables it reads, are seams', () => {
    const written = judgeReadiness({ ...clean, writtenByOthers: [{ table: 'invoices', others: ['orders'] }] });
    expect(written.level).toBe('needs-seams');
    expect(written.reasons[0]).toBe('orders (invoices) writes its tables at a few sites: take those writes as commands');
    const read = judgeReadiness({ ...clean, readByOthers: [{ table: 'invoices', others: ['orders', 'reporting'] }] });
    expect(read.level).toBe('needs-seams');
    expect(read.reasons[0]).toBe('orders (invoices) and reporting (invoices) read its tables: serve them through its API');
    const reads = judgeReadiness({ ...clean, foreignReads: [{ table: 'customers', others: ['customers'] }] });
    expect(reads.level).toBe('needs-seams');
    expect(reads.reasons[0]).toBe("reads 1 table owned by customers (customers): read it through the owner's API or a read model");
  });

  it('a wide interface needs seams from WIDE_INTERFACE operations on; one fewer is narrow', () => {
    const wide = judgeReadiness({ ...clean, inbound: { operations: WIDE_INTERFACE, callSites: 38, callers: ['a', 'b', 'c', 'd', 'e'] } });
    expect(wide.level).toBe('needs-seams');
    expect(wide.reasons[0]).toBe(`38 inbound call sites from 5 contexts use ${WIDE_INTERFACE} operations: narrow them to one interface first`);
    expect(judgeReadiness({ ...clean, inbound: { operations: WIDE_INTERFACE - 1, callSites: 38, callers: ['a', 'b'] } }).level).toBe('extract-now');
    expect(judgeReadiness({ ...clean, inbound: { operations: 0, callSites: 0, callers: [] } }).reasons).toContain('no other context calls it at run time');
  });

  it('many synchronous outbound seams need seams from MANY_SYNC_SEAMS on; one fewer does not', () => {
    const chatty = judgeReadiness({ ...clean, outbound: { syncSeams: MANY_SYNC_SEAMS, contexts: ['a', 'b'] } });
    expect(chatty.level).toBe('needs-seams');
    expect(chatty.reasons[0]).toBe(`${MANY_SYNC_SEAMS} synchronous call seams into a and b: turn some into events or local copies, or each becomes a network call`);
    expect(judgeReadiness({ ...clean, outbound: { syncSeams: MANY_SYNC_SEAMS - 1, contexts: ['a', 'b'] } }).level).toBe('extract-now');
  });

  it('size and kernel imports are noted but do not change the level', () => {
    const tiny = judgeReadiness({ ...clean, loc: MIN_SERVICE_LOC - 1, files: 2, kernelFiles: 3 });
    expect(tiny.level).toBe('extract-now');
    expect(tiny.reasons.slice(-2)).toEqual([
      'imports 3 shared-kernel files: they go along as a package or a copy',
      `only ${MIN_SERVICE_LOC - 1} lines in 2 files: too small to be a service of its own; keep it a module`,
    ]);
    expect(judgeReadiness({ ...clean, loc: MIN_SERVICE_LOC }).reasons.some((reason) => reason.startsWith('only '))).toBe(false);
  });

  it('puts the deciding reasons first and counts them', () => {
    const mixed = judge({ ...clean, foreignReads: tables(1, 'customers'), splitTables: tables(2, 'orders'), cycle: cycle([['billing', 'orders', 3]]) });
    expect(mixed.readiness.level).toBe('entangled');
    expect(mixed.deciding).toBe(1);
    expect(mixed.readiness.reasons[0]).toMatch(/^writes 2 tables on a par/);
    expect(mixed.readiness.reasons[1]).toMatch(/^in a cycle with/);
    expect(judge(clean).deciding).toBe(judgeReadiness(clean).reasons.length);
  });
});

describe('readiness facts from the plan (the shop in miniature)', () => {
  const { plan, readiness } = planStage(shopAnalysis());
  const factsOf = (context: string): ReadinessFacts => readinessFacts(plan.steps.find((step) => step.context === context)!, plan.cycles, plan.steps.length);

  it('reads cycles, tables and seams from the step', () => {
    expect(factsOf('cart')).toMatchObject({ splitTables: [{ table: 'carts', others: ['orders'] }], foreignReads: [{ table: 'products', others: ['catalog'] }], cycle: null });
    expect(factsOf('orders')).toMatchObject({ splitTables: [{ table: 'carts', others: ['cart'] }], cycle: { others: ['payments'], cuts: [{ from: 'payments', to: 'orders', weight: 4 }], otherCuts: [] } });
    expect(factsOf('orders').outbound).toEqual({ syncSeams: 4, contexts: ['cart', 'catalog', 'customers', 'payments'] });
    expect(factsOf('customers').readByOthers).toEqual([{ table: 'customers', others: ['notifications', 'reporting'] }]);
    expect(factsOf('notifications').inbound).toEqual({ operations: 0, callSites: 0, callers: [] });
  });

  it('judges every context of the plan', () => {
    expect([...readiness.keys()].sort()).toEqual(plan.steps.map((step) => step.context).sort());
    expect(Object.fromEntries([...readiness].map(([id, judged]) => [id, judged.level]))).toEqual({
      cart: 'needs-seams',
      catalog: 'needs-seams',
      customers: 'needs-seams',
      notifications: 'needs-seams',
      orders: 'needs-seams',
      payments: 'needs-seams',
      reporting: 'needs-seams',
    });
  });
});
