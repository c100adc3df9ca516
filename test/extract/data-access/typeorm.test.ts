import { describe, expect, it } from 'vitest';
import { accessRows, rowsOf, runProject } from './helpers/project.js';

const ENTITIES = `import { Entity, ViewEntity, Column, PrimaryGeneratedColumn, BaseEntity } from 'typeorm';
@Entity('orders')
export class Order { @PrimaryGeneratedColumn() id!: number; }
@Entity({ name: 'order_lines' })
export class OrderLine { @Column() qty!: number; }
@Entity()
export class CustomerAccount { @Column() name!: string; }
@ViewEntity({ name: 'order_totals', expression: 'SELECT 1' })
export class OrderTotal { @Column() total!: number; }
@Entity('invoices')
export class Invoice extends BaseEntity { @Column() amount!: number; }
`;

function project(service: string, extra: Record<string, string> = {}) {
  return runProject({ 'src/entities.ts': ENTITIES, 'src/index.ts': `export * from './entities';`, 'src/service.ts': service, ...extra });
}

describe('typeorm adapter', () => {
  it('reads entity names from @Entity, @Entity({ name }), the class name in snake_case, and @ViewEntity', () => {
    const run = project('export {};');
    expect(run.linked.entities.map((entity) => `${entity.id}:${entity.table}:${entity.orm}:${entity.definedIn}:${entity.line}`)).toEqual([
      'CustomerAccount:customer_account:typeorm:src/entities.ts:7',
      'Invoice:invoices:typeorm:src/entities.ts:11',
      'Order:orders:typeorm:src/entities.ts:3',
      'OrderLine:order_lines:typeorm:src/entities.ts:5',
      'OrderTotal:order_totals:typeorm:src/entities.ts:9',
    ]);
  });

  it('follows @InjectRepository parameter properties, Repository<E> types and constructor-assigned fields', () => {
    const run = project(`import { InjectRepository } from '@nestjs/typeorm';
import { Repository, DataSource } from 'typeorm';
import { Order, OrderLine, CustomerAccount } from './index';
export class OrderService {
  private lines: Repository<OrderLine>;
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly accounts: Repository<CustomerAccount>,
    dataSource: DataSource,
  ) {
    this.lines = dataSource.getRepository(OrderLine);
  }
  list() { return this.orders.find({ where: {} }); }
  one(id: number) { return this.orders.findOneBy({ id }); }
  add(order: Order) { return this.orders.save(order); }
  count() { return this.lines.count(); }
  close(id: number) { return this.accounts.softDelete(id); }
  build() { return this.orders.create({}); }
}
`);
    expect(rowsOf(run, 'src/service.ts')).toEqual([
      'src/service.ts customer_account write',
      'src/service.ts order_lines read',
      'src/service.ts orders read',
      'src/service.ts orders write',
    ]);
    const writes = run.linked.dataAccess.find((record) => record.entity === 'Order' && record.mode === 'write')!;
    // `create` builds an object in memory: not a write, so only line 15 is.
    expect(writes.locations).toEqual([{ line: 15 }]);
    expect(writes.operations).toEqual(['this.orders.save']);
  });

  it('reads manager.find(E) and manager.save(E, ...) and resolves instances passed to save', () => {
    const run = project(`import { DataSource, EntityManager } from 'typeorm';
import { Order, OrderLine } from './entities';
export async function run(ds: DataSource) {
  await ds.manager.find(Order, {});
  await ds.transaction(async (manager) => {
    const line = new OrderLine();
    await manager.save(line);
    await manager.update(Order, 1, {});
  });
}
export function viaType(em: EntityManager, order: Order) { return em.remove(order); }
`);
    expect(rowsOf(run, 'src/service.ts')).toEqual([
      'src/service.ts order_lines write',
      'src/service.ts orders read',
      'src/service.ts orders write',
    ]);
  });

  it('query builders: a builder that updates, inserts or deletes writes; joins with entity classes read', () => {
    const run = project(`import { DataSource, Repository } from 'typeorm';
import { Order, OrderLine, CustomerAccount, OrderTotal } from './entities';
export class Reports {
  constructor(private ds: DataSource, private orders: Repository<Order>) {}
  totals() { return this.ds.createQueryBuilder().select('t.total').from(OrderTotal, 't').innerJoin(CustomerAccount, 'c', 'c.id = t.c').getRawMany(); }
  byRepo() { return this.orders.createQueryBuilder('o').leftJoinAndSelect('o.lines', 'l').getMany(); }
  async purge() {
    const qb = this.ds.createQueryBuilder();
    qb.delete().from(OrderLine);
    await qb.where('qty = 0').execute();
  }
  close() { return this.orders.createQueryBuilder().update().set({}).where('id = 1').execute(); }
}
`);
    expect(rowsOf(run, 'src/service.ts')).toEqual([
      'src/service.ts customer_account read',
      'src/service.ts order_lines write',
      'src/service.ts order_totals read',
      'src/service.ts orders read',
      'src/service.ts orders write',
    ]);
  });

  it('custom repositories: a class extending Repository<E>, used here and from another file', () => {
    const run = project(`import { Repository, DataSource } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { Order } from './entities';
@Injectable()
export class OrderRepository extends Repository<Order> {
  constructor(ds: DataSource) { super(Order, ds.createEntityManager()); }
  open() { return this.find({ where: { status: 'open' } }); }
}
`, {
      'src/consumer.ts': `import { OrderRepository } from './service';
export class Consumer {
  constructor(private readonly repository: OrderRepository) {}
  close(id: number) { return this.repository.delete(id); }
}
`,
      'src/active.ts': `import { Invoice } from './entities';
export async function pay() {
  const invoice = await Invoice.findOneBy({ id: 1 });
  const fresh = Invoice.create({});
  await fresh.save();
  return invoice;
}
`,
    });
    expect(accessRows(run)).toEqual([
      'src/active.ts invoices read',
      'src/active.ts invoices write',
      'src/consumer.ts orders write',
      'src/service.ts orders read',
    ]);
  });

  it('0.3 custom repositories made with extend() and exported', () => {
    const run = project(`import { AppDataSource } from './data-source';
import { Order } from './entities';
export const OrderRepository = AppDataSource.getRepository(Order).extend({
  findOpen() { return this.find({}); },
});
`, {
      'src/data-source.ts': `import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({ type: 'postgres' });\n`,
      'src/use.ts': `import { OrderRepository } from './service';\nexport const open = () => OrderRepository.findBy({});\nexport const drop = () => OrderRepository.delete({});\n`,
    });
    expect(rowsOf(run, 'src/use.ts')).toEqual(['src/use.ts orders read', 'src/use.ts orders write']);
  });

  it('counts a repository of a run-time entity as unresolved, once per place the name enters', () => {
    // \`all\` and \`byName\` forward their parameter (wrappers: their callers name the entity); the calls
    // below pass names only known at run time.
    const run = project(`import { DataSource } from 'typeorm';
export class Generic {
  constructor(private ds: DataSource, private registry: Record<string, Function>) {}
  all(entity: Function) { const repo = this.ds.getRepository(entity); repo.count(); return repo.find(); }
  byName(name: string) { return this.ds.manager.find(name as never); }
  pick(key: string) { return this.ds.getRepository(this.registry[key]!).find(); }
  use(key: string) { this.all(this.registry[key]!); return this.byName(key.toLowerCase()); }
}
`);
    expect(run.unresolved).toEqual({ 'src/service.ts': 3 });
    expect(rowsOf(run, 'src/service.ts')).toEqual([]);
  });

  it('never reports a read-only service as writing', () => {
    const run = project(`import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order } from './entities';
export class ReadOnly {
  constructor(@InjectRepository(Order) private orders: Repository<Order>) {}
  a() { return this.orders.find(); }
  b() { return this.orders.count(); }
  c() { return this.orders.createQueryBuilder('o').where('o.id = 1').getOne(); }
  d() { const draft = this.orders.create({}); return this.orders.merge(draft, {}); }
  e() { return this.orders.exists({ where: {} }); }
}
`);
    expect(rowsOf(run, 'src/service.ts')).toEqual(['src/service.ts orders read']);
  });
});
