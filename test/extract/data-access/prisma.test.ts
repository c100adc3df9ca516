import { describe, expect, it } from 'vitest';
import { parsePrismaSchema } from '../../../src/extract/data-access/prisma/schema.js';
import { rowsOf, runProject } from './helpers/project.js';

const SCHEMA = `// main schema
generator client { provider = "prisma-client-js" }
datasource db { provider = "postgresql"\n url = env("DATABASE_URL") }

model Order {
  id    Int    @id // a comment with @@map("nope")
  items OrderItem[]
  @@map("orders")
}

model OrderItem {
  id Int @id
  url String @default("https://x.test//y")
}
`;

function project(files: Record<string, string>) {
  return runProject({ 'prisma/schema.prisma': SCHEMA, 'prisma/billing.prisma': 'model Invoice {\n  id Int @id\n  @@map(name: "invoices")\n}\n', ...files });
}

describe('prisma schema', () => {
  it('reads models, honours @@map, ignores comments and strings; a field of a model type is a relation', () => {
    expect(parsePrismaSchema('prisma/schema.prisma', SCHEMA).entities).toEqual([
      { name: 'Order', table: 'orders', orm: 'prisma', line: 6, relations: { items: { by: 'model', name: 'OrderItem', orm: 'prisma' } } },
      { name: 'OrderItem', table: 'OrderItem', orm: 'prisma', line: 12 },
    ]);
  });

  it('reports an unclosed model', () => {
    expect(parsePrismaSchema('x.prisma', 'model A {\n id Int').diagnostics.map((d) => d.code)).toEqual(['schema-parse-error']);
  });

  it('several schema files define entities', () => {
    const run = project({});
    expect(run.linked.entities.map((e) => `${e.id}:${e.table}:${e.definedIn}`)).toEqual([
      'Invoice:invoices:prisma/billing.prisma',
      'Order:orders:prisma/schema.prisma',
      'OrderItem:OrderItem:prisma/schema.prisma',
    ]);
  });
});

describe('prisma adapter', () => {
  it('a client made with new PrismaClient(), used directly and through $transaction', () => {
    const run = project({
      'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`,
      'src/orders.ts': `import { prisma } from './db';
export async function place() {
  await prisma.order.create({ data: {} });
  await prisma.$transaction(async (tx) => {
    await tx.orderItem.createMany({ data: [] });
    return tx.invoice.findFirst();
  });
  return prisma.order.findMany();
}
`,
    });
    expect(rowsOf(run, 'src/orders.ts')).toEqual([
      'src/orders.ts OrderItem write',
      'src/orders.ts invoices read',
      'src/orders.ts orders read',
      'src/orders.ts orders write',
    ]);
  });

  it('a NestJS PrismaService injected as a field, and a parameter typed PrismaClient', () => {
    const run = project({
      'src/service.ts': `import { PrismaService } from './prisma.service';
import type { PrismaClient } from '@prisma/client';
export class OrderService {
  constructor(private readonly db: PrismaService) {}
  list() { return this.db.order.findMany(); }
  count() { return this.db.order.count(); }
  remove(id: number) { return this.db.orderItem.delete({ where: { id } }); }
}
export function upsert(client: PrismaClient) { return client.invoice.upsert({} as never); }
`,
    });
    expect(rowsOf(run, 'src/service.ts')).toEqual(['src/service.ts OrderItem write', 'src/service.ts invoices write', 'src/service.ts orders read']);
  });

  it('a receiver used with a Prisma-only operation is a client for the whole file (ctx.db)', () => {
    const run = project({
      'src/router.ts': `export const router = {
  list: ({ ctx }: any) => ctx.db.order.findMany(),
  add: ({ ctx }: any) => ctx.db.order.create({ data: {} }),
};
`,
    });
    expect(rowsOf(run, 'src/router.ts')).toEqual(['src/router.ts orders read', 'src/router.ts orders write']);
  });

  it('a client returned by a call (an extended client from a PrismaService method)', () => {
    const run = project({
      'src/controller.ts': `import { PrismaService } from './prisma.service';
export class AppController {
  constructor(private readonly prismaService: PrismaService) {}
  feed() { return this.prismaService.extendedPrismaClient().order.findMany(); }
  draft() { return this.prismaService.extendedPrismaClient().order.create({ data: {} }); }
  other(api: { client(): any }) { return api.client().order.delete({}); }
}
`,
    });
    expect(rowsOf(run, 'src/controller.ts')).toEqual(['src/controller.ts orders read', 'src/controller.ts orders write']);
    const writes = run.linked.dataAccess.find((record) => record.module === 'src/controller.ts' && record.mode === 'write')!;
    expect(writes.locations).toEqual([{ line: 5 }]);
  });

  it('without evidence, a.b.create() is not Prisma', () => {
    const run = project({
      'src/other.ts': `export function f(store: any, api: any) { store.order.create({}); return api.order.delete(1); }\n`,
    });
    expect(rowsOf(run, 'src/other.ts')).toEqual([]);
    expect(run.linked.diagnostics).toEqual([]);
  });

  it('a model picked at run time is unresolved; an unknown model is a diagnostic', () => {
    const run = project({
      'src/dyn.ts': `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const all = (model: string) => (prisma as any)[model].findMany();
export const ghost = () => prisma.ghost.findMany();
`,
    });
    expect(run.unresolved).toEqual({ 'src/dyn.ts': 1 });
    expect(run.linked.diagnostics.map((d) => `${d.code}:${d.file}:${d.line}`)).toEqual(['unknown-model:src/dyn.ts:4']);
  });

  it('never reports a read-only file as writing', () => {
    const run = project({
      'src/read.ts': `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export const a = () => prisma.order.findUnique({ where: { id: 1 } });
export const b = () => prisma.order.aggregate({ _sum: { id: true } });
export const c = () => prisma.orderItem.groupBy({ by: ['id'] });
export const d = () => prisma.invoice.findFirstOrThrow();
`,
    });
    expect(rowsOf(run, 'src/read.ts')).toEqual(['src/read.ts OrderItem read', 'src/read.ts invoices read', 'src/read.ts orders read']);
  });
});
