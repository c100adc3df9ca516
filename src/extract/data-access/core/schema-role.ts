// Migrations and seeds define and fill the schema; they are no context's runtime data access. A file
// is one by where it lives (a `migrations`/`seeds`/`seeders` folder, a `*.migration.ts`/`*.seed.ts`
// name) or by what it is: a TypeORM `MigrationInterface`, a MikroORM `Migration` or `Seeder`, knex's
// `up`/`down` or `seed` exports, a Sequelize or Umzug `up(queryInterface)`. Text tests only: cheap.

export type SchemaRole = 'migration' | 'seed';

const FOLDER = /(^|\/)(migrations?|seeds?|seeders?|seeding)\//i;
const FILE_NAME = /(^|[./_-])(migrations?|seeds?|seeders?)\.[cm]?[jt]sx?$/i;
const SEED_FOLDER = /(^|\/)(seeds?|seeders?|seeding)\//i;
const SEED_FILE_NAME = /(^|[./_-])(seeds?|seeders?)\.[cm]?[jt]sx?$/i;

const MIGRATION_CONTENT: readonly (readonly [string, RegExp])[] = [
  ['MigrationInterface', /\bimplements\s+MigrationInterface\b/],
  ['queryInterface', /\bup\s*(?::\s*[A-Za-z<>]+\s*)?[:=(]\s*(?:async\s*)?(?:function\s*)?\(?\s*(?:\{\s*context\s*:\s*)?queryInterface\b/],
];
/** knex (and Umzug) migrations: an exported `up` together with an exported `down`. */
const EXPORTED_UP = /(?:\bexports\.up\s*=|\bexport\s+(?:async\s+)?function\s+up\s*\(|\bexport\s+const\s+up\b)/;
const EXPORTED_DOWN = /(?:\bexports\.down\s*=|\bexport\s+(?:async\s+)?function\s+down\s*\(|\bexport\s+const\s+down\b)/;
const SEED_CONTENT: readonly (readonly [string, RegExp])[] = [
  // knex's `seed(knex)` export: a function, not a value named seed.
  ['seed', /(?:\bexports\.seed|\bexport\s+const\s+seed)\s*=\s*(?:async\s*)?(?:function\b|\(|[A-Za-z_$][\w$]*\s*=>)|\bexport\s+(?:async\s+)?function\s+seed\s*\(/],
  ['Seeder', /\bimplements\s+Seeder\b/],
];

export function schemaRoleOf(path: string, text: string): SchemaRole | null {
  if (FOLDER.test(path) || FILE_NAME.test(path)) return SEED_FOLDER.test(path) || SEED_FILE_NAME.test(path) ? 'seed' : 'migration';
  // Each pattern needs its word in the text: a substring search first, the pattern only where it may match.
  if (MIGRATION_CONTENT.some(([word, pattern]) => text.includes(word) && pattern.test(text))) return 'migration';
  // MikroORM's base classes, imported from its migrations and seeder packages.
  if (text.includes('@mikro-orm/migrations') && /\bextends\s+Migration\b/.test(text)) return 'migration';
  if (text.includes('@mikro-orm/seeder') && /\bextends\s+Seeder\b/.test(text)) return 'seed';
  if (text.includes('up') && text.includes('down') && EXPORTED_UP.test(text) && EXPORTED_DOWN.test(text)) return 'migration';
  if (SEED_CONTENT.some(([word, pattern]) => text.includes(word) && pattern.test(text))) return 'seed';
  return null;
}
