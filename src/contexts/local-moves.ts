// Node-level refinement after Louvain. Louvain merges communities level by level and never moves a
// single file again once its first-level group is merged, so early mistakes stay (Rotta & Noack 2011
// call this out; Leiden exists because of it). Moving single files to the neighbouring community with
// the best modularity gain, until none improves, recovers most of that: on a planted layered graph at
// 30% mixing it lifted NMI from about 0.8 to about 0.94 (docs/decisions/contexts.md).
import { type Adjacency, normalizeLabels } from './adjacency.js';

/** Passes over all nodes before giving up on convergence (each pass is O(edges)). */
export const LOCAL_MOVE_MAX_PASSES = 50;
/** Gains below this are float noise, not improvements; ignoring them guarantees termination. */
const MIN_GAIN = 1e-12;

/**
 * Moves single nodes between communities while modularity (at `resolution`) improves. Nodes in
 * `fixed` (by index) never move. Visits nodes in index order, so the result is deterministic.
 */
export function refineByLocalMoves(
  adjacency: Adjacency,
  initial: readonly number[],
  resolution: number,
  fixed?: ReadonlySet<number>,
): number[] {
  const labels = normalizeLabels(initial);
  const count = labels.reduce((max, label) => Math.max(max, label + 1), 0);
  const twiceTotal = 2 * adjacency.totalWeight;
  if (twiceTotal === 0) return labels;
  const communityStrength = new Float64Array(count);
  for (let node = 0; node < labels.length; node++) {
    const label = labels[node] as number;
    communityStrength[label] = (communityStrength[label] as number) + (adjacency.strength[node] as number);
  }
  const linkWeight = new Float64Array(count);
  // stamp[c] === visit marks community c as already listed in `touched` for the current node.
  const stamp = new Int32Array(count).fill(-1);
  let visit = 0;
  const touched: number[] = [];
  for (let pass = 0; pass < LOCAL_MOVE_MAX_PASSES; pass++) {
    let moved = 0;
    for (let node = 0; node < labels.length; node++) {
      if (fixed?.has(node)) continue;
      const strength = adjacency.strength[node] as number;
      if (strength === 0) continue;
      const own = labels[node] as number;
      const neighbors = adjacency.neighbors[node] as number[];
      const weights = adjacency.weights[node] as number[];
      visit++;
      touched.length = 0;
      touched.push(own);
      stamp[own] = visit;
      linkWeight[own] = 0;
      for (let k = 0; k < neighbors.length; k++) {
        const community = labels[neighbors[k] as number] as number;
        if (stamp[community] !== visit) {
          stamp[community] = visit;
          touched.push(community);
          linkWeight[community] = 0;
        }
        linkWeight[community] = (linkWeight[community] as number) + (weights[k] as number);
      }
      communityStrength[own] = (communityStrength[own] as number) - strength;
      const gain = (community: number): number =>
        (linkWeight[community] as number) -
        (resolution * strength * (communityStrength[community] as number)) / twiceTotal;
      let best = own;
      let bestGain = gain(own);
      for (const community of touched) {
        const candidate = gain(community);
        if (candidate > bestGain + MIN_GAIN) {
          best = community;
          bestGain = candidate;
        }
      }
      communityStrength[best] = (communityStrength[best] as number) + strength;
      if (best !== own) {
        labels[node] = best;
        moved++;
      }
    }
    if (moved === 0) break;
  }
  return normalizeLabels(labels);
}
