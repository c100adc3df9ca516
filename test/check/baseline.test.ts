// The baseline: stable bytes, no line numbers, accepted violations do not fail, fixed entries are
// reported; and --base leaves out what the base already had.
import { describe, expect, it } from 'vitest';
import { checkBoundaries, findViolations, parseBaseline, renderBaseline } from '../../src/check/index.js';
import { parseConfig } from '../../src/config/index.js';
import { CarveError } from '../../src/shared/errors.js';
import { buildAnalysis, type AnalysisSpec } from './helpers/analysis.js';

const config = parseConfig(
  JSON.stringify({
    contexts: {
      catalog: { paths: ['src/catalog/**'], expose: ['src/catalog/index.ts'], entities: ['products'] },
      orders: { paths: ['src/orders/**'], dependsOn: ['catalog'] },
    },
  }),
);
const modules = ['src/catalog/index.ts', 'src/catalog/pricing.ts', 'src/catalog/product.ts', 'src/orders/a.ts', 'src/orders/b.ts'];

function analysisWith(dependencies: AnalysisSpec['dependencies'], dataAccess: AnalysisSpec['dataAccess'] = []) {
  return buildAnalysis({ modules, dependencies, dataAccess, entities: [{ id: 'Product', table: 'products', definedIn: 'src/catalog/product.ts' }] });
}

const before = analysisWith(
  [
    { from: 'src/orders/b.ts', to: 'src/catalog/pricing.ts', line: 4 },
    { from: 'src/orders/a.ts', to: 'src/catalog/pricing.ts', line: 2 },
  ],
  [{ module: 'src/orders/a.ts', entity: 'Product', mode: 'write', line: 9 }],
);

describe('baseline file', () => {
  it('is sorted, line-free and the same for the same violations', () => {
    const text = renderBaseline(findViolations(config, before));
    expect(JSON.parse(text)).toEqual({
      version: 1,
      violations: [
        { kind: 'import', rule: 'expose', from: 'src/orders/a.ts', to: 'src/catalog/pricing.ts' },
        { kind: 'data', rule: 'data-ownership', from: 'src/orders/a.ts', to: 'src/catalog/product.ts', entity: 'Product', mode: 'write' },
        { kind: 'import', rule: 'expose', from: 'src/orders/b.ts', to: 'src/catalog/pricing.ts' },
      ],
    });
    expect(text).not.toMatch(/line/);
    // Lines moved by an unrelated edit: same bytes.
    const moved = analysisWith(
      [
        { from: 'src/orders/a.ts', to: 'src/catalog/pricing.ts', line: 20 },
        { from: 'src/orders/b.ts', to: 'src/catalog/pricing.ts', line: 40 },
      ],
      [{ module: 'src/orders/a.ts', entity: 'Product', mode: 'write', line: 30 }],
    );
    expect(renderBaseline(findViolations(config, moved))).toBe(text);
    expect(parseBaseline(text, 'b.json')).toHaveLength(3);
  });

  it('accepts baselined violations, fails new ones, and reports fixed entries', () => {
    const baseline = parseBaseline(renderBaseline(findViolations(config, before)), 'carve-baseline.json');
    const after = analysisWith(
      [
        { from: 'src/orders/a.ts', to: 'src/catalog/pricing.ts', line: 7 },
        { from: 'src/orders/b.ts', to: 'src/catalog/product.ts', line: 1 },
      ],
      [],
    );
    const result = checkBoundaries({ analysis: after, config, baseline });
    expect(result.violations.map((violation) => [violation.from, violation.to, violation.status])).toEqual([
      ['src/orders/a.ts', 'src/catalog/pricing.ts', 'baselined'],
      ['src/orders/b.ts', 'src/catalog/product.ts', 'new'],
    ]);
    expect(result.fixedBaseline.map((entry) => `${entry.from}>${entry.to}`)).toEqual(['src/orders/a.ts>src/catalog/product.ts', 'src/orders/b.ts>src/catalog/pricing.ts']);
    expect(result.summary).toMatchObject({ failures: 1, baselined: 1, fixedBaseline: 2, atBase: null });
    expect(result.exitCode).toBe(1);
  });

  it('passes when everything is baselined', () => {
    const baseline = parseBaseline(renderBaseline(findViolations(config, before)), 'x');
    expect(checkBoundaries({ analysis: before, config, baseline }).exitCode).toBe(0);
  });

  it.each([
    ['broken JSON', '{', /^carve-baseline\.json: not valid JSON/],
    ['a wrong version', '{"version":2,"violations":[]}', /^carve-baseline\.json: version:/],
    ['an unknown rule', '{"version":1,"violations":[{"kind":"import","rule":"nope","from":"a","to":"b"}]}', /^carve-baseline\.json: violations\[0\]\.rule:/],
  ])('names the field of %s', (_name, text, pattern) => {
    expect(() => parseBaseline(text, 'carve-baseline.json')).toThrow(CarveError);
    expect(() => parseBaseline(text, 'carve-baseline.json')).toThrow(pattern);
  });
});

describe('--base', () => {
  it('leaves out violations the base already had, whatever their lines', () => {
    const head = analysisWith([
      { from: 'src/orders/a.ts', to: 'src/catalog/pricing.ts', line: 30 },
      { from: 'src/orders/b.ts', to: 'src/catalog/product.ts', line: 1 },
    ]);
    const result = checkBoundaries({ analysis: head, config, baseAnalysis: before });
    expect(result.violations.map((violation) => violation.from + '>' + violation.to)).toEqual(['src/orders/b.ts>src/catalog/product.ts']);
    expect(result.summary.atBase).toBe(1);
    expect(result.exitCode).toBe(1);
  });

  it('passes when nothing is new since the base', () => {
    expect(checkBoundaries({ analysis: before, config, baseAnalysis: before })).toMatchObject({ violations: [], exitCode: 0, summary: { atBase: 3 } });
  });
});
