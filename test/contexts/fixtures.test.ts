// fixtures/contexts/<case>/: graph.json (a DependencyGraph), expected.json (the right cut), and an
// optional options.json (ContextOptions). The proposal must match the expected contexts exactly.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectContexts } from '../../src/contexts/index.js';
import type { ContextOptions } from '../../src/contexts/options.js';
import type { DependencyGraph } from '../../src/graph/types.js';

interface Expected {
  contexts: Record<string, string[]>;
  entities: Record<string, string[]>;
  sharedKernel: string[];
  godModules: string[];
}

const root = join(import.meta.dirname, '../../fixtures/contexts');
const cases = readdirSync(root).sort();

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

describe('contexts fixtures', () => {
  it('has the three cases', () => {
    expect(cases).toEqual(['hub-and-spoke', 'shared-kernel', 'two-clusters']);
  });

  for (const name of cases) {
    it(`${name}: finds the expected contexts, kernel and god modules`, () => {
      const graph = readJson<DependencyGraph>(join(root, name, 'graph.json'));
      const expected = readJson<Expected>(join(root, name, 'expected.json'));
      const optionsPath = join(root, name, 'options.json');
      const options = existsSync(optionsPath) ? readJson<Partial<ContextOptions>>(optionsPath) : {};
      const map = detectContexts(graph, options);
      expect(Object.fromEntries(map.contexts.map((context) => [context.id, context.modules]))).toEqual(expected.contexts);
      const entities = Object.fromEntries(map.contexts.filter((c) => c.entities.length > 0).map((c) => [c.id, c.entities]));
      expect(entities).toEqual(expected.entities);
      expect(map.sharedKernel).toEqual(expected.sharedKernel);
      expect(map.godModules).toEqual(expected.godModules);
      expect(map.unassigned).toEqual([]);
      for (const context of map.contexts) {
        expect(context.origin).toBe('detected');
        expect(context.metrics.cohesion + context.metrics.coupling).toBeCloseTo(1, 5);
        expect(context.metrics.stability).toBe(1);
      }
    });
  }
});
