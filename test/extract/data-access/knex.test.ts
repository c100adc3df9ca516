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
});
