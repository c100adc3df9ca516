// The rules of DESIGN.md on small analyses: dependsOn, expose, data ownership by entity or table, and
// what is not checked (files in no context, a context's own files, edges through a barrel).
import { describe, expect, it } from 'vitest';
import { checkBoundaries, findViolations } from '../../src/check/index.js';
import { parseConfig } from '../../src/config/index.js';
import { buildAnalysis } from './helpers/analysis.js';

const config = parseConfig(
  JSON.stringify({
    contexts: {
      catalog: { paths: ['src/catalog/**'], entities: ['products'], expose: ['src/catalog/index.ts'] },
      orders: { paths: ['src/orders/**'], entities: ['Order'], dependsOn: ['catalog'] },
      billing: { paths: ['src/billing/**'], dependsOn: ['orders'] },
    },
    // The placement rule has tests of its own (placement-rules.test.ts): here files in no context are
    // the point of some cases.
    rules: { unassigned: 'off' },
  }),
);

const modules = [
  'src/catalog/index.ts',
  'src/catalog/pricing.ts',
  'src/orders/index.ts',
  'src/orders/order.entity.ts',
  'src/orders/order.service.ts',
  'src/billing/invoice.ts',
  'src/shared/money.ts',
  'src/main.ts',
];

describe('import rules', () => {
  it('allows dependsOn contexts through their exposed files, and anything within a context', () => {
    const analysis = buildAnalysis({
      modules,
      dependencies: [
        { from: 'src/orders/order.service.ts', to: 'src/catalog/index.ts', symbols: ['price'] },
        { from: 'src/orders/order.service.ts', to: 'src/catalog/pricing.ts', via: 'src/catalog/index.ts', symbols: ['price'] },
        { from: 'src/orders/order.service.ts', to: 'src/orders/order.entity.ts' },
        { from: 'src/billing/invoice.ts', to: 'src/orders/order.service.ts' },
      ],
    });
    expect(findViolations(config, analysis)).toEqual([]);
  });

  it('reports an import of a file the other context does not expose', () => {
    const analysis = buildAnalysis({ modules, dependencies: [{ from: 'src/orders/order.service.ts', to: 'src/catalog/pricing.ts', line: 3, symbols: ['price'] }] });
    const [violation, ...rest] = findViolations(config, analysis);
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({
      kind: 'import',
      rule: 'expose',
      from: 'src/orders/order.service.ts',
      to: 'src/catalog/pricing.ts',
      fromContext: 'orders',
      toContext: 'catalog',
      line: 3,
      symbols: ['price'],
    });
    expect(violation?.message).toContain("does not expose (it exposes src/catalog/index.ts)");
  });

  it('reports an import of a context missing from dependsOn, even of an exposed file', () => {
    const analysis = buildAnalysis({ modules, dependencies: [{ from: 'src/billing/invoice.ts', to: 'src/catalog/index.ts', line: 7 }] });
    expect(findViolations(config, analysis)).toMatchObject([{ rule: 'depends-on', fromContext: 'billing', toContext: 'catalog', line: 7 }]);
  });

  it('merges import kinds of one file pair into one violation at the first line', () => {
    const analysis = buildAnalysis({
      modules,
      dependencies: [
        { from: 'src/catalog/pricing.ts', to: 'src/orders/order.entity.ts', kind: 'type', line: 9, symbols: ['Order'] },
        { from: 'src/catalog/pricing.ts', to: 'src/orders/order.entity.ts', kind: 'dynamic', line: 4, symbols: ['load'] },
      ],
    });
    expect(findViolations(config, analysis)).toMatchObject([{ rule: 'depends-on', line: 4, importKinds: ['dynamic', 'type'], symbols: ['Order', 'load'] }]);
  });

  it('does not check files in no context, on either side', () => {
    const analysis = buildAnalysis({
      modules,
      dependencies: [
        { from: 'src/main.ts', to: 'src/catalog/pricing.ts' },
        { from: 'src/catalog/pricing.ts', to: 'src/shared/money.ts' },
      ],
    });
    const result = checkBoundaries({ analysis, config });
    expect(result.violations).toEqual([]);
    expect(result.summary).toMatchObject({ files: 8, checkedFiles: 6, filesInNoContext: 2, contexts: 3, failures: 0 });
    expect(result.exitCode).toBe(0);
  });

  it('skips the edge to the defining file of a barrel import, checking the barrel edge instead', () => {
    const analysis = buildAnalysis({
      modules,
      dependencies: [
        { from: 'src/billing/invoice.ts', to: 'src/catalog/index.ts', line: 2 },
        { from: 'src/billing/invoice.ts', to: 'src/catalog/pricing.ts', via: 'src/catalog/index.ts', line: 2 },
      ],
    });
    expect(findViolations(config, analysis).map((violation) => violation.to)).toEqual(['src/catalog/index.ts']);
  });
});

describe('data rule', () => {
  const entities = [
    { id: 'Order', table: 'orders', definedIn: 'src/orders/order.entity.ts' },
    { id: 'Product', table: 'products', definedIn: 'src/catalog/product.entity.ts' },
    { id: 'legacy_prices', table: 'PRODUCTS_OLD', definedIn: null },
  ];

  it('reports reading or writing an entity another context owns, by name or by table', () => {
    const analysis = buildAnalysis({
      modules,
      entities,
      dataAccess: [
        { module: 'src/billing/invoice.ts', entity: 'Order', mode: 'write', line: 12, operations: ['repository.save'] },
        { module: 'src/billing/invoice.ts', entity: 'Order', mode: 'read', line: 8 },
        { module: 'src/orders/order.service.ts', entity: 'Product', mode: 'read', line: 5 },
        // Owned by the accessing context itself: fine.
        { module: 'src/orders/order.service.ts', entity: 'Order', mode: 'write' },
        // Owned by nobody: fine.
        { module: 'src/billing/invoice.ts', entity: 'legacy_prices', mode: 'read' },
        // In no context: not checked.
        { module: 'src/main.ts', entity: 'Order', mode: 'write' },
      ],
    });
    const violations = findViolations(config, analysis);
    expect(violations.map((violation) => [violation.from, violation.entity, violation.mode, violation.toContext, violation.to, violation.line])).toEqual([
      ['src/billing/invoice.ts', 'Order', 'read', 'orders', 'src/orders/order.entity.ts', 8],
      ['src/billing/invoice.ts', 'Order', 'write', 'orders', 'src/orders/order.entity.ts', 12],
      ['src/orders/order.service.ts', 'Product', 'read', 'catalog', 'src/catalog/product.entity.ts', 5],
    ]);
    expect(violations.every((violation) => violation.kind === 'data' && violation.rule === 'data-ownership')).toBe(true);
    expect(violations[1]?.message).toBe("src/billing/invoice.ts writes Order (table orders; repository.save), owned by context 'orders'");
  });

  it('matches tables case-insensitively and names the table when no file defines the entity', () => {
    const tableConfig = parseConfig(JSON.stringify({ contexts: { pricing: { paths: ['src/catalog/**'], entities: ['products_old'] }, billing: { paths: ['src/billing/**'] } }, rules: { unassigned: 'off' } }));
    const analysis = buildAnalysis({ modules, entities, dataAccess: [{ module: 'src/billing/invoice.ts', entity: 'legacy_prices', mode: 'read', line: 3 }] });
    expect(findViolations(tableConfig, analysis)).toMatchObject([{ to: 'PRODUCTS_OLD', table: 'PRODUCTS_OLD', toContext: 'pricing', entity: 'legacy_prices' }]);
  });
});
