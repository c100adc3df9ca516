import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMonolith } from '../../scripts/generate-monolith.js';
import { detectContexts } from '../../src/contexts/index.js';
import { buildGraph } from '../../src/graph/index.js';
import type { DependencyGraph } from '../../src/graph/types.js';
import { createRandom } from '../../src/shared/random.js';
import { extractFromGenerated } from './helpers/generated-extract.js';

const fixtures = join(import.meta.dirname, '../../fixtures/contexts');
const load = (name: string): DependencyGraph => JSON.parse(readFileSync(join(fixtures, name, 'graph.json'), 'utf8')) as DependencyGraph;
const scratch = mkdtempSync(join(tmpdir(), 'carve-contexts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('detectContexts', () => {
  const monolith = generateMonolith(join(scratch, 'small'), { files: 300, domains: 6, mixing: 0.2, seed: 11 });
  const generated = buildGraph(extractFromGenerated(monolith));

  it('gives byte-identical output for the same graph, whatever the order of its nodes and edges', () => {
    const once = JSON.stringify(detectContexts(generated, { seed: 3 }));
    expect(JSON.stringify(detectContexts(generated, { seed: 3 }))).toBe(once);
    const reordered = { nodes: shuffled(generated.nodes, 1), edges: shuffled(generated.edges, 2) };
    expect(JSON.stringify(detectContexts(reordered, { seed: 3 }))).toBe(once);
  });

  it('puts every module in exactly one context, the kernel, the composition roots or unassigned, and reports sorted lists', () => {
    const map = detectContexts(generated);
    const modules = generated.nodes.filter((node) => node.type === 'module').map((node) => node.id);
    const placed = [...map.contexts.flatMap((context) => context.modules), ...map.sharedKernel, ...map.compositionRoots, ...map.unassigned];
    expect([...placed].sort()).toEqual([...modules].sort());
    expect(new Set(placed).size).toBe(placed.length);
    expect(map.contexts.map((context) => context.id)).toEqual([...map.contexts.map((context) => context.id)].sort());
    for (const context of map.contexts) {
      expect(context.modules).toEqual([...context.modules].sort());
      for (const module of context.modules) expect(map.membership[module]).toBe(context.id);
      expect(context.metrics.stability).toBeGreaterThan(0);
      expect(context.metrics.stability).toBeLessThanOrEqual(1);
    }
    // The generator's kernel (logger, config, errors, db, bus) is found.
    expect(map.sharedKernel).toEqual(expect.arrayContaining(monolith.kernel));
    // Its entry file wires every controller and handler: a composition root, in no context.
    expect(map.compositionRoots).toEqual(['src/main.ts']);
    expect(map.membership['src/main.ts']).toBeUndefined();
    expect(map.compositionRoots).toEqual([...map.compositionRoots].sort());
    expect(map.metrics.contexts).toBe(map.contexts.length);
  });

  it('keeps pinned files in their configured context and lets the rest join it or not', () => {
    const graph = load('two-clusters');
    const pinned = {
      'src/orders/order.controller.ts': 'sales',
      'src/orders/order.service.ts': 'sales',
      // Pinned against its ties: it must stay where the config says.
      'src/billing/invoice-pdf.ts': 'sales',
    };
    const map = detectContexts(graph, { pinned, entityTables: { Order: 'orders', Invoice: 'invoices' } });
    const sales = map.contexts.find((context) => context.id === 'sales');
    expect(sales?.origin).toBe('config');
    expect(sales?.modules).toEqual(expect.arrayContaining(Object.keys(pinned)));
    expect(sales?.modules).toEqual(expect.arrayContaining(['src/orders/order.repository.ts', 'src/orders/order.entity.ts']));
    const billing = map.contexts.find((context) => context.modules.includes('src/billing/invoice.service.ts'));
    expect(billing?.origin).toBe('detected');
    expect(billing?.id).not.toBe('sales');
  });

  it('never merges two pinned contexts, even when Louvain puts them together', () => {
    const graph = load('two-clusters');
    const map = detectContexts(graph, {
      pinned: { 'src/orders/order.controller.ts': 'front', 'src/orders/order.repository.ts': 'back' },
    });
    const front = map.contexts.find((context) => context.id === 'front');
    const back = map.contexts.find((context) => context.id === 'back');
    expect(front?.modules).toContain('src/orders/order.controller.ts');
    expect(back?.modules).toContain('src/orders/order.repository.ts');
    expect(front?.modules).not.toContain('src/orders/order.repository.ts');
    // The order files are all placed, in one of the two.
    const orders = graph.nodes.filter((node) => node.id.startsWith('src/orders/')).map((node) => node.id);
    for (const file of orders) expect(['front', 'back']).toContain(map.membership[file]);
  });

  it('merges clusters under the minimum size into the context they are most tied to', () => {
    const clique = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => `src/big/${name}.ts`);
    const triangle = ['x', 'y', 'z'].map((name) => `src/small/${name}.ts`);
    const edges: DependencyGraph['edges'] = [];
    for (const group of [clique, triangle]) {
      for (const source of group) for (const target of group) if (source < target) edges.push({ source, target, type: 'import', raw: 2, weight: 1 });
    }
    edges.push({ source: 'src/small/x.ts', target: 'src/big/a.ts', type: 'import', raw: 2, weight: 1 });
    const graph: DependencyGraph = {
      nodes: [...clique, ...triangle, 'src/lonely.ts'].map((id) => ({ id, type: 'module', loc: 1 })),
      edges,
    };
    const separate = detectContexts(graph, { minContextSize: 3 });
    expect(separate.contexts).toHaveLength(2);
    const merged = detectContexts(graph, { minContextSize: 4 });
    expect(merged.contexts).toHaveLength(1);
    expect(merged.contexts[0]?.modules).toEqual([...clique, ...triangle].sort());
    // A file tied to nothing is in no context.
    expect(merged.unassigned).toEqual(['src/lonely.ts']);
  });

  it('gives an entity to the context that writes it, even when another reads it more', () => {
    const map = detectContexts(load('two-clusters'));
    expect(map.membership['entity:Order']).toBe(map.membership['src/orders/order.repository.ts']);
  });

  it('finds more, smaller contexts at a higher resolution', () => {
    const coarse = detectContexts(generated, { resolution: 0.5 });
    const fine = detectContexts(generated, { resolution: 3 });
    expect(fine.contexts.length).toBeGreaterThan(coarse.contexts.length);
  });

  it('rejects options that make no sense', () => {
    const graph = load('two-clusters');
    expect(() => detectContexts(graph, { resolution: 0 })).toThrow(/resolution/);
    expect(() => detectContexts(graph, { runs: 0 })).toThrow(/runs/);
    expect(() => detectContexts(graph, { kernelThreshold: 1.5 })).toThrow(/kernelThreshold/);
    expect(() => detectContexts(graph, { minContextSize: 0 })).toThrow(/minContextSize/);
  });

  it('handles an empty graph', () => {
    const map = detectContexts({ nodes: [], edges: [] });
    expect(map.contexts).toEqual([]);
    expect(map.metrics.modularity).toBe(0);
  });
});
