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

describe('sequelize as teams use it', () => {
  const BASE = {
    'src/db.ts': `import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize('sqlite::memory:');\n`,
    'src/base.ts': `import { Model } from 'sequelize';
export abstract class WithPublicId<T extends object> extends Model<T> { declare publicId: string; }
`,
    'src/post.ts': `import { DataTypes, type HasManyGetAssociationsMixin } from 'sequelize';
import { sequelize } from './db';
import { WithPublicId } from './base';
import type { Tag } from './tag';
export class Post extends WithPublicId<{ id: number }> {
  declare getTags: HasManyGetAssociationsMixin<Tag>;
  static async findBySlug(slug: string) { return this.scope('published').findOne({ where: { slug } }); }
  static async archiveOld() { const old = await this.findAll(); for (const p of old) await p.update({ archived: true }); }
  static slugify(title: string) { return title.toLowerCase(); }
  async publish() { return this.save(); }
}
Post.init({ id: { type: DataTypes.INTEGER, primaryKey: true } }, { sequelize, tableName: 'posts' });
`,
    'src/tag.ts': `import { Model } from 'sequelize';
import { sequelize } from './db';
class LocalBase extends Model {}
export class Tag extends LocalBase {}
Tag.init({}, { tableName: 'tags', sequelize });
export class Label extends LocalBase {}
Label.init({}, { modelName: 'Label' } as never);
`,
    'src/models.ts': `import { sequelize } from './db';
import { Post } from './post';
import { Tag } from './tag';
Post.belongsToMany(Tag, { through: 'PostTags', as: 'labels' });
const models = { Post, Tag };
export default models;
`,
  };

  it('a model extends a project base class (imported, or of this file) when Model.init gets the sequelize instance', () => {
    const run = runProject(BASE);
    expect(run.linked.entities.map((e) => `${e.id}:${e.table}:${e.definedIn}`)).toEqual([
      'Label:Labels:src/tag.ts',
      'Post:posts:src/post.ts',
      'Tag:tags:src/tag.ts',
    ]);
  });

  it('scope()/unscoped()/schema() chains before a finder or writer are the model', () => {
    const run = runProject({
      ...BASE,
      'src/feed.ts': `import { Post } from './post';
import models from './models';
export const feed = () => Post.scope('published', 'recent').findAll();
export const wipe = () => models.Tag.unscoped().destroy({ where: {} });
export const other = () => Post.schema('archive').count();
`,
    });
    expect(rowsOf(run, 'src/feed.ts')).toEqual(['src/feed.ts posts read', 'src/feed.ts tags write']);
  });

  it('names destructured at module level from a registry object are its models', () => {
    const run = runProject({
      ...BASE,
      'src/admin.ts': `import models from './models';
const { Post, Tag: Tags } = models;
export const posts = () => Post.count();
export const retag = () => Tags.bulkCreate([]);
`,
    });
    expect(rowsOf(run, 'src/admin.ts')).toEqual(['src/admin.ts posts read', 'src/admin.ts tags write']);
  });

  it('custom statics: an access of their model, with the mode of their own body; a pure static is none', () => {
    const run = runProject({
      ...BASE,
      'src/show.ts': `import { Post } from './post';\nexport const show = (slug: string) => Post.findBySlug(slug);\nexport const slug = () => Post.slugify('A');\n`,
      'src/cron.ts': `import models from './models';\nexport const nightly = () => models.Post.archiveOld();\n`,
    });
    expect(rowsOf(run, 'src/show.ts')).toEqual(['src/show.ts posts read']);
    expect(rowsOf(run, 'src/cron.ts')).toEqual(['src/cron.ts posts write']);
    // In the model's own file: this.findOne in a static, p.update on what this.findAll found, this.save.
    expect(rowsOf(run, 'src/post.ts')).toEqual(['src/post.ts posts read', 'src/post.ts posts write']);
  });

  it('instances: typed parameters, loop variables, array callbacks and finder results', () => {
    const run = runProject({
      ...BASE,
      'src/typed.ts': `import type { Post } from './post';\nexport const bump = (post: Post) => post.increment('views');\n`,
      'src/loop.ts': `import { Tag } from './tag';
export async function retag(tags: Tag[]) { for (const tag of tags) await tag.restore(); }
`,
      'src/callback.ts': `import models from './models';
export async function drop() { const posts = await models.Post.findAll(); await Promise.all(posts.map((p) => p.destroy())); }
`,
      'src/found.ts': `import { Tag } from './tag';
export async function touch(id: number) { const tag = await Tag.findByPk(id); await tag!.reload(); }
`,
    });
    expect(rowsOf(run, 'src/typed.ts')).toEqual(['src/typed.ts posts write']);
    expect(rowsOf(run, 'src/loop.ts')).toEqual(['src/loop.ts tags write']);
    expect(rowsOf(run, 'src/callback.ts')).toEqual(['src/callback.ts posts read', 'src/callback.ts posts write']);
    expect(rowsOf(run, 'src/found.ts')).toEqual(['src/found.ts tags read']);
  });

  it('association accessors: declared mixins and association calls reach the associated model; undeclared ones nothing', () => {
    const run = runProject({
      ...BASE,
      'src/tags.ts': `import type { Post } from './post';
export const tagsOf = (post: Post) => post.getTags();
export const unknown = (post: Post) => post.getAuthor();
`,
      'src/labels.ts': `import type { Post } from './post';
export const label = (post: Post, tagId: number) => post.addLabel(tagId);
`,
      'src/counts.ts': `import type { Post } from './post';
export const count = (post: Post) => post.countLabels();
`,
    });
    expect(rowsOf(run, 'src/tags.ts')).toEqual(['src/tags.ts tags read']);
    expect(rowsOf(run, 'src/labels.ts')).toEqual(['src/labels.ts tags write']);
    expect(rowsOf(run, 'src/counts.ts')).toEqual(['src/counts.ts tags read']);
  });

  it('sequelize-typescript $get/$count read and $set/$add/$remove/$create write the related model', () => {
    const run = runProject({
      'src/team.ts': `import { BelongsToMany, HasMany, Model, Table } from 'sequelize-typescript';
@Table({ tableName: 'teams' })
export class Team extends Model { @HasMany(() => Player) declare players: Player[]; }
@Table({ tableName: 'players' })
export class Player extends Model { @BelongsToMany(() => Team, 'TeamPlayers', 'playerId', 'teamId') declare teams: Team[]; }
`,
      'src/roster.ts': `import type { Team } from './team';\nexport const roster = (team: Team) => team.$get('players');\n`,
      'src/transfer.ts': `import type { Player } from './team';\nexport const leave = (player: Player, team: Team) => player.$remove('teams', team);\n`,
    });
    expect(rowsOf(run, 'src/roster.ts')).toEqual(['src/roster.ts players read']);
    expect(rowsOf(run, 'src/transfer.ts')).toEqual(['src/transfer.ts teams write']);
  });
});
