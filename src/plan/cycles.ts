// Cycles between contexts: two contexts that call each other cannot be pulled apart one at a time.
// Strongly connected components of the context graph (runtime imports only: type-only imports and
// module registration become contracts and client wiring, not calls), and for each the cheapest
// edges to cut so it becomes acyclic, with how to cut each one.
import type { ContextCycle, CycleBreak, CycleEdge, SeamStyle } from '../shared/analysis.js';
import { compareStrings, sortedUnique } from '../shared/sort.js';
import type { CrossEdge } from './plan-index.js';
import { strongerStyle } from './seam-style.js';
import { possessive } from './wording.js';

const RUNTIME_STYLES: ReadonlySet<SeamStyle> = new Set(['sync', 'event', 'data']);

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** What breaking an edge costs: a call whose result is used is the hardest to cut. */
const BREAK_COST: Readonly<Record<string, number>> = { sync: 1, event: 0.5, data: 0.5 };

interface PairEntry {
  edge: CycleEdge;
  cost: number;
  parts: CrossEdge[];
}

/** One edge per ordered context pair: weights summed, symbols and sites merged. */
function pairEdges(cross: readonly CrossEdge[]): PairEntry[] {
  const byPair = new Map<string, PairEntry>();
  for (const edge of cross) {
    if (!RUNTIME_STYLES.has(edge.style)) continue;
    const key = `${edge.fromContext}\u0000${edge.toContext}`;
    let entry = byPair.get(key);
    if (!entry) {
      entry = { edge: { from: edge.fromContext, to: edge.toContext, weight: 0, style: edge.style, symbols: [], sites: [] }, cost: 0, parts: [] };
      byPair.set(key, entry);
    }
    entry.edge.weight = round(entry.edge.weight + edge.weight);
    entry.edge.style = strongerStyle(entry.edge.style, edge.style);
    entry.cost = round(entry.cost + edge.weight * (BREAK_COST[edge.style] ?? 1));
    entry.parts.push(edge);
  }
  return [...byPair.values()]
    .map((entry) => ({
      ...entry,
      edge: {
        ...entry.edge,
        symbols: sortedUnique(entry.parts.flatMap((part) => part.symbols)),
        sites: entry.parts
          .flatMap((part) => part.lines.map((line) => ({ file: part.from, line })))
          .sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line),
      },
    }))
    .sort((a, b) => compareStrings(a.edge.from, b.edge.from) || compareStrings(a.edge.to, b.edge.to));
}

/** Tarjan's algorithm over sorted nodes and neighbours: components in a deterministic order. */
function stronglyConnected(nodes: readonly string[], edges: readonly CycleEdge[]): string[][] {
  const next = new Map<string, string[]>(nodes.map((node) => [node, []]));
  for (const edge of edges) next.get(edge.from)?.push(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort(compareStrings));
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return components;
}

function reaches(from: string, to: string, next: ReadonlyMap<string, string[]>): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    if (node === to) return true;
    for (const target of next.get(node) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return false;
}

function quote(symbols: readonly string[]): string {
  const shown = symbols.slice(0, 4).join(', ');
  return symbols.length > 4 ? `${shown} and ${symbols.length - 4} more` : shown;
}

/** How to cut one context edge, one clause per way the code uses the other context. */
export function howToBreak(from: string, to: string, parts: readonly CrossEdge[]): string {
  const symbolsOf = (select: (part: CrossEdge) => boolean): string[] => sortedUnique(parts.filter(select).flatMap((part) => part.symbols));
  const used = symbolsOf((part) => part.style === 'sync' && part.calls.used > 0);
  const injected = symbolsOf((part) => part.style === 'sync' && part.calls.used === 0);
  const fired = symbolsOf((part) => part.style === 'event');
  const entities = symbolsOf((part) => part.style === 'data');
  const clauses: string[] = [];
  if (used.length > 0) {
    clauses.push(`${from} uses the results of ${quote(used)}: have ${to} publish the facts ${from} needs as events and keep a local copy, or move them into ${from} if they belong there`);
  }
  if (injected.length > 0) {
    clauses.push(`${from} calls ${to} through ${quote(injected)}: turn those commands into domain events that ${to} handles, and pass in or replicate the data ${from} reads`);
  }
  if (fired.length > 0) clauses.push(`${from} fires ${quote(fired)} without using the result: publish a domain event that ${to} handles instead`);
  if (entities.length > 0) clauses.push(`${from} maps ${possessive(to)} entities (${quote(entities)}): keep only ${possessive(to)} ids and drop the ORM relation`);
  return clauses.join('; ');
}

/**
 * Greedy: keep the costliest edges while they leave the component acyclic; the edges that would close
 * a cycle are the ones to break, so the cheapest cuts (events, entity relations, light calls) go first.
 */
function chooseBreaks(entries: readonly PairEntry[]): CycleBreak[] {
  const kept = new Map<string, string[]>();
  const breaks: CycleBreak[] = [];
  const costliestFirst = [...entries].sort((a, b) => b.cost - a.cost || b.edge.weight - a.edge.weight || compareStrings(a.edge.from, b.edge.from) || compareStrings(a.edge.to, b.edge.to));
  for (const { edge, parts } of costliestFirst) {
    if (reaches(edge.to, edge.from, kept)) {
      breaks.push({ from: edge.from, to: edge.to, how: howToBreak(edge.from, edge.to, parts) });
      continue;
    }
    const list = kept.get(edge.from);
    if (list) list.push(edge.to);
    else kept.set(edge.from, [edge.to]);
  }
  return breaks.sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to));
}

export function findCycles(contextIds: readonly string[], cross: readonly CrossEdge[]): ContextCycle[] {
  const entries = pairEdges(cross);
  const edges = entries.map((entry) => entry.edge);
  return stronglyConnected(contextIds, edges)
    .filter((component) => component.length > 1)
    .map((component) => {
      const members = new Set(component);
      const inside = entries.filter(({ edge }) => members.has(edge.from) && members.has(edge.to));
      return { contexts: component, edges: inside.map((entry) => entry.edge), breaks: chooseBreaks(inside) };
    })
    .sort((a, b) => compareStrings(a.contexts.join('\u0000'), b.contexts.join('\u0000')));
}
