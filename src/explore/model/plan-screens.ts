// The plan view: the verdict, the ranked strangler-fig steps and the cycles to break; Enter shows one
// step: what it costs, the facade (entry points and wiring to re-point), what other contexts call in
// it, what it calls (seam style, resilience, anti-corruption layer), the strategy for each table, and
// the shared kernel it takes along. Steps are read through optional access (see StepView), and fields
// this screen does not know yet are still listed at the end, so a newer plan is never hidden.
import { NO_CONTEXT_LABEL, type OutboundDependency, type PlanSite, type PlanStep, type TablePlan } from '../../shared/analysis.js';
import { compareStrings } from '../../shared/sort.js';
import { pairKey, type ExploreModel, type StepView } from './explore-model.js';
import { decisionTitle, readinessWord } from '../../shared/verdict-words.js';
import { column, formatNumber, formatRatio, nameColumn, note, plural, row, section, spanning, type Row, type ScreenContent, type ScreenRef } from './screen.js';

const list = <T>(value: readonly T[] | undefined | null): readonly T[] => (Array.isArray(value) ? value : []);

const site = (at: PlanSite): string => `${at.file}:${at.line}`;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One line for any value: scalars as they are, lists joined, objects as `key value` pairs. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => (isRecord(item) || Array.isArray(item) ? `(${formatValue(item)})` : formatValue(item))).join(', ');
  if (isRecord(value)) return Object.entries(value).map(([key, item]) => `${key} ${formatValue(item)}`).join(' · ');
  return String(value);
}

/**
 * Nested plan fields as the file has them; a hand-edited or foreign analysis.json could hold anything
 * there, and one odd step must not take the plan view down: its cells then read "(malformed)".
 */
function orMalformed(read: () => string[], cells: number): string[] {
  try {
    return read();
  } catch {
    return ['(malformed)', ...new Array<string>(cells - 1).fill('')];
  }
}

function effortText(step: Partial<PlanStep>): string {
  return step.effort ? `${step.effort.size ?? '?'} (${formatNumber(step.effort.points)})` : '-';
}

function seamCounts(step: Partial<PlanStep>): string {
  const operations = list(step.inboundSeams).reduce((sum, inbound) => sum + list(inbound.operations).length, 0);
  const outbound = list(step.outboundSeams).reduce((sum, dependency) => sum + list(dependency.seams).length, 0);
  return `${operations} in, ${outbound} out`;
}

function tableCounts(step: Partial<PlanStep>): string {
  const data = step.data;
  return data ? `${list(data.owned).length} own, ${list(data.shared).length} shared, ${list(data.foreign).length} foreign` : '-';
}

/** "2 ready, 5 need seams, 4 entangled", or nothing for an analysis from before readiness. */
function readinessCounts(model: ExploreModel): string {
  const levels = model.contexts.flatMap((context) => (context.readiness ? [context.readiness.level] : []));
  if (levels.length === 0) return '';
  const of = (level: string): number => levels.filter((candidate) => candidate === level).length;
  return `${of('extract-now')} ready, ${of('needs-seams')} need seams, ${of('entangled')} entangled`;
}

export function planScreen(model: ExploreModel): ScreenContent {
  const rows: Row[] = [];
  const verdict = model.analysis.plan?.verdict;
  if (verdict) {
    rows.push(section('verdict', [`Verdict: ${decisionTitle(verdict.decision ?? '?')}`]));
    // Items, not notes: the cursor starts on the headline, and a selected sentence is drawn whole.
    rows.push(spanning('headline', verdict.headline ?? ''));
    for (const [i, reason] of list(verdict.reasons).entries()) rows.push(spanning(`reason:${i}`, `- ${reason}`));
    rows.push(section('steps', [`Steps (${model.steps.length})`]));
  }
  for (const { index, rank, context, coupling, step } of model.steps) {
    rows.push(
      row(`step:${index}`, [rank ?? '-', context ?? '-', formatRatio(coupling), ...orMalformed(() => [effortText(step), seamCounts(step), tableCounts(step), list(step.after).join(', ')], 4)], {
        open: { kind: 'step', index },
      }),
    );
  }
  const cycles = list(model.analysis.plan?.cycles);
  if (cycles.length > 0) rows.push(section('cycles', [`Cycles between contexts (${cycles.length}): break them first`]));
  for (const [i, cycle] of cycles.entries()) {
    const contexts = list(cycle.contexts);
    const breaks = list(cycle.breaks);
    const first = breaks[0];
    const text = [
      [...contexts, contexts[0] ?? ''].join(' -> '),
      plural(list(cycle.edges).length, 'edge'),
      `break ${breaks.map((cut) => `${cut.from} -> ${cut.to}${cut.how ? ` (${cut.how})` : ''}`).join(', ')}`,
    ].join(' · ');
    rows.push(spanning(`cycle:${i}`, text, { open: first ? pairRef(model, first.from, first.to) : null, tone: 'hot' }));
  }
  return {
    title: 'plan',
    subtitle: [verdict ? `verdict: ${decisionTitle(verdict.decision ?? '?')}` : '', readinessCounts(model)].filter((part) => part !== '').join(' · '),
    columns: [
      column('#'),
      nameColumn('context'),
      column('coupling'),
      column('effort', { align: 'left' }),
      column('seams', { align: 'left' }),
      column('tables', { align: 'left' }),
      column('after', { align: 'left', isFlexible: true }),
    ],
    rows,
    emptyText: 'No plan steps: the plan stage proposed no extraction for this analysis.',
  };
}

/** "orders 2, billing 1": contexts among callers or consumers, most first. */
function contextCounts(contexts: ReadonlyArray<string | null>): { text: string; top: string | null } {
  const counts = new Map<string, number>();
  for (const context of contexts) counts.set(context ?? NO_CONTEXT_LABEL, (counts.get(context ?? NO_CONTEXT_LABEL) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]));
  return { text: sorted.map(([context, count]) => `${context} ${count}`).join(', '), top: sorted[0]?.[0] ?? null };
}

function pairRef(model: ExploreModel, from: string | null, to: string | null): ScreenRef | null {
  return from !== null && to !== null && model.pairByKey.has(pairKey(from, to)) ? { kind: 'pair', from, to } : null;
}

function tableRef(model: ExploreModel, table: TablePlan | string): ScreenRef | null {
  const entity = typeof table === 'string' ? model.entityOfTable.get(table) : (list(table.entities)[0] ?? model.entityOfTable.get(table.table));
  return entity !== undefined && (model.entityById.has(entity) || model.accessByEntity.has(entity)) ? { kind: 'table', entity } : null;
}

function outboundRows(model: ExploreModel, context: string, dependencies: readonly OutboundDependency[]): Row[] {
  return dependencies.flatMap((dependency, i) => [
    row(`out:${i}`, [`-> ${dependency.to}`, `weight ${formatNumber(dependency.weight)}`, joined([dependency.antiCorruptionLayer ? 'anti-corruption layer' : '', dependency.reason])], {
      open: pairRef(model, context, dependency.to),
    }),
    ...list(dependency.seams).map((seam, j) => {
      const resilience = seam.resilience
        ? joined([
            `timeout ${seam.resilience.timeoutMs} ms`,
            `retry ${seam.resilience.retry}`,
            seam.resilience.circuitBreaker ? 'circuit breaker' : '',
            seam.resilience.fallback ? `fallback ${seam.resilience.fallback}` : '',
          ])
        : plural(list(seam.sites).length, 'site');
      const detail = joined([list(seam.symbols).join(', '), resilience, seam.isOnRequestPath ? 'request path' : '', seam.isIdempotent ? 'idempotent' : '']);
      return row(`out:${i}:${j}`, [`  ${seam.module}`, seam.style ?? '', detail], { open: pairRef(model, context, dependency.to) });
    }),
  ]);
}

function tableRows(model: ExploreModel, id: string, tables: readonly TablePlan[]): Row[] {
  return tables.map((table, i) => {
    const consumers = list(table.consumers).map((consumer) => `${consumer.context} ${consumer.mode} (${consumer.strategy})`).join(', ');
    return row(`${id}:${i}`, [table.table, table.strategy ?? '', joined([`owner ${table.owner ?? '-'}`, consumers, table.reason])], {
      open: tableRef(model, table),
      tone: 'shared',
    });
  });
}

/** The non-empty parts, " · " between. */
function joined(parts: ReadonlyArray<string | null | undefined>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(' · ');
}

const KNOWN_FIELDS = new Set([
  'rank', 'context', 'coupling', 'breakdown', 'size', 'loc', 'churn', 'facade', 'inboundSeams', 'outboundSeams', 'data', 'after', 'prerequisites', 'sharedKernel', 'effort',
]);

function stepRows(model: ExploreModel, view: StepView): Row[] {
  const { step } = view;
  const context = view.context;
  const rows: Row[] = [section('step', ['Step', '', ''])];
  rows.push(row('context', ['context', context ?? '-', ''], { open: context !== null && model.contextById.has(context) ? { kind: 'context', context } : null }));
  const breakdown = step.breakdown;
  const breakdownText = breakdown
    ? `inbound ${formatNumber(breakdown.inbound)} · outbound ${formatNumber(breakdown.outbound)} · data ${formatNumber(breakdown.data)} · cycles ${formatNumber(breakdown.cycles)}`
    : '';
  rows.push(row('coupling', ['coupling', formatRatio(view.coupling), breakdownText]));
  const counts = step.effort?.counts;
  const countsText = counts ? `${counts.entryPoints} entry points · ${counts.operations} operations · ${counts.callSites} call sites · ${counts.outboundSeams} outbound seams` : '';
  rows.push(row('effort', ['effort', effortText(step), countsText]));
  rows.push(row('size', ['size', `${formatNumber(step.size)} files, ${formatNumber(step.loc)} loc`, step.churn === null || step.churn === undefined ? '' : `churn ${formatNumber(step.churn)}`]));
  const readiness = context === null ? null : (model.contextById.get(context)?.readiness ?? null);
  if (readiness) {
    rows.push(row('readiness', ['readiness', readinessWord(readiness.level), '']));
    for (const [i, reason] of readiness.reasons.entries()) rows.push(spanning(`readiness:${i}`, `- ${reason}`));
  }
  for (const [i, after] of list(step.after).entries()) rows.push(row(`after:${i}`, ['after', after, ''], { open: model.contextById.has(after) ? { kind: 'context', context: after } : null }));

  const prerequisites = list(step.prerequisites);
  if (prerequisites.length > 0) rows.push(section('first', [`Before extracting it (${prerequisites.length})`, '', '']));
  for (const [i, prerequisite] of prerequisites.entries()) rows.push(spanning(`first:${i}`, `${i + 1}. ${prerequisite}`));

  const entryPoints = list(step.facade?.entryPoints);
  const wiring = list(step.facade?.wiring);
  rows.push(section('facade', [`Facade (${plural(entryPoints.length, 'entry point')}, ${plural(wiring.length, 'wiring site')})`, 'kind', 'name']));
  for (const [i, entry] of entryPoints.entries()) rows.push(row(`entry:${i}`, [site(entry), entry.kind, entry.name]));
  for (const [i, wire] of wiring.entries()) rows.push(row(`wire:${i}`, [site(wire), 'wiring', list(wire.symbols).join(', ')]));
  if (entryPoints.length + wiring.length === 0) rows.push(note('facade', 'nothing to route: no entry points and no wiring'));

  const inbound = list(step.inboundSeams);
  const operations = inbound.reduce((sum, entry) => sum + list(entry.operations).length, 0);
  rows.push(section('inbound', [`Used by other contexts (${plural(operations, 'operation')})`, 'style', 'operation <- callers']));
  for (const [i, entry] of inbound.entries()) {
    for (const [j, operation] of list(entry.operations).entries()) {
      const callers = contextCounts(list(operation.callers).map((caller) => caller.context));
      rows.push(row(`in:${i}:${j}`, [entry.module, operation.style ?? '', `${operation.symbol} <- ${callers.text}`], { open: pairRef(model, callers.top, context) }));
    }
  }
  if (operations === 0) rows.push(note('inbound', 'no other context calls into it'));

  const outbound = list(step.outboundSeams);
  rows.push(section('outbound', [`Calls into (${plural(outbound.length, 'context')})`, 'style', 'symbols · resilience']));
  rows.push(...outboundRows(model, context ?? '', outbound));
  if (outbound.length === 0) rows.push(note('outbound', 'calls no other context'));

  const owned = list(step.data?.owned);
  const shared = list(step.data?.shared);
  const foreign = list(step.data?.foreign);
  rows.push(section('data', [`Data (${owned.length} owned, ${shared.length} shared, ${foreign.length} foreign)`, 'strategy', 'owner · consumers · reason']));
  for (const [i, table] of owned.entries()) rows.push(row(`owned:${i}`, [table, 'move', 'only this context touches it'], { open: tableRef(model, table) }));
  rows.push(...tableRows(model, 'shared', shared), ...tableRows(model, 'foreign', foreign));
  if (owned.length + shared.length + foreign.length === 0) rows.push(note('data', 'touches no tables'));

  const kernel = list(step.sharedKernel);
  if (kernel.length > 0) {
    rows.push(section('kernel', [`Shared kernel it imports (${kernel.length})`, '', '']));
    for (const file of kernel) rows.push(row(`kernel:${file}`, [file, '', '']));
  }

  const unknown = Object.entries(step).filter(([key]) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) {
    rows.push(section('more', ['More', '', '']));
    for (const [key, value] of unknown) rows.push(row(`more:${key}`, [key, '', formatValue(value)]));
  }
  return rows;
}

/** The step's rows, or when its nested fields are not the plan's shape, every field on one line each. */
function readableStepRows(model: ExploreModel, view: StepView): Row[] {
  try {
    return stepRows(model, view);
  } catch {
    return [section('raw', ['Step (not in the shape this carve knows)', '', '']), ...Object.entries(view.step).map(([key, value]) => row(`raw:${key}`, [key, '', formatValue(value)]))];
  }
}

export function stepScreen(model: ExploreModel, index: number): ScreenContent {
  const view = model.steps.find((candidate) => candidate.index === index);
  const columns = [nameColumn('', true), column('', { align: 'left' }), column('', { align: 'left', isFlexible: true })];
  if (!view) return { title: `step ${index + 1}`, subtitle: '', columns, rows: [], emptyText: 'No such step in the plan.' };
  return {
    title: `step ${view.rank ?? '-'}: ${view.context ?? '?'}`,
    subtitle: `extract ${view.context ?? '?'} · coupling ${formatRatio(view.coupling)} · effort ${effortText(view.step)}`,
    columns,
    rows: readableStepRows(model, view),
    emptyText: '',
  };
}
