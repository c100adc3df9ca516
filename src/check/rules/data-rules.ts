// Data rule: each context owns its data. A file of context A may never read or write an entity that
// another context lists under `entities`, named either by the entity's name in code (exact) or by its
// table (case-insensitive: SQL folds the case of unquoted names).
import type { CarveConfig } from '../../config/index.js';
import type { DataAccessRecord, EntityRecord } from '../../shared/analysis.js';
import { sortedUnique } from '../../shared/sort.js';
import type { Violation } from '../types.js';
import type { ContextLookup } from './import-rules.js';

function ownerLookup(config: CarveConfig): (entity: string, table: string) => string[] {
  const byName = new Map<string, string>();
  const byTable = new Map<string, string>();
  for (const [context, settings] of Object.entries(config.contexts)) {
    for (const entry of settings.entities ?? []) {
      if (!byName.has(entry)) byName.set(entry, context);
      if (!byTable.has(entry.toLowerCase())) byTable.set(entry.toLowerCase(), context);
    }
  }
  return (entity, table) => sortedUnique([byName.get(entity), byTable.get(table.toLowerCase())].filter((owner): owner is string => owner !== undefined));
}

export function dataViolations(
  config: CarveConfig,
  accesses: readonly DataAccessRecord[],
  entities: readonly EntityRecord[],
  contextOf: ContextLookup,
): Violation[] {
  const ownersOf = ownerLookup(config);
  const entityById = new Map(entities.map((entity) => [entity.id, entity]));
  const found = new Map<string, { violation: Violation; operations: Set<string> }>();
  for (const access of accesses) {
    const fromContext = contextOf(access.module);
    if (fromContext === null) continue;
    const entity = entityById.get(access.entity);
    const table = entity?.table ?? access.entity;
    const owners = ownersOf(access.entity, table);
    if (owners.length === 0 || owners.includes(fromContext)) continue;
    const toContext = owners[0]!;
    const to = entity?.definedIn ?? table;
    const line = access.locations[0]?.line ?? 0;
    const key = `${access.module}\u0000${to}\u0000${access.entity}\u0000${access.mode}`;
    let pending = found.get(key);
    if (!pending) {
      pending = {
        violation: {
          kind: 'data',
          rule: 'data-ownership',
          from: access.module,
          to,
          fromContext,
          toContext,
          line,
          symbols: [],
          importKinds: [],
          entity: access.entity,
          table,
          mode: access.mode,
          message: '',
        },
        operations: new Set(),
      };
      found.set(key, pending);
    }
    pending.violation.line = Math.min(pending.violation.line, line);
    for (const operation of access.operations) pending.operations.add(operation);
  }
  return [...found.values()].map(({ violation, operations }) => {
    const how = operations.size > 0 ? `; ${sortedUnique(operations).join(', ')}` : '';
    const verb = violation.mode === 'write' ? 'writes' : 'reads';
    violation.message = `${violation.from} ${verb} ${violation.entity} (table ${violation.table}${how}), owned by context '${violation.toContext}'`;
    return violation;
  });
}
