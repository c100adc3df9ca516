// Raw SQL through the project's own functions (raw-sql/wrappers.ts): a function is a raw-SQL call for
// the parameters its body forwards to one; its callers' SQL is read, here and in importing files.
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../../src/extract/data-access/raw-sql/parse-sql.js';
import { normalizePlaceholders } from '../../../src/extract/data-access/raw-sql/normalize.js';
import { rowsOf, runProject } from './helpers/project.js';

describe('raw SQL through project wrappers', () => {
  it('template placeholders {{name}}, {{name::uuid}} and ClickHouse {name:Type} are plain values', () => {
    expect(normalizePlaceholders('select 1 from t where a = {{a::uuid}} and b = {{ b }} and c = {c:UUID} and d in {d:Array(String)}')).toBe(
      'select 1 from t where a = 0 and b = 0 and c = 0 and d in 0',
    );
    // Quoted text is left alone; a brace that is no placeholder too.
    expect(normalizePlaceholders(`select '{{x}}' from t where j @> '{"a":1}'`)).toBe(`select '{{x}}' from t where j @> '{"a":1}'`);
    expect(analyzeSql(['select * from visits where site_id = {{siteId::uuid}} and at > {{since}}'])?.map((a) => a.table)).toEqual(['visits']);
  });

  it('a named export, renamed on export, that forwards its parameter through a local name and a string method', () => {
    const run = runProject({
      'src/db.ts': `
        import pg from 'pg';
        const pool = new pg.Pool();
        function run(text: string, values: unknown[]) {
          const sql = text.trim();
          return pool.query(sql, values);
        }
        export { run as execSql };`,
      'src/orders.ts': `
        import { execSql } from './db.js';
        export const open = () => execSql('SELECT * FROM orders WHERE status = $1', ['open']);
        export const close = (id: string) => execSql(\`UPDATE orders SET status = 'closed' WHERE id = $1\`, [id]);`,
    });
    expect(rowsOf(run, 'src/orders.ts')).toEqual(['src/orders.ts orders read', 'src/orders.ts orders write']);
    // The wrapper's own query(sql) stays SQL built at run time: a caller may pass anything.
    expect(run.unresolved).toEqual({ 'src/db.ts': 1 });
  });

  it('a method called on this in its class is one too', () => {
    const run = runProject({
      'src/repo.ts': `
        import { Pool } from 'pg';
        export class Repo {
          constructor(private readonly pool: Pool) {}
          private select(sql: string) { return this.pool.query(sql); }
          all() { return this.select('SELECT * FROM invoices'); }
        }`,
    });
    expect(rowsOf(run, 'src/repo.ts')).toEqual(['src/repo.ts invoices read']);
  });

  it('SQL text given to an imported function that never runs it, or to a package, is no access', () => {
    const run = runProject({
      'src/format.ts': `
        export function explain(sql: string) { return sql.trim().toUpperCase(); }
        export function log(sql: string) { console.log(sql); }`,
      'src/report.ts': `
        import { explain, log } from './format.js';
        import { format } from 'sql-formatter';
        export const a = explain('SELECT * FROM ghosts');
        log('DELETE FROM ghosts');
        export const b = format('SELECT * FROM ghosts');`,
    });
    expect(rowsOf(run, 'src/report.ts')).toEqual([]);
    expect(run.linked.entities.map((entity) => entity.id)).toEqual([]);
  });
});

describe('SQL no grammar reads, as wrappers get it', () => {
  it('FROM inside a call (extract, substring) names no table; a CTE a hole defines is no table', () => {
    const tables = (sql: string): string[] => (analyzeSql([sql]) ?? []).map((access) => access.table).sort();
    // ClickHouse's `any left join` keeps both grammars out: the keyword fallback reads it.
    expect(tables('select extract(epoch from sr.ended_at - sr.started_at), substring(s.name from 2) from replays sr any left join sessions s on s.id = sr.sid')).toEqual([
      'replays',
      'sessions',
    ]);
    const run = runProject({
      'src/journey.ts': `
        import { Pool } from 'pg';
        const pool = new Pool();
        export function journey(steps: number) {
          let sequenceQuery = '';
          if (steps > 0) sequenceQuery = \`, sequences as (select visit_id, count(*) from events group by visit_id)\`;
          return pool.query(\`with events as (select * from website_event) \${sequenceQuery} select * from sequences any left join visits on true\`);
        }`,
    });
    expect(rowsOf(run, 'src/journey.ts')).toEqual(['src/journey.ts visits read', 'src/journey.ts website_event read']);
  });
});

describe('a CTE defined in a fragment a helper returns', () => {
  it('is no table of the statement whose hole takes it', () => {
    const run = runProject({
      'src/journey.ts': `
        import { Pool } from 'pg';
        const pool = new Pool();
        function parts(steps: number) {
          let sequenceQuery = '';
          // The line break written as an escape, as people do.
          for (let i = 0; i < steps; i++) sequenceQuery = \`\\nsequences as (select visit_id from events group by visit_id)\`;
          return { sequenceQuery };
        }
        export function journey(steps: number) {
          const { sequenceQuery } = parts(steps);
          return pool.query(\`with events as (select * from website_event), \${sequenceQuery} select * from sequences any left join visits on true\`);
        }`,
    });
    expect(rowsOf(run, 'src/journey.ts')).toEqual(['src/journey.ts visits read', 'src/journey.ts website_event read']);
  });
});
