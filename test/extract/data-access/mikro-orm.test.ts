import { describe, expect, it } from 'vitest';
import { rowsOf, runProject } from './helpers/project.js';

const ENTITIES = {
  'src/entities.ts': `import { Entity, PrimaryKey, Property, EntityRepository } from '@mikro-orm/core';
@Entity({ tableName: 'orders' })
export class Order { @PrimaryKey() id!: number; }
@Entity()
export class OrderLine { @Property() qty!: number; }
@Entity({ collection: 'audit' })
export class AuditEntry { @Property() at!: Date; }
`,
};

describe('mikro-orm adapter', () => {
  it('entities: tableName, collection, snake_case default; not mistaken for TypeORM', () => {
    const run = runProject(ENTITIES);
    expect(run.linked.entities.map((e) => `${e.id}:${e.table}:${e.orm}`)).toEqual([
      'AuditEntry:audit:mikro-orm',
      'Order:orders:mikro-orm',
      'OrderLine:order_line:mikro-orm',
    ]);
  });

  it('em.find/count read; persist, remove, nativeUpdate/nativeDelete write; create writes when the file flushes', () => {
    const run = runProject({
      ...ENTITIES,
      'src/service.ts': `import { EntityManager } from '@mikro-orm/postgresql';
import { Order, OrderLine, AuditEntry } from './entities';
export class OrderService {
  constructor(private readonly em: EntityManager) {}
  list() { return this.em.find(Order, {}); }
  count() { return this.em.count(OrderLine); }
  async add() {
    const line = new OrderLine();
    this.em.persist(line);
    this.em.create(AuditEntry, { at: new Date() });
    await this.em.flush();
  }
  close(id: number) { return this.em.nativeUpdate(Order, { id }, { closed: true }); }
  async drop(order: Order) { await this.em.remove(order).flush(); }
}
`,
    });
    expect(rowsOf(run, 'src/service.ts')).toEqual([
      'src/service.ts audit write',
      'src/service.ts order_line read',
      'src/service.ts order_line write',
      'src/service.ts orders read',
      'src/service.ts orders write',
    ]);
  });

  it('repositories: em.getRepository(E), @InjectRepository(E), custom repository classes', () => {
    const run = runProject({
      ...ENTITIES,
      'src/order.repository.ts': `import { EntityRepository } from '@mikro-orm/postgresql';
import { Order } from './entities';
export class OrderRepository extends EntityRepository<Order> {
  open() { return this.find({ open: true }); }
}
`,
      'src/service.ts': `import { InjectRepository } from '@mikro-orm/nestjs';
import { EntityRepository, MikroORM } from '@mikro-orm/core';
import { OrderLine, AuditEntry } from './entities';
import { OrderRepository } from './order.repository';
export class Service {
  constructor(
    @InjectRepository(OrderLine) private readonly lines: EntityRepository<OrderLine>,
    private readonly orders: OrderRepository,
    private readonly orm: MikroORM,
  ) {}
  a() { return this.lines.findAll(); }
  b(id: number) { return this.orders.nativeDelete({ id }); }
  c() { return this.orm.em.getRepository(AuditEntry).count(); }
}
`,
    });
    expect(rowsOf(run, 'src/order.repository.ts')).toEqual(['src/order.repository.ts orders read']);
    expect(rowsOf(run, 'src/service.ts')).toEqual(['src/service.ts audit read', 'src/service.ts order_line read', 'src/service.ts orders write']);
  });

  it('never reports a read-only file as writing; create without flush is no write', () => {
    const run = runProject({
      ...ENTITIES,
      'src/read.ts': `import { EntityManager } from '@mikro-orm/core';
import { Order } from './entities';
export const a = (em: EntityManager) => em.findOneOrFail(Order, 1);
export const b = (em: EntityManager) => em.findAndCount(Order, {});
export const c = (em: EntityManager) => em.create(Order, {});
export const d = (em: EntityManager) => em.createQueryBuilder(Order).select('*').getResult();
`,
    });
    expect(rowsOf(run, 'src/read.ts')).toEqual(['src/read.ts orders read']);
  });
});
