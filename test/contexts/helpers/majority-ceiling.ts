// Test-only yardstick: how well any method that places a file by its neighbours could do. Each file
// takes the domain most of its import neighbours really belong to (ties split by a seeded coin). It
// knows every neighbour's true domain, which no clustering does, so its NMI is an optimistic ceiling
// for the import graph the generator wrote.
import type { GeneratedMonolith } from '../../../scripts/generate-monolith.js';
import { normalizedMutualInformation } from '../../../src/contexts/compare.js';
import { createRandom } from '../../../src/shared/random.js';

export function neighbourMajorityCeiling(monolith: GeneratedMonolith, seed = 1): number {
  const truth = monolith.truth;
  const neighbours = new Map<string, string[]>();
  for (const edge of monolith.edges) {
    if (edge.kind === 'reexport' || truth[edge.from] === undefined || truth[edge.to] === undefined) continue;
    neighbours.set(edge.from, [...(neighbours.get(edge.from) ?? []), edge.to]);
    neighbours.set(edge.to, [...(neighbours.get(edge.to) ?? []), edge.from]);
  }
  const random = createRandom(seed);
  const guess: Record<string, string> = {};
  for (const file of Object.keys(truth).sort()) {
    const counts = new Map<string, number>();
    for (const other of neighbours.get(file) ?? []) counts.set(truth[other] as string, (counts.get(truth[other] as string) ?? 0) + 1);
    const best = Math.max(0, ...counts.values());
    const top = [...counts].filter(([, count]) => count === best).map(([domain]) => domain).sort();
    guess[file] = top.length === 0 ? `alone:${file}` : (top[Math.floor(random() * top.length)] as string);
  }
  return normalizedMutualInformation(guess, truth);
}
