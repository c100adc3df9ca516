import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/extract/file-facts.js';
import { scanImports } from '../../src/extract/imports/scan-imports.js';

function scan(text: string) {
  return scanImports(parseSource('src/file.ts', text));
}

describe('scanImports: kinds', () => {
  it('gives every import form its own kind', () => {
    const result = scan(
      [
        "import { a } from './a';",
        "import type { T } from './t';",
        "import { type U } from './u';",
        "import { type V, w } from './vw';",
        "export * from './star';",
        "export { x } from './x';",
        "export type { Y } from './y';",
        "import './side';",
        "const lazy = () => import('./lazy');",
        "const r = require('./req');",
        "import eq = require('./eq');",
        'a(); w(); r.go(); eq.run(); lazy();',
      ].join('\n'),
    );
    const kinds = Object.fromEntries(result.imports.map((fact) => [fact.specifier, fact.kind]));
    expect(kinds).toEqual({
      './a': 'import',
      './t': 'type',
      './u': 'type',
      './vw': 'import',
      './star': 'reexport',
      './x': 'reexport',
      './y': 'type',
      './side': 'side-effect',
      './lazy': 'dynamic',
      './req': 'require',
      './eq': 'require',
    });
  });

  it('records the line of each import', () => {
    const result = scan("\n\nimport { a } from './a';\nconst m = require('./m');\n");
    expect(result.imports.map((fact) => [fact.specifier, fact.line]).sort()).toEqual([
      ['./a', 3],
      ['./m', 4],
    ]);
  });

  it('ignores a non-literal dynamic import and a require with more arguments', () => {
    const result = scan("const name = './x'; import(name); require(name, 1);");
    expect(result.imports).toEqual([]);
  });
});

describe('scanImports: references', () => {
  it('counts references to imported names, not declarations or property names', () => {
    const result = scan(
      [
        "import { createOrder, Order } from './orders';",
        'const order: Order = createOrder();',
        'createOrder();',
        'const other = { createOrder: 1 };',
        'other.createOrder;',
      ].join('\n'),
    );
    const bindings = Object.fromEntries(result.imports[0]!.bindings.map((b) => [b.local, b]));
    expect(bindings.createOrder!.references).toBe(2);
    expect(bindings.createOrder!.referenceLines).toEqual([2, 3]);
    expect(bindings.Order!.references).toBe(1);
  });

  it('tells used calls from discarded ones (for sync versus event seams)', () => {
    const result = scan(
      [
        "import { bus } from './bus';",
        "import { price } from './price';",
        "bus.emit('order.placed', {});",
        'await bus.publish({});',
        'const total = price(1);',
        'void bus.emit("x");',
      ].join('\n'),
    );
    const [busBinding] = result.imports[0]!.bindings;
    const [priceBinding] = result.imports[1]!.bindings;
    expect(busBinding!.discardedCalls).toBe(3);
    expect(busBinding!.usedCalls).toBe(0);
    expect(priceBinding!.usedCalls).toBe(1);
    expect(priceBinding!.discardedCalls).toBe(0);
  });

  it('records members used through a namespace import', () => {
    const result = scan("import * as orders from './orders';\norders.create(); orders.cancel(); orders.create();");
    const [binding] = result.imports[0]!.bindings;
    expect(binding!.imported).toBe('*');
    expect(binding!.members).toEqual(['cancel', 'create']);
    expect(binding!.references).toBe(3);
  });

  it('binds destructured require and awaited dynamic import names', () => {
    const result = scan("const { a, b: c } = require('./x');\nasync function f() { const { d } = await import('./y'); return d; }\nc();");
    const byModule = Object.fromEntries(result.imports.map((fact) => [fact.specifier, fact.bindings.map((b) => `${b.imported}:${b.local}:${b.references}`)]));
    expect(byModule).toEqual({ './x': ['a:a:0', 'b:c:1'], './y': ['d:d:1'] });
  });
});

describe('scanImports: exports', () => {
  it('separates declared, forwarded and re-exported names', () => {
    const result = scan(
      [
        "import { helper } from './helper';",
        'export function make() {}',
        'export const one = 1, two = 2;',
        'export class Thing {}',
        'export interface Shape {}',
        'export default function () {}',
        'const local = 1;',
        'export { local as renamed, helper };',
        "export * as ns from './ns';",
        "export { default as Widget } from './widget';",
      ].join('\n'),
    );
    expect([...new Set(result.declared)].sort()).toEqual(['Shape', 'Thing', 'default', 'make', 'one', 'renamed', 'two']);
    expect(result.forwarded).toEqual([{ exported: 'helper', local: 'helper' }]);
    expect(result.reexports.map((reexport) => reexport.names)).toEqual([[{ exported: 'ns', imported: '*' }], [{ exported: 'Widget', imported: 'default' }]]);
  });
});
