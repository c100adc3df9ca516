// `@Entity()` is spelled the same by TypeORM and MikroORM; the import says whose it is, and when the
// decorator comes through a project barrel, the member decorators do (`@Column` vs `@Property`).
import ts from '../../../shared/typescript.cjs';
import type { OrmName } from '../../../shared/facts.js';
import type { FileIndex } from './file-index.js';
import { importOf, isMikroSpecifier } from './imports.js';
import { decoratorsOf, type DecoratorInfo } from './syntax.js';

const TYPEORM_MEMBER_DECORATORS = new Set(['Column', 'PrimaryGeneratedColumn', 'PrimaryColumn', 'CreateDateColumn', 'UpdateDateColumn', 'ObjectIdColumn', 'ViewColumn']);
const MIKRO_MEMBER_DECORATORS = new Set(['Property', 'PrimaryKey', 'SerializedPrimaryKey', 'Enum', 'Formula']);

export interface EntityDecorator {
  /** The exported decorator name: 'Entity', 'ViewEntity', 'ChildEntity'. */
  kind: string;
  orm: OrmName;
  decorator: DecoratorInfo;
}

function memberFlavor(cls: ts.ClassLikeDeclaration): OrmName | null {
  for (const member of cls.members) {
    for (const decorator of decoratorsOf(member)) {
      if (TYPEORM_MEMBER_DECORATORS.has(decorator.name)) return 'typeorm';
      if (MIKRO_MEMBER_DECORATORS.has(decorator.name)) return 'mikro-orm';
    }
  }
  return null;
}

/** The class's `@Entity`/`@ViewEntity`/`@ChildEntity` decorator and the ORM it belongs to, or null. */
export function entityDecoratorOf(file: FileIndex, cls: ts.ClassLikeDeclaration): EntityDecorator | null {
  for (const decorator of decoratorsOf(cls)) {
    const imported = importOf(file, decorator.name);
    const kind = imported && imported.imported !== 'default' && imported.imported !== '*' ? imported.imported : decorator.name;
    // `@ChildEntity()`: TypeORM's single-table inheritance (the parent's table).
    if (kind !== 'Entity' && kind !== 'ViewEntity' && kind !== 'ChildEntity') continue;
    if (imported?.specifier === 'typeorm') return { kind, orm: 'typeorm', decorator };
    if (imported && isMikroSpecifier(imported.specifier)) {
      if (kind === 'ChildEntity') continue;
      return { kind, orm: 'mikro-orm', decorator };
    }
    // Imported from some other package: not one of ours. From a project file (a barrel): judge by members.
    if (imported && imported.module === null) continue;
    // Only TypeORM has `ChildEntity`; a child often declares no column of its own.
    if (kind === 'ChildEntity') return { kind, orm: 'typeorm', decorator };
    const orm = memberFlavor(cls);
    if (orm) return { kind, orm, decorator };
  }
  return null;
}
