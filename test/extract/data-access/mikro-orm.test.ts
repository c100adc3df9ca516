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

  it('an entity manager known from a type argument or a declared return type', () => {
    const run = runProject({
      ...ENTITIES,
      'src/repo.ts': `import { SqlEntityManager } from '@mikro-orm/postgresql';
import { Utils } from '@acme/framework';
import { Order, OrderLine } from './entities';
export class OrderRepository extends Utils.BaseRepository<Order> {
  async a(ctx: object) { const manager = this.getActiveManager<SqlEntityManager>(ctx); return manager.find(Order, {}); }
  async b(ctx: object) { const manager = super.getActiveManager<SqlEntityManager>(ctx); return manager.nativeUpdate(OrderLine, {}, {}); }
  async c(ctx: object) { return this.managerOf(ctx).count(Order, {}); }
  async d(ctx: object) { return this.other(ctx).nativeDelete(Order, {}); }
  protected managerOf(ctx: object): SqlEntityManager { return ctx as SqlEntityManager; }
  protected other(ctx: object): Record<string, (...args: unknown[]) => unknown> { return ctx as never; }
}
`,
    });
    // d(): other() is declared to return no manager, so nativeDelete there is nobody's.
    expect(rowsOf(run, 'src/repo.ts')).toEqual(['src/repo.ts order_line write', 'src/repo.ts orders read']);
  });

  it("repositories a framework's generic base or class factory makes, and services typed through generics (core/inherited-models.ts)", () => {
    const run = runProject({
      ...ENTITIES,
      'src/tree.repository.ts': `import { SqlEntityManager } from '@mikro-orm/postgresql';
import { Utils } from '@acme/framework';
import { Order } from './entities';
export class OrderTreeRepository extends Utils.BaseTreeRepository<Order> {
  async softDelete(ids: number[], ctx: object) { const m = this.getActiveManager<SqlEntityManager>(ctx); return m.nativeUpdate(Order, { id: ids }, {}); }
}
`,
      'src/lines.repository.ts': `import type { EntityManager } from '@mikro-orm/core';
import { Utils } from '@acme/framework';
import { OrderLine } from './entities';
export class LinesRepository extends Utils.repositoryFactory<OrderLine>(OrderLine) {
  protected em_!: EntityManager;
}
`,
      'src/service.ts': `import type { DAL, Sdk } from '@acme/framework-types';
import { AuditEntry, OrderLine } from './entities';
import { OrderTreeRepository } from './tree.repository';
import { LinesRepository } from './lines.repository';
export class OrderService {
  constructor(
    private readonly repo_: DAL.TreeRepositoryService,
    private readonly lines_: LinesRepository,
    private readonly audit_: Sdk.InternalService<AuditEntry>,
    private readonly config_: Sdk.ConfigService<OrderLine>,
    private readonly plain_: Sdk.Cache<OrderLine>,
  ) {}
  remove(ids: number[]) { return (this.repo_ as unknown as OrderTreeRepository).softDelete(ids, {}); }
  untyped() { return this.repo_.find({}); }
  lines() { return this.lines_.find({}); }
  audit() { return this.audit_.list({}); }
  config() { return this.config_.get('x'); }
  cached() { return this.plain_.delete('x'); }
}
`,
    });
    expect(rowsOf(run, 'src/tree.repository.ts')).toEqual(['src/tree.repository.ts orders write']);
    // The cast names the repository (and so Order); the untyped repository, a method no service reads or
    // writes with (get) and a type not named like a service (Cache) name nothing.
    expect(rowsOf(run, 'src/service.ts')).toEqual(['src/service.ts audit read', 'src/service.ts order_line read', 'src/service.ts orders write']);
  });
});
