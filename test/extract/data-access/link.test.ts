import { describe, expect, it } from 'vitest';
import { linkDataAccess } from '../../../src/extract/data-access/index.js';
import type { DataAccessFact, EntityFact, FileFacts } from '../../../src/shared/facts.js';
import { runProject } from './helpers/project.js';

function facts(path: string, entities: EntityFact[], dataAccess: DataAccessFact[] = [], declared: string[] = []): FileFacts {
  return {
    path, hash: '', loc: 0, imports: [], exports: { declared, forwarded: [], reexports: [] },
    entities, dataAccess, unresolvedDataAccess: 0, entryPoints: [], diagnostics: [],
  };
}

const noExports = () => null;

describe('linkDataAccess', () => {
  it('gives unique, deterministic ids when ORMs share a name', () => {
    const files = [
      facts('src/b/order.schema.ts', [{ name: 'Order', table: 'orders', orm: 'mongoose', line: 3 }]),
      facts('src/a/order.entity.ts', [{ name: 'Order', table: 'orders', orm: 'typeorm', line: 5 }]),
      facts('src/c/order.entity.ts', [{ name: 'Order', table: 'legacy_orders', orm: 'typeorm', line: 2 }]),
      facts('src/d/order.entity.ts', [{ name: 'Order', table: 'old_orders', orm: 'typeorm', line: 9 }]),
    ];
    const linked = linkDataAccess(files, [], noExports);
    expect(linked.entities.map((entity) => `${entity.id} ${entity.definedIn}`)).toEqual([
      'Order src/a/order.entity.ts',
      'Order@mongoose src/b/order.schema.ts',
      'Order@typeorm src/c/order.entity.ts',
      'Order@typeorm:src/d/order.entity.ts src/d/order.entity.ts',
    ]);
    expect(linked.diagnostics.map((d) => d.code)).toEqual(['entity-name-clash', 'entity-name-clash', 'entity-name-clash']);
    const reversed = linkDataAccess([...files].reverse(), [], noExports);
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(linked));
  });

  it('binds tables case-insensitively when no exact match, and gives a synthetic id that does not collide', () => {
    const files = [
      facts('src/schema.ts', [{ name: 'orders', table: 'order_rows', orm: 'drizzle', line: 1 }]),
      facts('src/report.ts', [], [
        { target: { by: 'table', table: 'orders' }, mode: 'read', line: 4, orm: 'sql', operation: 'SELECT' },
        { target: { by: 'table', table: 'ORDER_ROWS' }, mode: 'read', line: 5, orm: 'sql', operation: 'SELECT' },
      ]),
    ];
    const linked = linkDataAccess(files, [], noExports);
    expect(linked.entities.map((entity) => `${entity.id}:${entity.table}:${entity.orm}`)).toEqual(['orders:order_rows:drizzle', 'orders@sql:orders:sql']);
    expect(linked.dataAccess.map((record) => `${record.entity}:${record.mode}:${record.locations.map((l) => l.line).join(',')}`)).toEqual([
      'orders:read:5',
      'orders@sql:read:4',
    ]);
  });

  it('merges accesses per (module, entity, mode), operations and lines sorted and unique', () => {
    const target = { by: 'table', table: 'orders' } as const;
    const linked = linkDataAccess([facts('src/a.ts', [], [
      { target, mode: 'write', line: 9, orm: 'sql', operation: 'UPDATE' },
      { target, mode: 'write', line: 3, orm: 'knex', operation: 'knex.insert' },
      { target, mode: 'write', line: 9, orm: 'sql', operation: 'DELETE' },
    ])], [], noExports);
    expect(linked.dataAccess).toEqual([
      { module: 'src/a.ts', entity: 'orders', mode: 'write', orm: 'knex', operations: ['DELETE', 'UPDATE', 'knex.insert'], locations: [{ line: 3 }, { line: 9 }] },
    ]);
  });

  it('follows a default export, a barrel, and keeps only the candidate whose ORM matches the entity', () => {
    const run = runProject({
      'src/order.ts': `import { Schema, model } from 'mongoose';\nexport default model('Order', new Schema({}));\n`,
      'src/models/index.ts': `export { default as Order } from '../order';\n`,
      'src/use.ts': `import { Order } from './models';\nexport const f = () => Order.create({});\n`,
    });
    expect(run.linked.dataAccess.map((record) => `${record.module} ${record.entity} ${record.mode} ${record.orm}`)).toEqual(['src/use.ts Order write mongoose']);
  });

  it('an import the resolver cannot place binds to the one entity of that name and ORM', () => {
    const run = runProject({
      'src/order.entity.ts': `import { Entity } from 'typeorm';\n@Entity('orders')\nexport class Order {}\n`,
      'src/use.ts': `import { Repository } from 'typeorm';\nimport { Order } from '@app/entities';\nexport const f = (r: Repository<Order>) => r.find();\n`,
    });
    expect(run.linked.dataAccess.map((record) => `${record.module} ${record.entity} ${record.mode}`)).toEqual(['src/use.ts Order read']);
  });

  it('a class that merely shares an entity name in another file is not that entity', () => {
    const run = runProject({
      'src/order.model.ts': `import { Schema, model } from 'mongoose';\nexport const Order = model('Order', new Schema({}));\n`,
      'src/order.dto.ts': `export class Order { static create() { return new Order(); } }\n`,
      'src/use.ts': `import { Order } from './order.dto';\nexport const f = () => Order.create();\n`,
    });
    expect(run.linked.dataAccess).toEqual([]);
  });
});
