// The plan as the reporters read it. An analysis.json read from disk (`carve explore file`) may come
// from an older Carve or a hand edit, so missing or odd plan fields read as empty, never as a crash.
import type { Analysis, ContextCycle, ContextReadiness, PlanStep, Verdict } from '../shared/analysis.js';

export interface PlanView {
  verdict: Verdict | null;
  cycles: ContextCycle[];
  steps: PlanStep[];
  /** contexts[].readiness by context id; empty for an analysis from before readiness. */
  readiness: Map<string, ContextReadiness>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = <T>(value: unknown): T[] => (Array.isArray(value) ? value.filter(isObject) as T[] : []);
const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

function stepOf(raw: Json, index: number): PlanStep | null {
  if (typeof raw.context !== 'string') return null;
  const facade = isObject(raw.facade) ? raw.facade : {};
  const data = isObject(raw.data) ? raw.data : {};
  const breakdown = isObject(raw.breakdown) ? raw.breakdown : {};
  const effort = isObject(raw.effort) ? raw.effort : {};
  return {
    rank: numberOr(raw.rank, index + 1),
    context: raw.context,
    coupling: numberOr(raw.coupling, 0),
    breakdown: {
      inbound: numberOr(breakdown.inbound, 0),
      outbound: numberOr(breakdown.outbound, 0),
      data: numberOr(breakdown.data, 0),
      cycles: numberOr(breakdown.cycles, 0),
      score: numberOr(breakdown.score, 0),
    },
    size: numberOr(raw.size, 0),
    loc: numberOr(raw.loc, 0),
    churn: typeof raw.churn === 'number' ? raw.churn : null,
    facade: { entryPoints: listOf(facade.entryPoints), wiring: listOf(facade.wiring) },
    inboundSeams: listOf(raw.inboundSeams),
    outboundSeams: listOf(raw.outboundSeams),
    data: {
      owned: Array.isArray(data.owned) ? data.owned.filter((table): table is string => typeof table === 'string') : [],
      shared: listOf(data.shared),
      foreign: listOf(data.foreign),
    },
    after: Array.isArray(raw.after) ? raw.after.filter((id): id is string => typeof id === 'string') : [],
    prerequisites: Array.isArray(raw.prerequisites) ? raw.prerequisites.filter((line): line is string => typeof line === 'string') : [],
    sharedKernel: Array.isArray(raw.sharedKernel) ? raw.sharedKernel.filter((file): file is string => typeof file === 'string') : [],
    effort: {
      points: numberOr(effort.points, 0),
      size: effort.size === 'S' || effort.size === 'M' || effort.size === 'L' || effort.size === 'XL' ? effort.size : 'S',
      counts: isObject(effort.counts) ? (effort.counts as unknown as PlanStep['effort']['counts']) : {
        entryPoints: 0, operations: 0, callSites: 0, outboundSeams: 0, syncSeams: 0, tablesOwned: 0, tablesShared: 0, cycleBreaks: 0, loc: 0,
      },
    },
  };
}

/** Each context's readiness when it has the shape, level a string and reasons strings. */
function readinessOf(analysis: Analysis): Map<string, ContextReadiness> {
  const readiness = new Map<string, ContextReadiness>();
  for (const context of Array.isArray(analysis.contexts) ? analysis.contexts : []) {
    const raw: unknown = isObject(context) ? context.readiness : undefined;
    if (typeof context.id !== 'string' || !isObject(raw) || typeof raw.level !== 'string') continue;
    const reasons = Array.isArray(raw.reasons) ? raw.reasons.filter((reason): reason is string => typeof reason === 'string') : [];
    readiness.set(context.id, { level: raw.level as ContextReadiness['level'], reasons });
  }
  return readiness;
}

export function planView(analysis: Analysis): PlanView {
  const plan: unknown = analysis.plan;
  const readiness = readinessOf(analysis);
  if (!isObject(plan)) return { verdict: null, cycles: [], steps: [], readiness };
  const verdict = isObject(plan.verdict) && typeof plan.verdict.headline === 'string' ? (plan.verdict as unknown as Verdict) : null;
  const steps = listOf<Json>(plan.steps)
    .map(stepOf)
    .filter((step): step is PlanStep => step !== null)
    .sort((a, b) => a.rank - b.rank);
  return { verdict: verdict ? { ...verdict, reasons: Array.isArray(verdict.reasons) ? verdict.reasons : [] } : null, cycles: listOf(plan.cycles), steps, readiness };
}
