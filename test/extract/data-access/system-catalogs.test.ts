import { describe, expect, it } from 'vitest';
import { isSystemCatalog, isSystemCatalogName } from '../../../src/extract/data-access/core/system-catalogs.js';
import { rowsOf, runProject } from './helpers/project.js';

describe('system catalogs are no tables', () => {
  it('names: information_schema.*, pg_catalog.*, pg_*, sqlite_master/sqlite_schema, mysql.*; not user tables', () => {
    expect(isSystemCatalog('information_schema', 'tables')).toBe(true);
    expect(isSystemCatalog('pg_catalog', 'pg_class')).toBe(true);
    expect(isSystemCatalog(null, 'pg_tables')).toBe(true);
    expect(isSystemCatalog(null, 'sqlite_master')).toBe(true);
    expect(isSystemCatalog('mysql', 'user')).toBe(true);
    expect(isSystemCatalogName('"information_schema"."columns" as c')).toBe(true);
    expect(isSystemCatalog(null, 'pages')).toBe(false);
    expect(isSystemCatalog('public', 'tables')).toBe(false);
    expect(isSystemCatalogName('pgroles')).toBe(false);
  });

  it('raw SQL (parsed and keyword fallback), knex and Kysely skip them and count the site as "system catalog"', () => {
    const run = runProject({
      'src/raw.ts': `import { Pool } from 'pg';
const pool = new Pool();
export const exists = () => pool.query("SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = 'x')");
export const roles = () => pool.query('SELECT rolname FROM pg_roles r JOIN users u ON u.role = r.rolname');
export const tables = () => pool.query('SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = $1 FOR NO KEY UPDATE SKIP LOCKED OOPS');
export const lite = () => pool.query('SELECT name FROM sqlite_master WHERE type = ?');
`,
      'src/knex.ts': `import knex from 'knex';
const db = knex({ client: 'pg' });
export const columns = () => db('information_schema.columns').where({ table_name: 'x' });
export const orders = () => db('orders').select('id');
`,
      'src/kysely.ts': `import type { Kysely } from 'kysely';
export const columns = (db: Kysely<any>) => db.selectFrom('information_schema.columns as c').innerJoin('pages', 'pages.id', 'c.id').selectAll().execute();
`,
    });
    expect(rowsOf(run, 'src/raw.ts')).toEqual(['src/raw.ts users read']);
    expect(rowsOf(run, 'src/knex.ts')).toEqual(['src/knex.ts orders read']);
    expect(rowsOf(run, 'src/kysely.ts')).toEqual(['src/kysely.ts pages read']);
    expect(run.linked.entities.map((entity) => entity.table)).toEqual(['orders', 'pages', 'users']);
    const catalogSites = Object.fromEntries(
      run.linked.coverage.map((entry) => [entry.orm, entry.reasons.find((reason) => reason.reason === 'system catalog')?.sites ?? 0]),
    );
    expect(catalogSites).toEqual({ knex: 1, kysely: 1, sql: 4 });
  });
});
