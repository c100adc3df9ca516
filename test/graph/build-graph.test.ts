import { describe, expect, it } from 'vitest';
import { buildGraph, entityNodeId } from '../../src/graph/index.js';
import type { GraphEdge } from '../../src/graph/types.js';
import {
  DATA_READ_FACTOR,
  DATA_WRITE_FACTOR,
  IMPORT_FACTOR,
  REEXPORT_FACTOR,
  TYPE_IMPORT_FACTOR,
  useStrength,
} from '../../src/graph/weights.js';
import type { ExtractResult } from '../../src/extract/types.js';
import type { DataAccessRecord, DependencyRecord } from '../../src/shared/analysis.js';
import type { FileFacts, ImportKind } from '../../src/shared/facts.js';

function dependency(from: string, to: string, kind: ImportKind, symbols: string[], references: number, via?: string): DependencyRecord {
  return {
    from,
    to,
    kind,
    weight: symbols.length + references,
    symbols,
    locations: [{ line: 1 }],
    calls: { used: 0, discarded: 0 },
    ...(via === undefined ? {} : { via }),
  };
}

function access(module: string, entity: string, mode: 'read' | 'write', operations: string[], lines: number): DataAccessRecord {
  return { module, entity, mode, orm: 'typeorm', operations, locations: Array.from({ length: lines }, (_, i) => ({ line: i + 1 })) };
}

function extract(modules: string[], dependencies: DependencyRecord[], dataAccess: DataAccessRecord[] = []): ExtractResult {
  return {
    files: [],
    modules: modules.map((id) => ({ id, loc: 10, external: {}, unresolvedDataAccess: 0 })),
    dependencies,
    entities: [
      { id: 'Order', table: 'orders', orm: 'typeorm', definedIn: 'src/order.entity.ts', line: 3 },
      { id: 'Invoice', table: 'invoices', orm: 'typeorm', definedIn: null, line: null },
    ],
    dataAccess,
    diagnostics: [],
    cacheStats: null,
    dataAccessMs: 0,
  };
}

function edge(edges: GraphEdge[], source: string, target: string, type: GraphEdge['type']): GraphEdge | undefined {
  return edges.find((e) => e.source === source && e.target === target && e.type === type);
}

describe('buildGraph', () => {
  it('has one node per module and per entity, sorted by id', () => {
    const graph = buildGraph(extract(['src/b.ts', 'src/a.ts'], []));
    expect(graph.nodes.map((node) => [node.id, node.type])).toEqual([
      ['entity:Invoice', 'entity'],
      ['entity:Order', 'entity'],
      ['src/a.ts', 'module'],
      ['src/b.ts', 'module'],
    ]);
    expect(entityNodeId('Order')).toBe('entity:Order');
  });

  it('weighs imports by the symbols used, type-only imports less, and keeps symbols + references as raw', () => {
    const graph = buildGraph(
      extract(['src/a.ts', 'src/b.ts', 'src/c.ts'], [
        dependency('src/a.ts', 'src/b.ts', 'import', ['x', 'y', 'z', 'w'], 9),
        dependency('src/a.ts', 'src/c.ts', 'type', ['T'], 2),
      ]),
    );
    const value = edge(graph.edges, 'src/a.ts', 'src/b.ts', 'import');
    const typeOnly = edge(graph.edges, 'src/a.ts', 'src/c.ts', 'type');
    expect(value).toMatchObject({ raw: 13, weight: IMPORT_FACTOR * 3 });
    expect(typeOnly).toMatchObject({ raw: 3, weight: TYPE_IMPORT_FACTOR * 1 });
    expect(useStrength(4)).toBe(3);
    expect((typeOnly as GraphEdge).weight).toBeLessThan(IMPORT_FACTOR * useStrength(1));
  });

  it('does not count a barrel import twice: the direct edge carries the use, the barrel edge is plumbing', () => {
    const graph = buildGraph(
      extract(['src/app.ts', 'src/lib/index.ts', 'src/lib/x.ts', 'src/lib/y.ts'], [
        dependency('src/app.ts', 'src/lib/index.ts', 'import', ['x', 'y'], 4),
        dependency('src/app.ts', 'src/lib/x.ts', 'import', ['x'], 3, 'src/lib/index.ts'),
        dependency('src/app.ts', 'src/lib/y.ts', 'import', ['y'], 1, 'src/lib/index.ts'),
        dependency('src/lib/index.ts', 'src/lib/x.ts', 'reexport', ['x'], 0),
        dependency('src/lib/index.ts', 'src/lib/y.ts', 'reexport', ['y'], 0),
      ]),
    );
    expect(edge(graph.edges, 'src/app.ts', 'src/lib/x.ts', 'import')?.weight).toBe(IMPORT_FACTOR);
    expect(edge(graph.edges, 'src/app.ts', 'src/lib/index.ts', 'import')?.weight).toBe(REEXPORT_FACTOR * useStrength(2));
    expect(edge(graph.edges, 'src/lib/index.ts', 'src/lib/x.ts', 'import')?.weight).toBe(REEXPORT_FACTOR);
  });

  it('weighs `export type { X } from` in a barrel as a re-export, not as a type import', () => {
    const base = extract(['src/dto/index.ts', 'src/dto/a.dto.ts', 'src/dto/b.dto.ts', 'src/use.ts'], [
      dependency('src/dto/index.ts', 'src/dto/a.dto.ts', 'type', ['A'], 1),
      dependency('src/dto/index.ts', 'src/dto/b.dto.ts', 'type', ['B'], 1),
      dependency('src/use.ts', 'src/dto/b.dto.ts', 'type', ['B'], 1),
    ]);
    const reexporting: FileFacts = {
      path: 'src/dto/index.ts',
      hash: '',
      loc: 1,
      imports: [],
      exports: { declared: [], forwarded: [], reexports: [{ from: 'src/dto/a.dto.ts', names: [{ exported: 'A', imported: 'A' }], line: 1 }] },
      entities: [],
      dataAccess: [],
      unresolvedDataAccess: 0,
      entryPoints: [],
      diagnostics: [],
    };
    const graph = buildGraph({ ...base, files: [reexporting] });
    expect(edge(graph.edges, 'src/dto/index.ts', 'src/dto/a.dto.ts', 'import')?.weight).toBe(REEXPORT_FACTOR);
    expect(edge(graph.edges, 'src/dto/index.ts', 'src/dto/a.dto.ts', 'type')).toBeUndefined();
    // A type import that is not re-exported stays one.
    expect(edge(graph.edges, 'src/dto/index.ts', 'src/dto/b.dto.ts', 'type')?.weight).toBe(TYPE_IMPORT_FACTOR);
    expect(edge(graph.edges, 'src/use.ts', 'src/dto/b.dto.ts', 'type')?.weight).toBe(TYPE_IMPORT_FACTOR);
  });

  it('keeps full weight on a barrel edge for what the barrel declares itself', () => {
    const graph = buildGraph(
      extract(['src/app.ts', 'src/lib/index.ts', 'src/lib/x.ts'], [
        dependency('src/app.ts', 'src/lib/index.ts', 'import', ['own', 'x'], 2),
        dependency('src/app.ts', 'src/lib/x.ts', 'import', ['x'], 1, 'src/lib/index.ts'),
      ]),
    );
    expect(edge(graph.edges, 'src/app.ts', 'src/lib/index.ts', 'import')?.weight).toBeCloseTo(IMPORT_FACTOR + REEXPORT_FACTOR, 6);
  });

  it('ties files to entities, writes more than reads, whatever the number of operations', () => {
    const graph = buildGraph(
      extract(['src/repo.ts', 'src/report.ts'], [], [
        access('src/repo.ts', 'Order', 'write', ['save', 'delete'], 5),
        access('src/report.ts', 'Order', 'read', ['find'], 1),
        access('src/report.ts', 'Unknown', 'read', ['find'], 1),
      ]),
    );
    expect(edge(graph.edges, 'src/repo.ts', 'entity:Order', 'data-write')).toMatchObject({ raw: 5, weight: DATA_WRITE_FACTOR });
    expect(edge(graph.edges, 'src/report.ts', 'entity:Order', 'data-read')).toMatchObject({ raw: 1, weight: DATA_READ_FACTOR });
    expect(DATA_WRITE_FACTOR).toBeGreaterThan(DATA_READ_FACTOR);
    // An access to an entity the extractor did not list has no node to land on.
    expect(graph.edges.some((e) => e.target === 'entity:Unknown')).toBe(false);
  });

  it('adds co-change edges smaller id first, and merges one edge per (source, target, type), sorted', () => {
    const graph = buildGraph(
      extract(['src/a.ts', 'src/b.ts'], [
        dependency('src/b.ts', 'src/a.ts', 'import', ['f'], 1),
        dependency('src/b.ts', 'src/a.ts', 'require', ['g'], 1),
        dependency('src/b.ts', 'src/b.ts', 'import', ['self'], 1),
      ]),
      { coChanges: [{ a: 'src/b.ts', b: 'src/a.ts', count: 4 }, { a: 'src/a.ts', b: 'src/gone.ts', count: 9 }] },
    );
    expect(graph.edges).toEqual([
      { source: 'src/a.ts', target: 'src/b.ts', type: 'cochange', raw: 4, weight: 1.5 },
      { source: 'src/b.ts', target: 'src/a.ts', type: 'import', raw: 4, weight: 2 },
    ]);
  });

  it('gives the same graph whatever order the records come in', () => {
    const records = [
      dependency('src/a.ts', 'src/b.ts', 'import', ['x'], 2),
      dependency('src/c.ts', 'src/a.ts', 'type', ['T'], 1),
      dependency('src/b.ts', 'src/c.ts', 'import', ['y', 'z'], 1),
    ];
    const modules = ['src/a.ts', 'src/b.ts', 'src/c.ts'];
    const forward = buildGraph(extract(modules, records));
    const backward = buildGraph(extract([...modules].reverse(), [...records].reverse()));
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });
});
