import { describe, expect, it } from 'vitest';
import { accessRows, rowsOf, runProject } from './helpers/project.js';

const MODELS = {
  'src/db.ts': `import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize('sqlite::memory:');\n`,
  'src/order.model.ts': `import { Model, DataTypes } from 'sequelize';
import { sequelize } from './db';
export class Order extends Model {}
Order.init({ total: DataTypes.INTEGER }, { sequelize, tableName: 'orders' });
export class OrderLine extends Model {}
OrderLine.init({}, { sequelize });
export class Category extends Model {}
Category.init({}, { sequelize, freezeTableName: true });
`,
  'src/customer.model.ts': `import { sequelize } from './db';
export const CustomerModel = sequelize.define('Customer', {}, { tableName: 'customers' });
export const Person = sequelize.define('Person', {});
`,
  'src/invoice.model.ts': `import { Table, Column, Model } from 'sequelize-typescript';
@Table({ tableName: 'invoices' })
export class Invoice extends Model { @Column declare amount: number; }
@Table
export class Refund extends Model {}
`,
};

describe('sequelize adapter', () => {
  it('Model.init tableName / pluralized / frozen, define(), sequelize-typescript @Table', () => {
    const run = runProject(MODELS);
    expect(run.linked.entities.map((e) => `${e.id}:${e.table}:${e.definedIn}`)).toEqual([
      'Category:Category:src/order.model.ts',
      'Customer:customers:src/customer.model.ts',
      'Invoice:invoices:src/invoice.model.ts',
      'Order:orders:src/order.model.ts',
      'OrderLine:OrderLines:src/order.model.ts',
      'Person:People:src/customer.model.ts',
      'Refund:Refunds:src/invoice.model.ts',
    ]);
  });

  it('imported models, define() results under another name, instances saved and destroyed', () => {
    const run = runProject({
      ...MODELS,
      'src/service.ts': `import { Order, OrderLine } from './order.model';
import { CustomerModel } from './customer.model';
export async function checkout(id: number) {
  const order = await Order.findByPk(id);
  await order!.destroy();
  await OrderLine.bulkCreate([]);
  const draft = OrderLine.build({});
  await draft.save();
  return CustomerModel.findAll();
}
`,
    });
    expect(rowsOf(run, 'src/service.ts')).toEqual([
      'src/service.ts OrderLines write',
      'src/service.ts customers read',
      'src/service.ts orders read',
      'src/service.ts orders write',
    ]);
  });

  it('NestJS @InjectModel(Invoice) with typeof Invoice, and sequelize.models.X', () => {
    const run = runProject({
      ...MODELS,
      'src/invoice.service.ts': `import { InjectModel } from '@nestjs/sequelize';
import { Invoice } from './invoice.model';
import { sequelize } from './db';
export class InvoiceService {
  constructor(@InjectModel(Invoice) private invoices: typeof Invoice) {}
  all() { return this.invoices.findAll(); }
  pay(id: number) { return this.invoices.update({ paid: true }, { where: { id } }); }
  refunds() { return sequelize.models.Refund.count(); }
}
`,
    });
    expect(rowsOf(run, 'src/invoice.service.ts')).toEqual([
      'src/invoice.service.ts Refunds read',
      'src/invoice.service.ts invoices read',
      'src/invoice.service.ts invoices write',
    ]);
  });

  it('never reports a read-only file as writing, and drops non-model calls', () => {
    const run = runProject({
      ...MODELS,
      'src/read.ts': `import { Order } from './order.model';
import { Helpers } from './helpers';
export const a = () => Order.findAll({ where: {} });
export const b = () => Order.findAndCountAll();
export const c = () => Order.max('total');
export const d = () => Helpers.create();
`,
      'src/helpers.ts': `export class Helpers { static create() { return 1; } }\n`,
    });
    expect(rowsOf(run, 'src/read.ts')).toEqual(['src/read.ts orders read']);
    expect(accessRows(run).filter((row) => row.includes(' write'))).toEqual([]);
  });
});
