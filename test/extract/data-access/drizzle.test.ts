import { describe, expect, it } from 'vitest';
import { accessRows, rowsOf, runProject } from './helpers/project.js';

const SCHEMA = {
  'src/db/schema.ts': `import { pgTable, pgSchema, pgTableCreator, serial, integer } from 'drizzle-orm/pg-core';
export const orders = pgTable('orders', { id: serial('id').primaryKey() });
export const orderItems = pgTable('order_items', { orderId: integer('order_id') });
const billing = pgSchema('billing');
export const invoices = billing.table('invoices', { id: serial('id') });
const createTable = pgTableCreator((name) => \`shop_\${name}\`);
export const customers = createTable('customer', { id: serial('id') });
`,
  'src/db/index.ts': `import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from './schema';
export const db = drizzle(process.env.DATABASE_URL!, { schema });
`,
};

describe('drizzle adapter', () => {
  it('tables from pgTable, a pgSchema table, and a pgTableCreator template', () => {
    const run = runProject(SCHEMA);
    expect(run.linked.entities.map((e) => `${e.id}:${e.table}:${e.orm}`)).toEqual([
      'customers:shop_customer:drizzle',
      'invoices:invoices:drizzle',
      'orderItems:order_items:drizzle',
      'orders:orders:drizzle',
    ]);
  });

  it('select/from and joins read; insert/update/delete write; db.query.<t>.findMany reads', () => {
    const run = runProject({
      ...SCHEMA,
      'src/orders.ts': `import { eq } from 'drizzle-orm';
import { db } from './db';
import { orders, orderItems, customers } from './db/schema';
import * as s from './db/schema';
export async function place() {
  await db.insert(orders).values({});
  await db.transaction(async (tx) => { await tx.update(orderItems).set({}).where(eq(orderItems.orderId, 1)); });
  const rows = await db.select().from(orders).leftJoin(customers, eq(orders.id, customers.id));
  await db.delete(s.invoices);
  return db.query.orderItems.findMany({ with: {} }).then(() => rows);
}
`,
    });
    expect(rowsOf(run, 'src/orders.ts')).toEqual([
      'src/orders.ts invoices write',
      'src/orders.ts order_items read',
      'src/orders.ts order_items write',
      'src/orders.ts orders read',
      'src/orders.ts orders write',
      'src/orders.ts shop_customer read',
    ]);
  });

  it('Map.delete, Array.from, hash.update on non-tables are never accesses', () => {
    const run = runProject({
      ...SCHEMA,
      'src/cache.ts': `import { createHash } from 'node:crypto';
import { orders } from './db/schema';
const cache = new Map<string, number>();
export function f(key: string, list: number[]) {
  cache.delete(key);
  createHash('sha1').update(key);
  return Array.from(list).length + Object.keys(orders).length;
}
`,
    });
    expect(rowsOf(run, 'src/cache.ts')).toEqual([]);
    expect(run.unresolved).toEqual({});
  });

  it('a local subquery passed to from() is neither a table nor unresolved', () => {
    const run = runProject({
      ...SCHEMA,
      'src/sub.ts': `import { db } from './db';
import { orders } from './db/schema';
export function recent() {
  const sq = db.select().from(orders).as('sq');
  return db.select().from(sq);
}
`,
    });
    expect(rowsOf(run, 'src/sub.ts')).toEqual(['src/sub.ts orders read']);
    expect(run.unresolved).toEqual({});
  });

  it('never reports a read-only file as writing', () => {
    const run = runProject({
      ...SCHEMA,
      'src/read.ts': `import { db } from './db';
import { orders, orderItems } from './db/schema';
export const a = () => db.select().from(orders).innerJoin(orderItems, undefined as never);
export const b = () => db.query.orders.findFirst();
export const c = () => db.$count(orders);
`,
    });
    expect(rowsOf(run, 'src/read.ts')).toEqual(['src/read.ts order_items read', 'src/read.ts orders read']);
    expect(accessRows(run).some((row) => row.endsWith(' write'))).toBe(false);
  });
});
