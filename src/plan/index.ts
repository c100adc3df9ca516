// Stage: plan. From the contexts and the code's dependencies, a strangler-fig migration: a verdict
// (extract now, or hold the monolith to its contexts first), the cycles between contexts to break, and
// one step per context, least coupled first. Each step names the entry points that move behind the
// facade, the interface other contexts use (with callers), its outbound seams (sync call or event,
// resilience, anti-corruption layer), the data strategy per table, prerequisites and a relative effort.
// Each context also gets a readiness (extract now, needs seams first, entangled) with its reasons, and
// the verdict follows from those. Works off the Analysis alone; same input, same plan. Rules and
// formulas: docs/decisions/plan.md.
import type { ContextReadiness, Plan } from '../shared/analysis.js';
import type { RepoPath } from '../shared/facts.js';
import { compareStrings } from '../shared/sort.js';
import { couplingOf, rankContexts } from './coupling.js';
import { findCycles } from './cycles.js';
import { planTables } from './data-strategy.js';
import { buildPlanIndex, type PlanInput } from './plan-index.js';
import { judge, readinessFacts } from './readiness.js';
import { buildStep } from './steps.js';
import { decideVerdict } from './verdict.js';

export type { PlanInput } from './plan-index.js';
export { BACKGROUND_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './seams.js';

/** The plan as this stage returns it: verdict and cycles always set. */
export type MigrationPlan = Required<Plan>;

/** What the plan stage gives the analysis: the plan, and each context's readiness (for contexts[].readiness). */
export interface PlanResult {
  plan: MigrationPlan;
  readiness: Map<string, ContextReadiness>;
}

export interface PlanOptions {
  /** Commits per file from git history (--history): ties go to the context that changes most. */
  history?: Record<RepoPath, number>;
}

function meanChurn(modules: readonly RepoPath[], history: Record<RepoPath, number>): number {
  if (modules.length === 0) return 0;
  const total = modules.reduce((sum, module) => sum + (history[module] ?? 0), 0);
  return Math.round((total / modules.length) * 100) / 100;
}

/** The plan alone (tests and callers that do not assemble contexts). */
export function planMigration(analysis: PlanInput, options: PlanOptions = {}): MigrationPlan {
  return planStage(analysis, options).plan;
}

export function planStage(analysis: PlanInput, options: PlanOptions = {}): PlanResult {
  const index = buildPlanIndex(analysis);
  const contexts = [...analysis.contexts].sort((a, b) => compareStrings(a.id, b.id));
  const tables = planTables(analysis, index.contextOf);
  const cycles = findCycles(index.contextIds, index.cross);
  const coupling = couplingOf(index, tables, cycles);
  const churnOf = options.history ? new Map(contexts.map((context) => [context.id, meanChurn(context.modules, options.history as Record<RepoPath, number>)])) : null;
  const { order, after } = rankContexts(index.contextIds, {
    coupling,
    sizeOf: new Map(contexts.map((context) => [context.id, context.modules.length])),
    churnOf,
    cycles,
  });

  const byId = new Map(contexts.map((context) => [context.id, context]));
  const rankOf = new Map(order.map((id, i) => [id, i + 1]));
  let routesSeen = false;
  const steps = order.map((id, i) => {
    const context = byId.get(id)!;
    const hasRoutes = context.modules.some((module) => index.entryPointsOf.get(module)?.some((entryPoint) => entryPoint.kind === 'http'));
    const step = buildStep({
      index,
      context,
      rank: i + 1,
      coupling: coupling.get(id)!,
      churn: churnOf?.get(id) ?? null,
      tables,
      cycles: cycles.filter((cycle) => cycle.contexts.includes(id)),
      after: (after.get(id) ?? []).map((provider) => ({ context: provider, rank: rankOf.get(provider) ?? 0 })),
      isFirstWithRoutes: hasRoutes && !routesSeen,
    });
    routesSeen ||= hasRoutes;
    return step;
  });

  let internal = 0;
  for (const weight of index.internalWeight.values()) internal += weight;
  const crossWeight = index.cross.reduce((sum, edge) => sum + edge.weight, 0);
  // With one context there is nothing to extract it from: no readiness (the verdict says so).
  const judged = new Map(steps.length < 2 ? [] : steps.map((step) => [step.context, judge(readinessFacts(step, cycles, steps.length))]));
  const readiness = new Map([...judged].map(([id, judgement]) => [id, judgement.readiness]));
  const verdict = decideVerdict({
    files: analysis.modules.length,
    loc: analysis.modules.reduce((sum, module) => sum + module.loc, 0),
    contexts: index.contextIds,
    modularity: analysis.metrics.modularity,
    crossShare: internal + crossWeight === 0 ? 0 : crossWeight / (internal + crossWeight),
    cycles,
    standings: steps.flatMap((step) => {
      const judgement = judged.get(step.context);
      return judgement ? [{ context: step.context, rank: step.rank, files: step.size, loc: step.loc, ...judgement }] : [];
    }),
  });
  return { plan: { verdict, cycles, steps }, readiness };
}
