// A migration's statement that surely writes a table is a schema site without a parse
// (raw-sql/schema-statements.ts); anything less sure goes to the parser as before.
import { describe, expect, it } from 'vitest';
import { surelyWrittenTable } from '../../../src/extract/data-access/raw-sql/schema-statements.js';
import { analyzeSql } from '../../../src/extract/data-access/raw-sql/parse-sql.js';
import { runProject } from './helpers/project.js';

describe('statements a migration surely writes with', () => {
  it('INSERT INTO t, UPDATE t SET and DELETE FROM t with a plain or quoted name', () => {
    expect(surelyWrittenTable('INSERT INTO "temporary_user"("id", "email") SELECT "id", "email" FROM "user"')).toEqual({ table: 'temporary_user', statement: 'INSERT' });
    expect(surelyWrittenTable('insert into settings values (1)')).toEqual({ table: 'settings', statement: 'INSERT' });
    expect(surelyWrittenTable("UPDATE `media` SET `status` = 2 WHERE `status` = 1")).toEqual({ table: 'media', statement: 'UPDATE' });
    expect(surelyWrittenTable('  -- clean up\n DELETE FROM "session"')).toEqual({ table: 'session', statement: 'DELETE' });
    expect(surelyWrittenTable('DELETE FROM "session" WHERE "expiresAt" < 0')).toEqual({ table: 'session', statement: 'DELETE' });
  });

  it('is not sure of CTEs, qualified or odd names, catalogs, other shapes, or text too long to analyse', () => {
    for (const sql of [
      'WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x',
      'INSERT INTO t SELECT a, b FROM u, v AS (SELECT 1)',
      'INSERT INTO public.t (a) VALUES (1)',
      'INSERT INTO [t] (a) VALUES (1)',
      'INSERT INTO "a.b" (a) VALUES (1)',
      'INSERT IGNORE INTO t (a) VALUES (1)',
      'INSERT INTO t SET a = 1',
      'UPDATE ONLY t SET a = 1',
      'UPDATE t AS x SET a = 1',
      'DELETE FROM ONLY t',
      'DELETE FROM t USING u WHERE t.a = u.a',
      'DELETE FROM pg_roles',
      'INSERT INTO sqlite_sequence (name) VALUES (1)',
      'SELECT * FROM t',
      'CREATE TABLE t (a int)',
      `INSERT INTO t (a) VALUES ('${'x'.repeat(20_001)}')`,
    ]) {
      expect(surelyWrittenTable(sql), sql).toBeNull();
    }
  });

  it('what it is sure of, the parser or its fallback reads as written too', () => {
    for (const sql of ['INSERT INTO "temporary_user"("id") SELECT "id" FROM "user"', 'UPDATE media SET status = 2', 'DELETE FROM "session" WHERE "id" = $1', 'INSERT INTO t (a) VALUES (:a) ON DUPLICATE KEY UPDATE a = 1 0']) {
      const sure = surelyWrittenTable(sql)!;
      expect(analyzeSql([sql])?.some((access) => access.table === sure.table && access.mode === 'write' && !access.catalog), sql).toBe(true);
    }
  });

  it('a migration still counts every statement site as schema, and nothing else', () => {
    const run = runProject({
      'src/migrations/1700000000000-Rebuild.ts': `import { MigrationInterface, QueryRunner } from 'typeorm';
export class Rebuild1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(\`INSERT INTO "temporary_users"("id") SELECT "id" FROM "users"\`);
    await queryRunner.query(\`UPDATE "users" SET "role" = 'admin' WHERE "id" = 1\`);
    await queryRunner.query(\`DELETE FROM "sessions"\`);
    await queryRunner.query(\`INSERT INTO public.audit (a) VALUES (1)\`);
  }
  async down() {}
}
`,
    });
    expect(run.linked.dataAccess).toEqual([]);
    expect(run.linked.coverage.find((entry) => entry.orm === 'sql')).toMatchObject({ resolved: 0, unresolved: 0, schema: 4 });
    // The sure statements are not parsed: their facts are the written table alone.
    const facts = run.scans.get('src/migrations/1700000000000-Rebuild.ts')!.accesses.filter((fact) => fact.orm === 'sql');
    expect(facts.filter((fact) => fact.line <= 6).map((fact) => `${fact.line} ${JSON.stringify(fact.target)} ${fact.mode}`)).toEqual([
      '4 {"by":"table","table":"temporary_users"} write',
      '5 {"by":"table","table":"users"} write',
      '6 {"by":"table","table":"sessions"} write',
    ]);
  });
});
