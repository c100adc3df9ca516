/**
 * Yardstick for "what the graph allows": a classifier that is told every neighbour's true domain and
 * the true domain-to-domain import rates (a directed block model fitted on the answer), and puts each
 * file in the domain under which its own imports and importers are most likely. No clustering knows
 * that much, so its NMI is a practical ceiling for the import graph the generator wrote: files whose
 * few edges mostly cross domains cannot be placed right by anyone. Used by the quality tests and
 * scripts/contexts-quality.ts.
 */
import { normalizedMutualInformation } from '../../src/contexts/compare.js';
import type { GeneratedMonolith } from '../generate-monolith.js';

export function blockModelOracle(monolith: Pick<GeneratedMonolith, 'truth' | 'edges'>): number {
  const truth = monolith.truth;
  const domains = [...new Set(Object.values(truth))].sort();
  const indexOf = new Map(domains.map((domain, index) => [domain, index]));
  const domainOf = (file: string): number => indexOf.get(truth[file] as string) as number;
  const edges = monolith.edges.filter((e) => e.kind !== 'reexport' && truth[e.from] !== undefined && truth[e.to] !== undefined);
  const blocks = domains.map(() => new Array<number>(domains.length).fill(0.5));
  for (const edge of edges) (blocks[domainOf(edge.from)] as number[])[domainOf(edge.to)]! += 1;
  const logShare = blocks.map((row) => {
    const total = row.reduce((sum, value) => sum + value, 0);
    return row.map((value) => Math.log(value / total));
  });
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const edge of edges) {
    outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge.to]);
    incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge.from]);
  }
  const guess: Record<string, string> = {};
  for (const file of Object.keys(truth).sort()) {
    let best = 0;
    let bestScore = -Infinity;
    for (let domain = 0; domain < domains.length; domain++) {
      let score = 0;
      for (const other of outgoing.get(file) ?? []) score += (logShare[domain] as number[])[domainOf(other)] as number;
      for (const other of incoming.get(file) ?? []) score += (logShare[domainOf(other)] as number[])[domain] as number;
      if (score > bestScore) {
        best = domain;
        bestScore = score;
      }
    }
    guess[file] = domains[best] as string;
  }
  return normalizedMutualInformation(guess, truth);
}
