// contexts.dot: the context map for Graphviz (`dot -Tsvg contexts.dot > contexts.svg`). Node ids are
// generated; every label is a double-quoted string through escapeDot.
import type { Analysis } from '../shared/analysis.js';
import { contextMap, formatWeight, tablesLabel } from './context-map.js';
import { escapeDot } from './escape.js';

export function renderDot(analysis: Analysis): string {
  const map = contextMap(analysis);
  const keyOf = new Map(map.nodes.map((node) => [node.context, node.key]));
  const maxWeight = Math.max(1, ...map.edges.filter((edge) => edge.kind === 'code').map((edge) => edge.weight));
  const lines = [
    'digraph contexts {',
    '  graph [rankdir=LR, fontname="Helvetica", label="Carve context map: solid = code (weight), dashed = tables of another context, red = cycle", labelloc=t];',
    '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10, color="#555555"];',
  ];
  for (const node of map.nodes) {
    const step = node.rank === null ? '' : `\\nstep ${node.rank}`;
    lines.push(`  ${node.key} [label="${escapeDot(node.context)}\\n${node.files} file${node.files === 1 ? '' : 's'}${step}"];`);
  }
  for (const edge of map.edges) {
    const attributes =
      edge.kind === 'code'
        ? [`label="${formatWeight(edge.weight)}"`, `penwidth=${formatWeight(1 + (3 * edge.weight) / maxWeight)}`]
        : [`label="${escapeDot(tablesLabel(edge))}"`, 'style=dashed'];
    if (edge.inCycle) attributes.push('color="#d73a49"', 'fontcolor="#d73a49"');
    lines.push(`  ${keyOf.get(edge.from)} -> ${keyOf.get(edge.to)} [${attributes.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
