// A relative effort estimate per step, from what the step has to change (docs/decisions/plan.md):
//   points = 1 x entry points + 2 x interface operations + 0.5 x inbound call sites
//          + 1 x outbound seams + 1 x synchronous outbound seams (resilience work)
//          + 3 x tables that move + 5 x tables shared with other contexts
//          + 8 x cycle edges to break + 1 per 500 lines of code
// sized S (< 15), M (< 40), L (< 80), XL. Points compare steps with each other; they are not days.
import type { Effort, EffortCounts } from '../shared/analysis.js';

export const EFFORT_WEIGHTS: Readonly<Record<keyof EffortCounts, number>> = {
  entryPoints: 1,
  operations: 2,
  callSites: 0.5,
  outboundSeams: 1,
  syncSeams: 1,
  tablesOwned: 3,
  tablesShared: 5,
  cycleBreaks: 8,
  loc: 1 / 500,
};

export const EFFORT_SIZES: ReadonlyArray<readonly [Effort['size'], number]> = [
  ['S', 15],
  ['M', 40],
  ['L', 80],
];

export function estimateEffort(counts: EffortCounts): Effort {
  let points = 0;
  for (const key of Object.keys(EFFORT_WEIGHTS) as Array<keyof EffortCounts>) points += EFFORT_WEIGHTS[key] * counts[key];
  points = Math.round(points * 10) / 10;
  const size = EFFORT_SIZES.find(([, below]) => points < below)?.[0] ?? 'XL';
  return { points, size, counts };
}
