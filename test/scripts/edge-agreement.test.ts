import { describe, expect, it } from 'vitest';
import { inScope } from '../../scripts/lib/backend-truth.js';
import { compareGraphs, edgeKey, whyEdgeMissing, type CarveGraph, type CruiseGraph } from '../../scripts/lib/edge-agreement.js';
import { createPrng } from '../../scripts/lib/prng.js';

function carve(files: string[], edges: [string, string][], externals: Record<string, string[]> = {}): CarveGraph {
  return {
    files: new Set(files),
    edges: new Set(edges.map(([a, b]) => edgeKey(a, b))),
    viaEdges: 0,
    externals: new Map(Object.entries(externals).map(([f, list]) => [f, new Set(list)])),
    unresolved: new Map(),
    entities: [],
    accesses: [],
    summary: {},
  };
}

function cruise(edges: [string, string, string, string[]][]): CruiseGraph {
  const files = new Set(edges.flatMap(([a, b]) => [a, b]));
  return {
    files,
    edges: new Map(edges.map(([from, to, specifier, types]) => [edgeKey(from, to), { from, to, specifier, types }])),
    unresolved: 0,
  };
}

describe('edge agreement with dependency-cruiser', () => {
  it('counts the shared edges and names why the others are missing', () => {
    const dc = cruise([
      ['api/src/a.ts', 'api/src/b.ts', './b', ['local', 'import']],
      ['api/src/a.ts', 'api/src/c.ts', '@app/c', ['aliased', 'aliased-tsconfig-paths', 'local', 'import']],
      ['api/src/a.spec.ts', 'api/src/a.ts', './a', ['local', 'import']],
      ['api/src/.well-known/route.ts', 'api/src/b.ts', '../b', ['local', 'import']],
    ]);
    const cv = carve(['api/src/a.ts', 'api/src/b.ts', 'api/src/c.ts'], [['api/src/a.ts', 'api/src/b.ts']], { 'api/src/a.ts': ['@app/c'] });
    const result = compareGraphs(dc, cv, '/nonexistent', ['api/src'], createPrng(1));
    expect(result.shared).toBe(1);
    expect(result.cruiseEdges).toBe(4);
    expect(result.agreement).toBe(0.25);
    // The test importer is left out on purpose: the non-test share has 3 edges, 1 shared.
    expect(result.agreementNonTest).toBeCloseTo(1 / 3);
    expect(result.reasons).toEqual({
      'importer: dot-folder left out': 1,
      'importer: test-like path left out': 1,
      'specifier counted as an npm package': 1,
    });
    // Non-test gaps come first in the sample.
    expect(result.samples.map((s) => s.reason).at(-1)).toBe('importer: test-like path left out');
  });

  it('tells a type-only or dynamic import Carve dropped from a relative one', () => {
    const cv = carve(['a.ts', 'b.ts'], []);
    expect(whyEdgeMissing({ from: 'a.ts', to: 'b.ts', specifier: './b', types: ['local', 'type-only'] }, cv)).toBe('type-only import');
    expect(whyEdgeMissing({ from: 'a.ts', to: 'b.ts', specifier: './b', types: ['local', 'dynamic-import'] }, cv)).toBe('dynamic import');
    expect(whyEdgeMissing({ from: 'a.ts', to: 'b.ts', specifier: './b', types: ['local', 'import'] }, cv)).toBe('relative import resolved elsewhere or dropped');
  });

  it('scopes by whole folder names', () => {
    expect(inScope('apps/api/src/x.ts', ['apps/api'])).toBe(true);
    expect(inScope('apps/api-gateway/x.ts', ['apps/api'])).toBe(false);
  });
});
