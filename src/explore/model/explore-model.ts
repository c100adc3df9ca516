// Indexes over one Analysis, built once when explore starts (linear in its size, a few ms for 5,000
// files), so every screen is a lookup plus a sort of what it shows. Fields the analysis may lack while
// its stages are young (context metrics, plan step fields) are read defensively here, once.
import type { Analysis, ContextReadiness, ContextRecord, DataAccessRecord, DependencyRecord, EntityRecord, PlanStep } from '../../shared/analysis.js';
import { compareStrings } from '../../shared/sort.js';

/** Everything that ties one context to another: its imports into it and its accesses to its tables. */
export interface ContextPair {
  from: string;
  to: string;
  /** Sum of the imports' weights. */
  weight: number;
  imports: DependencyRecord[];
  /** Accesses by files of `from` to entities owned by `to`. */
  data: DataAccessRecord[];
}

export interface ContextView {
  id: string;
  record: ContextRecord;
  size: number;
  cohesion: number | null;
  coupling: number | null;
  stability: number | null;
  tablesOwned: string[];
  tablesShared: string[];
  /** The plan's readiness of the context; null in an analysis from before readiness. */
  readiness: ContextReadiness | null;
}

/**
 * A plan step as read from the file: `step` may lack any field (an analysis.json from another build),
 * so screens read it through optional access; rank, context and coupling are checked here once.
 */
export interface StepView {
  index: number;
  rank: number | null;
  context: string | null;
  coupling: number | null;
  step: Partial<PlanStep>;
}

export interface FileWeights {
  /** Weight of imports to and from files of the same context. */
  internal: number;
  /** Weight of imports to and from files of other contexts. */
  cross: number;
}

export interface ExploreModel {
  analysis: Analysis;
  contexts: ContextView[];
  contextById: Map<string, ContextView>;
  contextOf: Map<string, string>;
  entityById: Map<string, EntityRecord>;
  /** Table name -> the first entity mapped to it. */
  entityOfTable: Map<string, string>;
  /** Entity id -> owning context. */
  ownerOf: Map<string, string>;
  accessByEntity: Map<string, DataAccessRecord[]>;
  /** Cross-context pairs, heaviest first. */
  pairs: ContextPair[];
  pairByKey: Map<string, ContextPair>;
  fileWeights: Map<string, FileWeights>;
  steps: StepView[];
  stepByContext: Map<string, StepView>;
}

/** Import statements behind a pair (one per line of each import edge), as its detail screen lists them. */
export function importLines(pair: ContextPair): number {
  return pair.imports.reduce((sum, dependency) => sum + Math.max(1, dependency.locations?.length ?? 0), 0);
}

/** Data accesses behind a pair, one per line, as its detail screen lists them. */
export function accessLines(pair: ContextPair): number {
  return pair.data.reduce((sum, access) => sum + Math.max(1, access.locations?.length ?? 0), 0);
}

export function pairKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function readinessOf(value: unknown): ContextReadiness | null {
  if (typeof value !== 'object' || value === null) return null;
  const { level, reasons } = value as { level?: unknown; reasons?: unknown };
  return typeof level === 'string' ? { level: level as ContextReadiness['level'], reasons: stringList(reasons) } : null;
}

export function buildExploreModel(analysis: Analysis): ExploreModel {
  const contextOf = new Map<string, string>();
  for (const context of analysis.contexts) for (const module of context.modules ?? []) contextOf.set(module, context.id);
  for (const module of analysis.modules) if (module.context) contextOf.set(module.id, module.context);

  const contexts = analysis.contexts.map((record): ContextView => {
    const metrics: Partial<ContextRecord['metrics']> = record.metrics ?? {};
    return {
      id: record.id,
      record,
      size: finiteOrNull(metrics.size) ?? (record.modules ?? []).length,
      cohesion: finiteOrNull(metrics.cohesion),
      coupling: finiteOrNull(metrics.coupling),
      stability: finiteOrNull(metrics.stability),
      tablesOwned: stringList(metrics.tablesOwned),
      tablesShared: stringList(metrics.tablesShared),
      readiness: readinessOf(record.readiness),
    };
  });
  const contextById = new Map(contexts.map((context) => [context.id, context]));

  const entityById = new Map(analysis.entities.map((entity) => [entity.id, entity]));
  const ownerOf = new Map<string, string>();
  for (const context of contexts) {
    for (const entity of context.record.entities ?? []) ownerOf.set(entity, context.id);
  }
  // Contexts that name tables (tablesOwned) rather than entities still own them.
  const entityOfTable = new Map<string, string>();
  for (const entity of analysis.entities) if (!entityOfTable.has(entity.table)) entityOfTable.set(entity.table, entity.id);
  for (const context of contexts) {
    for (const table of context.tablesOwned) {
      const entity = entityOfTable.get(table);
      if (entity && !ownerOf.has(entity)) ownerOf.set(entity, context.id);
    }
  }

  const accessByEntity = new Map<string, DataAccessRecord[]>();
  for (const access of analysis.dataAccess) {
    const list = accessByEntity.get(access.entity) ?? [];
    list.push(access);
    accessByEntity.set(access.entity, list);
  }

  const pairByKey = new Map<string, ContextPair>();
  const pairFor = (from: string, to: string): ContextPair => {
    const key = pairKey(from, to);
    let pair = pairByKey.get(key);
    if (!pair) {
      pair = { from, to, weight: 0, imports: [], data: [] };
      pairByKey.set(key, pair);
    }
    return pair;
  };
  const fileWeights = new Map<string, FileWeights>();
  const addWeight = (file: string, isCross: boolean, weight: number): void => {
    const entry = fileWeights.get(file) ?? { internal: 0, cross: 0 };
    if (isCross) entry.cross += weight;
    else entry.internal += weight;
    fileWeights.set(file, entry);
  };
  for (const dependency of analysis.dependencies) {
    const from = contextOf.get(dependency.from);
    const to = contextOf.get(dependency.to);
    if (from === undefined || to === undefined) continue;
    const weight = finiteOrNull(dependency.weight) ?? 1;
    addWeight(dependency.from, from !== to, weight);
    addWeight(dependency.to, from !== to, weight);
    if (from === to) continue;
    const pair = pairFor(from, to);
    pair.weight += weight;
    pair.imports.push(dependency);
  }
  for (const access of analysis.dataAccess) {
    const from = contextOf.get(access.module);
    const to = ownerOf.get(access.entity);
    if (from === undefined || to === undefined || from === to) continue;
    pairFor(from, to).data.push(access);
  }
  const pairs = [...pairByKey.values()].sort(
    // By the weight every view shows, then by data accesses: "heaviest first" means the column on screen.
    (a, b) => b.weight - a.weight || b.data.length - a.data.length || compareStrings(a.from, b.from) || compareStrings(a.to, b.to),
  );

  const steps = readSteps(analysis);
  const stepByContext = new Map<string, StepView>();
  for (const step of steps) if (step.context !== null && !stepByContext.has(step.context)) stepByContext.set(step.context, step);

  return { analysis, contexts, contextById, contextOf, entityById, entityOfTable, ownerOf, accessByEntity, pairs, pairByKey, fileWeights, steps, stepByContext };
}

function readSteps(analysis: Analysis): StepView[] {
  const raw: unknown = (analysis.plan as { steps?: unknown } | undefined)?.steps;
  if (!Array.isArray(raw)) return [];
  const steps = raw.flatMap((step: unknown, index): StepView[] => {
    if (typeof step !== 'object' || step === null || Array.isArray(step)) return [];
    const record = step as Partial<PlanStep>;
    const context = typeof record.context === 'string' ? record.context : null;
    return [{ index, rank: finiteOrNull(record.rank), context, coupling: finiteOrNull(record.coupling), step: record }];
  });
  // Ranked steps first, by rank; unranked ones keep the plan's order after them.
  return steps.sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.index - b.index);
}

/** A file's own coupling: the share of the weight touching it that crosses its context's border. */
export function fileCoupling(weights: FileWeights | undefined): number | null {
  if (!weights) return null;
  const total = weights.internal + weights.cross;
  return total === 0 ? null : weights.cross / total;
}
