import { describe, expect, it } from 'vitest';
import { labelFiles, measureAnalysis, roleOf, words, type ContextsTruth } from '../../scripts/measure-contexts.js';

describe('measure-contexts', () => {
  it('tells a technical role by suffix, then by layer folder, else other', () => {
    expect(roleOf('src/user/user.controller.ts')).toBe('controller');
    expect(roleOf('src/user/users.module.ts')).toBe('module');
    expect(roleOf('server/routes/issue.ts')).toBe('route');
    expect(roleOf('server/entity/MediaRequest.ts')).toBe('entity');
    expect(roleOf('src/page/page-history.ts')).toBe('other');
  });

  it('labels feature folders by pattern (ignoring technical folders) and layered files by the longest entity in their name', () => {
    const modular: ContextsTruth = { name: 'm', folder: 'm', dir: '.', shape: 'modular', label: { pattern: '^src/([^/]+)/', ignore: ['guards'] } };
    expect(labelFiles(modular, ['src/user/a.ts', 'src/guards/auth.guard.ts', 'main.ts'])).toEqual({ 'src/user/a.ts': 'user' });
    const layered: ContextsTruth = { name: 'l', folder: 'l', dir: '.', shape: 'layered', label: { entityDomains: { Order: 'sales', OrderItem: 'catalog' } } };
    expect(labelFiles(layered, ['s/order-item.service.ts', 's/orders.ts', 's/clock.ts'])).toEqual({ 's/order-item.service.ts': 'catalog', 's/orders.ts': 'sales' });
    expect(words('UserPushSubscriptions')).toEqual(['user', 'push', 'subscription']);
  });

  it('finds layer-shaped contexts, concentrated roles and names that are no domain words', () => {
    const modules = [
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((n) => ({ id: `src/${n}/${n}.module.ts`, context: 'app-module' })),
      { id: 'src/a/a.service.ts', context: 'billing' },
      { id: 'src/a/invoice.ts', context: 'billing' },
    ];
    const figures = measureAnalysis(
      { name: 't', folder: 't', dir: '.', shape: 'modular', label: { pattern: '^src/([^/]+)/' } },
      {
        modules,
        dependencies: [],
        entities: [{ id: 'Invoice', table: 'billing_invoices' }],
        dataAccess: [{ module: 'src/a/invoice.ts', entity: 'Invoice' }],
        contexts: [
          { id: 'app-module', modules: modules.filter((m) => m.context === 'app-module').map((m) => m.id) },
          { id: 'billing', modules: ['src/a/a.service.ts', 'src/a/invoice.ts'] },
        ],
        sharedKernel: [],
      },
    );
    expect(figures.layerShaped).toEqual([{ context: 'app-module', size: 10, role: 'module', share: 1 }]);
    // The truth spreads the ten module files over ten folders: their concentration is Carve's, not the code's.
    expect(figures.concentratedRoles).toEqual([{ role: 'module', files: 10, context: 'app-module', share: 1, truthShare: 0.1 }]);
    expect(figures.roles).toEqual({});
    expect(figures.names).toEqual([
      { context: 'app-module', domain: false, why: "role word 'app'" },
      { context: 'billing', domain: true },
    ]);
  });

  it('groups the contexts by readiness level in plan order, and reads an analysis without readiness as none', () => {
    const truth: ContextsTruth = { name: 't', folder: 't', dir: '.', shape: 'modular', label: { pattern: '^src/([^/]+)/' } };
    const base = { modules: [], dependencies: [], entities: [], dataAccess: [], sharedKernel: [] };
    const figures = measureAnalysis(truth, {
      ...base,
      contexts: [
        { id: 'a', modules: [], readiness: { level: 'entangled' } },
        { id: 'b', modules: [], readiness: { level: 'extract-now' } },
        { id: 'c', modules: [], readiness: { level: 'entangled' } },
      ],
      plan: { verdict: { decision: 'extract', headline: 'start with b' }, steps: [{ context: 'b' }, { context: 'c' }, { context: 'a' }] },
    });
    expect(figures.readiness).toEqual({ 'extract-now': ['b'], entangled: ['c', 'a'] });
    expect(figures.verdictHeadline).toBe('start with b');
    expect(measureAnalysis(truth, { ...base, contexts: [{ id: 'a', modules: [] }] }).readiness).toEqual({});
  });
});
