// The data view: tables grouped by the context that owns them, with the contexts that read and write
// each; a table touched by more than one context is shared and drawn so. Enter on a table lists every
// read and write with file:line.
import type { DataAccessRecord } from '../../shared/analysis.js';
import { NO_CONTEXT_LABEL } from '../../shared/analysis.js';
import { compareStrings, sortedUnique } from '../../shared/sort.js';
import type { ExploreModel } from './explore-model.js';
import { column, nameColumn, note, plural, row, section, type Row, type ScreenContent } from './screen.js';

const NO_OWNER = '(no owner)';

/**
 * An operation as it fits a cell: the call's last two parts (`user.update`, not
 * `this.prismaService.user.upd…`), so the verb survives when the text must be cut.
 */
export function shortOperation(operation: string): string {
  const parts = operation.split('.');
  return parts.length > 2 ? parts.slice(-2).join('.') : operation;
}

/** "orders 2, billing 1": the contexts among the accesses, with how many of their files. */
function contextsOf(model: ExploreModel, accesses: DataAccessRecord[]): string {
  const files = new Map<string, Set<string>>();
  for (const access of accesses) {
    const context = model.contextOf.get(access.module) ?? NO_CONTEXT_LABEL;
    const set = files.get(context) ?? new Set<string>();
    set.add(access.module);
    files.set(context, set);
  }
  return [...files.entries()]
    .sort((a, b) => b[1].size - a[1].size || compareStrings(a[0], b[0]))
    .map(([context, set]) => `${context} ${set.size}`)
    .join(', ');
}

export function isSharedEntity(model: ExploreModel, entity: string): boolean {
  const accessors = new Set<string>();
  for (const access of model.accessByEntity.get(entity) ?? []) accessors.add(model.contextOf.get(access.module) ?? '');
  const owner = model.ownerOf.get(entity);
  if (owner !== undefined) accessors.add(owner);
  accessors.delete('');
  const table = model.entityById.get(entity)?.table;
  const isListedShared = table !== undefined && model.contexts.some((context) => context.tablesShared.includes(table));
  return accessors.size > 1 || isListedShared;
}

/** The cells of a table row: table (shared marked), entity, readers, writers. */
export function tableCells(model: ExploreModel, entity: string): { cells: string[]; isShared: boolean } {
  const accesses = model.accessByEntity.get(entity) ?? [];
  const isShared = isSharedEntity(model, entity);
  const table = model.entityById.get(entity)?.table ?? entity;
  return {
    cells: [
      isShared ? `${table}  [shared]` : table,
      entity,
      contextsOf(model, accesses.filter((access) => access.mode === 'read')) || '-',
      contextsOf(model, accesses.filter((access) => access.mode === 'write')) || '-',
    ],
    isShared,
  };
}

export function dataScreen(model: ExploreModel): ScreenContent {
  const entities = new Set<string>([...model.entityById.keys(), ...model.accessByEntity.keys()]);
  const byOwner = new Map<string, string[]>();
  for (const entity of entities) {
    const owner = model.ownerOf.get(entity) ?? NO_OWNER;
    const list = byOwner.get(owner) ?? [];
    list.push(entity);
    byOwner.set(owner, list);
  }
  const contextOrder = new Map(model.contexts.map((context, i) => [context.id, i]));
  const owners = [...byOwner.keys()].sort((a, b) => (contextOrder.get(a) ?? Infinity) - (contextOrder.get(b) ?? Infinity) || compareStrings(a, b));
  const rows: Row[] = [];
  for (const owner of owners) {
    const owned = (byOwner.get(owner) ?? []).sort((a, b) => compareStrings(model.entityById.get(a)?.table ?? a, model.entityById.get(b)?.table ?? b));
    rows.push(section(owner, [`${owner} (${plural(owned.length, 'table')})`, 'entity', 'readers', 'writers']));
    for (const entity of owned) {
      const { cells, isShared } = tableCells(model, entity);
      rows.push(row(`table:${entity}`, cells, { open: { kind: 'table', entity }, tone: isShared ? 'shared' : 'plain' }));
    }
  }
  const shared = [...entities].filter((entity) => isSharedEntity(model, entity)).length;
  return {
    title: 'data',
    subtitle: `${plural(entities.size, 'table')}, ${shared} shared · ${plural(model.analysis.dataAccess.length, 'access', 'accesses')}`,
    columns: [nameColumn(''), column('', { align: 'left' }), column('', { align: 'left', isFlexible: true }), column('', { align: 'left', isFlexible: true })],
    rows,
    emptyText: 'No data access: Carve found no entities or tables read or written in this code.',
  };
}

function accessRows(model: ExploreModel, id: string, accesses: DataAccessRecord[]): Row[] {
  const sorted = [...accesses].sort((a, b) => compareStrings(a.module, b.module));
  return sorted.flatMap((access, i) => {
    const context = model.contextOf.get(access.module) ?? NO_CONTEXT_LABEL;
    const lines = access.locations?.length ? access.locations.map((location) => location.line) : [null];
    return lines.map((line) =>
      row(`${id}:${i}:${line ?? ''}`, [line === null ? access.module : `${access.module}:${line}`, context, sortedUnique((access.operations ?? []).map(shortOperation)).join(', '), access.orm ?? ''], {
        open: model.contextById.has(context) ? { kind: 'context', context } : null,
      }),
    );
  });
}

export function tableScreen(model: ExploreModel, entity: string): ScreenContent {
  const record = model.entityById.get(entity);
  const accesses = model.accessByEntity.get(entity) ?? [];
  const owner = model.ownerOf.get(entity) ?? NO_OWNER;
  const writes = accesses.filter((access) => access.mode === 'write');
  const reads = accesses.filter((access) => access.mode === 'read');
  const rows: Row[] = [];
  rows.push(section('writers', [`Writers (${writes.length})`, 'context', 'operations', 'orm']));
  rows.push(...accessRows(model, 'w', writes));
  if (writes.length === 0) rows.push(note('writers', 'nothing writes it'));
  rows.push(section('readers', [`Readers (${reads.length})`, 'context', 'operations', 'orm']));
  rows.push(...accessRows(model, 'r', reads));
  if (reads.length === 0) rows.push(note('readers', 'nothing reads it'));
  const defined = record?.definedIn ? ` · defined in ${record.definedIn}${record.line ? `:${record.line}` : ''}` : '';
  return {
    title: record?.table ?? entity,
    subtitle: `entity ${entity} · owner ${owner}${isSharedEntity(model, entity) ? ' · shared' : ''}${defined}`,
    columns: [nameColumn('', true), column('', { align: 'left' }), column('', { align: 'left' }), column('', { align: 'left' })],
    rows,
    emptyText: '',
  };
}
