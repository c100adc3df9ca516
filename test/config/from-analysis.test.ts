// What `carve init` proposes from an analysis: globs, owned tables, today's dependsOn, empty expose,
// and a config that passes Carve's own validation.
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_REFERENCE, configFromAnalysis, parseConfig, renderConfig } from '../../src/config/index.js';
import { buildAnalysis } from '../check/helpers/analysis.js';

const analysis = buildAnalysis({
  modules: [
    'src/catalog/index.ts',
    'src/catalog/pricing.ts',
    'src/orders/index.ts',
    'src/orders/order.service.ts',
    'src/entities/order.entity.ts',
    'src/entities/product.entity.ts',
    'src/billing/invoice.ts',
    'src/shared/money.ts',
  ],
  dependencies: [
    { from: 'src/orders/order.service.ts', to: 'src/catalog/index.ts' },
    // Through the catalog barrel: repeats the edge above, must not add anything.
    { from: 'src/orders/order.service.ts', to: 'src/catalog/pricing.ts', via: 'src/catalog/index.ts' },
    { from: 'src/billing/invoice.ts', to: 'src/orders/index.ts', kind: 'type' },
    { from: 'src/billing/invoice.ts', to: 'src/shared/money.ts' },
    { from: 'src/orders/order.service.ts', to: 'src/entities/order.entity.ts' },
  ],
  entities: [
    { id: 'Order', table: 'orders', definedIn: 'src/entities/order.entity.ts' },
    { id: 'Product', table: 'products', definedIn: 'src/entities/product.entity.ts' },
  ],
  contexts: [
    { id: 'catalog', modules: ['src/catalog/index.ts', 'src/catalog/pricing.ts', 'src/entities/product.entity.ts'], entities: ['Product'] },
    { id: 'orders', modules: ['src/orders/index.ts', 'src/orders/order.service.ts', 'src/entities/order.entity.ts'], entities: ['Order'] },
    { id: 'billing', modules: ['src/billing/invoice.ts'] },
  ],
});

describe('configFromAnalysis', () => {
  const config = configFromAnalysis(analysis);

  it('writes $schema, the contexts in name order and the default baseline', () => {
    expect(config.$schema).toBe(CONFIG_SCHEMA_REFERENCE);
    expect(Object.keys(config.contexts)).toEqual(['billing', 'catalog', 'orders']);
    expect(config.baseline).toBe('carve-baseline.json');
    expect(config.include).toBeUndefined();
  });

  it('covers each context with the shortest exact globs', () => {
    expect(config.contexts.catalog?.paths).toEqual(['src/catalog/**', 'src/entities/product.entity.ts']);
    expect(config.contexts.orders?.paths).toEqual(['src/entities/order.entity.ts', 'src/orders/**']);
    expect(config.contexts.billing?.paths).toEqual(['src/billing/**']);
  });

  it('lists owned entities by table, dependsOn from today, expose empty', () => {
    expect(config.contexts.catalog?.entities).toEqual(['products']);
    expect(config.contexts.orders?.entities).toEqual(['orders']);
    expect(config.contexts.orders?.dependsOn).toEqual(['catalog']);
    expect(config.contexts.billing?.dependsOn).toEqual(['orders']);
    expect(config.contexts.catalog?.dependsOn).toEqual([]);
    expect(config.contexts.orders?.expose).toEqual([]);
  });

  it('renders JSON that Carve loads back unchanged', () => {
    const text = renderConfig(config);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseConfig(text)).toEqual(config);
    expect(renderConfig(configFromAnalysis(analysis))).toBe(text);
  });

  it('keeps include (as project.include) and exclude the analysis was narrowed with', () => {
    const narrowed = configFromAnalysis(analysis, { include: ['src/**/*.ts'], exclude: ['**/*.gen.ts'] });
    expect(narrowed.project?.include).toEqual(['src/**/*.ts']);
    expect(narrowed.exclude).toEqual(['**/*.gen.ts']);
    expect(Object.keys(narrowed)).toEqual(['$schema', 'project', 'exclude', 'contexts', 'baseline']);
  });

  it('names entities by id when two contexts own entities of one table', () => {
    const shared = buildAnalysis({
      modules: ['a/x.ts', 'b/y.ts'],
      entities: [
        { id: 'AuditA', table: 'audit', definedIn: 'a/x.ts' },
        { id: 'AuditB', table: 'audit', definedIn: 'b/y.ts' },
      ],
      contexts: [
        { id: 'a', modules: ['a/x.ts'], entities: ['AuditA'] },
        { id: 'b', modules: ['b/y.ts'], entities: ['AuditB'] },
      ],
    });
    const result = configFromAnalysis(shared);
    expect(result.contexts.a?.entities).toEqual(['AuditA']);
    expect(result.contexts.b?.entities).toEqual(['AuditB']);
  });

  it('turns context ids into valid names', () => {
    const odd = buildAnalysis({ modules: ['a/x.ts', 'b/y.ts'], contexts: [{ id: '@scope/pkg', modules: ['a/x.ts'] }, { id: '@scope pkg', modules: ['b/y.ts'] }] });
    const result = configFromAnalysis(odd);
    expect(Object.keys(result.contexts)).toEqual(['scope-pkg', 'scope-pkg-2']);
    expect(() => parseConfig(renderConfig(result))).not.toThrow();
  });
});
