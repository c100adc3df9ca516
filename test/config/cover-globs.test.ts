// The globs `carve init` writes: as short as possible, and exactly right: every file of a context
// matched by its globs, no file of another context (or of none) matched.
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { contextOfFile, coverContexts, escapeGlob, parseConfig } from '../../src/config/index.js';
import { createRandom, randomInt } from '../../src/shared/random.js';

function cover(files: Record<string, string | null>): Record<string, string[]> {
  return Object.fromEntries(coverContexts(new Map(Object.entries(files))));
}

/** The property init relies on: globs(c) match a file iff the file is c's. */
function exactnessProblems(files: Record<string, string | null>, globs: Record<string, string[]>): string[] {
  const problems: string[] = [];
  for (const [context, patterns] of Object.entries(globs)) {
    const isMatch = picomatch(patterns, { dot: true });
    for (const [path, owner] of Object.entries(files)) {
      if (isMatch(path) !== (owner === context)) problems.push(`${context} ${patterns.join(',')} vs ${path} (${owner})`);
    }
  }
  return problems;
}

describe('coverContexts', () => {
  it('uses one folder glob per folder a context owns whole', () => {
    const files = {
      'src/catalog/index.ts': 'catalog',
      'src/catalog/pricing.ts': 'catalog',
      'src/catalog/search/query.ts': 'catalog',
      'src/orders/order.service.ts': 'orders',
      'src/orders/index.ts': 'orders',
      'src/main.ts': null,
    };
    expect(cover(files)).toEqual({ catalog: ['src/catalog/**'], orders: ['src/orders/**'] });
  });

  it('covers a whole tree with ** when one context owns everything', () => {
    expect(cover({ 'a.ts': 'all', 'lib/b.ts': 'all' })).toEqual({ all: ['**'] });
  });

  it('uses a name pattern in a shared folder when no other file there shares the stem', () => {
    const files = {
      'src/entities/order.entity.ts': 'orders',
      'src/entities/order-line.entity.ts': 'orders',
      'src/entities/product.entity.ts': 'catalog',
      'src/entities/payment.entity.ts': 'billing',
      'src/catalog/view.ts': 'catalog',
    };
    const globs = cover(files);
    expect(globs.orders).toEqual(['src/entities/order*']);
    expect(globs.catalog).toEqual(['src/catalog/**', 'src/entities/product.entity.ts']);
    expect(exactnessProblems(files, globs)).toEqual([]);
  });

  it('lists files when a name pattern would capture another file', () => {
    const files = {
      'src/services/order.service.ts': 'orders',
      'src/services/order.mapper.ts': 'orders',
      'src/services/order-export.ts': 'reporting',
    };
    const globs = cover(files);
    expect(globs.orders).toEqual(['src/services/order.mapper.ts', 'src/services/order.service.ts']);
    expect(exactnessProblems(files, globs)).toEqual([]);
  });

  it('does not let a folder glob swallow files in no context', () => {
    const files = { 'src/orders/a.ts': 'orders', 'src/orders/shared.ts': null, 'src/orders/deep/b.ts': 'orders' };
    const globs = cover(files);
    expect(globs.orders).toEqual(['src/orders/a.ts', 'src/orders/deep/**']);
    expect(exactnessProblems(files, globs)).toEqual([]);
  });

  it('escapes glob characters in file and folder names', () => {
    const files = { 'src/[id]/page.ts': 'web', 'src/(group)/x.ts': 'web', 'src/(group)/y.ts': 'api', 'src/a+b.ts': 'web', 'src/c.ts': 'api' };
    const globs = cover(files);
    expect(globs.web).toContain(`src/${escapeGlob('[id]')}/**`);
    expect(exactnessProblems(files, globs)).toEqual([]);
  });

  it('is exact on seeded random trees', () => {
    const random = createRandom(42);
    const words = ['orders', 'order', 'catalog', 'billing', 'bill', 'shared', 'api', 'x'];
    for (let round = 0; round < 40; round++) {
      const files: Record<string, string | null> = {};
      const count = 5 + randomInt(random, 40);
      for (let i = 0; i < count; i++) {
        const depth = 1 + randomInt(random, 3);
        const folders = Array.from({ length: depth }, () => words[randomInt(random, words.length)]);
        const name = `${words[randomInt(random, words.length)]}${['', '-line', '.entity', '.service'][randomInt(random, 4)]}.ts`;
        const owners = ['a', 'b', 'c', null];
        files[[...folders, name].join('/')] = owners[randomInt(random, owners.length)]!;
      }
      const globs = cover(files);
      expect(exactnessProblems(files, globs), JSON.stringify({ files, globs })).toEqual([]);
    }
  });
});

describe('at the scale of a layered monolith', () => {
  it('covers, loads and places 4,000 files listed one by one in seconds, not minutes', () => {
    // Layer folders shared by every context and opaque names: the worst case, one glob per file.
    const random = createRandom(7);
    const layers = ['controllers', 'services', 'repositories', 'entities', 'dto', 'mappers', 'handlers', 'common'];
    const files = new Map<string, string | null>();
    for (let i = 0; i < 4000; i++) {
      const layer = layers[randomInt(random, layers.length)]!;
      files.set(`src/${layer}/f-${String(i).padStart(4, '0')}.ts`, `d${randomInt(random, 10)}`);
    }
    const globs = coverContexts(files);
    const config = parseConfig(JSON.stringify({ contexts: Object.fromEntries([...globs].map(([name, paths]) => [name, { paths }])) }));
    for (const [path, owner] of files) expect(contextOfFile(config, path)).toBe(owner);
    // A quadratic pass over 4,000 globs took most of a minute (its speed is measured in npm run bench;
    // here the test's own timeout is the only clock).
    expect([...globs.values()].reduce((sum, paths) => sum + paths.length, 0)).toBe(4000);
  });
});
