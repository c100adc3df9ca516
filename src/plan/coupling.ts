// The coupling score that orders the plan (docs/decisions/plan.md quotes it):
//   score(C) = inbound(C) + outbound(C) + data(C) + cycles(C)
// inbound/outbound: weight of imports crossing C's boundary (type-only at half weight); data: for each
// table C shares, TABLE_UNIT x (1 + 1 if C writes it + 1 if the other writes it) per other context
// touching it; cycles: CYCLE_UNIT per other context in a cycle with C. coupling = score / sum of scores.
import type { ContextCycle, CouplingBreakdown, TablePlan } from '../shared/analysis.js';
import { compareStrings } from '../shared/sort.js';
import type { PlanIndex } from './plan-index.js';

export const TABLE_UNIT = 4;
export const CYCLE_UNIT = 10;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface ContextCoupling {
  breakdown: CouplingBreakdown;
  /** score / sum of all scores, 0..1. */
  share: number;
}

export function couplingOf(index: PlanIndex, tables: readonly TablePlan[], cycles: readonly ContextCycle[]): Map<string, ContextCoupling> {
  const parts = new Map(index.contextIds.map((id) => [id, { inbound: 0, outbound: 0, data: 0, cycles: 0 }]));
  for (const edge of index.cross) {
    const from = parts.get(edge.fromContext);
    const to = parts.get(edge.toContext);
    if (from) from.outbound += edge.weight;
    if (to) to.inbound += edge.weight;
  }
  for (const table of tables) {
    const touching = new Set([...table.writers, ...table.readers]);
    if (table.owner !== null) touching.add(table.owner);
    const writes = new Set(table.writers);
    for (const context of touching) {
      const part = parts.get(context);
      if (!part) continue;
      for (const other of touching) {
        if (other !== context) part.data += TABLE_UNIT * (1 + Number(writes.has(context)) + Number(writes.has(other)));
      }
    }
  }
  for (const cycle of cycles) {
    for (const context of cycle.contexts) {
      const part = parts.get(context);
      if (part) part.cycles += CYCLE_UNIT * (cycle.contexts.length - 1);
    }
  }
  const scores = new Map([...parts].map(([id, part]) => [id, round(part.inbound + part.outbound + part.data + part.cycles)]));
  const total = [...scores.values()].reduce((sum, score) => sum + score, 0);
  const result = new Map<string, ContextCoupling>();
  for (const [id, part] of parts) {
    const score = scores.get(id) as number;
    result.set(id, {
      breakdown: { inbound: round(part.inbound), outbound: round(part.outbound), data: round(part.data), cycles: round(part.cycles), score },
      share: total === 0 ? 0 : Math.round((score / total) * 1000) / 1000,
    });
  }
  return result;
}

export interface RankInput {
  coupling: ReadonlyMap<string, ContextCoupling>;
  sizeOf: ReadonlyMap<string, number>;
  /** Mean commits per file, only with --history. */
  churnOf: ReadonlyMap<string, number> | null;
  cycles: readonly ContextCycle[];
}

/** Shares this close to the lowest share of a run of contexts are ties (half a percentage point). */
export const SHARE_TIE = 0.005;

/**
 * Least coupled first. Shares within SHARE_TIE of the lowest share of their run are ties: with history
 * the context whose files change most goes first (it pays back soonest), then the smaller one. (Whole
 * percent buckets split 6.4% from 6.6% but joined 6.6% with 7.4%, so one file moving elsewhere could
 * reorder the plan.) Inside a cycle, once its breaks are made, a context comes after the contexts it
 * still calls (providers first).
 */
export function rankContexts(ids: readonly string[], input: RankInput): { order: string[]; after: Map<string, string[]> } {
  const share = (id: string): number => input.coupling.get(id)?.share ?? 0;
  const churn = (id: string): number => input.churnOf?.get(id) ?? 0;
  const size = (id: string): number => input.sizeOf.get(id) ?? 0;
  const byShare = [...ids].sort((a, b) => share(a) - share(b) || compareStrings(a, b));
  const tieGroup = new Map<string, number>();
  let groupStart = Number.NEGATIVE_INFINITY;
  let group = -1;
  for (const id of byShare) {
    if (share(id) - groupStart > SHARE_TIE + 1e-9) {
      group += 1;
      groupStart = share(id);
    }
    tieGroup.set(id, group);
  }
  const groupOf = (id: string): number => tieGroup.get(id) ?? 0;
  const sorted = [...ids].sort((a, b) => groupOf(a) - groupOf(b) || churn(b) - churn(a) || size(a) - size(b) || compareStrings(a, b));

  const providers = new Map<string, Set<string>>();
  for (const cycle of input.cycles) {
    const broken = new Set(cycle.breaks.map((cut) => `${cut.from}\u0000${cut.to}`));
    for (const edge of cycle.edges) {
      if (broken.has(`${edge.from}\u0000${edge.to}`)) continue;
      const set = providers.get(edge.from) ?? new Set<string>();
      set.add(edge.to);
      providers.set(edge.from, set);
    }
  }
  const order: string[] = [];
  const placed = new Set<string>();
  const waiting = [...sorted];
  while (waiting.length > 0) {
    // The kept edges inside each cycle are acyclic, so some waiting context is always ready.
    const at = waiting.findIndex((id) => [...(providers.get(id) ?? [])].every((provider) => placed.has(provider)));
    const [id] = waiting.splice(at < 0 ? 0 : at, 1) as [string];
    order.push(id);
    placed.add(id);
  }
  const position = new Map(order.map((id, i) => [id, i]));
  const after = new Map<string, string[]>();
  for (const [id, set] of providers) after.set(id, [...set].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)));
  return { order, after };
}
