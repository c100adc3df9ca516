import { describe, expect, it } from 'vitest';
import { linkModules } from '../../src/extract/link/link-modules.js';
import { createExportResolver } from '../../src/extract/link/resolve-export.js';
import type { FileFacts, ImportFact } from '../../src/shared/facts.js';
import { fileFacts } from '../helpers/file-facts.js';

const file = fileFacts;

function importOf(resolved: string, names: string[], kind: ImportFact['kind'] = 'import', references = 1): ImportFact {
  return {
    specifier: `./${resolved}`,
    kind,
    line: 1,
    resolved,
    external: null,
    isUnresolved: false,
    bindings: names.map((name) => ({ imported: name, local: name, isTypeOnly: false, references, members: [], referenceLines: [2], discardedCalls: 0, usedCalls: 0 })),
  };
}

// app.ts imports { createOrder } from the barrel orders/index.ts, which `export *`s service.ts,
// which passes on createOrder from impl.ts.
const project: FileFacts[] = [
  file('app.ts', { imports: [importOf('orders/index.ts', ['createOrder'], 'import', 3)] }),
  file('orders/index.ts', {
    imports: [importOf('orders/service.ts', [], 'reexport')],
    exports: { declared: [], forwarded: [], reexports: [{ from: 'orders/service.ts', names: null, line: 1 }] },
  }),
  file('orders/service.ts', {
    imports: [importOf('orders/impl.ts', ['createOrder'], 'reexport')],
    exports: { declared: ['other'], forwarded: [], reexports: [{ from: 'orders/impl.ts', names: [{ exported: 'createOrder', imported: 'createOrder' }], line: 1 }] },
  }),
  file('orders/impl.ts', { exports: { declared: ['createOrder'], forwarded: [], reexports: [] } }),
];

describe('export resolution', () => {
  it('follows export * and named re-exports to the declaring file', () => {
    const resolve = createExportResolver(project);
    expect(resolve('orders/index.ts', 'createOrder')).toEqual({ file: 'orders/impl.ts', name: 'createOrder' });
    expect(resolve('orders/index.ts', 'other')).toEqual({ file: 'orders/service.ts', name: 'other' });
    expect(resolve('orders/index.ts', 'missing')).toBeNull();
  });

  it('ends on circular re-exports instead of looping', () => {
    const cyclic = [
      file('a.ts', { exports: { declared: [], forwarded: [], reexports: [{ from: 'b.ts', names: null, line: 1 }] } }),
      file('b.ts', { exports: { declared: [], forwarded: [], reexports: [{ from: 'a.ts', names: null, line: 1 }] } }),
    ];
    expect(createExportResolver(cyclic)('a.ts', 'x')).toBeNull();
  });
});

describe('linkModules', () => {
  it('emits the barrel edge and the edge to the defining file, with via', () => {
    const { dependencies } = linkModules(project, createExportResolver(project));
    const fromApp = dependencies.filter((dependency) => dependency.from === 'app.ts');
    expect(fromApp.map((d) => ({ to: d.to, via: d.via, symbols: d.symbols, weight: d.weight }))).toEqual([
      { to: 'orders/impl.ts', via: 'orders/index.ts', symbols: ['createOrder'], weight: 4 },
      { to: 'orders/index.ts', via: undefined, symbols: ['createOrder'], weight: 4 },
    ]);
  });

  it('weights an edge by distinct symbols plus references, at least 1', () => {
    const files = [file('a.ts', { imports: [importOf('b.ts', ['x', 'y'], 'import', 2), importOf('c.ts', [], 'side-effect')] }), file('b.ts', {}), file('c.ts', {})];
    const { dependencies } = linkModules(files, createExportResolver(files));
    expect(dependencies.map((d) => [d.to, d.kind, d.weight])).toEqual([
      ['b.ts', 'import', 6],
      ['c.ts', 'side-effect', 1],
    ]);
  });

  it('counts external imports per module', () => {
    const files = [file('a.ts', { imports: [{ ...importOf('x', []), resolved: null, external: 'lodash' }, { ...importOf('y', []), resolved: null, external: 'node:fs' }] })];
    expect(linkModules(files, createExportResolver(files)).modules[0]!.external).toEqual({ lodash: 1, 'node:fs': 1 });
  });
});
