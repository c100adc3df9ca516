import { describe, expect, it } from 'vitest';
import { indexFile } from '../../../src/extract/data-access/core/file-index.js';
import { FactSink } from '../../../src/extract/data-access/core/sink.js';
import { renderSummary } from '../../../src/report/summary.js';
import { shopAnalysis } from '../../helpers/analysis-builder.js';
import { runProject } from './helpers/project.js';
import { scanInput } from './helpers/scan-input.js';

describe('data-access coverage', () => {
  it('per adapter: resolved sites, fallback ones, unresolved by reason, migration sites kept out', () => {
    const run = runProject({
      'src/db.ts': `import knex from 'knex';\nexport const db = knex({ client: 'pg' });\n`,
      'src/tables.ts': `export const T = { USERS: 'users' } as const;\nexport const makeName = () => 'x';\n`,
      'src/a.ts': `import { db } from './db';
import { T, makeName } from './tables';
export const users = () => db(T.USERS).select('*');
export const missing = () => db(T.NOPE).select('*');
export const made = () => db(makeName).select('*');
export const dyn = (table: string) => db(table).del();
export const broken = () => db.raw('SELECT * FROM (oops');
export const fallback = () => db.raw('DELETE FROM sessions s USING users u WHERE s.uid = u.id');
export const parsed = () => db.raw('SELECT * FROM orders');
export const atRunTime = (q: string) => db.raw(q);
`,
      'migrations/001.js': `exports.up = (knex) => knex.schema.createTable('users', () => {});\nexports.down = (knex) => knex.schema.dropTable('users');\n`,
    });
    expect(run.linked.coverage).toEqual([
      {
        orm: 'knex',
        resolved: 1,
        fallback: 0,
        unresolved: 3,
        reasons: [
          { reason: 'imported name holds no string constant', sites: 2 },
          { reason: 'entity or table from a run-time value', sites: 1 },
        ],
        schema: 0,
      },
      {
        orm: 'sql',
        resolved: 2,
        fallback: 1,
        unresolved: 2,
        reasons: [
          { reason: 'sql built at run time', sites: 1 },
          { reason: 'sql did not parse', sites: 1 },
        ],
        schema: 2,
      },
    ]);
  });

  it('a site whose entity is a run-time value counts under the ORM the call names, not the adapter that ran last', () => {
    // The model-call pass runs after every adapter, with `sink.adapter` left at the last one.
    const file = indexFile(scanInput('src/a.ts', `export const f = (m: any) => m.find();\n`));
    const sink = new FactSink(file);
    sink.adapter = 'typeorm';
    sink.access('dynamic', 'read', 'mongoose', 'm.find', file.calls[0]!);
    expect(sink.result().unresolvedReasons).toEqual([{ orm: 'mongoose', reason: 'entity or table from a run-time value', count: 1 }]);
  });

  it('the summary says what could not be read, per adapter', () => {
    const analysis = shopAnalysis();
    analysis.summary.dataAccessCoverage = [
      { orm: 'sql', resolved: 12, fallback: 3, unresolved: 2, reasons: [{ reason: 'sql did not parse', sites: 2 }], schema: 40 },
      { orm: 'typeorm', resolved: 30, fallback: 0, unresolved: 0, reasons: [], schema: 0 },
    ];
    const text = renderSummary(analysis, { target: '.', elapsedMs: 1, writtenFiles: [] });
    expect(text).toContain('    sql        12 access sites resolved (3 by keyword fallback), 2 unresolved: sql did not parse 2; 40 in migrations and seeds, kept out\n');
    expect(text).toContain('    typeorm    30 access sites resolved, 0 unresolved\n');
  });
});
