import { describe, expect, it } from 'vitest';
import { scanDataAccess } from '../../../src/extract/data-access/index.js';
import { runProject } from './helpers/project.js';
import { scanInput } from './helpers/scan-input.js';

describe('robustness', () => {
  it('method names from Object.prototype are never operations', () => {
    const run = runProject({
      'src/models.ts': `import { Schema, model } from 'mongoose';\nexport const Order = model('Order', new Schema({}));\n`,
      'src/use.ts': `import { Repository } from 'typeorm';
import { PrismaClient } from '@prisma/client';
import knex from 'knex';
import { Order } from './models';
import { orders } from './schema';
const prisma = new PrismaClient();
const db = knex({ client: 'pg' });
export function f(repo: Repository<Order>) {
  repo.toString(); repo.hasOwnProperty('x'); Order.valueOf(); Order.toString();
  prisma.order.toString(); db.constructor(orders); db.toString(orders);
  return new Order().toString();
}
`,
      'src/schema.ts': `import { pgTable } from 'drizzle-orm/pg-core';\nexport const orders = pgTable('orders', {});\n`,
    });
    expect(run.scans.get('src/use.ts')!.accesses).toEqual([]);
    expect(run.linked.dataAccess).toEqual([]);
    expect(run.linked.diagnostics).toEqual([]);
    expect(run.unresolved).toEqual({});
  });

  it('generated code that reassigns one name thousands of times is scanned quickly', () => {
    const body = Array.from({ length: 3000 }, (_, i) => `  s0 = s1; s1 = peg$parse${i}(s0); if (s0 !== null) { s0 = db.query(s1); }`).join('\n');
    const text = `import { Pool } from 'pg';\nconst db = new Pool();\nlet s0, s1;\nexport function parse() {\n${body}\n}\n`;
    // Unbounded, this took minutes (the test's timeout catches that); bounded, well under a second.
    const result = scanDataAccess(scanInput('src/parser.ts', text));
    // Every `db.query(s1)` passes a value built at run time: unresolved, not guessed.
    expect(result.unresolved).toBe(3000);
    expect(result.accesses).toEqual([]);
  });

  it('a very long string concatenation does not overflow the stack', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => `'c${i} '`).join(' + ');
    const text = `import { Pool } from 'pg';\nconst pool = new Pool();\nexport const q = () => pool.query('SELECT * FROM orders WHERE ' + ${chain});\n`;
    expect(() => scanDataAccess(scanInput('src/long.ts', text))).not.toThrow();
  });

  it('a file no adapter applies to yields nothing', () => {
    expect(scanDataAccess(scanInput('src/math.ts', 'export const add = (a: number, b: number) => a + b;\n'))).toEqual({ entities: [], accesses: [], unresolved: 0 });
  });
});
