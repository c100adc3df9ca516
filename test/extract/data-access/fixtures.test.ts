// Every fixtures/data-access/<orm>/ project, scanned and linked as the extractor does, against its
// expected.json both ways: nothing missing, nothing extra.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runProject } from './helpers/project.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/data-access');

interface Expected {
  entities: { id: string; table: string; orm: string; definedIn: string | null }[];
  access: { file: string; table: string; mode: string }[];
  unresolved: Record<string, number>;
}

function readTree(dir: string, base = dir, into: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(full).isDirectory()) readTree(full, base, into);
    else if (/\.(ts|tsx|js|prisma)$/.test(name)) into[path.relative(base, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return into;
}

const cases = readdirSync(ROOT).filter((name) => statSync(path.join(ROOT, name)).isDirectory()).sort();

describe('data-access fixtures', () => {
  it('there is one per adapter plus raw-sql', () => {
    expect(cases).toEqual(['drizzle', 'knex', 'kysely', 'mikro-orm', 'mongoose', 'prisma', 'raw-sql', 'sequelize', 'typeorm']);
  });

  for (const name of cases) {
    it(`${name}: entities, accesses and unresolved counts match expected.json exactly`, () => {
      const expected = JSON.parse(readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8')) as Expected;
      const run = runProject(readTree(path.join(ROOT, name)));
      const entities = run.linked.entities.map(({ id, table, orm, definedIn }) => ({ id, table, orm, definedIn }));
      expect(entities).toEqual(expected.entities);
      const tableOf = new Map(run.linked.entities.map((entity) => [entity.id, entity.table]));
      const rows = [...new Set(run.linked.dataAccess.map((record) => JSON.stringify({ file: record.module, table: tableOf.get(record.entity), mode: record.mode })))]
        .sort()
        .map((row) => JSON.parse(row) as Expected['access'][number]);
      const expectedRows = [...expected.access].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      expect(rows).toEqual(expectedRows);
      expect(run.unresolved).toEqual(expected.unresolved);
      // Same input, same bytes out.
      expect(JSON.stringify(runProject(readTree(path.join(ROOT, name))).linked)).toBe(JSON.stringify(run.linked));
    });
  }
});
