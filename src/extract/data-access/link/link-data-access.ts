// Project-wide binding of data-access facts to entities. A `symbol` target is followed through
// re-exports to the file that declares it, then through repository/model aliases to an entity of
// the same ORM (facts from the model-call pass exist once per candidate ORM; the others drop here).
// A `model` target matches by model name; a `table` target by table name, or else becomes a
// synthetic `sql` entity. A relation load follows the relation fields of the entities (declared with
// them, or apart in `relations` facts) to the entity it reads. One record per (module, entity, mode),
// locations merged and sorted.
import type { DataAccessCoverage, DataAccessRecord, EntityRecord } from '../../../shared/analysis.js';
import type { AccessMode, DataAccessFact, Diagnostic, EntityFact, EntityRef, FileFacts, OrmName, RepoPath, SqlSinkRef } from '../../../shared/facts.js';
import { compareStrings } from '../../../shared/sort.js';
import { constantKey, lowerFirst, snakeCase, sqlTableName } from '../core/naming.js';
import { aliasNameOf, isAliasFact, UNRESOLVED } from '../core/sink.js';
import { inheritedAccesses } from '../core/inherited-models.js';
import { CoverageCounter } from './coverage.js';
import { settledEntities, wrapperAccessStands } from './project-wrappers.js';
import { MemberCalls } from './member-calls.js';
import { assignEntityIds, type EntityDefinition } from './entity-ids.js';

export type ExportFollower = (file: RepoPath, name: string) => { file: RepoPath; name: string } | null;

interface RecordBuilder {
  module: RepoPath;
  entity: string;
  mode: AccessMode;
  orms: Set<OrmName>;
  operations: Set<string>;
  lines: Set<number>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function linkDataAccess(
  files: readonly FileFacts[],
  schemaEntities: readonly { path: RepoPath; entities: EntityFact[] }[],
  resolveExport: ExportFollower,
): { entities: EntityRecord[]; dataAccess: DataAccessRecord[]; coverage: DataAccessCoverage[]; diagnostics: Diagnostic[] } {
  const definitions: EntityDefinition[] = [];
  // Entities through project decorators and single-table children of other files, settled (project-wrappers.ts).
  const settled = settledEntities(files, resolveExport);
  for (const facts of files) for (const entity of settled.get(facts.path) ?? []) definitions.push({ ...entity, definedIn: facts.path });
  for (const schema of schemaEntities) for (const entity of schema.entities) definitions.push({ ...entity, definedIn: schema.path });
  const entities = assignEntityIds(definitions);
  const diagnostics: Diagnostic[] = [];
  reportClashes(entities, definitions, diagnostics);

  const byFileName = new Map<string, EntityRecord[]>();
  const byOrmName = new Map<string, EntityRecord[]>();
  const byTable = new Map<string, EntityRecord[]>();
  const byTableLower = new Map<string, EntityRecord[]>();
  entities.forEach((record, index) => {
    const name = definitions[index]!.name;
    push(byFileName, `${record.definedIn}\u0000${name}`, record);
    push(byOrmName, `${record.orm}\u0000${name}`, record);
    push(byTable, record.table, record);
    push(byTableLower, record.table.toLowerCase(), record);
  });
  const entityCountByFile = new Map<RepoPath, EntityRecord[]>();
  for (const record of entities) push(entityCountByFile, record.definedIn!, record);

  const stringsByFile = new Map<RepoPath, Record<string, string>>();
  for (const facts of files) if (facts.exportedStrings) stringsByFile.set(facts.path, facts.exportedStrings);
  const aliases = new Map<string, DataAccessFact[]>();
  const declaredByFile = new Map<RepoPath, Set<string>>();
  for (const facts of files) {
    declaredByFile.set(facts.path, new Set(facts.exports.declared));
    for (const fact of facts.dataAccess) if (isAliasFact(fact)) push(aliases, `${facts.path}\u0000${aliasNameOf(fact)}`, fact);
  }

  const synthetic = new Map<string, EntityRecord>();
  const takenIds = new Set(entities.map((record) => record.id));

  const bindTable = (table: string): EntityRecord => {
    // A camelCase name with no table of its own is its snake_case table: query builders with a
    // camel-case mapper (Kysely's CamelCasePlugin, knexSnakeCaseMappers) send `pageHistory` as `page_history`.
    const found = byTable.get(table) ?? byTableLower.get(table.toLowerCase()) ?? (/[A-Z]/.test(table) ? byTable.get(snakeCase(table)) : undefined);
    if (found) return found[0]!;
    let record = synthetic.get(table);
    if (!record) {
      const id = takenIds.has(table) ? `${table}@sql` : table;
      takenIds.add(id);
      record = { id, table, orm: 'sql', definedIn: null, line: null };
      synthetic.set(table, record);
    }
    return record;
  };

  const bindModel = (name: string, orm: OrmName): EntityRecord | null => {
    const exact = byOrmName.get(`${orm}\u0000${name}`);
    if (exact) return exact[0]!;
    if (orm === 'prisma') {
      const found = entities.find((record, index) => record.orm === 'prisma' && lowerFirst(definitions[index]!.name) === name);
      if (found) return found;
    }
    if (orm === 'typeorm' || orm === 'mikro-orm') {
      // A string entity target may be the table name; a table nobody maps is still a table.
      const byItsTable = byTable.get(name)?.find((record) => record.orm === orm);
      return byItsTable ?? bindTable(name);
    }
    return null;
  };

  /** The entity a name declared in `file` stands for: an entity of that name, or an alias of one. */
  const bindDeclared = (file: RepoPath, name: string, orm: OrmName, depth: number): EntityRecord | null => {
    const own = byFileName.get(`${file}\u0000${name}`)?.find((record) => record.orm === orm);
    if (own) return own;
    for (const alias of aliases.get(`${file}\u0000${name}`) ?? []) {
      const found = bind(alias.target, file, orm, depth + 1);
      if (found) return found;
    }
    if (name === 'default') {
      const only = entityCountByFile.get(file);
      if (only?.length === 1 && only[0]!.orm === orm) return only[0]!;
    }
    return null;
  };

  const uniqueByName = (name: string, orm: OrmName): EntityRecord | null => {
    const found = byOrmName.get(`${orm}\u0000${name}`);
    return found?.length === 1 ? found[0]! : null;
  };

  /** Where an imported constant is declared. */
  const constantOwner = (target: Extract<EntityRef, { by: 'constant' }>): { file: RepoPath; name: string } =>
    resolveExport(target.module, target.name) ?? { file: target.module, name: target.name };
  /** The table name an imported constant holds, read from the exporting file's string constants. */
  const constantTable = (target: Extract<EntityRef, { by: 'constant' }>): string | null => {
    const owner = constantOwner(target);
    const value = stringsByFile.get(owner.file)?.[constantKey(owner.name, target.path)];
    return value === undefined ? null : sqlTableName(value);
  };

  const bind = (target: EntityRef, file: RepoPath, orm: OrmName, depth = 0): EntityRecord | null => {
    if (depth > 6) return null;
    if (target.by === 'table') return bindTable(target.table);
    if (target.by === 'constant') {
      const table = constantTable(target);
      return table === null ? null : bindTable(table);
    }
    if (target.by === 'model') return target.orm === orm ? bindModel(target.name, orm) : null;
    if (target.module === null) {
      const local = bindDeclared(file, target.name, orm, depth);
      if (local) return local;
      // An import the resolver could not place: a unique entity of that name and ORM is the one.
      return declaredByFile.get(file)?.has(target.name) ? null : uniqueByName(target.name, orm);
    }
    const owner = resolveExport(target.module, target.name);
    if (!owner) return bindDeclared(target.module, target.name, orm, depth) ?? uniqueByName(target.name, orm);
    return bindDeclared(owner.file, owner.name, orm, depth);
  };

  // Relation fields, bound once and only when some access loads a relation: entity id -> field -> entity.
  let relationMap: Map<string, Map<string, EntityRecord>> | null = null;
  const relationsByEntity = (): Map<string, Map<string, EntityRecord>> => {
    if (relationMap) return relationMap;
    const map = new Map<string, Map<string, EntityRecord>>();
    const add = (owner: EntityRecord | null, field: string, target: EntityRecord | null): void => {
      if (!owner || !target) return;
      let fields = map.get(owner.id);
      if (!fields) map.set(owner.id, (fields = new Map()));
      if (!fields.has(field)) fields.set(field, target);
    };
    // A related model named as a string must be an entity of that name: no table is made up for it.
    const related = (ref: EntityRef, file: RepoPath, orm: OrmName): EntityRecord | null =>
      ref.by === 'model' ? (byOrmName.get(`${ref.orm}\u0000${ref.name}`)?.[0] ?? null) : bind(ref, file, orm);
    entities.forEach((record, index) => {
      const definition = definitions[index]!;
      for (const [field, ref] of Object.entries(definition.relations ?? {})) add(record, field, related(ref, definition.definedIn, definition.orm));
    });
    for (const facts of files) {
      for (const relation of facts.relations ?? []) add(bind(relation.owner, facts.path, relation.orm), relation.field, related(relation.target, facts.path, relation.orm));
    }
    relationMap = map;
    return map;
  };
  /** The entity a relation path leads to from `root`; null when a field is no relation (a scalar). */
  const followRelation = (root: EntityRecord, path: readonly string[]): EntityRecord | null => {
    let current: EntityRecord | null = root;
    for (const field of path) current = current ? (relationsByEntity().get(current.id)?.get(field) ?? null) : null;
    return current;
  };

  // Names a file passes to a CTE helper of another file (its body passes that parameter to `.with`):
  // CTEs of that file, never tables.
  const cteHelpersByFile = new Map<RepoPath, Record<string, number>>();
  for (const facts of files) if (facts.cte?.helpers) cteHelpersByFile.set(facts.path, facts.cte.helpers);
  const cteTables = new Set<string>();
  for (const facts of files) {
    for (const call of facts.cte?.calls ?? []) {
      const owner = resolveExport(call.module, call.name) ?? { file: call.module, name: call.name };
      if (cteHelpersByFile.get(owner.file)?.[owner.name] === call.index) cteTables.add(`${facts.path}\u0000${call.table}`);
    }
  }

  // SQL passed to an imported function stands when that export forwards the argument to a raw-SQL call.
  const sqlSinksByFile = new Map<RepoPath, Record<string, number[]>>();
  for (const facts of files) if (facts.sqlSinks) sqlSinksByFile.set(facts.path, facts.sqlSinks);
  const isSqlSink = (via: SqlSinkRef): boolean => {
    const owner = resolveExport(via.module, via.name) ?? { file: via.module, name: via.name };
    return sqlSinksByFile.get(owner.file)?.[constantKey(owner.name, via.path)]?.includes(via.index) === true;
  };

  // An entity handed to a function of another file stands when that function forwards it so.
  const wrapperStands = wrapperAccessStands(files, resolveExport);
  const builders = new Map<string, RecordBuilder>();
  const addRecord = (module: RepoPath, record: EntityRecord, mode: AccessMode, orm: OrmName, operation: string, line: number): void => {
    const key = `${module}\u0000${record.id}\u0000${mode}`;
    let builder = builders.get(key);
    if (!builder) {
      builder = { module, entity: record.id, mode, orms: new Set(), operations: new Set(), lines: new Set() };
      builders.set(key, builder);
    }
    builder.orms.add(orm);
    builder.operations.add(operation);
    builder.lines.add(line);
  };
  const coverage = new CoverageCounter();
  // Custom statics and association accessors of model classes, declared in one file and called in another.
  const members = new MemberCalls(files, (target, file, orm) => bind(target, file, orm));
  // Accesses through a model a base class holds (`this.model.find()` in a subclass, inherited methods).
  const inherited = inheritedAccesses(files, resolveExport);
  for (const facts of files) {
    if (facts.unresolvedReasons) coverage.scanned(facts.unresolvedReasons);
    const extra = inherited.get(facts.path);
    for (const fact of extra ? [...facts.dataAccess, ...extra] : facts.dataAccess) {
      if (isAliasFact(fact)) continue;
      if (members.isMemberFact(fact)) {
        const owner = fact.role === 'schema' ? null : bind(fact.target, facts.path, fact.orm);
        for (const reach of owner ? members.reach(fact, owner) : []) {
          coverage.resolved(facts.path, fact);
          addRecord(facts.path, reach.record, reach.mode, fact.orm, reach.operation, fact.line);
        }
        continue;
      }
      if (fact.via && !isSqlSink(fact.via)) continue;
      if (fact.wrapper && !wrapperStands(fact)) continue;
      // A migration's or seed's tables are schema, not a module's access: no record, no entity.
      if (fact.role === 'schema') {
        coverage.schema(facts.path, fact);
        continue;
      }
      if (fact.target.by === 'table' && cteTables.has(`${facts.path}\u0000${fact.target.table}`)) continue;
      const root = bind(fact.target, facts.path, fact.orm);
      if (root) coverage.resolved(facts.path, fact);
      if (!root) {
        // An imported name holding no string: unresolved, unless it is an entity (a table object).
        if (fact.target.by === 'constant') {
          const owner = constantOwner(fact.target);
          if (fact.target.path.length > 0 || !byFileName.has(`${owner.file}\u0000${owner.name}`)) coverage.unresolved(facts.path, fact, UNRESOLVED.constantNotFound);
        }
        if (fact.target.by === 'model') {
          diagnostics.push({ file: facts.path, code: 'unknown-model', message: `${fact.orm} model '${fact.target.name}' is defined nowhere in the project`, line: fact.line });
        }
        continue;
      }
      const record = fact.relation ? followRelation(root, fact.relation) : root;
      if (record) addRecord(facts.path, record, fact.mode, fact.orm, fact.operation, fact.line);
    }
  }

  const dataAccess: DataAccessRecord[] = [...builders.values()]
    .map((builder) => ({
      module: builder.module,
      entity: builder.entity,
      mode: builder.mode,
      orm: [...builder.orms].sort(compareStrings)[0]!,
      operations: [...builder.operations].sort(compareStrings),
      locations: [...builder.lines].sort((a, b) => a - b).map((line) => ({ line })),
    }))
    .sort((a, b) => compareStrings(a.module, b.module) || compareStrings(a.entity, b.entity) || compareStrings(a.mode, b.mode));
  const allEntities = [...entities, ...synthetic.values()].sort((a, b) => compareStrings(a.id, b.id));
  diagnostics.sort(
    (a, b) => compareStrings(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || compareStrings(a.code, b.code) || compareStrings(a.message, b.message),
  );
  return { entities: allEntities, dataAccess, coverage: coverage.result(), diagnostics };
}

function reportClashes(entities: readonly EntityRecord[], definitions: readonly EntityDefinition[], diagnostics: Diagnostic[]): void {
  entities.forEach((record, index) => {
    const definition = definitions[index]!;
    if (record.id === definition.name) return;
    diagnostics.push({
      file: definition.definedIn,
      code: 'entity-name-clash',
      message: `entity '${definition.name}' (${definition.orm}) is defined more than once; this one is '${record.id}'`,
      line: definition.line,
    });
  });
}
