// The dependencies view: every pair of contexts one of which uses the other, heaviest first (import
// weight plus data accesses). Enter on a pair lists the exact imports and data accesses, file:line.
import { sortedUnique } from '../../shared/sort.js';
import { shortOperation } from './data-screens.js';
import type { ExploreModel } from './explore-model.js';
import { accessLines, importLines, pairKey } from './explore-model.js';
import { column, nameColumn, note, plural, row, section, type Row, type ScreenContent } from './screen.js';

const ARROW = '->';

export function dependenciesScreen(model: ExploreModel): ScreenContent {
  const rows = model.pairs.map((pair) =>
    row(pairKey(pair.from, pair.to), [`${pair.from} ${ARROW} ${pair.to}`, pair.weight, importLines(pair), accessLines(pair)], {
      open: { kind: 'pair', from: pair.from, to: pair.to },
      tone: pair.data.length > 0 ? 'shared' : 'plain',
    }),
  );
  const empty =
    model.contexts.length <= 1
      ? `No cross-context dependencies: this analysis has ${plural(model.contexts.length, 'context')}.`
      : 'No cross-context dependencies: no context imports another or touches its tables.';
  return {
    title: 'dependencies',
    subtitle: '',
    columns: [nameColumn('from -> to'), column('weight'), column('imports'), column('data')],
    rows,
    emptyText: empty,
  };
}

export function pairScreen(model: ExploreModel, from: string, to: string): ScreenContent {
  const pair = model.pairByKey.get(pairKey(from, to));
  const title = `${from} ${ARROW} ${to}`;
  const columns = [nameColumn('', true), nameColumn('', true), column('', { align: 'left' }), column('', { align: 'left', isFlexible: true })];
  if (!pair) return { title, subtitle: '', columns, rows: [], emptyText: `${from} does not use ${to}.` };
  const rows: Row[] = [];
  rows.push(section('imports', [`Imports (${importLines(pair)})`, 'imported file', 'kind', 'symbols']));
  for (const [i, dependency] of pair.imports.entries()) {
    const lines = dependency.locations?.length ? dependency.locations.map((location) => location.line) : [null];
    const via = dependency.via ? ` (via ${dependency.via})` : '';
    for (const line of lines) {
      rows.push(
        row(`import:${i}:${line ?? ''}`, [
          line === null ? dependency.from : `${dependency.from}:${line}`,
          `${dependency.to}${via}`,
          dependency.kind,
          (dependency.symbols ?? []).join(', '),
        ]),
      );
    }
  }
  if (pair.imports.length === 0) rows.push(note('imports', `no file of ${from} imports a file of ${to}`));
  rows.push(section('data', [`Data access (${accessLines(pair)})`, 'entity (table)', 'mode', 'operations']));
  for (const [i, access] of pair.data.entries()) {
    const table = model.entityById.get(access.entity)?.table;
    const lines = access.locations?.length ? access.locations.map((location) => location.line) : [null];
    for (const line of lines) {
      rows.push(
        row(
          `data:${i}:${line ?? ''}`,
          [line === null ? access.module : `${access.module}:${line}`, table ? `${access.entity} (${table})` : access.entity, access.mode, sortedUnique((access.operations ?? []).map(shortOperation)).join(', ')],
          { tone: access.mode === 'write' ? 'hot' : 'shared', open: { kind: 'table', entity: access.entity } },
        ),
      );
    }
  }
  if (pair.data.length === 0) rows.push(note('data', `no file of ${from} reads or writes a table of ${to}`));
  return {
    title,
    subtitle: `weight ${pair.weight} · ${plural(importLines(pair), 'import')} · ${plural(accessLines(pair), 'data access', 'data accesses')}`,
    columns,
    rows,
    emptyText: '',
  };
}
