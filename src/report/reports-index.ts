// reports/README.md: the index of the committed fixture reports, shop first, so a newcomer browsing
// reports/ on GitHub lands on something to click.
import type { Analysis } from '../shared/analysis.js';
import { escapeMarkdown } from './escape.js';
import { count, table } from './markdown-parts.js';
import { planView } from './plan-view.js';
import { decisionShort } from '../shared/verdict-words.js';

export interface IndexEntry {
  /** Fixture path under fixtures/, with '/'. */
  name: string;
  analysis: Analysis;
}

const SHOWCASE = 'shop';

function link(label: string, path: string): string {
  return `[${label}](${path.split('/').map(encodeURIComponent).join('/')})`;
}

export function renderReportsIndex(entries: readonly IndexEntry[]): string {
  const ordered = [...entries.filter((entry) => entry.name === SHOWCASE), ...entries.filter((entry) => entry.name !== SHOWCASE)];
  const rows = ordered.map(({ name, analysis }) => {
    const plan = planView(analysis);
    const verdict = plan.verdict === null ? '-' : escapeMarkdown(decisionShort(plan.verdict.decision));
    return [
      `**${escapeMarkdown(name)}**`,
      count(analysis.modules.length),
      count(analysis.contexts.length),
      verdict,
      plan.steps[0] ? escapeMarkdown(plan.steps[0].context) : '-',
      [link('report.md', `${name}/report.md`), link('analysis.json', `${name}/analysis.json`), link('contexts.dot', `${name}/contexts.dot`)].join(' · '),
    ];
  });
  const hasShowcase = ordered[0]?.name === SHOWCASE;
  return [
    '# Reports of the fixtures',
    '',
    'What `carve analyze` writes for each sample project under `fixtures/`: `report.md` (verdict, contexts, context map, data ownership, cycles and the strangler-fig plan), `analysis.json` (everything, machine-readable) and `contexts.dot` (the context map for Graphviz).',
    ...(hasShowcase ? ['', `Start with the sample shop: ${link('shop/report.md', 'shop/report.md')}.`] : []),
    '',
    'Regenerate with `npm run reports`; `npm run reports:check` (part of `npm test`) fails when a report is stale.',
    '',
    ...table(['fixture', 'files', 'contexts', 'verdict', 'first step', 'reports'], rows, ['l', 'r', 'r', 'l', 'l', 'l']),
    '',
  ].join('\n');
}
