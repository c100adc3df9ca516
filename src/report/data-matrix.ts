// The data ownership matrix: for every table, which contexts read it and which write it. Shared by the
// text summary and report.md, so both say the same thing.
import type { Analysis } from '../shared/analysis.js';
import { emptyRecord } from '../shared/records.js';
import { compareStrings } from '../shared/sort.js';

export interface TableRow {
  table: string;
  entity: string;
  /** Context that owns the entity, null when none does. */
  owner: string | null;
  /** context id ('-' for files in no context) -> 'R' | 'W' | 'RW'. */
  access: Record<string, 'R' | 'W' | 'RW'>;
  /** Read or written by more than one context. */
  isShared: boolean;
}

const NO_CONTEXT = '-';

export function dataMatrix(analysis: Pick<Analysis, 'entities' | 'dataAccess' | 'modules' | 'contexts'>): { columns: string[]; rows: TableRow[] } {
  const contextOf = new Map(analysis.modules.map((module) => [module.id, module.context ?? NO_CONTEXT]));
  const ownerOf = new Map<string, string>();
  for (const context of analysis.contexts) for (const entity of context.entities) ownerOf.set(entity, context.id);
  const tableOf = new Map(analysis.entities.map((entity) => [entity.id, entity.table]));
  const rows = new Map<string, TableRow>();
  const columns = new Set<string>();
  for (const access of analysis.dataAccess) {
    const context = contextOf.get(access.module) ?? NO_CONTEXT;
    columns.add(context);
    let row = rows.get(access.entity);
    if (!row) {
      row = { table: tableOf.get(access.entity) ?? access.entity, entity: access.entity, owner: ownerOf.get(access.entity) ?? null, access: emptyRecord(), isShared: false };
      rows.set(access.entity, row);
    }
    const mark = access.mode === 'read' ? 'R' : 'W';
    const previous = row.access[context];
    row.access[context] = !previous || previous === mark ? mark : 'RW';
  }
  for (const row of rows.values()) {
    row.isShared = Object.keys(row.access).filter((context) => context !== NO_CONTEXT).length > 1;
  }
  const sortedColumns = [...columns].sort((a, b) => (a === NO_CONTEXT ? 1 : b === NO_CONTEXT ? -1 : compareStrings(a, b)));
  return { columns: sortedColumns, rows: [...rows.values()].sort((a, b) => compareStrings(a.table, b.table) || compareStrings(a.entity, b.entity)) };
}
