// The output formats on one result with hostile names: SARIF validates against the SARIF 2.1.0 schema,
// github lines are well-formed workflow commands, JUnit is escaped XML, pretty has no control codes,
// json keeps the DESIGN.md fields.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, formatCheckResult, parseBaseline, type CheckFormat, type FormatContext } from '../../src/check/index.js';
import { escapeData, escapeProperty } from '../../src/check/formats/github.js';
import { escapeXml } from '../../src/check/formats/junit.js';
import { parseConfig } from '../../src/config/index.js';
import { controlCharacters } from '../helpers/fixtures.js';
import { buildAnalysis } from './helpers/analysis.js';
import { validateJsonSchema } from './helpers/json-schema.js';

const sarifSchema = JSON.parse(readFileSync(join(import.meta.dirname, 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;

const hostile = 'src/orders/we<i>rd & "odd", 100%:x\u001b[31m\nnext.ts';
const config = parseConfig(
  JSON.stringify({
    contexts: {
      catalog: { paths: ['src/catalog/**'], expose: ['src/catalog/index.ts'], entities: ['products'] },
      orders: { paths: ['src/orders/**'], dependsOn: ['catalog'] },
      billing: { paths: ['src/billing/**'] },
    },
  }),
);
const analysis = buildAnalysis({
  modules: ['src/catalog/index.ts', 'src/catalog/pricing.ts', 'src/catalog/product.ts', hostile, 'src/orders/b.ts', 'src/billing/x.ts'],
  dependencies: [
    { from: hostile, to: 'src/catalog/pricing.ts', line: 3, symbols: ['price'] },
    { from: 'src/orders/b.ts', to: 'src/catalog/pricing.ts', line: 5 },
    { from: 'src/billing/x.ts', to: 'src/orders/b.ts', line: 2 },
  ],
  entities: [
    { id: 'Product', table: 'products', definedIn: 'src/catalog/product.ts' },
    { id: 'raw_products', table: 'products', definedIn: null },
  ],
  dataAccess: [
    { module: 'src/orders/b.ts', entity: 'Product', mode: 'write', line: 9 },
    { module: 'src/billing/x.ts', entity: 'raw_products', mode: 'read', line: 4 },
  ],
});
const baseline = parseBaseline(
  JSON.stringify({
    version: 1,
    violations: [
      { kind: 'import', rule: 'expose', from: 'src/orders/b.ts', to: 'src/catalog/pricing.ts' },
      { kind: 'import', rule: 'expose', from: 'src/orders/gone.ts', to: 'src/catalog/pricing.ts' },
    ],
  }),
  'carve-baseline.json',
);
const result = checkBoundaries({ analysis, config, baseline });
const context: FormatContext = { config, base: 'origin/main', baselineFile: 'carve-baseline.json', version: '1.2.3' };
const render = (format: CheckFormat): string => formatCheckResult(format, result, context);

it('has failures, a baselined violation and a fixed entry to format', () => {
  expect(result.summary).toMatchObject({ failures: 4, baselined: 1, fixedBaseline: 1 });
});

describe('sarif', () => {
  const document = JSON.parse(render('sarif')) as { version: string; runs: { results: { ruleId: string; suppressions?: unknown[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(validateJsonSchema(sarifSchema, document)).toEqual([]);
    expect(document.version).toBe('2.1.0');
  });

  it('holds every violation, the baselined one suppressed, with encoded URIs', () => {
    const results = document.runs[0]!.results;
    expect(results).toHaveLength(5);
    expect(results.filter((entry) => entry.suppressions).length).toBe(1);
    const uris = results.map((entry) => entry.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('src/orders/we%3Ci%3Erd%20%26%20%22odd%22%2C%20100%25%3Ax%1B%5B31m%0Anext.ts');
  });

  it('is rejected by the validator when broken (the validator can fail)', () => {
    const broken = structuredClone(document) as unknown as { runs: { results: { level?: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validateJsonSchema(sarifSchema, broken)).not.toEqual([]);
    expect(validateJsonSchema(sarifSchema, { ...document, version: '2.0.0' })).not.toEqual([]);
  });
});

describe('github', () => {
  const lines = render('github').trimEnd().split('\n');

  it('prints one ::error line per failure, well formed', () => {
    const errors = lines.filter((line) => line.startsWith('::error'));
    expect(errors).toHaveLength(4);
    for (const line of errors) expect(line).toMatch(/^::error file=[^,:\n]+,line=\d+,title=[^,:\n]+::\S.*$/);
    expect(lines.filter((line) => line.startsWith('::notice'))).toHaveLength(1);
    for (const line of lines) expect(controlCharacters(line)).toEqual([]);
  });

  it('escapes properties and messages as the runner expects', () => {
    expect(escapeProperty('a,b:c%d\ne')).toBe('a%2Cb%3Ac%25d%0Ae');
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(lines.join('\n')).toContain('file=src/orders/we<i>rd & "odd"%2C 100%25%3Ax[31m%0Anext.ts,line=3');
  });
});

describe('junit', () => {
  const xml = render('junit');

  it('is escaped XML with one suite per context', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="carve check" tests="6" failures="4" errors="0" skipped="1">')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml).toContain('we&lt;i&gt;rd &amp; &quot;odd&quot;');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).toContain('<skipped message="accepted in carve-baseline.json"/>');
    expect(xml).toContain('name="catalog keeps to its boundaries"');
  });

  it('escapes what XML cannot hold', () => {
    expect(escapeXml('a<b>&"c\'\u0001\ud800')).toBe('a&lt;b&gt;&amp;&quot;c&apos;\ufffd\ufffd');
  });

  it('balances its elements', () => {
    const opened = xml.match(/<(testsuites|testsuite|testcase|failure)[\s>]/g)?.length ?? 0;
    const selfClosed = xml.match(/<testcase [^>]*\/>/g)?.length ?? 0;
    const closed = xml.match(/<\/(testsuites|testsuite|testcase|failure)>/g)?.length ?? 0;
    expect(opened - selfClosed).toBe(closed);
  });
});

describe('pretty', () => {
  const text = render('pretty');

  it('groups by context pair with a fix per group and no control codes', () => {
    expect(controlCharacters(text)).toEqual([]);
    expect(text).toContain('billing -> catalog  (1 violation)');
    expect(text).toContain('billing -> orders  (1 violation)');
    expect(text).toContain('orders -> catalog  (2 violations)');
    expect(text).toContain("fix: if 'billing' may use 'orders', add \"orders\" to contexts.billing.dependsOn");
    expect(text).toContain("fix: import through what 'catalog' exposes (src/catalog/index.ts)");
    expect(text).toContain("fix: call the API of 'catalog' instead of its table 'products'");
    expect(text).toContain('1 violation accepted in carve-baseline.json (not failures)');
    expect(text).toContain('1 baseline entry is fixed; drop it with `carve check --update-baseline`:');
    expect(text).toMatch(/carve check: 4 new violations since origin\/main, 1 accepted in carve-baseline.json, 1 baseline entry fixed \(6 files in 3 contexts checked, 0 in no context\)\n$/);
  });
});

describe('json', () => {
  it('lists the failures with the DESIGN.md fields', () => {
    const document = JSON.parse(render('json')) as { violations: Record<string, unknown>[]; baselined: unknown[]; fixedBaseline: unknown[]; summary: Record<string, unknown> };
    expect(document.violations).toHaveLength(4);
    for (const violation of document.violations) {
      for (const field of ['from', 'to', 'fromContext', 'toContext', 'kind', 'line', 'rule']) expect(violation).toHaveProperty(field);
    }
    expect(document.violations.find((violation) => violation.kind === 'data' && violation.entity === 'raw_products')).toMatchObject({ to: 'products', toContext: 'catalog', mode: 'read' });
    expect(document.baselined).toHaveLength(1);
    expect(document.fixedBaseline).toEqual([{ kind: 'import', rule: 'expose', from: 'src/orders/gone.ts', to: 'src/catalog/pricing.ts' }]);
    expect(document.summary.failures).toBe(4);
  });

  it('is the same bytes every time', () => {
    expect(render('json')).toBe(render('json'));
    expect(render('sarif')).toBe(formatCheckResult('sarif', checkBoundaries({ analysis, config, baseline }), context));
  });
});
