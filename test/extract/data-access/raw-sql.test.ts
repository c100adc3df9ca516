import { describe, expect, it } from 'vitest';
import { analyzeSql, looksLikeStatement } from '../../../src/extract/data-access/raw-sql/parse-sql.js';
import { mergeHeader } from '../../../src/extract/data-access/raw-sql/merge-header.js';
import { normalizePlaceholders } from '../../../src/extract/data-access/raw-sql/normalize.js';
import { rowsOf, runProject } from './helpers/project.js';

function tables(sql: string): string[] | null {
  const found = analyzeSql([sql]);
  return found ? found.map((access) => `${access.table}:${access.mode}`).sort() : null;
}

describe('SQL analysis', () => {
  it('FROM/JOIN read; INSERT/UPDATE/DELETE targets write; UPDATE ... FROM reads its sources', () => {
    expect(tables('SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = $1')).toEqual(['customers:read', 'orders:read']);
    expect(tables('INSERT INTO orders (id) SELECT id FROM staging')).toEqual(['orders:write', 'staging:read']);
    expect(tables('UPDATE orders SET total = 1 FROM customers c WHERE c.id = orders.customer_id')).toEqual(['customers:read', 'orders:write']);
    expect(tables('DELETE FROM orders WHERE id IN (SELECT order_id FROM refunds)')).toEqual(['orders:write', 'refunds:read']);
    expect(tables('TRUNCATE audit_log')).toEqual(['audit_log:write']);
  });

  it('CTE names are not tables; schemas are dropped; MySQL syntax parses in the second grammar', () => {
    expect(tables('WITH recent AS (SELECT * FROM orders) SELECT * FROM recent JOIN items ON true')).toEqual(['items:read', 'orders:read']);
    expect(tables('SELECT * FROM public.orders')).toEqual(['orders:read']);
    expect(tables('DELETE o FROM orders o JOIN customers c ON c.id = o.cid')).toEqual(['customers:read', 'orders:write']);
    expect(tables('REPLACE INTO settings (k, v) VALUES (?, ?)')).toEqual(['settings:write']);
  });

  it('MERGE: the target writes, the source reads; a shape it does not know stays unparsed', () => {
    expect(tables('MERGE INTO orders AS o USING incoming i ON o.id = i.id WHEN MATCHED THEN UPDATE SET total = i.total')).toEqual(['incoming:read', 'orders:write']);
    expect(tables('MERGE INTO s.orders o USING (SELECT * FROM staging) AS i ON o.id = i.id WHEN NOT MATCHED THEN INSERT VALUES (i.id)')).toEqual(['orders:write', 'staging:read']);
    expect(mergeHeader('MERGE INTO orders o USING x ON o.id = (SELECT 1 FROM y)')).toBeNull();
    // Not a MERGE the header reader knows: only the keyword fallback's plain name after USING.
    expect(analyzeSql(['MERGE orders USING x'])).toEqual([{ table: 'x', mode: 'read', statement: 'MERGE', fallback: true }]);
  });

  it('what does not parse is null, never guessed', () => {
    expect(tables('SELECT * FROM $1')).toBeNull();
    expect(tables('SELEC * FRM orders')).toBeNull();
    expect(tables(`SELECT * FROM orders WHERE id IN (${'1,'.repeat(12_000)}1)`)).toBeNull();
  });

  it('placeholders of every driver parse: :name, $n with a cast, ? in PostgreSQL syntax; quoted text is left alone', () => {
    expect(tables('UPDATE accounts SET name = :name WHERE id = :id')).toEqual(['accounts:write']);
    expect(tables('SELECT * FROM accounts WHERE id = $1 AND created_at > $2::timestamptz')).toEqual(['accounts:read']);
    expect(tables('SELECT id FROM api_keys WHERE key_hash = ? AND created_at > now()::date')).toEqual(['api_keys:read']);
    expect(normalizePlaceholders(`SELECT ':x', "a?b" FROM t -- :c ?\nWHERE a = :a AND b::int = $12 AND c = ?`)).toBe(
      `SELECT ':x', "a?b" FROM t -- :c ?\nWHERE a = 0 AND b::int = 0 AND c = 0`,
    );
    for (const access of analyzeSql(['SELECT * FROM accounts WHERE id = $1 AND created_at > $2::timestamptz']) ?? []) expect(access.fallback).toBeUndefined();
  });

  it('a hole holding a clause is dropped, a hole holding a value stays a value', () => {
    const found = analyzeSql(['SELECT id FROM accounts ', ' ORDER BY id LIMIT ', '']);
    expect(found?.map((access) => `${access.table}:${access.mode}:${access.fallback ?? false}`)).toEqual(['accounts:read:false']);
    expect(analyzeSql(['SELECT * FROM orders o ', ' JOIN items i ON i.order_id = o.id WHERE o.id = ', ''])?.map((access) => access.table).sort()).toEqual(['items', 'orders']);
  });

  it('the keyword fallback: plain names after FROM/JOIN/INTO/UPDATE/DELETE FROM/USING, mode by verb, marked as fallback', () => {
    const fallback = (sql: string): string[] | null => {
      const found = analyzeSql([sql]);
      if (found) for (const access of found) expect(access.fallback).toBe(true);
      return found ? found.map((access) => `${access.table}:${access.mode}:${access.statement}`).sort() : null;
    };
    expect(fallback('DELETE FROM sessions s USING account_users u WHERE s.user_id = u.id')).toEqual(['account_users:read:DELETE', 'sessions:write:DELETE']);
    expect(fallback('INSERT INTO audit (id) VALUES ($1) ON CONFLICT ON CONSTRAINT audit_pk DO UPDATE SET at = now()')).toEqual(['audit:write:INSERT']);
    // Neither grammar reads FETCH FIRST before FOR UPDATE.
    const unparsable = ' WHERE a = 1 FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED';
    expect(fallback(`SELECT * FROM "public"."balances" b, ledger l${unparsable}`)).toEqual(['balances:read:SELECT', 'ledger:read:SELECT']);
    expect(fallback(`WITH w AS (SELECT * FROM entries) SELECT * FROM w${unparsable}`)).toEqual(['entries:read:SELECT']);
    // No plain name: a function, a subquery, a placeholder.
    expect(fallback(`SELECT * FROM generate_series(1, 3) g${unparsable}`)).toBeNull();
    expect(fallback(`SELECT * FROM (SELECT 1) x${unparsable}`)).toBeNull();
    expect(fallback(`SELECT * FROM :table${unparsable}`)).toBeNull();
  });

  it('only text that starts like a data statement is SQL', () => {
    expect(looksLikeStatement('  -- list\n select 1')).toBe(true);
    expect(looksLikeStatement('(SELECT 1)')).toBe(true);
    expect(looksLikeStatement('count(*)')).toBe(false);
    expect(looksLikeStatement('CREATE TABLE x (id int)')).toBe(false);
    expect(looksLikeStatement('selection')).toBe(false);
  });
});

describe('raw-sql adapter', () => {
  it('strings and templates passed to query/execute/raw, $queryRaw tags, sql tags, pg config objects', () => {
    const run = runProject({
      'src/repo.ts': `import { Pool } from 'pg';
import { PrismaClient, Prisma } from '@prisma/client';
import sql from 'sql-template-strings';
const pool = new Pool();
const prisma = new PrismaClient();
const ORDERS = 'orders';
export async function f(id: number, status: string) {
  await pool.query('SELECT * FROM customers WHERE id = $1', [id]);
  await pool.query(\`UPDATE \${ORDERS} SET status = \${status} WHERE id = \${id}\`);
  await pool.query({ text: 'DELETE FROM sessions WHERE id = $1', values: [id] });
  await prisma.$queryRaw\`SELECT * FROM "Invoice" WHERE id = \${id}\`;
  await prisma.$executeRaw(Prisma.sql\`INSERT INTO audit (id) VALUES (\${id})\`);
  await pool.query(sql\`SELECT * FROM payments WHERE id = \${id}\`);
  await pool.query('SELECT * FROM ' + 'refunds' + ' WHERE id = ' + id);
}
`,
    });
    expect(rowsOf(run, 'src/repo.ts')).toEqual([
      'src/repo.ts Invoice read',
      'src/repo.ts audit write',
      'src/repo.ts customers read',
      'src/repo.ts orders write',
      'src/repo.ts payments read',
      'src/repo.ts refunds read',
      'src/repo.ts sessions write',
    ]);
    expect(run.unresolved).toEqual({});
  });

  it('binds tables to the entity that declares them, else to a synthetic sql entity', () => {
    const run = runProject({
      'src/order.entity.ts': `import { Entity } from 'typeorm';\n@Entity('orders')\nexport class Order {}\n`,
      'src/report.ts': `import { DataSource } from 'typeorm';\nexport const r = (ds: DataSource) => ds.query('SELECT * FROM orders JOIN ledger ON true');\n`,
    });
    const report = run.linked.dataAccess.filter((record) => record.module === 'src/report.ts').map((record) => `${record.entity}:${record.mode}:${record.orm}`);
    expect(report).toEqual(['Order:read:sql', 'ledger:read:sql']);
    expect(run.linked.entities.find((entity) => entity.id === 'ledger')).toEqual({ id: 'ledger', table: 'ledger', orm: 'sql', definedIn: null, line: null });
  });

  it('a table name built at run time, or a query in a variable of a database call, is unresolved', () => {
    const run = runProject({
      'src/dyn.ts': `import { Pool } from 'pg';
const pool = new Pool();
export async function f(table: string, text: string) {
  await pool.query(\`SELECT * FROM \${table}\`);
  await pool.query(text);
  await pool.query('SELECT * FROM');
}
`,
    });
    expect(run.unresolved).toEqual({ 'src/dyn.ts': 3 });
    expect(rowsOf(run, 'src/dyn.ts')).toEqual([]);
  });

  it('tables the keyword fallback found are facts marked fallback; a run-time table is unresolved even there', () => {
    const run = runProject({
      'src/db.ts': `import pg from 'pg';\nexport const pool = new pg.Pool();\n`,
      'src/purge.ts': `import { pool } from './db';
export async function purge(id: number, table: string) {
  await pool.query('DELETE FROM sessions s USING users u WHERE s.user_id = u.id AND u.id = $1', [id]);
  await pool.query(\`DELETE FROM \${table} t USING users u WHERE t.user_id = u.id\`);
}
`,
    });
    expect(rowsOf(run, 'src/purge.ts')).toEqual(['src/purge.ts sessions write', 'src/purge.ts users read']);
    expect(run.scans.get('src/purge.ts')!.accesses.every((fact) => fact.fallback === true)).toBe(true);
    expect(run.unresolved).toEqual({ 'src/purge.ts': 1 });
  });

  it('fragments and non-SQL strings are ignored', () => {
    const run = runProject({
      'src/frag.ts': `import { sql } from 'drizzle-orm';
export const total = sql<number>\`count(*)\`;
export const cond = (id: number) => sql\`\${id} = 1\`;
export const search = (params: URLSearchParams) => params.get('query');
export function q(router: { query(x: string): void }) { router.query('selected items'); }
`,
    });
    expect(rowsOf(run, 'src/frag.ts')).toEqual([]);
    expect(run.unresolved).toEqual({});
  });

  it('never reports a read-only file as writing', () => {
    const run = runProject({
      'src/read.ts': `import { Pool } from 'pg';
const pool = new Pool();
export const a = () => pool.query('SELECT o.id FROM orders o WHERE o.id IN (SELECT order_id FROM items) FOR UPDATE');
export const b = () => pool.query('WITH x AS (SELECT * FROM orders) SELECT count(*) FROM x');
`,
    });
    expect(rowsOf(run, 'src/read.ts')).toEqual(['src/read.ts items read', 'src/read.ts orders read']);
  });
});
