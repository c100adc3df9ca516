import { describe, expect, it } from 'vitest';
import { accessRows, rowsOf, runProject } from './helpers/project.js';

describe('knex adapter', () => {
  it("knex('t') / db('t as a') / .table / .from / .into / joins; writes by insert/update/del", () => {
    const run = runProject({
      'src/db.ts': `import knex from 'knex';\nexport const db = knex({ client: 'pg' });\n`,
      'src/orders.ts': `import { db } from './db';
export async function place(id: number) {
  await db('orders').insert({ id });
  await db('order_items as i').where({ order_id: id }).update({ qty: 1 });
  await db.table('audit_log').del();
  await db.insert({ id }).into('outbox');
  const rows = await db.select('*').from('orders').join('customers', 'customers.id', 'orders.customer_id');
  return db('products').where({ id }).first().then(() => rows);
}
`,
    });
    expect(rowsOf(run, 'src/orders.ts')).toEqual([
      'src/orders.ts audit_log write',
      'src/orders.ts customers read',
      'src/orders.ts order_items write',
      'src/orders.ts orders read',
      'src/orders.ts orders write',
      'src/orders.ts outbox write',
      'src/orders.ts products read',
    ]);
    expect(run.linked.entities.map((e) => `${e.id}:${e.orm}:${e.definedIn}`)).toContain('orders:sql:null');
  });

  it('a builder kept in a variable, Knex-typed parameters and transactions', () => {
    const run = runProject({
      'src/repo.ts': `import type { Knex } from 'knex';
export class OrderRepo {
  constructor(private readonly knex: Knex) {}
  search(open: boolean) {
    const q = this.knex('orders').select('id');
    if (open) q.where({ open });
    return q;
  }
  async archive(id: number) {
    await this.knex.transaction(async (trx) => {
      const q = trx('orders').where({ id });
      await q.del();
    });
  }
}
export const count = (k: Knex.Transaction) => k('payments').count();
`,
    });
    expect(rowsOf(run, 'src/repo.ts')).toEqual(['src/repo.ts orders read', 'src/repo.ts orders write', 'src/repo.ts payments read']);
  });

  it('a table held in a variable is unresolved; a local string constant is followed', () => {
    const run = runProject({
      'src/dyn.ts': `import knex from 'knex';
const db = knex({ client: 'pg' });
const TABLE = 'settings';
export const read = (table: string) => db(table).select('*');
export const settings = () => db(TABLE).first();
`,
    });
    expect(run.unresolved).toEqual({ 'src/dyn.ts': 1 });
    expect(rowsOf(run, 'src/dyn.ts')).toEqual(['src/dyn.ts settings read']);
  });

  it('without a query-builder method, a function named db is not knex', () => {
    const run = runProject({ 'src/other.ts': `declare function db(x: string): string;\nexport const v = db('orders');\n` });
    expect(accessRows(run)).toEqual([]);
  });

  it('never reports a read-only file as writing', () => {
    const run = runProject({
      'src/read.ts': `import knex from 'knex';
const db = knex({ client: 'pg' });
export const a = () => db('orders').where({ id: 1 }).first();
export const b = () => db('orders').count('id as n');
export const c = () => db.select('id').from('orders').whereIn('id', db('order_items').select('order_id'));
`,
    });
    expect(rowsOf(run, 'src/read.ts')).toEqual(['src/read.ts order_items read', 'src/read.ts orders read']);
  });

  describe('tables held in constants', () => {
    it('local objects (as const, Object.freeze), enums, templates of constants and this.tableName', () => {
      const run = runProject({
        'src/repo.ts': `import knex from 'knex';
const db = knex({ client: 'pg' });
const SCHEMA = 'app';
const T = { USERS: 'users', NESTED: { LOGS: 'audit_logs' } } as const;
const F = Object.freeze({ ORDERS: 'orders' });
enum Tables { Invoices = 'invoices' }
export class SessionRepo {
  protected readonly tableName = 'sessions';
  all() { return db(this.tableName).select('*'); }
}
export const users = () => db.select('*').from(T.USERS);
export const logs = () => db(T.NESTED.LOGS).insert({});
export const orders = () => db(F['ORDERS']).del();
export const invoices = () => db(Tables.Invoices).first();
export const qualified = () => db(\`\${SCHEMA}.\${T.USERS} as u\`).update({ a: 1 });
`,
      });
      expect(rowsOf(run, 'src/repo.ts')).toEqual([
        'src/repo.ts audit_logs write',
        'src/repo.ts invoices read',
        'src/repo.ts orders write',
        'src/repo.ts sessions read',
        'src/repo.ts users read',
        'src/repo.ts users write',
      ]);
      expect(run.unresolved).toEqual({});
    });

    it('constants imported from another file: named, through a barrel, a namespace, an enum', () => {
      const run = runProject({
        'src/db/tables.ts': `export const TABLES = { USERS: 'users', PERMISSIONS: 'public.permissions' } as const;
export enum Audit { Log = 'audit_log' }
const ROLES = 'roles';
export { ROLES as ROLES_TABLE };
`,
        'src/db/index.ts': `export * from './tables';
`,
        'src/access.ts': `import knex from 'knex';
import { TABLES } from './db';
import * as names from './db/tables';
import { ROLES_TABLE, Audit } from './db/tables';
const db = knex({ client: 'pg' });
export const perms = () => db.select('*').from(TABLES.PERMISSIONS);
export const rename = () => db(TABLES.USERS).update({ name: 'x' });
export const roles = () => db(ROLES_TABLE).first();
export const audit = () => db(names.Audit.Log).insert({});
export const audit2 = () => db(\`\${Audit.Log} as a\`).select('a.id');
`,
      });
      expect(rowsOf(run, 'src/access.ts')).toEqual([
        'src/access.ts audit_log read',
        'src/access.ts audit_log write',
        'src/access.ts permissions read',
        'src/access.ts roles read',
        'src/access.ts users write',
      ]);
      expect(run.linked.entities.map((entity) => entity.id)).not.toContain('dynamic');
    });

    it('a function declared in the file, passed where a table goes, is neither a table nor unresolved', () => {
      const run = runProject({
        'src/q.ts': `import knex from 'knex';
const store = knex({ client: 'pg' });
function openOrders(this: unknown) { return store('orders').where({ open: true }).as('o'); }
export const a = () => store.select('*').from(openOrders);
`,
      });
      expect(rowsOf(run, 'src/q.ts')).toEqual(['src/q.ts orders read']);
      expect(run.unresolved).toEqual({});
    });

    it('a table picked at run time is unresolved, never a table named "dynamic"', () => {
      const run = runProject({
        'src/db.ts': `import knex from 'knex';\nexport const db = knex({ client: 'pg' });\n`,
        'src/pick.ts': `import { db } from './db';
const T = { USERS: 'users' } as const;
export const byKey = (key: keyof typeof T) => db.select('*').from(T[key]);
export const byField = (o: { table: string }) => db.select('*').from(o.table);
`,
      });
      expect(run.linked.entities.map((entity) => entity.id)).toEqual([]);
    });
  });

  describe('template holes in raw SQL', () => {
    it('a hole holding a constant, local or imported, is the table; a run-time one is unresolved, never "$1"', () => {
      const run = runProject({
        'src/tables.ts': `export const T = { USERS: 'users' } as const;\n`,
        'src/raw.ts': `import knex from 'knex';
import { T } from './tables';
const db = knex({ client: 'pg' });
const L = { ORDERS: 'orders' };
export const a = (id: number) => db.raw(\`select * from "\${T.USERS}" where id = ?\`, [id]);
export const b = () => db.raw(\`delete from \${L.ORDERS} where id = 1\`);
export const c = (table: string) => db.raw(\`select count(*) from "\${table}"\`);
export const d = (table: string) => db.raw(\`select count(*) from \\\`\${table}\\\`\`);
`,
      });
      expect(rowsOf(run, 'src/raw.ts')).toEqual(['src/raw.ts orders write', 'src/raw.ts users read']);
      expect(run.unresolved).toEqual({ 'src/raw.ts': 2 });
      for (const entity of run.linked.entities) expect(entity.table).toMatch(/^[a-z_]+$/);
    });
  });

  describe('common table expressions are not tables', () => {
    it('.with, .withRecursive, a helper that passes its parameter to .with, and WITH in raw SQL', () => {
      const run = runProject({
        'src/report.ts': `import knex, { Knex } from 'knex';
const db = knex({ client: 'pg' });
const addCte = (qb: Knex.QueryBuilder, name: string, source: string) => qb.with(name, (inner) => inner.select('*').from(source));
class Reports {
  private withOpen(qb: Knex.QueryBuilder, cteName: string) {
    return qb.with(cteName, db('orders').where({ open: true }));
  }
  open(qb: Knex.QueryBuilder) {
    this.withOpen(qb, 'open_orders');
    return qb.select('*').from('open_orders');
  }
}
export const recent = () => db.with('recent', (qb) => qb.select('*').from('orders')).select('*').from('recent');
export const tree = () => db.withRecursive('tree', (qb) => qb.select('*').from('categories')).select('*').from('tree');
export function filtered(qb: Knex.QueryBuilder) {
  addCte(qb, '_filtered', 'products');
  return qb.select('*').from('_filtered').join('prices', 'prices.id', '_filtered.price_id');
}
export const raw = () => db.raw('WITH latest AS (SELECT * FROM invoices) SELECT * FROM latest');
export { Reports };
`,
      });
      expect(rowsOf(run, 'src/report.ts')).toEqual([
        'src/report.ts categories read',
        'src/report.ts invoices read',
        'src/report.ts orders read',
        'src/report.ts prices read',
      ]);
    });

    it('a helper of another file that passes its parameter to .with: named, via a barrel or a namespace', () => {
      const run = runProject({
        'src/db/cte.ts': `import type { Knex } from 'knex';
export function addCte(qb: Knex.QueryBuilder, name: string) { return qb.with(name, (inner) => inner.select('*').from('orders')); }
const keepTable = (qb: Knex.QueryBuilder, name: string) => qb.from(name);
export { keepTable as useTable };
`,
        'src/db/index.ts': `export * from './cte';\n`,
        'src/a.ts': `import type { Knex } from 'knex';
import { addCte, useTable } from './db';
import * as cte from './db/cte';
export function a(qb: Knex.QueryBuilder) {
  addCte(qb, '_filtered');
  cte.addCte(qb, '_other');
  useTable(qb, 'payments');
  return qb.select('*').from('_filtered').join('_other', 'x', 'y').join('payments', 'p', 'q');
}
`,
      });
      expect(rowsOf(run, 'src/a.ts')).toEqual(['src/a.ts payments read']);
      expect(run.linked.entities.map((entity) => entity.id)).toEqual(['orders', 'payments']);
    });
  });
});
