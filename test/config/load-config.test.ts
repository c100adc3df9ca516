// carve.config.json: finding it, and one clear error naming the file and the dotted field for every
// kind of mistake (broken JSON, wrong types, unknown keys, unknown contexts, overlaps, stray exposes).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselinePath, contextOfFile, isExposedFile, loadConfig, parseConfig } from '../../src/config/index.js';
import { errorOf } from '../helpers/carve-error.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'carve-config-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function configText(value: unknown): string {
  return JSON.stringify(value);
}

const valid = {
  contexts: {
    catalog: { paths: ['src/catalog/**'], entities: ['products'], expose: ['src/catalog/index.ts'] },
    orders: { paths: ['src/orders/**'], entities: ['orders'], dependsOn: ['catalog'], expose: ['src/orders/index.ts'] },
  },
};

describe('loadConfig', () => {
  it('returns null when the folder has no config', () => {
    const dir = join(scratch, 'empty');
    mkdirSync(dir);
    expect(loadConfig(dir)).toBeNull();
  });

  it('reads <root>/carve.config.json and resolves the baseline beside it', () => {
    const dir = join(scratch, 'plain');
    mkdirSync(dir);
    writeFileSync(join(dir, 'carve.config.json'), configText({ ...valid, baseline: 'ci/accepted.json' }));
    const loaded = loadConfig(dir)!;
    expect(loaded.path).toBe(join(dir, 'carve.config.json'));
    expect(Object.keys(loaded.config.contexts)).toEqual(['catalog', 'orders']);
    expect(baselinePath(loaded)).toBe(join(dir, 'ci', 'accepted.json'));
  });

  it('defaults the baseline to carve-baseline.json', () => {
    const dir = join(scratch, 'default-baseline');
    mkdirSync(dir);
    writeFileSync(join(dir, 'carve.config.json'), configText(valid));
    expect(baselinePath(loadConfig(dir)!)).toBe(join(dir, 'carve-baseline.json'));
  });

  it('takes an explicit path relative to the root, and fails when it does not exist', () => {
    const dir = join(scratch, 'explicit');
    mkdirSync(join(dir, 'config'), { recursive: true });
    writeFileSync(join(dir, 'config', 'boundaries.json'), configText(valid));
    expect(loadConfig(dir, 'config/boundaries.json')?.path).toBe(join(dir, 'config', 'boundaries.json'));
    const error = errorOf(() => loadConfig(dir, 'config/missing.json'));
    expect(error.message).toContain('config/missing.json');
  });

  it('names the file when JSON is broken, with a line', () => {
    const dir = join(scratch, 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'carve.config.json'), '{\n  "contexts": {\n    "orders": { "paths": ["src/**"] },\n  }\n}\n');
    const error = errorOf(() => loadConfig(dir));
    expect(error.message).toMatch(/^carve\.config\.json: not valid JSON: .*line 4/);
  });
});

describe('parseConfig field errors', () => {
  const cases: [string, unknown, RegExp][] = [
    ['unknown dependsOn context', { contexts: { orders: { paths: ['src/orders/**'], dependsOn: ['billing'] } } }, /^carve\.config\.json: contexts\.orders\.dependsOn\[0\]: unknown context 'billing'$/],
    ['a near-miss context name', { contexts: { billing: { paths: ['b/**'] }, orders: { paths: ['o/**'], dependsOn: ['biling'] } } }, /contexts\.orders\.dependsOn\[0\]: unknown context 'biling' \(did you mean 'billing'\?\)/],
    ['a misspelt field', { contexts: { orders: { paths: ['src/**'], dependOn: [] } } }, /^carve\.config\.json: contexts\.orders\.dependOn: unknown field \(did you mean 'dependsOn'\?\)$/],
    ['a misspelt top-level field', { context: {} }, /^carve\.config\.json: context: unknown field \(did you mean 'contexts'\?\)/],
    ['paths as a string', { contexts: { orders: { paths: 'src/orders/**' } } }, /^carve\.config\.json: contexts\.orders\.paths: expected array, received string$/],
    ['no paths', { contexts: { orders: { entities: [] } } }, /^carve\.config\.json: contexts\.orders\.paths: is required/],
    ['empty paths', { contexts: { orders: { paths: [] } } }, /contexts\.orders\.paths: a context needs at least one path glob/],
    ['a number in entities', { contexts: { orders: { paths: ['o/**'], entities: ['orders', 7] } } }, /contexts\.orders\.entities\[1\]: expected string, received number/],
    ['no contexts', {}, /^carve\.config\.json: contexts: is required/],
    ['a bad context name', { contexts: { 'my orders': { paths: ['o/**'] } } }, /contexts\["my orders"\]: bad name/],
    ['a context depending on itself', { contexts: { orders: { paths: ['o/**'], dependsOn: ['orders'] } } }, /contexts\.orders\.dependsOn\[0\]: a context cannot depend on itself/],
    ['an exposed file outside the context', { contexts: { orders: { paths: ['src/orders/**'], expose: ['src/billing/index.ts'] } } }, /contexts\.orders\.expose\[0\]: 'src\/billing\/index\.ts' is outside context 'orders'/],
    ['an exposed glob outside the context', { contexts: { orders: { paths: ['src/orders/**'], expose: ['src/api/*.ts'] } } }, /contexts\.orders\.expose\[0\]: 'src\/api\/\*\.ts' is outside/],
    ['nested overlapping paths', { contexts: { core: { paths: ['src/**'] }, orders: { paths: ['src/orders/**'] } } }, /contexts\.orders\.paths\[0\]: 'src\/orders\/\*\*' overlaps contexts\.core\.paths\[0\] 'src\/\*\*'/],
    ['a file claimed twice', { contexts: { a: { paths: ['src/x.ts'] }, b: { paths: ['src/*.ts'] } } }, /contexts\.b\.paths\[0\]: 'src\/\*\.ts' overlaps contexts\.a\.paths\[0\] 'src\/x\.ts'/],
    ['an entity with two owners', { contexts: { a: { paths: ['a/**'], entities: ['orders'] }, b: { paths: ['b/**'], entities: ['orders'] } } }, /contexts\.b\.entities\[0\]: 'orders' is already owned by context 'a'/],
    ['an absolute glob', { contexts: { a: { paths: ['/src/**'] } } }, /contexts\.a\.paths\[0\]: '\/src\/\*\*': globs are relative/],
    ['a glob leaving the folder', { contexts: { a: { paths: ['../other/**'] } } }, /contexts\.a\.paths\[0\]: .*cannot leave/],
    ['a Windows separator', { contexts: { a: { paths: ['src\\orders\\**'] } } }, /contexts\.a\.paths\[0\]: .*use '\/' separators/],
    ['a non-object', ['contexts'], /^carve\.config\.json: \(top level\): expected object, received array$/],
  ];
  it.each(cases)('%s', (_name, value, pattern) => {
    const error = errorOf(() => parseConfig(configText(value)));
    expect(error.code).toBe('bad-config');
    expect(error.message).toMatch(pattern);
    expect(error.hint).toBeTruthy();
  });

  it('counts further problems', () => {
    const error = errorOf(() => parseConfig(configText({ contexts: { a: { paths: ['a/**'], dependsOn: ['x', 'y'] } } })));
    expect(error.message).toMatch(/unknown context 'x' \(and 1 more problem\)$/);
  });

  it('names the file it was given', () => {
    const error = errorOf(() => parseConfig(configText({ contexts: { a: { paths: 3 } } }), 'config/carve.json'));
    expect(error.message).toMatch(/^config\/carve\.json: contexts\.a\.paths:/);
  });

  it('accepts the example of DESIGN.md', () => {
    const config = parseConfig(configText({ include: ['src/**/*.ts'], exclude: ['**/*.spec.ts'], ...valid, baseline: 'carve-baseline.json', $schema: './x.json' }));
    expect(config.contexts.orders?.dependsOn).toEqual(['catalog']);
  });
});

describe('contextOfFile', () => {
  const config = parseConfig(
    configText({
      contexts: {
        catalog: { paths: ['./src/catalog/**', 'src/legacy/product-*.ts'], expose: ['src/catalog/index.ts', 'src/catalog/api/*.ts'] },
        orders: { paths: ['src/orders/**', '!src/orders/legacy/**'] },
        shipping: { paths: ['src/orders/legacy/shipment.ts'] },
      },
    }),
  );

  it('maps files by the globs, ./ ignored', () => {
    expect(contextOfFile(config, 'src/catalog/pricing.ts')).toBe('catalog');
    expect(contextOfFile(config, 'src/catalog/deep/inside/x.ts')).toBe('catalog');
    expect(contextOfFile(config, 'src/legacy/product-view.ts')).toBe('catalog');
    expect(contextOfFile(config, 'src/orders/order.service.ts')).toBe('orders');
  });

  it('leaves files no glob matches in no context', () => {
    expect(contextOfFile(config, 'src/shared/money.ts')).toBeNull();
    expect(contextOfFile(config, 'src/legacy/other.ts')).toBeNull();
    expect(contextOfFile(config, 'src/catalogue/x.ts')).toBeNull();
  });

  it('lets a !glob take files out of a context', () => {
    expect(contextOfFile(config, 'src/orders/legacy/shipment.ts')).toBe('shipping');
    expect(contextOfFile(config, 'src/orders/legacy/old.ts')).toBeNull();
  });

  it('knows what a context exposes', () => {
    expect(isExposedFile(config, 'catalog', 'src/catalog/index.ts')).toBe(true);
    expect(isExposedFile(config, 'catalog', 'src/catalog/api/search.ts')).toBe(true);
    expect(isExposedFile(config, 'catalog', 'src/catalog/pricing.ts')).toBe(false);
    // No expose list: every file of the context is open.
    expect(isExposedFile(config, 'orders', 'src/orders/anything.ts')).toBe(true);
  });

  it('fails, naming both fields, on a file two contexts claim', () => {
    // Overlap no static check can see: two globs that only meet on a real file.
    const overlapping = parseConfig(configText({ contexts: { a: { paths: ['src/*.service.ts'] }, b: { paths: ['src/order*'] } } }), 'my.json');
    expect(contextOfFile(overlapping, 'src/billing.service.ts')).toBe('a');
    const error = errorOf(() => contextOfFile(overlapping, 'src/order.service.ts'));
    expect(error.message).toBe("my.json: contexts.b.paths[0]: 'src/order.service.ts' is also matched by contexts.a.paths[0]; a file belongs to one context");
  });
});
