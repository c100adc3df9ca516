// Which package a local name of the file comes from, by its import; the gate that tells TypeORM's
// `@Entity` from MikroORM's, or Mongoose's `@InjectModel` from Sequelize's.
import type { FileIndex } from './file-index.js';

export interface ImportedName {
  /** The exported name (`Entity` for `import { Entity as E }`). */
  imported: string;
  specifier: string;
  /** The project file it resolves to; null for packages. */
  module: string | null;
}

export function importOf(file: FileIndex, local: string): ImportedName | null {
  const found = file.input.importsByLocal.get(local);
  return found ? { imported: found.imported, specifier: found.specifier, module: found.module } : null;
}

export function fromPackage(specifier: string, packages: readonly string[]): boolean {
  return packages.some((name) => specifier === name || specifier.startsWith(`${name}/`));
}

/** The exported name a local name stands for when it is imported from one of `packages`; else null. */
export function importedFrom(file: FileIndex, local: string, packages: readonly string[]): string | null {
  const found = importOf(file, local);
  if (!found || !fromPackage(found.specifier, packages)) return null;
  return found.imported === 'default' || found.imported === '*' ? local : found.imported;
}

export function fileImports(file: FileIndex, packages: readonly string[]): boolean {
  return file.input.specifiers.some((specifier) => fromPackage(specifier, packages));
}

export const TYPEORM_PACKAGES = ['typeorm', '@nestjs/typeorm'] as const;
export const MIKRO_ORM_PACKAGES = ['@mikro-orm/core', '@mikro-orm/nestjs', '@mikro-orm/postgresql', '@mikro-orm/mysql', '@mikro-orm/mariadb', '@mikro-orm/sqlite', '@mikro-orm/better-sqlite', '@mikro-orm/libsql', '@mikro-orm/mongodb', '@mikro-orm/mssql', '@mikro-orm/knex', '@mikro-orm/sql'] as const;

export function isMikroSpecifier(specifier: string): boolean {
  return specifier.startsWith('@mikro-orm/');
}
