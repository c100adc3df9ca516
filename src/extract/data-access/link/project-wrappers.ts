// What one file says about another's functions and decorators, settled once the whole project is read:
// - an entity declared through a decorator imported from a project file stands only when that file
//   says the decorator applies an ORM's entity decorator (`FileFacts.entityDecorators`);
// - a single-table child of an entity declared elsewhere (`EntityFact.tableOf`) takes that entity's
//   table, through any number of levels;
// - an access through a function or method of another file (`DataAccessFact.wrapper`) stands only when
//   that function forwards the argument as the fact assumes (`FileFacts.repositoryWrappers`).
import type { DataAccessFact, EntityFact, EntityRef, FileFacts, RepoPath } from '../../../shared/facts.js';

export type Follower = (file: RepoPath, name: string) => { file: RepoPath; name: string } | null;

const MAX_LEVELS = 8;

/** Per file, its entity facts as the project settles them (dropped, or the table filled in). */
export function settledEntities(files: readonly FileFacts[], resolveExport: Follower): Map<RepoPath, EntityFact[]> {
  const byPath = new Map<RepoPath, FileFacts>(files.map((facts) => [facts.path, facts]));
  const owner = (module: RepoPath, name: string): { file: RepoPath; name: string } => resolveExport(module, name) ?? { file: module, name };

  const isEntityDecorator = (ref: { module: RepoPath; name: string }): boolean => {
    const found = owner(ref.module, ref.name);
    return byPath.get(found.file)?.entityDecorators?.includes(found.name) === true;
  };

  const entityNamed = (file: RepoPath, name: string): EntityFact | undefined => byPath.get(file)?.entities.find((entity) => entity.name === name);

  /** The table of the entity `ref` (read in `file`) names, following further `tableOf` links. */
  const tableOf = (ref: EntityRef, file: RepoPath, depth: number): string | null => {
    if (depth > MAX_LEVELS || ref.by !== 'symbol') return null;
    const found = ref.module === null ? { file, name: ref.name } : owner(ref.module, ref.name);
    const entity = entityNamed(found.file, found.name);
    if (!entity || (entity.decorator && !isEntityDecorator(entity.decorator))) return null;
    return entity.tableOf ? tableOf(entity.tableOf, found.file, depth + 1) : entity.table;
  };

  const settled = new Map<RepoPath, EntityFact[]>();
  for (const facts of files) {
    if (!facts.entities.some((entity) => entity.decorator || entity.tableOf)) {
      settled.set(facts.path, facts.entities);
      continue;
    }
    const list: EntityFact[] = [];
    for (const entity of facts.entities) {
      if (entity.decorator && !isEntityDecorator(entity.decorator)) continue;
      if (!entity.tableOf) {
        list.push(entity);
        continue;
      }
      // A child whose parent is no entity of the project keeps the table it was given.
      const table = tableOf(entity.tableOf, facts.path, 0);
      list.push(table === null ? entity : { ...entity, table });
    }
    settled.set(facts.path, list);
  }
  return settled;
}

/** Whether an access made through a function of another file stands: that function forwards the argument so. */
export function wrapperAccessStands(files: readonly FileFacts[], resolveExport: Follower): (fact: DataAccessFact) => boolean {
  const byPath = new Map<RepoPath, FileFacts>(files.map((facts) => [facts.path, facts]));
  return (fact) => {
    const ref = fact.wrapper;
    if (!ref) return true;
    // `Class.method`: the class is what the import names; the method is looked up on it.
    const dot = ref.name.indexOf('.');
    const exported = dot < 0 ? ref.name : ref.name.slice(0, dot);
    const found = resolveExport(ref.module, exported) ?? { file: ref.module, name: exported };
    const key = dot < 0 ? found.name : `${found.name}${ref.name.slice(dot)}`;
    const shape = byPath.get(found.file)?.repositoryWrappers?.[key];
    if (!shape) return false;
    if (ref.returns === 'repository') return shape.repository === ref.index;
    return (fact.mode === 'read' ? shape.reads : shape.writes)?.includes(ref.index) === true;
  };
}
