// The context map both diagrams draw (Mermaid in report.md, contexts.dot): one node per context, one
// code arrow per outbound dependency of a plan step (its weight), one dashed data arrow per context
// that touches another context's tables, and the arrows that sit in a cycle. Read from the analysis,
// never recomputed.
import type { Analysis } from '../shared/analysis.js';
import { compareStrings } from '../shared/sort.js';
import { planView } from './plan-view.js';

export interface MapNode {
  /** A generated id (c0, c1 ...): names from the code never become identifiers. */
  key: string;
  context: string;
  files: number;
  rank: number | null;
}

export interface MapEdge {
  from: string;
  to: string;
  kind: 'code' | 'data';
  /** Code: the dependency's weight. Data: the number of tables. */
  weight: number;
  /** Data: the tables, and whether any is written. */
  tables: string[];
  writes: boolean;
  inCycle: boolean;
}

export interface ContextMap {
  nodes: MapNode[];
  edges: MapEdge[];
}

export function contextMap(analysis: Analysis): ContextMap {
  const plan = planView(analysis);
  const rankOf = new Map(plan.steps.map((step) => [step.context, step.rank]));
  const nodes = [...analysis.contexts]
    .sort((a, b) => (rankOf.get(a.id) ?? Infinity) - (rankOf.get(b.id) ?? Infinity) || compareStrings(a.id, b.id))
    .map((context, i) => ({ key: `c${i}`, context: context.id, files: context.modules.length, rank: rankOf.get(context.id) ?? null }));
  const known = new Set(nodes.map((node) => node.context));
  const cyclePairs = new Set(plan.cycles.flatMap((cycle) => (Array.isArray(cycle.edges) ? cycle.edges : []).map((edge) => `${edge.from}\u0000${edge.to}`)));

  const edges: MapEdge[] = [];
  for (const step of plan.steps) {
    for (const dependency of step.outboundSeams) {
      if (!known.has(dependency.from) || !known.has(dependency.to)) continue;
      edges.push({ from: dependency.from, to: dependency.to, kind: 'code', weight: dependency.weight, tables: [], writes: false, inCycle: cyclePairs.has(`${dependency.from}\u0000${dependency.to}`) });
    }
  }
  const data = new Map<string, MapEdge>();
  const seen = new Set<string>();
  for (const table of plan.steps.flatMap((step) => step.data.shared)) {
    if (table.owner === null || seen.has(table.table) || !known.has(table.owner)) continue;
    seen.add(table.table);
    for (const consumer of Array.isArray(table.consumers) ? table.consumers : []) {
      if (!known.has(consumer.context)) continue;
      const key = `${consumer.context}\u0000${table.owner}`;
      const edge = data.get(key) ?? { from: consumer.context, to: table.owner, kind: 'data' as const, weight: 0, tables: [], writes: false, inCycle: false };
      edge.tables.push(table.table);
      edge.weight = edge.tables.length;
      edge.writes ||= consumer.mode === 'write';
      data.set(key, edge);
    }
  }
  for (const edge of data.values()) edges.push({ ...edge, tables: [...edge.tables].sort(compareStrings) });
  edges.sort((a, b) => compareStrings(a.kind, b.kind) || compareStrings(a.from, b.from) || compareStrings(a.to, b.to));
  return { nodes, edges };
}

/** 12.5 -> "12.5", 3 -> "3". */
export function formatWeight(weight: number): string {
  return String(Math.round(weight * 100) / 100);
}

export function tablesLabel(edge: MapEdge): string {
  const shown = edge.tables.slice(0, 3).join(', ');
  const more = edge.tables.length > 3 ? ` +${edge.tables.length - 3}` : '';
  return `${edge.writes ? 'writes' : 'reads'} ${shown}${more}`;
}
