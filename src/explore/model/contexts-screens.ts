// The contexts view: every context with its cut metrics and plan rank, and behind Enter one context:
// its plan step, the contexts it depends on and that depend on it, its tables, and its files with
// their own coupling (most coupled first, the ones to look at when carving it out).
import { compareStrings } from '../../shared/sort.js';
import { fileCoupling, importLines, accessLines, type ContextPair, type ExploreModel } from './explore-model.js';
import { column, formatRatio, nameColumn, note, plural, row, section, spanning, type Row, type ScreenContent } from './screen.js';
import { readinessShort, readinessWord } from '../../shared/verdict-words.js';
import { tableCells } from './data-screens.js';

/** Coupling at or above this is drawn as hot. */
const HOT_COUPLING = 0.5;

export function contextsScreen(model: ExploreModel): ScreenContent {
  const rows = model.contexts.map((context) => {
    const step = model.stepByContext.get(context.id);
    return row(
      context.id,
      [
        context.id,
        context.size,
        formatRatio(context.cohesion),
        formatRatio(context.coupling),
        formatRatio(context.stability),
        context.tablesOwned.length,
        step?.rank ?? '-',
        context.readiness ? readinessShort(context.readiness.level) : '-',
      ],
      { open: { kind: 'context', context: context.id }, tone: (context.coupling ?? 0) >= HOT_COUPLING ? 'hot' : 'plain' },
    );
  });
  return {
    title: 'contexts',
    subtitle: '',
    columns: [nameColumn('context'), column('files'), column('cohesion'), column('coupling'), column('stability'), column('tables'), column('rank'), column('readiness', { align: 'left' })],
    rows,
    emptyText: 'No contexts in this analysis: Carve found no clusters (too few files, or the contexts stage did not run).',
  };
}

function pairRows(id: string, pairs: ContextPair[], other: (pair: ContextPair) => string): Row[] {
  return pairs
    .sort((a, b) => b.weight + b.data.length - (a.weight + a.data.length) || compareStrings(other(a), other(b)))
    .map((pair) => row(`${id}:${other(pair)}`, [other(pair), pair.weight, importLines(pair), accessLines(pair)], { open: { kind: 'pair', from: pair.from, to: pair.to } }));
}

/**
 * Two levels: the feature modules whose context this is (files here of all its files, and how it was
 * found), then the misplaced files among this context's files with their evidence. Nothing for an
 * analysis written before modules were recorded.
 */
function moduleRows(model: ExploreModel, contextId: string, files: ReadonlySet<string>): Row[] {
  const modules = model.analysis.featureModules;
  if (modules === undefined) return [];
  const own = modules.filter((module) => module.context === contextId);
  const rows: Row[] = [section('modules', [`Modules (${own.length})`, 'files here', 'files', 'basis'])];
  for (const module of own) {
    const here = module.files.filter((file) => files.has(file)).length;
    rows.push(row(`module:${module.id}`, [module.id, here, module.files.length, module.basis], { tone: here < module.files.length ? 'shared' : 'plain' }));
  }
  if (own.length === 0) rows.push(note('modules', 'no feature module has most of its files here'));
  const misplaced = (model.analysis.misplaced ?? []).filter((entry) => files.has(entry.file));
  if (misplaced.length === 0) return rows;
  rows.push(section('misplaced', [`Misplaced files (${misplaced.length})`, 'placed in', 'ties go to', '']));
  for (const entry of misplaced) {
    rows.push(row(`misplaced:${entry.file}`, [entry.file, entry.folderModule, entry.module, ''], { tone: 'hot' }));
    rows.push(note(`misplaced:${entry.file}`, entry.evidence));
  }
  return rows;
}

export function contextScreen(model: ExploreModel, contextId: string): ScreenContent {
  const context = model.contextById.get(contextId);
  const columns = [nameColumn('', true), column(''), column(''), column('')];
  if (!context) return { title: contextId, subtitle: '', columns, rows: [], emptyText: `No context named ${contextId} in this analysis.` };
  const rows: Row[] = [];

  const step = model.stepByContext.get(contextId);
  rows.push(section('step', ['Plan step', 'rank', 'coupling', 'effort']));
  if (step) {
    const effort = step.step.effort ? `${step.step.effort.size ?? '?'}` : '-';
    rows.push(row('step', [`step ${step.rank ?? step.index + 1}: extract ${contextId}`, step.rank ?? '-', formatRatio(step.coupling), effort], { open: { kind: 'step', index: step.index } }));
  }
  else rows.push(note('step', 'not in the plan'));

  if (context.readiness) {
    rows.push(section('readiness', [`Readiness: ${readinessWord(context.readiness.level)}`, '', '', '']));
    for (const [i, reason] of context.readiness.reasons.entries()) rows.push(spanning(`readiness:${i}`, `- ${reason}`));
  }

  const outbound = model.pairs.filter((pair) => pair.from === contextId);
  rows.push(section('outbound', [`Depends on (${plural(outbound.length, 'context')})`, 'weight', 'imports', 'data']));
  rows.push(...pairRows('out', outbound, (pair) => pair.to));
  if (outbound.length === 0) rows.push(note('outbound', 'no imports or data access into other contexts'));

  const inbound = model.pairs.filter((pair) => pair.to === contextId);
  rows.push(section('inbound', [`Used by (${plural(inbound.length, 'context')})`, 'weight', 'imports', 'data']));
  rows.push(...pairRows('in', inbound, (pair) => pair.from));
  if (inbound.length === 0) rows.push(note('inbound', 'no other context imports it or touches its tables'));

  const entities = [...model.ownerOf.entries()].filter(([, owner]) => owner === contextId).map(([entity]) => entity).sort(compareStrings);
  rows.push(section('tables', [`Tables (${entities.length})`, 'entity', 'readers', 'writers']));
  for (const entity of entities) {
    const cells = tableCells(model, entity);
    rows.push(row(`table:${entity}`, cells.cells, { open: { kind: 'table', entity }, tone: cells.isShared ? 'shared' : 'plain' }));
  }
  if (entities.length === 0) rows.push(note('tables', 'owns no tables'));

  rows.push(...moduleRows(model, contextId, new Set(context.record.modules ?? [])));

  const files = [...(context.record.modules ?? [])]
    .map((file) => ({ file, weights: model.fileWeights.get(file), coupling: fileCoupling(model.fileWeights.get(file)) }))
    .sort((a, b) => (b.coupling ?? -1) - (a.coupling ?? -1) || compareStrings(a.file, b.file));
  rows.push(section('files', [`Files (${files.length})`, 'coupling', 'cross', 'internal']));
  const locOf = new Map(model.analysis.modules.map((module) => [module.id, module.loc]));
  // Files that reach into many contexts (the contexts stage lists them; older files lack the list).
  const godModules = new Set(Array.isArray(model.analysis.godModules) ? model.analysis.godModules : []);
  const misplacedFiles = new Set((model.analysis.misplaced ?? []).map((entry) => entry.file));
  for (const { file, weights, coupling } of files) {
    const isGod = godModules.has(file);
    const mark = isGod ? '  [reaches many contexts]' : misplacedFiles.has(file) ? '  [misplaced]' : '';
    rows.push(
      row(`file:${file}`, [`${file}${mark}`, formatRatio(coupling), weights?.cross ?? 0, weights?.internal ?? 0], {
        tone: isGod || (coupling ?? 0) >= HOT_COUPLING ? 'hot' : 'plain',
      }),
    );
  }
  const loc = files.reduce((sum, { file }) => sum + (locOf.get(file) ?? 0), 0);
  return {
    title: contextId,
    subtitle: `${plural(context.size, 'file')}, ${loc} loc${context.readiness ? ` · ${readinessWord(context.readiness.level)}` : ''} · cohesion ${formatRatio(context.cohesion)} · coupling ${formatRatio(context.coupling)} · stability ${formatRatio(context.stability)}`,
    columns,
    rows,
    emptyText: '',
  };
}
