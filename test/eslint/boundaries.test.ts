// The ESLint plugin reports the same import violations as `carve check`: one scratch project with an
// unexposed import, an import of a context missing from dependsOn, a type-only import and a dynamic
// one, linted by ESLint (flat config, typescript-eslint's parser) and checked by the built CLI with
// --format json; the two lists agree on file, line, target and rule.
import { mkdtempSync, realpathSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import carve from '../../src/eslint/index.js';
import { isCliBuilt, runCli } from '../helpers/run-cli.js';
import { CLEAN_SHOP, UNDECLARED_CONTEXT, UNEXPOSED_IMPORT } from '../check/helpers/shop.js';

let dir: string;

const extra = {
  // A type-only import and a dynamic import of catalog's unexposed file, from orders.
  'src/orders/report.ts': "import type { Price } from '../catalog/types.js';\n\nexport async function report(sku: string): Promise<Price> {\n  const { price } = await import('../catalog/pricing.js');\n  return { cents: price(sku) };\n}\n",
  'src/catalog/types.ts': 'export interface Price {\n  cents: number;\n}\n',
};

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'carve-eslint-')));
  for (const [path, text] of Object.entries({ ...CLEAN_SHOP, ...UNEXPOSED_IMPORT, ...UNDECLARED_CONTEXT, ...extra })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Found {
  from: string;
  line: number;
  to: string;
  rule: string;
}

function sorted(list: Found[]): Found[] {
  return [...list].sort((a, b) => `${a.from}:${a.line}:${a.to}`.localeCompare(`${b.from}:${b.line}:${b.to}`));
}

describe('carve/boundaries', () => {
  it('reports what check reports, at the same lines', async () => {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as never } }, carve.configs.recommended as never],
    });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal));
    expect(fatal).toEqual([]);
    const fromEslint: Found[] = results.flatMap((result) =>
      result.messages.map((message) => {
        const match = /^(\S+) imports (\S+?),? .*?(does not list in dependsOn|does not expose)/.exec(message.message);
        expect(match, message.message).not.toBeNull();
        return { from: match![1]!, line: message.line, to: match![2]!, rule: match![3] === 'does not expose' ? 'expose' : 'depends-on' };
      }),
    );
    expect(fromEslint.length).toBeGreaterThanOrEqual(4);

    expect(isCliBuilt()).toBe(true);
    const run = await runCli(['check', dir, '--no-cache', '--format', 'json']);
    expect(run.exitCode, run.stderr).toBe(1);
    const fromCheck = (JSON.parse(run.stdout) as { violations: (Found & { kind: string })[] }).violations
      .filter((violation) => violation.kind === 'import')
      .map(({ from, line, to, rule }) => ({ from, line, to, rule }));
    // check keeps one violation per file pair at its first line; the editor marks every import.
    const firstPerPair = new Map<string, Found>();
    for (const found of sorted(fromEslint)) if (!firstPerPair.has(`${found.from}>${found.to}`)) firstPerPair.set(`${found.from}>${found.to}`, found);
    expect(sorted([...firstPerPair.values()])).toEqual(sorted(fromCheck));
  }, 120_000);

  it('says what is wrong with a broken config once, on the file, instead of crashing the lint', async () => {
    const broken = realpathSync(mkdtempSync(join(tmpdir(), 'carve-eslint-broken-')));
    try {
      writeFileSync(join(broken, 'carve.config.json'), '{ "contexts": { "a": { "paths": "src/**" } } }');
      mkdirSync(join(broken, 'src'));
      writeFileSync(join(broken, 'src', 'a.ts'), 'export const a = 1;\n');
      const eslint = new ESLint({ cwd: broken, overrideConfigFile: true, overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as never } }, carve.configs.recommended as never] });
      const [result] = await eslint.lintFiles(['src/a.ts']);
      expect(result!.messages.map((message) => message.message)).toEqual([expect.stringMatching(/^carve: .*contexts\.a\.paths: expected array/)]);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
