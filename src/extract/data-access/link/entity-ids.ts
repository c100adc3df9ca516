// Entity ids are unique in the analysis. A name defined once keeps it; when two definitions share a
// name, the one first in ORM order (then path, then line) keeps it and the others become `Name@orm`,
// or `Name@orm:path` when even that repeats. Deterministic: depends only on the definitions.
import type { EntityRecord } from '../../../shared/analysis.js';
import type { EntityRef, OrmName, RepoPath } from '../../../shared/facts.js';
import { compareStrings } from '../../../shared/sort.js';

export interface EntityDefinition {
  name: string;
  table: string;
  orm: OrmName;
  definedIn: RepoPath;
  line: number;
  relations?: Record<string, EntityRef>;
}

const ORM_ORDER: readonly OrmName[] = ['typeorm', 'prisma', 'sequelize', 'mikro-orm', 'drizzle', 'mongoose', 'kysely', 'knex', 'sql'];

export function compareDefinitions(a: EntityDefinition, b: EntityDefinition): number {
  return (
    ORM_ORDER.indexOf(a.orm) - ORM_ORDER.indexOf(b.orm) ||
    compareStrings(a.definedIn, b.definedIn) ||
    a.line - b.line ||
    compareStrings(a.table, b.table)
  );
}

/** Assigns ids; returns the records in the same order as `definitions`. */
export function assignEntityIds(definitions: readonly EntityDefinition[]): EntityRecord[] {
  const byName = new Map<string, EntityDefinition[]>();
  for (const definition of definitions) {
    const group = byName.get(definition.name);
    if (group) group.push(definition);
    else byName.set(definition.name, [definition]);
  }
  const taken = new Set<string>(byName.keys());
  const ids = new Map<EntityDefinition, string>();
  for (const name of [...byName.keys()].sort(compareStrings)) {
    const group = [...byName.get(name)!].sort(compareDefinitions);
    ids.set(group[0]!, name);
    for (const definition of group.slice(1)) {
      let id = `${name}@${definition.orm}`;
      if (taken.has(id)) id = `${name}@${definition.orm}:${definition.definedIn}`;
      let suffix = 2;
      while (taken.has(id)) id = `${name}@${definition.orm}:${definition.definedIn}#${suffix++}`;
      taken.add(id);
      ids.set(definition, id);
    }
  }
  return definitions.map((definition) => ({
    id: ids.get(definition)!,
    table: definition.table,
    orm: definition.orm,
    definedIn: definition.definedIn,
    line: definition.line,
  }));
}
