// The plan view: the ranked strangler-fig steps; Enter shows one step whole, its seams and its data
// strategy included. The plan stage owns the step's shape, so beyond rank, context and coupling every
// field is shown generically (scalars as key/value, lists one item a row, objects one key a row).
import { compareStrings } from '../../shared/sort.js';
import type { ExploreModel, StepView } from './explore-model.js';
import { column, formatNumber, formatRatio, nameColumn, note, row, section, type Row, type ScreenContent, type ScreenRef } from './screen.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One line for any value: scalars as they are, lists joined, objects as `key value` pairs. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => (isRecord(item) || Array.isArray(item) ? `(${formatValue(item)})` : formatValue(item))).join(', ');
  if (isRecord(value)) {
    const { from, to, ...rest } = value;
    const head = typeof from === 'string' && typeof to === 'string' ? [`${from} -> ${to}`] : [];
    const restEntries = Object.entries(typeof from === 'string' && typeof to === 'string' ? rest : value);
    return [...head, ...restEntries.map(([key, item]) => `${key} ${formatValue(item)}`)].join(' · ');
  }
  return String(value);
}

/** The field whose name mentions `word` (seams, dataStrategy), whatever the plan stage calls it exactly. */
function fieldLike(step: StepView, word: RegExp): unknown {
  return step.fields.find(([key]) => word.test(key))?.[1];
}

export function planScreen(model: ExploreModel): ScreenContent {
  const rows = model.steps.map((step) => {
    const seams = fieldLike(step, /seam/i);
    const data = fieldLike(step, /data/i);
    return row(
      `step:${step.index}`,
      [step.rank ?? '-', step.context ?? '-', formatRatio(step.coupling), Array.isArray(seams) ? seams.length : '-', data === undefined ? '-' : formatValue(data)],
      { open: { kind: 'step', index: step.index } },
    );
  });
  const verdict = (model.analysis.plan as { verdict?: unknown } | undefined)?.verdict;
  return {
    title: 'plan',
    subtitle: verdict === undefined ? '' : formatValue(verdict),
    columns: [column('#'), nameColumn('context'), column('coupling'), column('seams'), column('data strategy', { align: 'left', isFlexible: true })],
    rows,
    emptyText: 'No plan steps: the plan stage proposed no extraction for this analysis.',
  };
}

/** Where Enter on a value leads: a context name opens the context, a seam between two contexts opens the pair. */
function linkOf(model: ExploreModel, key: string, value: unknown): ScreenRef | null {
  if (typeof value === 'string' && /context/i.test(key) && model.contextById.has(value)) return { kind: 'context', context: value };
  if (isRecord(value) && typeof value.from === 'string' && typeof value.to === 'string' && model.pairByKey.has(`${value.from}\u0000${value.to}`)) {
    return { kind: 'pair', from: value.from, to: value.to };
  }
  return null;
}

export function stepScreen(model: ExploreModel, index: number): ScreenContent {
  const step = model.steps.find((candidate) => candidate.index === index);
  const columns = [nameColumn(''), column('', { align: 'left', isFlexible: true })];
  if (!step) return { title: `step ${index + 1}`, subtitle: '', columns, rows: [], emptyText: 'No such step in the plan.' };
  const rows: Row[] = [section('step', ['Step', ''])];
  const nested: Array<[string, unknown]> = [];
  for (const [key, value] of step.fields) {
    if (Array.isArray(value) || isRecord(value)) nested.push([key, value]);
    else rows.push(row(`field:${key}`, [key, formatValue(value)], { open: linkOf(model, key, value) }));
  }
  for (const [key, value] of nested) {
    if (Array.isArray(value)) {
      rows.push(section(key, [`${key} (${value.length})`, '']));
      value.forEach((item, i) => rows.push(row(`${key}:${i}`, [String(i + 1), formatValue(item)], { open: linkOf(model, key, item) })));
      if (value.length === 0) rows.push(note(key, 'none'));
    } else if (isRecord(value)) {
      rows.push(section(key, [key, '']));
      for (const [innerKey, inner] of Object.entries(value).sort((a, b) => compareStrings(a[0], b[0]))) {
        rows.push(row(`${key}.${innerKey}`, [innerKey, formatValue(inner)], { open: linkOf(model, innerKey, inner) }));
      }
    }
  }
  return {
    title: `step ${step.rank ?? '-'}: ${step.context ?? '?'}`,
    subtitle: `extract ${step.context ?? '?'} · coupling ${formatRatio(step.coupling)} · Enter on a context or seam opens it`,
    columns,
    rows,
    emptyText: '',
  };
}
