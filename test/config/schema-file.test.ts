// schema/carve.config.schema.json is generated from the zod schema (scripts/gen-schema.ts) and
// committed; it must be fresh, and agree with Carve's own validation on good and bad configs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromAnalysis, parseConfig, renderConfigJsonSchema } from '../../src/config/index.js';
import { repoRoot } from '../helpers/run-cli.js';
import { buildAnalysis } from '../check/helpers/analysis.js';
import { validateJsonSchema } from '../check/helpers/json-schema.js';

const committed = readFileSync(join(repoRoot, 'schema', 'carve.config.schema.json'), 'utf8');
const schema = JSON.parse(committed) as Record<string, unknown>;

describe('carve.config.schema.json', () => {
  it('is fresh (regenerate: npm run build && node dist/scripts/gen-schema.js)', () => {
    expect(committed).toBe(renderConfigJsonSchema());
  });

  it('accepts what carve init writes and the example of DESIGN.md', () => {
    const written = configFromAnalysis(buildAnalysis({ modules: ['src/a/x.ts', 'src/b/y.ts'], contexts: [{ id: 'a', modules: ['src/a/x.ts'] }, { id: 'b', modules: ['src/b/y.ts'] }] }));
    expect(validateJsonSchema(schema, written)).toEqual([]);
    const example = {
      include: ['src/**/*.ts'],
      exclude: ['**/*.spec.ts'],
      contexts: {
        catalog: { paths: ['src/catalog/**'], entities: ['products'], expose: ['src/catalog/index.ts'] },
        orders: { paths: ['src/orders/**'], entities: ['orders'], dependsOn: ['catalog'], expose: ['src/orders/index.ts'] },
      },
      baseline: 'carve-baseline.json',
    };
    expect(validateJsonSchema(schema, example)).toEqual([]);
    expect(() => parseConfig(JSON.stringify(example))).not.toThrow();
  });

  it.each([
    ['a misspelt field', { contexts: { orders: { paths: ['o/**'], dependOn: [] } } }],
    ['paths as a string', { contexts: { orders: { paths: 'o/**' } } }],
    ['no contexts', {}],
    ['a bad context name', { contexts: { 'my orders': { paths: ['o/**'] } } }],
    ['empty paths', { contexts: { orders: { paths: [] } } }],
  ])('rejects %s, as Carve does', (_name, value) => {
    expect(validateJsonSchema(schema, value)).not.toEqual([]);
    expect(() => parseConfig(JSON.stringify(value))).toThrow();
  });
});
