// Composition roots, helper leaves in the kernel, and where god modules go, on small hand-built
// layered graphs: eight contexts of five files each (controller, service, repository, entity, DTO).
import { describe, expect, it } from 'vitest';
import { detectContexts } from '../../src/contexts/index.js';
import type { DependencyGraph, GraphEdge, GraphNode } from '../../src/graph/types.js';

const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

function importEdge(source: string, target: string, weight = 1): GraphEdge {
  return { source, target, type: 'import', raw: weight, weight };
}

function layered(extra: { modules?: string[]; edges?: GraphEdge[] } = {}): DependencyGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const name of NAMES) {
    const file = (layer: string): string => `src/${layer}/${name}.${layer}.ts`;
    for (const layer of ['controller', 'service', 'repository', 'entity', 'dto']) nodes.push({ id: file(layer), type: 'module', loc: 10 });
    nodes.push({ id: `entity:${name}`, type: 'entity', loc: 0 });
    edges.push(
      importEdge(file('controller'), file('service'), 2),
      importEdge(file('controller'), file('dto')),
      importEdge(file('service'), file('repository'), 2),
      importEdge(file('service'), file('entity')),
      importEdge(file('service'), file('dto')),
      importEdge(file('repository'), file('entity'), 2),
      importEdge(file('dto'), file('entity')),
      { source: file('repository'), target: `entity:${name}`, type: 'data-write', raw: 1, weight: 1 },
    );
  }
  for (const id of extra.modules ?? []) nodes.push({ id, type: 'module', loc: 10 });
  return { nodes, edges: [...edges, ...(extra.edges ?? [])] };
}

const controllers = NAMES.map((name) => `src/controller/${name}.controller.ts`);
const services = NAMES.map((name) => `src/service/${name}.service.ts`);

describe('composition roots', () => {
  it('leaves the entry file and the app that mounts every controller out of all contexts, and reports them', () => {
    const graph = layered({
      modules: ['src/main.ts', 'src/app.ts'],
      edges: [importEdge('src/main.ts', 'src/app.ts'), ...controllers.map((controller) => importEdge('src/app.ts', controller))],
    });
    const map = detectContexts(graph);
    expect(map.compositionRoots).toEqual(['src/app.ts', 'src/main.ts']);
    expect(map.metrics.compositionRoots).toBe(2);
    expect(map.membership['src/app.ts']).toBeUndefined();
    expect(map.membership['src/main.ts']).toBeUndefined();
    expect(map.unassigned).toEqual([]);
    // The controllers it mounts stay with their own services.
    NAMES.forEach((_, i) => expect(map.membership[controllers[i] as string]).toBe(map.membership[services[i] as string]));
    expect(map.contexts).toHaveLength(NAMES.length);
  });

  it('keeps a file that calls every service (used elsewhere too) a god module, not wiring', () => {
    const graph = layered({
      modules: ['src/admin/dashboard.ts'],
      edges: services.map((service) => importEdge('src/admin/dashboard.ts', service)),
    });
    const map = detectContexts(graph);
    expect(map.compositionRoots).toEqual([]);
    expect(map.godModules).toEqual(['src/admin/dashboard.ts']);
    expect(map.membership['src/admin/dashboard.ts']).toBeDefined();
  });
});

describe('helper leaves', () => {
  it('puts a leaf imported from four contexts, none holding half its importers, into the kernel', () => {
    const graph = layered({
      modules: ['src/shared/money.ts'],
      edges: services.slice(0, 4).map((service) => importEdge(service, 'src/shared/money.ts')),
    });
    expect(detectContexts(graph).sharedKernel).toEqual(['src/shared/money.ts']);
  });

  it('keeps a leaf its own context imports most in that context', () => {
    // alpha's entity is used by three of the seven other contexts (under the spread rule's 0.75), and
    // by alpha's own files more.
    const graph = layered({
      edges: [
        importEdge('src/service/bravo.service.ts', 'src/entity/alpha.entity.ts'),
        importEdge('src/service/charlie.service.ts', 'src/entity/alpha.entity.ts'),
        importEdge('src/service/delta.service.ts', 'src/entity/alpha.entity.ts'),
        importEdge('src/controller/alpha.controller.ts', 'src/entity/alpha.entity.ts'),
      ],
    });
    const map = detectContexts(graph);
    expect(map.sharedKernel).toEqual([]);
    expect(map.membership['src/entity/alpha.entity.ts']).toBe(map.membership['src/service/alpha.service.ts']);
  });
});

describe('god modules', () => {
  it('go to the context owning the tables they write, not the one they import most', () => {
    const god = 'src/service/checkout.service.ts';
    const graph = layered({
      modules: [god],
      edges: [
        importEdge(god, 'src/service/bravo.service.ts', 2),
        importEdge(god, 'src/repository/bravo.repository.ts', 2),
        importEdge(god, 'src/service/charlie.service.ts'),
        importEdge(god, 'src/service/delta.service.ts'),
        importEdge(god, 'src/service/echo.service.ts'),
        importEdge(god, 'src/service/foxtrot.service.ts'),
        importEdge(god, 'src/entity/alpha.entity.ts'),
        { source: god, target: 'entity:alpha', type: 'data-write', raw: 1, weight: 1 },
      ],
    });
    const map = detectContexts(graph);
    expect(map.godModules).toEqual([god]);
    expect(map.membership[god]).toBe(map.membership['src/service/alpha.service.ts']);
  });
});
