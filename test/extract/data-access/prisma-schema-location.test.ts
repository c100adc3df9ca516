// A Prisma schema outside the analyzed folder (fixtures/prisma-monorepo): found through the
// repository's package.json `prisma.schema` for a folder that imports @prisma/client, through a
// tsconfig alias into a package with a prisma/ folder, read-only and never outside the repository;
// one model in several provider schemas of a package is one entity. The fixture is copied into a
// scratch repository (a `.git` folder marks its root).
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/index.js';
import { renderSummary } from '../../../src/report/summary.js';
import type { Analysis } from '../../../src/shared/analysis.js';
import { useScratch } from '../../helpers/scratch.js';

const FIXTURE = resolve(fileURLToPath(import.meta.url), '../../../../fixtures/prisma-monorepo');
const scratch = useScratch('prisma-schema');

interface Run {
  schemaFiles: string[];
  entities: { id: string; table: string; definedIn: string }[];
  access: string[];
}

const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { runs: Record<string, Run> };

function repository(): string {
  const dir = scratch('repo');
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(join(dir, '.git'));
  return dir;
}

function run(dir: string, tsconfig?: string): Analysis {
  return analyze(dir, { ...(tsconfig ? { tsconfig } : {}), ignoreConfig: true }).analysis as Analysis;
}

function shape(analysis: Analysis): Run {
  return {
    schemaFiles: analysis.summary.schemaFiles ?? [],
    entities: analysis.entities.map(({ id, table, definedIn }) => ({ id, table, definedIn: definedIn ?? '' })),
    access: analysis.dataAccess.map((record) => `${record.module} ${record.entity} ${record.mode}`).sort(),
  };
}

describe('a Prisma schema outside the analyzed folder', () => {
  it('apps/server imports @prisma/client: the schema package.json names in prisma.schema, said in the summary', () => {
    const repo = repository();
    const analysis = run(join(repo, 'apps/server'), join(repo, 'apps/server/tsconfig.json'));
    expect(shape(analysis)).toEqual(expected.runs['apps/server']);
    expect(renderSummary(analysis, { target: 'apps/server', elapsedMs: 0, writtenFiles: [] })).toContain('  schema        ../../tools/prisma/schema.prisma');
  });

  it('apps/api imports an alias into packages/db: its prisma/ folder, each model once across the provider schemas', () => {
    const repo = repository();
    expect(shape(run(join(repo, 'apps/api'), join(repo, 'apps/api/tsconfig.json')))).toEqual(expected.runs['apps/api']);
  });

  it('from the repository root (zero config): the same models, each once', () => {
    expect(shape(run(repository()))).toEqual(expected.runs['.']);
  });

  it('never reads outside the repository: a prisma.schema that climbs out, a prisma/ folder linked out', () => {
    const outside = scratch('outside');
    writeFileSync(join(outside, 'schema.prisma'), 'model Secret {\n  id String @id\n}\n');
    const repo = repository();
    writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'x', prisma: { schema: relative(repo, join(outside, 'schema.prisma')) } }));
    const climbing = run(join(repo, 'apps/server'), join(repo, 'apps/server/tsconfig.json'));
    expect(climbing.entities.map((entity) => entity.id)).toEqual([]);
    const linked = repository();
    writeFileSync(join(linked, 'package.json'), JSON.stringify({ name: 'x' }));
    symlinkSync(outside, join(linked, 'prisma'));
    const throughLink = run(join(linked, 'apps/server'), join(linked, 'apps/server/tsconfig.json'));
    expect(throughLink.entities.map((entity) => entity.id)).toEqual([]);
  });
});

describe('the folders above the analyzed one', () => {
  it('only packages count: a prisma/ folder above that is no package is not the schema', () => {
    const repo = repository();
    // apps/ is no package: its prisma/ folder is someone else's (a sibling project named prisma).
    mkdirSync(join(repo, 'apps/prisma'));
    writeFileSync(join(repo, 'apps/prisma/schema.prisma'), 'model Stranger {\n  id String @id\n}\n');
    const analysis = run(join(repo, 'apps/server'), join(repo, 'apps/server/tsconfig.json'));
    expect(analysis.summary.schemaFiles).toEqual(['../../tools/prisma/schema.prisma']);
  });
});
