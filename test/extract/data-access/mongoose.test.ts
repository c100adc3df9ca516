import { describe, expect, it } from 'vitest';
import { CLASS_GATE } from '../../../src/extract/data-access/core/inherited-models.js';
import { accessRows, rowsOf, runProject } from './helpers/project.js';

describe('mongoose adapter', () => {
  it('model(name, schema, collection?), schema collection option, default pluralized collection', () => {
    const run = runProject({
      'src/models.ts': `import mongoose, { Schema, model } from 'mongoose';
const orderSchema = new Schema({ total: Number });
export const Order = model('Order', orderSchema);
export const Category = mongoose.model('Category', new Schema({}), 'product_categories');
const personSchema = new Schema({}, { collection: 'humans' });
export const PersonModel = model('Person', personSchema);
`,
    });
    expect(run.linked.entities.map((e) => `${e.id}:${e.table}:${e.orm}:${e.line}`)).toEqual([
      'Category:product_categories:mongoose:4',
      'Order:orders:mongoose:3',
      'Person:humans:mongoose:6',
    ]);
  });

  it('imported models: static reads and writes, documents saved, findOneAnd* writes', () => {
    const run = runProject({
      'src/models.ts': `import { Schema, model } from 'mongoose';
export const Order = model('Order', new Schema({}));
export const PersonModel = model('Person', new Schema({}));
`,
      'src/service.ts': `import { Order, PersonModel } from './models';
export async function f() {
  await Order.find({});
  await Order.findOneAndUpdate({}, {});
  const person = new PersonModel({ name: 'x' });
  await person.save();
  return PersonModel.countDocuments();
}
`,
      'src/reader.ts': `import { Order } from './models';
export const list = () => Order.find().lean();
export const one = async (id: string) => { const o = await Order.findById(id); return o; };
`,
    });
    expect(accessRows(run)).toEqual([
      'src/reader.ts orders read',
      'src/service.ts orders read',
      'src/service.ts orders write',
      'src/service.ts people read',
      'src/service.ts people write',
    ]);
  });

  it('NestJS: @Schema classes, @InjectModel(Cat.name), new this.model(dto).save()', () => {
    const run = runProject({
      'src/cat.schema.ts': `import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
export type CatDocument = HydratedDocument<Cat>;
@Schema()
export class Cat { @Prop() name!: string; }
export const CatSchema = SchemaFactory.createForClass(Cat);
@Schema({ collection: 'kennels' })
export class Kennel { @Prop() size!: number; }
@Schema({ _id: false })
export class Address { @Prop() street!: string; }
`,
      'src/cats.service.ts': `import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Cat, CatDocument, Kennel } from './cat.schema';
@Injectable()
export class CatsService {
  constructor(
    @InjectModel(Cat.name) private catModel: Model<CatDocument>,
    @InjectModel('Kennel') private kennels: Model<Kennel>,
  ) {}
  async create(dto: object) { const created = new this.catModel(dto); return created.save(); }
  findAll() { return this.catModel.find().exec(); }
  kennelCount() { return this.kennels.estimatedDocumentCount(); }
}
`,
    });
    expect(run.linked.entities.map((e) => `${e.id}:${e.table}`)).toEqual(['Cat:cats', 'Kennel:kennels']);
    expect(rowsOf(run, 'src/cats.service.ts')).toEqual([
      'src/cats.service.ts cats read',
      'src/cats.service.ts cats write',
      'src/cats.service.ts kennels read',
    ]);
  });

  it('Model<CatDocument> in another file follows the document type alias to the schema class', () => {
    const run = runProject({
      'src/task.schema.ts': `import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Document, HydratedDocument } from 'mongoose';
export type TaskDocument = Task & Document;
export type TaskHydrated = HydratedDocument<Task>;
@Schema({ collection: 'scheduled_tasks' })
export class Task { @Prop() id!: string; }
export const TaskSchema = SchemaFactory.createForClass(Task);
`,
      'src/task-updater.ts': `import { Model } from 'mongoose';
import { TaskDocument, TaskHydrated } from './task.schema';
export async function disable(taskModel: Model<TaskDocument>, id: string) {
  const existing = await taskModel.findOne({ id }).exec();
  if (existing) return taskModel.findOneAndUpdate({ id }, { enable: false });
  const created = new taskModel({ id });
  return created.save();
}
export const count = (model: Model<TaskHydrated>) => model.countDocuments();
`,
    });
    expect(rowsOf(run, 'src/task-updater.ts')).toEqual(['src/task-updater.ts scheduled_tasks read', 'src/task-updater.ts scheduled_tasks write']);
    const writes = run.linked.dataAccess.find((record) => record.module === 'src/task-updater.ts' && record.mode === 'write')!;
    expect(writes.locations).toEqual([{ line: 5 }, { line: 7 }]);
  });

  it('a model name built at run time is unresolved', () => {
    const run = runProject({
      'src/dyn.ts': `import mongoose from 'mongoose';\nexport const find = (name: string) => mongoose.model(name).find();\n`,
    });
    expect(run.unresolved).toEqual({ 'src/dyn.ts': 1 });
  });

  it('never reports a read-only file as writing', () => {
    const run = runProject({
      'src/models.ts': `import { Schema, model } from 'mongoose';\nexport const Order = model('Order', new Schema({}));\n`,
      'src/read.ts': `import { Order } from './models';
export const a = () => Order.find({ status: 'open' }).sort({ at: -1 });
export const b = () => Order.aggregate([]);
export const c = () => Order.exists({});
export const d = async () => { const o = await Order.findOne({}); return o?.toObject(); };
`,
    });
    expect(rowsOf(run, 'src/read.ts')).toEqual(['src/read.ts orders read']);
  });

  describe('models a class inherits (core/inherited-models.ts)', () => {
    const base = `import { Model } from 'mongoose';
export class BaseRepository<T, E> {
  public _model: Model<T>;
  constructor(protected MongooseModel: Model<T>, protected entity: E) { this._model = MongooseModel; }
  async find(q: object) { return this.MongooseModel.find(q); }
  async updateOne(q: object, d: object) { return this.MongooseModel.updateOne(q, d); }
  async update(q: object, d: object) { return this.updateOne(q, d); }
  async count() { return this.MongooseModel.countDocuments(); }
}
`;
    const models = `import mongoose, { Schema } from 'mongoose';
export const Job = (mongoose.models.Job as mongoose.Model<unknown>) || mongoose.model('Job', new Schema({}));
export const Control = mongoose.model('controls', new Schema({})) || mongoose.model('inputs', new Schema({}));
`;

    it('super(Model) binds this.<member> in the subclass and in the inherited methods it calls; the base file accesses nothing', () => {
      const run = runProject({
        'src/base.repository.ts': base,
        'src/index.ts': `export * from './base.repository';\n`,
        'src/models.ts': models,
        'src/job.repository.ts': `import { BaseRepository } from './index';
import { Job } from './models';
export class JobRepository extends BaseRepository<unknown, unknown> {
  constructor() { super(Job, {}); }
  setStatus() { return this.MongooseModel.updateOne({}, {}); }
  list() { return this.find({}); }
}
`,
        'src/control.repository.ts': `import { BaseRepository } from './base.repository';
import { Control } from './models';
export class ControlRepository extends BaseRepository<unknown, unknown> {
  constructor() { super(Control, {}); }
  async reset() { return this.update({}, {}); }
  async count() { return 0; }
  async total() { return this.count(); }
  async all() { return super.count(); }
}
`,
      });
      expect(rowsOf(run, 'src/base.repository.ts')).toEqual([]);
      expect(rowsOf(run, 'src/job.repository.ts')).toEqual(['src/job.repository.ts jobs read', 'src/job.repository.ts jobs write']);
      // update() -> this.updateOne() -> write; the own count() overrides the base's (no access), super.count() reads.
      expect(rowsOf(run, 'src/control.repository.ts')).toEqual(['src/control.repository.ts controls read', 'src/control.repository.ts controls write']);
      const reads = run.linked.dataAccess.find((record) => record.module === 'src/control.repository.ts' && record.mode === 'read')!;
      expect(reads.locations).toEqual([{ line: 8 }]);
      expect(reads.operations).toEqual(['super.count -> this.MongooseModel.countDocuments']);
    });

    it('an untyped base that keeps the model it is given (this.model = model) and imports no ORM', () => {
      const run = runProject({
        'src/models.ts': models,
        'src/base.js': `export class Store {
  constructor(model) { this.model = model; }
  all() { return this.model.find({}); }
}
`,
        'src/jobs.js': `import { Store } from './base.js';
import { Job } from './models';
export class Jobs extends Store {
  constructor() { super(Job); }
  purge() { return this.model.deleteMany({}); }
  list() { return this.all(); }
}
`,
      });
      expect(rowsOf(run, 'src/jobs.js')).toEqual(['src/jobs.js jobs read', 'src/jobs.js jobs write']);
      expect(rowsOf(run, 'src/base.js')).toEqual([]);
    });

    it('the type argument binds the model when no super argument names it', () => {
      const run = runProject({
        'src/typed.ts': `import { Model } from 'mongoose';
export class TypedRepository<T> {
  constructor(protected readonly model: Model<T>) {}
  count() { return this.model.countDocuments(); }
}
`,
        'src/cat.ts': `import { Prop, Schema } from '@nestjs/mongoose';
@Schema() export class Cat { @Prop() name!: string; }
`,
        'src/cats.repository.ts': `import { Model } from 'mongoose';
import { TypedRepository } from './typed';
import { Cat } from './cat';
export class CatsRepository extends TypedRepository<Cat> {
  constructor(model: Model<Cat>) { super(model); }
  howMany() { return this.count(); }
  raw() { return this.model.deleteMany({}); }
}
`,
      });
      expect(rowsOf(run, 'src/cats.repository.ts')).toEqual(['src/cats.repository.ts cats read', 'src/cats.repository.ts cats write']);
      expect(rowsOf(run, 'src/typed.ts')).toEqual([]);
    });

    it('what is passed up must be a model: a service, a parameter or a plain class binds nothing', () => {
      const run = runProject({
        'src/base.repository.ts': base,
        'src/models.ts': models,
        'src/other.ts': `import { BaseRepository } from './base.repository';
class Finder { find() { return []; } }
export class A extends BaseRepository<unknown, unknown> {
  constructor() { super(new Finder() as never, {}); }
  run() { return this.find({}); }
}
export class B extends BaseRepository<unknown, unknown> {
  constructor(model: never) { super(model, {}); }
  run() { return this.MongooseModel.find({}); }
}
`,
      });
      expect(rowsOf(run, 'src/other.ts')).toEqual([]);
    });

    it("calls on a project repository's instance are accesses of the calling file, with the mode of the method's body; a service in between is no access", () => {
      const run = runProject({
        'src/base.repository.ts': base,
        'src/models.ts': models,
        'src/job.repository.ts': `import { BaseRepository } from './base.repository';
import { Job } from './models';
export class JobRepository extends BaseRepository<unknown, unknown> {
  constructor() { super(Job, {}); }
  setStatus() { return this.MongooseModel.updateOne({}, {}); }
  describe() { return 'jobs'; }
}
`,
        'src/use-case.ts': `import { JobRepository } from './job.repository';
export class RunJob {
  constructor(private readonly jobRepository: JobRepository) {}
  async run() {
    const found = await this.jobRepository.find({});
    await this.jobRepository.setStatus();
    return this.jobRepository.describe() + found.length;
  }
}
export const standalone = () => new JobRepository().count();
`,
        'src/controller.ts': `import { RunJob } from './use-case';
export class Controller {
  constructor(private readonly runJob: RunJob) {}
  go() { return this.runJob.run(); }
}
`,
      });
      expect(rowsOf(run, 'src/use-case.ts')).toEqual(['src/use-case.ts jobs read', 'src/use-case.ts jobs write']);
      const reads = run.linked.dataAccess.find((record) => record.module === 'src/use-case.ts' && record.mode === 'read')!;
      expect(reads.locations).toEqual([{ line: 5 }, { line: 10 }]);
      expect(rowsOf(run, 'src/controller.ts')).toEqual([]);
    });

    it('the text gate opens on a class that extends something, not on an interface that does', () => {
      expect(CLASS_GATE.test('export class A<T extends object> extends Base<T> {}')).toBe(true);
      expect(CLASS_GATE.test('export default class A\n  extends Base<{ x: 1 }> {}')).toBe(true);
      expect(CLASS_GATE.test('interface Props extends Base { x: 1 }\nclass A<T extends object> {}')).toBe(false);
    });

    it('a model registered behind a fallback (`models.X || model(...)`) is known by the variable it is kept in', () => {
      const run = runProject({
        'src/models.ts': models,
        'src/use.ts': `import { Control, Job } from './models';\nexport const f = () => Promise.all([Control.find({}), Job.deleteMany({})]);\n`,
      });
      expect(rowsOf(run, 'src/use.ts')).toEqual(['src/use.ts controls read', 'src/use.ts jobs write']);
    });
  });
});
