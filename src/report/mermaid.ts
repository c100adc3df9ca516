// The context map as a Mermaid flowchart, which GitHub draws inside report.md. Node ids are generated;
// every label goes through escapeMermaid.
import type { Analysis } from '../shared/analysis.js';
import { contextMap, formatWeight, tablesLabel } from './context-map.js';
import { escapeMermaid } from './escape.js';

const CYCLE_STYLE = 'stroke:#d73a49,stroke-width:3px';

export function renderMermaid(analysis: Analysis): string {
  const map = contextMap(analysis);
  const keyOf = new Map(map.nodes.map((node) => [node.context, node.key]));
  const lines = ['flowchart LR'];
  for (const node of map.nodes) {
    const step = node.rank === null ? '' : ` · step ${node.rank}`;
    lines.push(`  ${node.key}["${escapeMermaid(node.context)}<br/>${node.files} file${node.files === 1 ? '' : 's'}${step}"]`);
  }
  const cycleLinks: number[] = [];
  map.edges.forEach((edge, i) => {
    const from = keyOf.get(edge.from) as string;
    const to = keyOf.get(edge.to) as string;
    if (edge.kind === 'code') lines.push(`  ${from} -->|"${formatWeight(edge.weight)}"| ${to}`);
    else lines.push(`  ${from} -.->|"${escapeMermaid(tablesLabel(edge))}"| ${to}`);
    if (edge.inCycle) cycleLinks.push(i);
  });
  if (cycleLinks.length > 0) lines.push(`  linkStyle ${cycleLinks.join(',')} ${CYCLE_STYLE}`);
  return `${lines.join('\n')}\n`;
}
