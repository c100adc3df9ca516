// Issue 15's gate rules: files in no context (default-deny for new ones), a severity per rule, the
// strict ratchet, the base and the baseline kept apart as reasons, and the markdown format.
import { describe, expect, it } from 'vitest';
import { checkBoundaries, findViolations, formatCheckResult, parseBaseline, type FormatContext } from '../../src/check/index.js';
import { parseConfig, unmatchedGlobs } from '../../src/config/index.js';
import { parseFormats } from '../../src/cli/commands/check.js';
import { buildAnalysis } from './helpers/analysis.js';

const contexts = {
  catalog: { paths: ['src/catalog/**'], entities: ['products'] },
  orders: { paths: ['src/orders/**'], dependsOn: ['catalog'] },
};
const configWith = (extra: Record<string, unknown> = {}) => parseConfig(JSON.stringify({ contexts, ...extra }));

const base = buildAnalysis({ modules: ['src/catalog/product.ts', 'src/orders/order.ts', 'src/main.ts'] });
const head = buildAnalysis({
  modules: ['src/catalog/product.ts', 'src/orders/order.ts', 'src/main.ts', 'src/payments/payment.service.ts'],
  dependencies: [{ from: 'src/catalog/product.ts', to: 'src/orders/order.ts', line: 2 }],
  entities: [{ id: 'Product', table: 'products', definedIn: 'src/catalog/product.ts' }],
  dataAccess: [{ module: 'src/payments/payment.service.ts', entity: 'Product', mode: 'write', line: 7 }],
});
const baselineOf = (violations: object[]) => parseBaseline(JSON.stringify({ version: 1, violations }), 'carve-baseline.json');
const context = (config = configWith()): FormatContext => ({ config, base: 'HEAD~1', baselineFile: 'carve-baseline.json', version: '1.0.0' });

describe('unassigned (files in no context)', () => {
  it('fails a file added since the base that falls in no context, and only counts the ones already there', () => {
    const result = checkBoundaries({ analysis: head, config: configWith(), baseAnalysis: base });
    const placement = result.violations.filter((violation) => violation.rule === 'unassigned');
    expect(placement.map((violation) => [violation.from, violation.status, violation.kind, violation.fromContext])).toEqual([
      ['src/payments/payment.service.ts', 'new', 'placement', '(no context)'],
    ]);
    // src/main.ts was in no context at the base too: counted, not failing.
    expect(result.summary.atBase).toBe(1);
    expect(result.summary.filesInNoContext).toBe(2);
    expect(result.exitCode).toBe(1);
  });

  it('without a base, fails every file in no context the baseline does not accept', () => {
    const accepted = baselineOf([{ kind: 'placement', rule: 'unassigned', from: 'src/main.ts', to: 'src/main.ts' }]);
    const result = checkBoundaries({ analysis: head, config: configWith(), baseline: accepted });
    const byFile = Object.fromEntries(result.violations.filter((violation) => violation.rule === 'unassigned').map((violation) => [violation.from, violation.status]));
    expect(byFile).toEqual({ 'src/main.ts': 'baselined', 'src/payments/payment.service.ts': 'new' });
  });

  it('is not checked when the config turns it off, and warns without failing at warn', () => {
    expect(findViolations(configWith({ rules: { unassigned: 'off' } }), head).some((violation) => violation.rule === 'unassigned')).toBe(false);
    const warned = checkBoundaries({ analysis: head, config: configWith({ rules: { unassigned: 'warn', 'depends-on': 'warn' } }), baseAnalysis: base });
    expect(warned.summary).toMatchObject({ failures: 0, warnings: 2 });
    expect(warned.exitCode).toBe(0);
  });
});

describe('severities', () => {
  it('reports a warn rule as a warning in every format, and it never fails the run', () => {
    const config = configWith({ rules: { 'depends-on': 'warn', unassigned: 'off' } });
    const result = checkBoundaries({ analysis: head, config });
    expect(result.summary).toMatchObject({ failures: 0, warnings: 1 });
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(formatCheckResult('json', result, context(config))) as { violations: unknown[]; warnings: { rule: string; severity: string }[] };
    expect(json.violations).toEqual([]);
    expect(json.warnings).toMatchObject([{ rule: 'depends-on', severity: 'warn' }]);
    expect(formatCheckResult('github', result, context(config))).toMatch(/^::warning file=src\/catalog\/product\.ts,line=2,/m);
    expect(formatCheckResult('pretty', result, context(config))).toContain('warning: catalog -> orders  (1 warning)');
    const sarif = JSON.parse(formatCheckResult('sarif', result, context(config))) as { runs: { results: { level: string }[] }[] };
    expect(sarif.runs[0]!.results.map((entry) => entry.level)).toEqual(['warning']);
    const junit = formatCheckResult('junit', result, context(config));
    expect(junit).toContain('failures="0"');
    expect(junit).toContain('<system-out>warning: ');
  });

  it('rejects a severity that is not error, warn or off, naming the field', () => {
    expect(() => configWith({ rules: { expose: 'fatal' } })).toThrow(/rules\.expose/);
    expect(() => configWith({ rules: { 'no-such-rule': 'warn' } })).toThrow(/rules/);
  });
});

describe('the baseline and the base as separate reasons', () => {
  const dependsOn = { kind: 'import', rule: 'depends-on', from: 'src/catalog/product.ts', to: 'src/orders/order.ts' };
  const baseWithImport = buildAnalysis({ ...base, modules: base.modules.map((module) => module.id), dependencies: [{ from: 'src/catalog/product.ts', to: 'src/orders/order.ts', line: 9 }] });

  it('reports a violation the baseline accepts as baselined even when the base has it too', () => {
    const result = checkBoundaries({ analysis: head, config: configWith({ rules: { unassigned: 'off' } }), baseAnalysis: baseWithImport, baseline: baselineOf([dependsOn]) });
    expect(result.violations.find((violation) => violation.rule === 'depends-on')?.status).toBe('baselined');
    expect(result.summary).toMatchObject({ baselined: 1, atBase: 0 });
    expect(formatCheckResult('junit', result, context())).toMatch(/skipped="1"/);
  });

  it('counts one that only the base has as already there', () => {
    const result = checkBoundaries({ analysis: head, config: configWith({ rules: { unassigned: 'off' } }), baseAnalysis: baseWithImport });
    expect(result.summary).toMatchObject({ baselined: 0, atBase: 1 });
    expect(result.violations.some((violation) => violation.rule === 'depends-on')).toBe(false);
  });
});

describe('strict baseline', () => {
  const stale = baselineOf([{ kind: 'import', rule: 'expose', from: 'src/orders/gone.ts', to: 'src/catalog/product.ts' }]);
  const clean = buildAnalysis({ modules: ['src/catalog/product.ts', 'src/orders/order.ts'] });

  it('passes with a stale entry by default and fails with it when strict (flag or config)', () => {
    expect(checkBoundaries({ analysis: clean, config: configWith(), baseline: stale }).exitCode).toBe(0);
    const strict = checkBoundaries({ analysis: clean, config: configWith(), baseline: stale, strictBaseline: true });
    expect(strict.exitCode).toBe(1);
    expect(checkBoundaries({ analysis: clean, config: configWith({ strictBaseline: true }), baseline: stale }).exitCode).toBe(1);
    const pretty = formatCheckResult('pretty', strict, context());
    expect(pretty).toContain('1 baseline entry is fixed and fails the check (strict baseline); drop it with `carve check --update-baseline`');
    expect(formatCheckResult('github', strict, context())).toMatch(/^::error file=src\/orders\/gone\.ts,title=carve%3A fixed baseline entry::/m);
  });
});

describe('markdown', () => {
  it('gives the counts, a table of new violations with line links, and the baseline delta', () => {
    const config = configWith({ rules: { 'depends-on': 'warn' } });
    const result = checkBoundaries({ analysis: head, config, baseAnalysis: base, baseline: baselineOf([{ kind: 'import', rule: 'expose', from: 'src/x|y.ts', to: 'src/catalog/product.ts' }]) });
    const text = formatCheckResult('markdown', result, { ...context(config), linkBase: 'https://github.com/o/r/blob/abc' });
    expect(text).toMatch(/^### ❌ carve check\n/);
    expect(text).toContain('| 1 | 1 | 0 | 1 | 1 | 2 | 2 |');
    expect(text).toContain('#### New violations (1)');
    expect(text).toContain('[src/payments/payment.service.ts:1](https://github.com/o/r/blob/abc/src/payments/payment.service.ts#L1) | none | file in no context | unassigned |');
    expect(text).toContain('#### Warnings (1)');
    // A pipe in a file name cannot break the table.
    expect(text).toContain('- src/x\\|y.ts → src/catalog/product.ts \\[expose\\]');
  });
});

describe('--format values', () => {
  it('takes one format to stdout and the rest to files, and refuses two to stdout or one file twice', () => {
    expect(parseFormats([])).toEqual([{ format: 'pretty', file: null }]);
    expect(parseFormats(['github', 'sarif=out.sarif'])).toEqual([
      { format: 'github', file: null },
      { format: 'sarif', file: 'out.sarif' },
    ]);
    expect(() => parseFormats(['github', 'json'])).toThrow(/would both print to stdout/);
    expect(() => parseFormats(['json=a.json', 'sarif=a.json'])).toThrow(/two formats would write/);
    expect(() => parseFormats(['yaml'])).toThrow(/unknown format 'yaml'/);
    expect(() => parseFormats(['sarif='])).toThrow(/names no file/);
  });
});

describe('globs that match nothing', () => {
  it('names each context glob (paths or expose) that matches no analyzed file', () => {
    const config = parseConfig(JSON.stringify({ contexts: { catalog: { paths: ['src/catalog/**', 'src/katalog/**', '!src/catalog/old/**'], expose: ['src/catalog/index.ts'] } } }));
    expect(unmatchedGlobs(config, ['src/catalog/product.ts'])).toEqual([
      { path: ['contexts', 'catalog', 'paths', 1], message: '"src/katalog/**" matches none of the 1 analyzed files' },
      { path: ['contexts', 'catalog', 'expose', 0], message: '"src/catalog/index.ts" matches none of the 1 analyzed files' },
    ]);
  });
});
