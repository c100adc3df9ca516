import { describe, expect, it } from 'vitest';
import { rowsOf, runProject } from './helpers/project.js';

const TYPES = `import { Kysely, Transaction } from 'kysely';
export interface DB { users: { id: string }; pages: { id: string } }
export type KyselyDB = Kysely<DB>;
export type KyselyTransaction = Transaction<DB>;
`;

describe('kysely adapter', () => {
  it('selectFrom reads, insertInto/updateTable/deleteFrom/replaceInto/mergeInto write; joins, using and update-from read', () => {
    const run = runProject({
      'src/types.ts': TYPES,
      'src/user.repo.ts': `import { InjectKysely } from 'nestjs-kysely';
import type { KyselyDB } from './types';
export class UserRepo {
  constructor(@InjectKysely() private readonly client: KyselyDB) {}
  find(id: string) {
    return this.client.selectFrom('users as u').innerJoin('workspaces as w', 'w.id', 'u.workspaceId').where('u.id', '=', id).executeTakeFirst();
  }
  add() { return this.client.insertInto('users').values({ id: 'x' }).execute(); }
  touch() { return this.client.updateTable('pages').from('spaces').set({ id: 'y' }).execute(); }
  purge() { return this.client.deleteFrom(['sessions', 'tokens']).using('users').execute(); }
  upsert() { return this.client.mergeInto('stats').using('events', 'events.id', 'stats.id').whenMatched().thenDelete().execute(); }
  copy() { return this.client.replaceInto('archive').values({ id: 'z' }).execute(); }
}
`,
    });
    expect(rowsOf(run, 'src/user.repo.ts')).toEqual([
      'src/user.repo.ts archive write',
      'src/user.repo.ts events read',
      'src/user.repo.ts pages write',
      'src/user.repo.ts sessions write',
      'src/user.repo.ts spaces read',
      'src/user.repo.ts stats write',
      'src/user.repo.ts tokens write',
      'src/user.repo.ts users read',
      'src/user.repo.ts users write',
      'src/user.repo.ts workspaces read',
    ]);
    const coverage = run.linked.coverage.find((entry) => entry.orm === 'kysely');
    // Sites are lines: six queries.
    expect(coverage).toMatchObject({ resolved: 6, unresolved: 0 });
  });

  it('instances by type, alias, transaction callback, expression builder, new Kysely, and db/trx by name', () => {
    const run = runProject({
      'src/types.ts': TYPES,
      'src/service.ts': `import { Kysely, ExpressionBuilder } from 'kysely';
import type { KyselyTransaction } from './types';
type Db = Kysely<any>;
const conn = new Kysely<any>({ dialect: {} as any });
export const viaNew = () => conn.selectFrom('audit').selectAll().execute();
export const viaAlias = (handle: Db) => handle.selectFrom('labels').selectAll().execute();
export const viaTrx = (t: KyselyTransaction) => t.deleteFrom('watchers').execute();
export async function viaCallback(handle: Db) {
  await handle.transaction().execute(async (inner) => {
    await inner.insertInto('comments').values({}).execute();
  });
}
export const viaEb = (handle: Db) =>
  handle.selectFrom('pages').where((builder) => builder.exists(builder.selectFrom('shares').select('id'))).execute();
export const sub = (eb: ExpressionBuilder<any, any>) => eb.selectFrom('groups').select('id');
export const byName = (db: any) => db.updateTable('spaces').set({}).execute();
const pick = (handle: Db, t?: KyselyTransaction) => t ?? handle;
export const viaHelper = (handle: Db, t?: KyselyTransaction) => pick(handle, t).selectFrom('favorites').selectAll().execute();
`,
    });
    expect(rowsOf(run, 'src/service.ts')).toEqual([
      'src/service.ts audit read',
      'src/service.ts comments write',
      'src/service.ts favorites read',
      'src/service.ts groups read',
      'src/service.ts labels read',
      'src/service.ts pages read',
      'src/service.ts shares read',
      'src/service.ts spaces write',
      'src/service.ts watchers write',
    ]);
  });

  it('no evidence, no query: an unknown receiver with the same method names is not Kysely', () => {
    const run = runProject({
      'src/other.ts': `export const f = (store: { selectFrom(name: string): unknown }) => store.selectFrom('users');\n`,
    });
    expect(rowsOf(run, 'src/other.ts')).toEqual([]);
  });

  it('a table only known at run time is unresolved; a subquery or callback is no table', () => {
    const run = runProject({
      'src/dyn.ts': `import type { Kysely } from 'kysely';
export const read = (db: Kysely<any>, table: string) => db.selectFrom(table).selectAll().execute();
export const sub = (db: Kysely<any>) => db.selectFrom((eb) => eb.selectFrom('pages').select('id').as('p')).selectAll().execute();
export const aliased = (db: Kysely<any>) => db.selectFrom(db.selectFrom('users').select('id').as('x')).selectAll().execute();
export const held = (db: Kysely<any>) => {
  const sub = db.selectFrom('groups').select('id').as('g');
  return db.selectFrom(sub).selectAll().execute();
};
`,
    });
    expect(rowsOf(run, 'src/dyn.ts')).toEqual(['src/dyn.ts groups read', 'src/dyn.ts pages read', 'src/dyn.ts users read']);
    expect(run.unresolved).toEqual({ 'src/dyn.ts': 1 });
    expect(run.linked.coverage.find((entry) => entry.orm === 'kysely')?.reasons).toEqual([{ reason: 'entity or table from a run-time value', sites: 1 }]);
  });

  it("migrations' createTable makes entities; queries in camelCase bind to their snake_case tables; migration sites are schema", () => {
    const run = runProject({
      'src/database/migrations/20240101-pages.ts': `import { type Kysely, sql } from 'kysely';
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('page_history').addColumn('id', 'uuid').execute();
  await db.schema.createTable('pages').addColumn('id', 'uuid').execute();
  await db.insertInto('pages').values({ id: sql\`gen_random_uuid()\` }).execute();
}
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('page_history').execute();
}
`,
      'src/history.repo.ts': `import type { Kysely } from 'kysely';
export const history = (db: Kysely<any>) => db.selectFrom('pageHistory').innerJoin('pages', 'pages.id', 'pageHistory.pageId').selectAll().execute();
`,
    });
    expect(run.linked.entities.map((entity) => `${entity.id}:${entity.table}:${entity.orm}:${entity.definedIn}`)).toEqual([
      'page_history:page_history:kysely:src/database/migrations/20240101-pages.ts',
      'pages:pages:kysely:src/database/migrations/20240101-pages.ts',
    ]);
    expect(rowsOf(run, 'src/history.repo.ts')).toEqual(['src/history.repo.ts page_history read', 'src/history.repo.ts pages read']);
    expect(rowsOf(run, 'src/database/migrations/20240101-pages.ts')).toEqual([]);
    expect(run.linked.coverage.find((entry) => entry.orm === 'kysely')).toMatchObject({ resolved: 1, schema: 1 });
  });

  it('knex-style schema.createTable on a value known only by its name makes no Kysely entity', () => {
    const run = runProject({
      'migrations/001.js': `exports.up = (db) => db.schema.createTable('users', () => {});\nexports.down = (db) => db.schema.dropTable('users');\n`,
    });
    expect(run.linked.entities).toEqual([]);
  });

  it('CTE names are no tables: .with/.withRecursive (a column list too), and the same names inside sql fragments, camelCase or snake_case', () => {
    const run = runProject({
      'src/tree.ts': `import { type Kysely, sql } from 'kysely';
export const tree = (db: Kysely<any>, id: string) =>
  db
    .withRecursive('allAncestors(id, parentId)', (qb) => qb.selectFrom('pages').select(['id', 'parentId']))
    .with('ancestors', (qb) => qb.selectFrom('allAncestors').select('id'))
    .selectFrom('ancestors')
    .innerJoin('pageAccess', 'pageAccess.pageId', 'ancestors.id')
    .where('ancestors.id', '=', sql<string>\`(SELECT aa.id FROM all_ancestors aa JOIN page_access pa ON pa.page_id = aa.id LIMIT 1)\`)
    .where('ancestors.id', '=', sql<string>\`(SELECT a.id FROM ancestors a LIMIT 1)\`)
    .execute();
`,
    });
    expect(rowsOf(run, 'src/tree.ts')).toEqual(['src/tree.ts pageAccess read', 'src/tree.ts page_access read', 'src/tree.ts pages read']);
  });
});
