// TypeORM as teams wrap it (issue 13): the entity as whichever argument names one, wrappers read from
// their bodies (in this file and imported), @ChildEntity, entity decorators a project defines, typed
// arrays and `new E()` saved through a manager.
import { describe, expect, it } from 'vitest';
import { accessRows, rowsOf, runProject } from './helpers/project.js';

const ENTITIES = `import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
@Entity('orders')
export class Order { @PrimaryGeneratedColumn() id!: number; }
@Entity('order_lines')
export class OrderLine { @Column() qty!: number; }
@Entity('customers')
export class Customer { @Column() name!: string; }
`;

function project(files: Record<string, string>) {
  return runProject({ 'src/entities.ts': ENTITIES, ...files });
}

describe('typeorm: the entity as whichever argument names one', () => {
  it('getRepository(ctx, Order) and manager calls with a context first', () => {
    const run = project({
      'src/service.ts': `import { Order, OrderLine } from './entities';
import { TransactionalConnection } from './connection';
export class OrderService {
  constructor(private connection: TransactionalConnection) {}
  list(ctx: unknown) { return this.connection.getRepository(ctx, Order).find(); }
  add(ctx: unknown, line: OrderLine) { return this.connection.getRepository(ctx, OrderLine).save(line); }
}
`,
      'src/connection.ts': `import { DataSource, EntityManager } from 'typeorm';
export class TransactionalConnection {
  constructor(private dataSource: DataSource) {}
  getRepository(ctx: unknown, target: any) { return this.dataSource.getRepository(target); }
}
`,
    });
    expect(rowsOf(run, 'src/service.ts')).toEqual(['src/service.ts order_lines write', 'src/service.ts orders read']);
    expect(run.unresolved['src/service.ts']).toBeUndefined();
  });
});

describe('typeorm: wrappers read from their bodies (this file)', () => {
  it('a function returning a repository of its parameter: its calls bind the entity', () => {
    const run = project({
      'src/service.ts': `import { DataSource, EntityTarget, Repository } from 'typeorm';
import { Order, OrderLine } from './entities';
const dataSource = new DataSource({ type: 'sqlite', database: ':memory:' });
export const repo = <E extends object>(target: EntityTarget<E>): Repository<E> => dataSource.getRepository(target);
export async function run() {
  await repo(Order).find();
  const lines = repo(OrderLine);
  await lines.delete({});
}
`,
    });
    expect(rowsOf(run, 'src/service.ts')).toEqual(['src/service.ts order_lines write', 'src/service.ts orders read']);
    // The wrapper's own getRepository(target) is its callers' entity: not unresolved.
    expect(run.unresolved).toEqual({});
  });

  it('methods that access the entity a parameter names, through another wrapper method', () => {
    const run = project({
      'src/connection.ts': `import { DataSource, EntityManager, ObjectType } from 'typeorm';
import { Order, Customer } from './entities';
export class Connection {
  constructor(private dataSource: DataSource, private manager: EntityManager) {}
  getRepository<T>(ctx: unknown, target: ObjectType<T>) { return this.dataSource.getRepository(target); }
  async getEntityOrThrow<T>(ctx: unknown, entityType: ObjectType<T>, id: number) {
    const repo = this.getRepository(ctx, entityType);
    return repo.findOne({ where: { id } as never });
  }
  async removeAll<T>(entity: ObjectType<T>) { await this.manager.delete(entity, {}); }
  async use(ctx: unknown) {
    await this.getEntityOrThrow(ctx, Order, 1);
    await this.removeAll(Customer);
  }
}
`,
    });
    expect(rowsOf(run, 'src/connection.ts')).toEqual(['src/connection.ts customers write', 'src/connection.ts orders read']);
    expect(run.unresolved).toEqual({});
  });

  it('a wrapper called with a run-time entity is unresolved at the call, once', () => {
    const run = project({
      'src/service.ts': `import { DataSource, EntityTarget } from 'typeorm';
const dataSource = new DataSource({ type: 'sqlite', database: ':memory:' });
function repo<E extends object>(target: EntityTarget<E>) { return dataSource.getRepository(target); }
export function all(entity: EntityTarget<object>) { return repo(entity).find(); }
export function byName(registry: Map<string, EntityTarget<object>>, name: string) { return repo(registry.get(name)!).count(); }
`,
    });
    // \`all\` is a wrapper itself (its callers name the entity); \`byName\` picks one at run time.
    expect(run.unresolved).toEqual({ 'src/service.ts': 1 });
    expect(run.scans.get('src/service.ts')!.accesses.filter((fact) => !fact.operation.startsWith('alias-of:'))).toEqual([]);
  });
});

describe('typeorm: @ChildEntity', () => {
  it('a child entity maps to its parent table, through more than one level', () => {
    const run = project({
      'src/content.ts': `import { ChildEntity, Column, Entity, TableInheritance } from 'typeorm';
@Entity('content')
@TableInheritance({ column: { type: 'varchar', name: 'type' } })
export class Content { @Column() title!: string; }
@ChildEntity()
export class Photo extends Content { @Column() size!: number; }
@ChildEntity('essay')
export class Essay extends Photo {}
`,
    });
    const tables = run.linked.entities.filter((entity) => entity.definedIn === 'src/content.ts').map((entity) => `${entity.id}:${entity.table}`);
    expect(tables).toEqual(['Content:content', 'Essay:content', 'Photo:content']);
  });
});

describe('typeorm: instances saved through a manager', () => {
  it('typed arrays, new E() and array literals', () => {
    const run = project({
      'src/service.ts': `import { EntityManager } from 'typeorm';
import { Order, OrderLine, Customer } from './entities';
export async function save(manager: EntityManager, lines: OrderLine[], customers: Array<Customer>) {
  await manager.save(lines);
  await manager.remove(customers);
  await manager.save(new Order());
}
export async function saveMany(manager: EntityManager) {
  const a = new Customer();
  await manager.save([a]);
}
`,
    });
    expect(rowsOf(run, 'src/service.ts')).toEqual(['src/service.ts customers write', 'src/service.ts order_lines write', 'src/service.ts orders write']);
    expect(run.unresolved).toEqual({});
  });
});

describe('typeorm: what is no wrapper', () => {
  it('a helper saving an instance typed with its entity keeps that entity, and its callers add nothing', () => {
    const run = project({
      'src/service.ts': `import { EntityManager } from 'typeorm';
import { Order } from './entities';
async function persist(manager: EntityManager, order: Order) { await manager.save(order); }
export async function place(manager: EntityManager, draft: { id: number }) { await persist(manager, draft as Order); }
`,
    });
    expect(rowsOf(run, 'src/service.ts')).toEqual(['src/service.ts orders write']);
    expect(run.unresolved).toEqual({});
  });
});

describe('typeorm: repositories inherited from generic base classes', () => {
  const BASE = `import { Repository, ObjectLiteral } from 'typeorm';
export class CrudService<T extends ObjectLiteral> {
  constructor(protected readonly repository: Repository<T>) {}
  findAll() { return this.repository.find(); }
  count() { return this.repository.createQueryBuilder('x').getCount(); }
  remove(id: number) { return this.repository.delete(id); }
}
`;

  it('extends CrudService<E>: this.repository in the subclass, inherited methods called on it, nothing for the base', () => {
    const run = project({
      'src/crud.service.ts': BASE,
      'src/order.service.ts': `import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CrudService } from './crud.service';
import { Order } from './entities';
export class OrderService extends CrudService<Order> {
  constructor(@InjectRepository(Order) repository: Repository<Order>) { super(repository); }
  open() { return this.repository.findBy({}); }
  purge(id: number) { return this.remove(id); }
}
`,
    });
    expect(rowsOf(run, 'src/order.service.ts')).toEqual(['src/order.service.ts orders read', 'src/order.service.ts orders write']);
    expect(rowsOf(run, 'src/crud.service.ts')).toEqual([]);
  });

  it('super(repository) of an injected repository, with no type argument on the base', () => {
    const run = project({
      'src/base.service.ts': `import { Repository, ObjectLiteral } from 'typeorm';
export class BaseService<E extends ObjectLiteral, R extends Repository<E> = Repository<E>> {
  constructor(private repository: R) {}
  list() { return this.repository.find(); }
}
`,
      'src/customer.service.ts': `import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BaseService } from './base.service';
import { Customer } from './entities';
export class CustomerService extends BaseService<Customer> {
  constructor(@InjectRepository(Customer) private customers: Repository<Customer>) { super(customers); }
  all() { return this.list(); }
}
`,
    });
    expect(rowsOf(run, 'src/customer.service.ts')).toEqual(['src/customer.service.ts customers read']);
  });

  it('class UserRepository extends Repository<User> with super(User, dataSource.manager)', () => {
    const run = project({
      'src/order.repository.ts': `import { DataSource, Repository } from 'typeorm';
import { Order } from './entities';
export class OrderRepository extends Repository<Order> {
  constructor(dataSource: DataSource) { super(Order, dataSource.manager); }
  open() { return this.findBy({}); }
}
`,
      'src/use.ts': `import { OrderRepository } from './order.repository';
export class Use { constructor(private readonly orders: OrderRepository) {} drop() { return this.orders.clear(); } }
`,
    });
    expect(accessRows(run)).toEqual(['src/order.repository.ts orders read', 'src/use.ts orders write']);
  });
});

describe('typeorm: wrappers and decorators of other files', () => {
  const DATASOURCE = `import { DataSource, EntityTarget, Repository } from 'typeorm';
const dataSource = new DataSource({ type: 'sqlite', database: ':memory:' });
export const repo = <E extends object>(target: EntityTarget<E>): Repository<E> => dataSource.getRepository(target);
export function notAWrapper(target: unknown) { return String(target); }
export default dataSource;
`;

  it('an imported repository wrapper binds the entity its callers pass; a function that is none adds nothing', () => {
    const run = project({
      'src/datasource.ts': DATASOURCE,
      'src/service.ts': `import { repo, notAWrapper } from './datasource';
import { Order, Customer } from './entities';
export async function run() {
  const orders = repo(Order);
  await orders.find();
  await repo(Customer).save({});
  notAWrapper(Order);
  return notAWrapper(Customer).length;
}
`,
    });
    expect(rowsOf(run, 'src/service.ts')).toEqual(['src/service.ts customers write', 'src/service.ts orders read']);
    expect(rowsOf(run, 'src/datasource.ts')).toEqual([]);
    expect(run.unresolved).toEqual({});
  });

  it('a method of an injected project class that reads the entity its caller names', () => {
    const run = project({
      'src/connection.ts': `import { DataSource, ObjectType } from 'typeorm';
export class TransactionalConnection {
  constructor(private dataSource: DataSource) {}
  getRepository<T>(ctx: unknown, target: ObjectType<T>) { return this.dataSource.getRepository(target); }
  async getEntityOrThrow<T>(ctx: unknown, entityType: ObjectType<T>, id: number) {
    return this.getRepository(ctx, entityType).findOneOrFail({ where: { id } as never });
  }
}
`,
      'src/order.service.ts': `import { TransactionalConnection } from './connection';
import { Order } from './entities';
export class OrderService {
  constructor(private connection: TransactionalConnection) {}
  async one(ctx: unknown, id: number) {
    const order = await this.connection.getEntityOrThrow(ctx, Order, id);
    return order;
  }
}
`,
    });
    expect(rowsOf(run, 'src/order.service.ts')).toEqual(['src/order.service.ts orders read']);
  });

  it('@ChildEntity of an entity in another file takes its table', () => {
    const run = project({
      'src/admin.ts': `import { ChildEntity, Column } from 'typeorm';
import { Customer } from './entities';
@ChildEntity()
export class VipCustomer extends Customer { @Column() level!: number; }
`,
    });
    const vip = run.linked.entities.find((entity) => entity.id === 'VipCustomer');
    expect(vip?.table).toBe('customers');
  });

  it('a decorator of the project that applies Entity declares entities; one that does not, none', () => {
    const run = project({
      'src/core/decorators.ts': `import { Entity, EntityOptions } from 'typeorm';
export function MultiORMEntity(name: string, options: EntityOptions = {}): ClassDecorator {
  return (target) => { Entity(name, options)(target); };
}
export const Audited = (): ClassDecorator => () => undefined;
`,
      'src/employee.ts': `import { Column } from 'typeorm';
import { MultiORMEntity, Audited } from './core/decorators';
@MultiORMEntity('employee', { schema: 'hr' })
export class Employee { @Column() name!: string; }
@Audited()
export class AuditTrail { @Column() at!: Date; }
`,
    });
    const mine = run.linked.entities.filter((entity) => entity.definedIn === 'src/employee.ts').map((entity) => `${entity.id}:${entity.table}`);
    expect(mine).toEqual(['Employee:employee']);
  });
});
