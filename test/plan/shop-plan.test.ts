// The plan of fixtures/shop from the real pipeline (extract, graph, contexts, plan), held to what the
// issue asks of it: a leaf-like context first, the god service's context late, the orders-payments
// cycle to break before either moves, a strategy for every shared table, file:line for every seam.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import type { Analysis, PlanSite, PlanStep } from '../../src/shared/analysis.js';
import { fixturesRoot } from '../helpers/fixtures.js';

let analysis: Analysis;
let steps: PlanStep[];
let contextOf: (file: string) => string;

beforeAll(() => {
  analysis = analyze(join(fixturesRoot, 'shop')).analysis;
  steps = analysis.plan.steps;
  const membership = new Map(analysis.contexts.flatMap((context) => context.modules.map((module) => [module, context.id] as const)));
  contextOf = (file) => membership.get(file) ?? '(none)';
});

describe('the plan of fixtures/shop', () => {
  it('starts with notifications, a leaf: nothing calls it for an answer or fires into it', () => {
    expect(steps[0]?.context).toBe(contextOf('src/notifications/handlers.ts'));
    const styles = steps[0]!.inboundSeams.flatMap((face) => face.operations.map((operation) => operation.style));
    expect(styles.filter((style) => style === 'sync' || style === 'event')).toEqual([]);
  });

  it('puts the god service\'s context in the last third', () => {
    const god = steps.find((step) => step.context === contextOf('src/services/checkout.service.ts'))!;
    expect(god.rank).toBeGreaterThan((steps.length * 2) / 3);
  });

  it('names the orders-payments cycle and a break in both steps', () => {
    const orders = contextOf('src/services/order.service.ts');
    const payments = contextOf('src/services/payment.service.ts');
    expect(orders).not.toBe(payments);
    const cycle = analysis.plan.cycles?.find((candidate) => candidate.contexts.includes(orders) && candidate.contexts.includes(payments));
    expect(cycle?.breaks.length).toBeGreaterThan(0);
    for (const id of [orders, payments]) {
      expect(steps.find((step) => step.context === id)!.prerequisites.some((line) => line.startsWith('Break '))).toBe(true);
    }
  });

  it('gives every table two contexts touch one strategy, at its owner', () => {
    const tableOf = new Map(analysis.entities.map((entity) => [entity.id, entity.table]));
    const touchers = new Map<string, Set<string>>();
    for (const access of analysis.dataAccess) {
      const context = contextOf(access.module);
      if (context === '(none)') continue;
      const table = tableOf.get(access.entity) ?? access.entity;
      touchers.set(table, (touchers.get(table) ?? new Set()).add(context));
    }
    const shared = [...touchers].filter(([, set]) => set.size > 1).map(([table]) => table).sort();
    expect(shared.length).toBeGreaterThan(3);
    const planned = steps.flatMap((step) => step.data.shared.map((table) => ({ ...table, at: step.context })));
    expect(planned.map((table) => table.table).sort()).toEqual(shared);
    for (const table of planned) {
      expect(table.at).toBe(table.owner);
      expect(['owner-api', 'read-model', 'split']).toContain(table.strategy);
      expect(table.reason.length).toBeGreaterThan(10);
    }
  });

  it('gives every seam a file of the shop and a line', () => {
    const files = new Set(analysis.modules.map((module) => module.id));
    const sites: PlanSite[] = [];
    for (const step of steps) {
      sites.push(...step.facade.entryPoints, ...step.facade.wiring);
      for (const face of step.inboundSeams) for (const operation of face.operations) sites.push(...operation.callers);
      for (const dependency of step.outboundSeams) for (const seam of dependency.seams) sites.push(...seam.sites);
      for (const table of [...step.data.shared, ...step.data.foreign]) for (const consumer of table.consumers) sites.push(...consumer.sites);
    }
    expect(sites.length).toBeGreaterThan(100);
    expect(sites.filter((site) => !files.has(site.file) || !(site.line > 0))).toEqual([]);
  });

  it('gives each context the readiness written in fixtures/shop/expected-readiness.json, and holds the small shop as a modular monolith', () => {
    const expected = JSON.parse(readFileSync(join(fixturesRoot, 'shop', 'expected-readiness.json'), 'utf8')) as {
      verdict: string;
      contexts: Record<string, { file: string; level: string; reason?: string }>;
    };
    const byId = new Map(analysis.contexts.map((context) => [context.id, context]));
    const found = Object.fromEntries(Object.keys(expected.contexts).map((name) => [name, byId.get(contextOf(expected.contexts[name]!.file))?.readiness?.level]));
    expect(found).toEqual(Object.fromEntries(Object.entries(expected.contexts).map(([name, { level }]) => [name, level])));
    for (const { file, reason } of Object.values(expected.contexts)) {
      if (reason !== undefined) expect(byId.get(contextOf(file))?.readiness?.reasons[0]).toContain(reason);
    }
    expect(analysis.plan.verdict?.decision).toBe(expected.verdict);
    expect(analysis.plan.verdict?.reasons.some((reason) => reason.startsWith('readiness: 0 ready to extract now'))).toBe(true);
  });
});
