import { describe, expect, it } from 'vitest';
import { schemaRoleOf } from '../../../src/extract/data-access/core/schema-role.js';
import { accessRows, runProject } from './helpers/project.js';

describe('migrations and seeds', () => {
  it('are known by their folder or name, or by what they are', () => {
    expect(schemaRoleOf('src/migrations/1700-AddUser.ts', '')).toBe('migration');
    expect(schemaRoleOf('db/migration/add.ts', '')).toBe('migration');
    expect(schemaRoleOf('src/orders/orders.migration.ts', '')).toBe('migration');
    expect(schemaRoleOf('database/seeders/users.ts', '')).toBe('seed');
    expect(schemaRoleOf('src/db/users.seed.ts', '')).toBe('seed');
    expect(schemaRoleOf('src/x.ts', 'export class A implements MigrationInterface { up() {} down() {} }')).toBe('migration');
    expect(schemaRoleOf('src/x.ts', "import { Migration } from '@mikro-orm/migrations';\nexport class M extends Migration {}")).toBe('migration');
    expect(schemaRoleOf('src/x.js', 'exports.up = function (knex) {};\nexports.down = function (knex) {};')).toBe('migration');
    expect(schemaRoleOf('src/x.ts', 'export async function up(knex) {}\nexport async function down(knex) {}')).toBe('migration');
    expect(schemaRoleOf('src/x.js', 'module.exports = { up: async (queryInterface, Sequelize) => {} };')).toBe('migration');
    expect(schemaRoleOf('src/x.ts', 'export const up: MigrationFn = async ({ context: queryInterface }) => {};')).toBe('migration');
    expect(schemaRoleOf('src/x.ts', 'export async function seed(knex) {}')).toBe('seed');
    expect(schemaRoleOf('src/x.ts', "import { Seeder } from '@mikro-orm/seeder';\nexport class S extends Seeder {}")).toBe('seed');
  });

  it('runtime code that only mentions the words is not one', () => {
    expect(schemaRoleOf('src/data-migration/status.service.ts', 'export class MigrationStatus {}')).toBeNull();
    expect(schemaRoleOf('src/orders/seeding-rules.ts', 'export const seed = 42;')).toBeNull();
    expect(schemaRoleOf('src/x.js', 'exports.seed = async (knex) => {};')).toBe('seed');
    expect(schemaRoleOf('src/orders/migrate-order.ts', 'export function up() {}')).toBeNull();
    expect(schemaRoleOf('src/seedling/plant.ts', 'export class Seedling {}')).toBeNull();
  });

  it('a table rebuild migration yields schema facts only: no access, no entity, no unresolved count', () => {
    const run = runProject({
      'src/entities/user.entity.ts': `import { Entity } from 'typeorm';\n@Entity('users')\nexport class User {}\n`,
      'src/users/user.service.ts': `import { DataSource } from 'typeorm';\nimport { User } from '../entities/user.entity';\nexport const all = (ds: DataSource) => ds.getRepository(User).find();\n`,
      'src/migrations/1700000000000-Rebuild.ts': `import { MigrationInterface, QueryRunner, Table } from 'typeorm';
export class Rebuild1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner, table: string) {
    await queryRunner.createTable(new Table({ name: 'audit_log', columns: [] }));
    await queryRunner.query(\`CREATE TABLE "temporary_users" ("id" integer PRIMARY KEY NOT NULL)\`);
    await queryRunner.query(\`INSERT INTO "temporary_users"("id") SELECT "id" FROM "users"\`);
    await queryRunner.query(\`DROP TABLE "users"\`);
    await queryRunner.query(\`ALTER TABLE "temporary_users" RENAME TO "users"\`);
    await queryRunner.query(\`DELETE FROM \${table}\`);
  }
  async down(queryRunner: QueryRunner) {
    await queryRunner.dropTable('audit_log');
  }
}
`,
    });
    expect(accessRows(run)).toEqual(['src/users/user.service.ts users read']);
    expect(run.linked.entities.map((entity) => entity.id)).toEqual(['User']);
    expect(run.unresolved).toEqual({});
    const migration = run.scans.get('src/migrations/1700000000000-Rebuild.ts')!;
    expect(migration.accesses.length).toBeGreaterThan(0);
    expect(migration.accesses.every((fact) => fact.role === 'schema')).toBe(true);
    const defined = new Set(migration.accesses.flatMap((fact) => (fact.target.by === 'table' ? [fact.target.table] : [])));
    expect([...defined].sort()).toEqual(['audit_log', 'temporary_users', 'users']);
  });

  it('knex, Sequelize and seed files: schema builders and inserts are schema facts', () => {
    const run = runProject({
      'src/db.ts': `import knex from 'knex';\nexport const db = knex({ client: 'pg' });\n`,
      'src/report.ts': `import { db } from './db';\nexport const r = () => db('users').select('*');\n`,
      'migrations/001_users.js': `exports.up = (knex) => knex.schema.createTable('users', (t) => t.increments()).then(() => knex('users').insert({}));
exports.down = (knex) => knex.schema.dropTable('users');
`,
      'src/setup/refunds.js': `module.exports = {
  async up(queryInterface, Sequelize) { await queryInterface.createTable('refunds', {}); await queryInterface.bulkInsert('refunds', []); },
  async down(queryInterface) { await queryInterface.dropTable('refunds'); },
};
`,
      'seeds/users.ts': `import type { Knex } from 'knex';\nexport async function seed(knex: Knex) { await knex('users').del(); await knex('users').insert([]); }\n`,
    });
    expect(accessRows(run)).toEqual(['src/report.ts users read']);
    expect(run.linked.entities.map((entity) => entity.id)).toEqual(['users']);
    for (const file of ['migrations/001_users.js', 'src/setup/refunds.js', 'seeds/users.ts']) {
      const scan = run.scans.get(file)!;
      expect(scan.accesses.length, file).toBeGreaterThan(0);
      expect(scan.accesses.every((fact) => fact.role === 'schema'), file).toBe(true);
    }
  });
});
