// report.md: what a newcomer opens first on GitHub. The verdict, a summary, the contexts with their
// metrics, a Mermaid context map, the data ownership matrix, the cycles and the plan. Reads the
// analysis only; every name from the analyzed code is escaped (escape.ts).
import type { Analysis } from '../shared/analysis.js';
import { compareStrings } from '../shared/sort.js';
import { escapeHtml, escapeMarkdown } from './escape.js';
import { renderMermaid } from './mermaid.js';
import { count, names, plural, ratio, sites, table } from './markdown-parts.js';
import { planSection } from './markdown-plan.js';
import { planView, type PlanView } from './plan-view.js';
import { decisionTitle, readinessWord } from '../shared/verdict-words.js';

export { escapeMarkdown } from './escape.js';

function verdictSection(plan: PlanView): string[] {
  if (!plan.verdict) return [];
  const title = `Verdict: ${escapeMarkdown(decisionTitle(plan.verdict.decision))}`;
  return [`> **${title}.** ${escapeMarkdown(plan.verdict.headline)}`, '', ...plan.verdict.reasons.map((reason) => `- ${escapeMarkdown(reason)}`), ''];
}

function summarySection(analysis: Analysis): string[] {
  const { summary } = analysis;
  const loc = analysis.modules.reduce((sum, module) => sum + module.loc, 0);
  const rows = [
    ['files', `${count(summary.files)} (${plural(loc, 'line')} of code)`],
    ['dependencies', `${count(summary.dependencies)} edges between files; ${count(summary.externalImports)} imports of packages; ${count(summary.unresolvedImports)} unresolved`],
    ['data', `${plural(summary.entities, 'entity', 'entities')}; ${plural(summary.dataAccesses, 'file-table access', 'file-table accesses')}`],
    ['contexts', `${count(summary.contexts)}; modularity ${ratio(analysis.metrics.modularity)}`],
    ['shared kernel', plural(analysis.sharedKernel.length, 'file')],
    ['warnings', count(summary.warnings)],
  ];
  return ['## Summary', '', ...table(['', ''], rows), ''];
}

function contextsSection(analysis: Analysis, plan: PlanView): string[] {
  const out = ['## Contexts', ''];
  if (analysis.contexts.length === 0) return [...out, '_No contexts: nothing was clustered._', ''];
  const rankOf = new Map(plan.steps.map((step) => [step.context, step.rank]));
  const contexts = [...analysis.contexts].sort((a, b) => compareStrings(a.id, b.id));
  const rows = contexts.map((context) => {
    const metrics = (context.metrics ?? {}) as Partial<Analysis['contexts'][number]['metrics']>;
    return [
      `**${escapeMarkdown(context.id)}**`,
      rankOf.has(context.id) ? String(rankOf.get(context.id)) : '-',
      plan.readiness.has(context.id) ? escapeMarkdown(readinessWord(plan.readiness.get(context.id)!.level)) : '-',
      count(context.modules.length),
      typeof metrics.loc === 'number' ? count(metrics.loc) : '-',
      ratio(metrics.cohesion),
      ratio(metrics.coupling),
      ratio(metrics.stability),
      names(Array.isArray(metrics.tablesOwned) ? metrics.tablesOwned : [], 5) || '-',
    ];
  });
  out.push(
    'Cohesion is the share of a context\u2019s dependency weight that stays inside it, coupling the share that crosses to other contexts, stability the share of its files that stay together across seeded clustering runs. Readiness says whether it can leave the monolith now, after a few seams are cut, or is entangled with the others; its reasons are in its plan step.',
    '',
    ...table(['context', 'plan step', 'readiness', 'files', 'lines', 'cohesion', 'coupling', 'stability', 'tables owned'], rows, ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'l']),
    '',
    '<details><summary>Files of each context</summary>',
    '',
  );
  for (const context of contexts) out.push(`- **${escapeMarkdown(context.id)}**: ${context.modules.map(escapeMarkdown).join(', ')}`);
  if (analysis.sharedKernel.length > 0) out.push(`- _shared kernel_ (in no context, used by many): ${analysis.sharedKernel.map(escapeMarkdown).join(', ')}`);
  if (analysis.compositionRoots.length > 0) out.push(`- _wiring_ (composition roots, in no context): ${analysis.compositionRoots.map(escapeMarkdown).join(', ')}`);
  out.push('', '</details>', '');
  return out;
}

/**
 * Two levels: per context its feature modules with file counts, the modules split across contexts, and
 * the misplaced files with their evidence. Nothing for an analysis written before modules were recorded.
 */
function modulesSection(analysis: Analysis): string[] {
  const modules = analysis.featureModules;
  if (modules === undefined) return [];
  const out = ['## Feature modules', ''];
  if (modules.length === 0) return [...out, '_No feature modules: no feature folder, and no domain stem shared by two files._', ''];
  out.push(
    'A module is a feature folder (its files mix technical roles, or it holds a framework module) or, in folders of one role (`services/`, `entities/`), the files of one domain stem across them (`stem:`). A module belongs to the context that holds most of its files.',
    '',
  );
  const byContext = new Map<string | null, typeof modules>();
  for (const module of modules) byContext.set(module.context, [...(byContext.get(module.context) ?? []), module]);
  const label = (module: (typeof modules)[number]): string => `${escapeMarkdown(module.id)} (${plural(module.files.length, 'file')})`;
  for (const context of [...analysis.contexts].sort((a, b) => compareStrings(a.id, b.id))) {
    const own = byContext.get(context.id) ?? [];
    out.push(`- **${escapeMarkdown(context.id)}**: ${own.length > 0 ? own.map(label).join(', ') : '_no module of its own_'}`);
  }
  const homeless = byContext.get(null) ?? [];
  if (homeless.length > 0) out.push(`- _in no context_: ${homeless.map(label).join(', ')}`);
  out.push('');
  const split = modules.filter((module) => module.split !== undefined && module.split.length > 1);
  if (split.length > 0) {
    out.push(`<details><summary>Modules split across contexts (${count(split.length)})</summary>`, '');
    for (const module of split) {
      out.push(`- ${escapeMarkdown(module.id)}: ${(module.split ?? []).map((part) => `${escapeMarkdown(part.context)} ${part.files}`).join(', ')}`);
    }
    out.push('', '</details>', '');
  }
  const misplaced = analysis.misplaced ?? [];
  out.push('### Misplaced files', '');
  if (misplaced.length === 0) {
    out.push('None: no file ties mostly (60% or more of its weight, through two files or more) to another module than its own.', '');
    return out;
  }
  out.push(
    'Files whose imports and data access go mostly to another module than the one their folder (or name) gives them: move them, or ask why they reach over.',
    '',
    ...table(
      ['file', 'placed in', 'ties go to', 'evidence'],
      misplaced.map((entry) => [escapeMarkdown(entry.file), escapeMarkdown(entry.folderModule), escapeMarkdown(entry.module), escapeMarkdown(entry.evidence)]),
    ),
    '',
  );
  return out;
}

/**
 * Files set aside before clustering (issue 14), grouped by why: cross-cutting platform glue (in no
 * context), then migrations, seeds and dev tooling (outside the domains). Absent when there are none.
 */
function platformSection(analysis: Analysis): string[] {
  const byId = new Map(analysis.modules.map((module) => [module.id, module]));
  const groups = new Map<string, string[]>();
  const add = (heading: string, file: string): void => {
    const list = groups.get(heading) ?? [];
    list.push(file);
    groups.set(heading, list);
  };
  for (const file of analysis.platform ?? []) add(byId.get(file)?.roleReason ?? 'platform', file);
  const outside = analysis.modules.filter((module) => (module.role === 'schema' || module.role === 'tooling') && module.context === null);
  if (groups.size === 0 && outside.length === 0) return [];
  const out = [
    '## Platform',
    '',
    'Set aside before clustering: cross-cutting glue that every context uses (guards, interceptors, decorators, middleware, base classes of one layer, helpers imported from many files with no table of their own). These files are in no context; `modules[].roleReason` in analysis.json says why each was set aside.',
    '',
  ];
  const reasons = [...groups.keys()].sort(compareStrings);
  for (const reason of reasons) out.push(`- ${escapeMarkdown(reason)}: ${(groups.get(reason) ?? []).sort(compareStrings).map(escapeMarkdown).join(', ')}`);
  if (outside.length > 0) {
    const kinds = new Map<string, string[]>();
    for (const module of outside) {
      const kind = module.role === 'tooling' ? 'dev tooling' : (module.roleReason ?? '').startsWith('a seed') ? 'seeds' : 'migrations';
      kinds.set(kind, [...(kinds.get(kind) ?? []), module.id]);
    }
    out.push('', 'Outside the domains (in no context, not clustered):', '');
    for (const kind of [...kinds.keys()].sort(compareStrings)) {
      const files = (kinds.get(kind) ?? []).sort(compareStrings);
      const shown = files.slice(0, 10).map(escapeMarkdown).join(', ');
      out.push(`- ${kind} (${files.length}): ${shown}${files.length > 10 ? `, and ${files.length - 10} more` : ''}`);
    }
  }
  out.push('');
  return out;
}

function mapSection(analysis: Analysis): string[] {
  if (analysis.contexts.length === 0) return [];
  return [
    '## Context map',
    '',
    'Solid arrows are code dependencies, labelled with their weight (symbols used plus their references); dashed arrows are reads or writes of another context\u2019s tables; red arrows sit in a cycle. The same map is in `contexts.dot` for Graphviz.',
    '',
    '```mermaid',
    renderMermaid(analysis).trimEnd(),
    '```',
    '',
  ];
}

function ownershipSection(analysis: Analysis, plan: PlanView): string[] {
  const contextOf = new Map<string, string>();
  for (const module of analysis.modules) if (module.context !== null) contextOf.set(module.id, module.context);
  for (const context of analysis.contexts) for (const module of context.modules) contextOf.set(module, context.id);
  const tableOf = new Map(analysis.entities.map((entity) => [entity.id, entity.table]));
  const modes = new Map<string, Map<string, Set<'R' | 'W'>>>();
  for (const access of analysis.dataAccess) {
    const context = contextOf.get(access.module);
    if (context === undefined) continue;
    const table = tableOf.get(access.entity) ?? access.entity;
    const byContext = modes.get(table) ?? new Map<string, Set<'R' | 'W'>>();
    modes.set(table, byContext);
    const set = byContext.get(context) ?? new Set<'R' | 'W'>();
    set.add(access.mode === 'write' ? 'W' : 'R');
    byContext.set(context, set);
  }
  if (modes.size === 0) return [];
  const owner = new Map<string, { owner: string | null; strategy: string }>();
  for (const step of plan.steps) {
    for (const table of step.data.owned) owner.set(table, { owner: step.context, strategy: 'moves' });
    for (const table of step.data.shared) owner.set(table.table, { owner: table.owner, strategy: table.strategy });
  }
  const columns = [...analysis.contexts].map((context) => context.id).sort(compareStrings);
  const rows = [...modes.keys()].sort(compareStrings).map((table) => {
    const plan = owner.get(table);
    const cells = columns.map((context) => {
      const set = modes.get(table)?.get(context);
      const text = set ? `${set.has('R') ? 'R' : ''}${set.has('W') ? 'W' : ''}` : '';
      return text && plan?.owner === context ? `**${text}**` : text;
    });
    return [escapeMarkdown(table), plan?.owner ? escapeMarkdown(plan.owner) : '-', plan ? escapeMarkdown(plan.strategy) : '-', ...cells];
  });
  return [
    '## Data ownership',
    '',
    'Who reads (R) and writes (W) each table. The owner, in bold, is the context that writes it most; the strategy says what happens to the table when contexts become services (see each step).',
    '',
    ...table(['table', 'owner', 'strategy', ...columns.map(escapeMarkdown)], rows),
    '',
  ];
}

function cyclesSection(plan: PlanView): string[] {
  const out = ['## Cycles between contexts', ''];
  if (plan.cycles.length === 0) return [...out, 'None: every context can be pulled out without first cutting a loop.', ''];
  out.push('Contexts that depend on each other cannot be extracted one at a time. Break these before extracting any context in them.', '');
  for (const cycle of plan.cycles) {
    out.push(`**${cycle.contexts.map(escapeMarkdown).join(' \u21c4 ')}**`, '');
    const rows = cycle.edges.map((edge) => [`${escapeMarkdown(edge.from)} \u2192 ${escapeMarkdown(edge.to)}`, String(edge.weight), escapeMarkdown(edge.style), names(edge.symbols, 5), sites(edge.sites)]);
    out.push(...table(['dependency', 'weight', 'style', 'uses', 'where'], rows, ['l', 'r']), '');
    for (const cut of cycle.breaks) out.push(`- Break ${escapeMarkdown(cut.from)} \u2192 ${escapeMarkdown(cut.to)}: ${escapeMarkdown(cut.how)}.`);
    out.push('');
  }
  return out;
}

function warningsSection(analysis: Analysis): string[] {
  if (analysis.diagnostics.length === 0) return [];
  const rows = analysis.diagnostics.map((diagnostic) => [
    diagnostic.file ? sites([{ file: diagnostic.file, line: diagnostic.line ?? 0 }]) : '(project)',
    escapeMarkdown(diagnostic.code),
    escapeMarkdown(diagnostic.message),
  ]);
  return [`<details><summary>Warnings (${escapeHtml(String(analysis.diagnostics.length))})</summary>`, '', ...table(['where', 'code', 'message'], rows), '', '</details>', ''];
}

export function renderMarkdown(analysis: Analysis): string {
  const plan = planView(analysis);
  const loc = analysis.modules.reduce((sum, module) => sum + module.loc, 0);
  const out = [
    '# Carve report',
    '',
    `Carve ${escapeMarkdown(analysis.tool.version)} read ${plural(analysis.modules.length, 'file')} (${plural(loc, 'line')} of code) and found ${plural(analysis.contexts.length, 'context')}. This report is drawn from \`analysis.json\`, which holds every number and site in full.`,
    '',
    ...verdictSection(plan),
    ...summarySection(analysis),
    ...contextsSection(analysis, plan),
    ...modulesSection(analysis),
    ...platformSection(analysis),
    ...mapSection(analysis),
    ...ownershipSection(analysis, plan),
    ...cyclesSection(plan),
    ...planSection(plan),
    ...warningsSection(analysis),
  ];
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
