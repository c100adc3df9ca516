// The database's own catalogs are no tables of the application: `information_schema.tables`,
// `pg_catalog.pg_class`, an unqualified `pg_tables`/`pg_roles`, SQLite's `sqlite_master`, MySQL's
// `mysql.user`. Every SQL-reading path (raw SQL, knex, Kysely) skips them and counts the site under
// this reason, so coverage says how many there were instead of making tables of them.

export const SYSTEM_CATALOG_REASON = 'system catalog';

const CATALOG_SCHEMAS = new Set(['information_schema', 'pg_catalog', 'mysql', 'performance_schema']);
/** PostgreSQL reserves `pg_` for its own catalogs and views; SQLite its `sqlite_` tables. */
const CATALOG_TABLE = /^(pg_[a-z0-9_]+|sqlite_(master|schema|temp_master|temp_schema|sequence|stat\d))$/;

function bare(part: string): string {
  return part.trim().replace(/^["`[]|["`\]]$/g, '').toLowerCase();
}

/** A table by its schema (null when unqualified) and name: is it a system catalog? */
export function isSystemCatalog(schema: string | null, table: string): boolean {
  if (schema !== null && CATALOG_SCHEMAS.has(bare(schema))) return true;
  return CATALOG_TABLE.test(bare(table));
}

/** The same for a name as a query builder spells it: `'information_schema.tables as t'`, `'pg_roles'`. */
export function isSystemCatalogName(raw: string): boolean {
  const first = raw.trim().split(/\s+as\s+|\s+/i)[0] ?? raw;
  const parts = first.split('.');
  const table = parts[parts.length - 1]!;
  return isSystemCatalog(parts.length > 1 ? parts[parts.length - 2]! : null, table);
}
