// The plan in report.md: an overview table, then one section per step in the order a team would follow
// it: prerequisites, the facade, the interface others use, the outbound seams with their style and
// resilience, the data strategy, the effort. Every name is escaped.
import type { ContextReadiness, OutboundSeam, PlanStep, Resilience, SeamStyle, TablePlan } from '../shared/analysis.js';
import { readinessWord } from '../shared/verdict-words.js';
import { BACKGROUND_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../plan/index.js';
import { escapeMarkdown } from './escape.js';
import { count, names, plural, sites, table } from './markdown-parts.js';
import type { PlanView } from './plan-view.js';

const STYLE_WORDS: Record<SeamStyle, string> = {
  sync: 'sync call (REST/gRPC)',
  event: 'event',
  data: 'entity classes (see data)',
  contract: 'shared code or types (package or copy)',
  wiring: 'wiring (registration)',
};

const STRATEGY_WORDS: Record<TablePlan['strategy'], string> = {
  move: 'moves with its owner',
  'owner-api': 'owner keeps it, serves an API',
  'read-model': 'read model fed by events',
  split: 'split columns by writer',
};

function strategyWord(strategy: TablePlan['strategy']): string {
  return STRATEGY_WORDS[strategy] ?? escapeMarkdown(String(strategy));
}

function styleWord(style: SeamStyle): string {
  return STYLE_WORDS[style] ?? escapeMarkdown(String(style));
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Short form for a table cell; the plan section's introduction spells the rules out once. */
export function resilienceText(resilience: Resilience | null): string {
  if (!resilience) return '-';
  const parts = [`${seconds(resilience.timeoutMs)} timeout`, resilience.retry === 'backoff' ? 'retry with backoff' : 'no blind retry'];
  if (resilience.circuitBreaker) parts.push(resilience.retry === 'backoff' ? 'breaker, fallback to the last good answer' : 'breaker, fail fast or queue');
  return parts.join(' · ');
}

function overview(steps: readonly PlanStep[], readiness: ReadonlyMap<string, ContextReadiness>): string[] {
  const rows = steps.map((step) => [
    String(step.rank),
    `**${escapeMarkdown(step.context)}**`,
    readiness.has(step.context) ? escapeMarkdown(readinessWord(readiness.get(step.context)!.level)) : '-',
    step.coupling.toFixed(3),
    `${step.effort.size} (${step.effort.points})`,
    count(step.facade.entryPoints.length),
    count(step.inboundSeams.reduce((sum, face) => sum + face.operations.length, 0)),
    count(step.outboundSeams.reduce((sum, dependency) => sum + dependency.seams.length, 0)),
    `${count(step.data.owned.length)} / ${count(step.data.shared.length + step.data.foreign.length)}`,
    step.after.length > 0 ? names(step.after) : '-',
  ]);
  return table(
    ['step', 'context', 'readiness', 'coupling share', 'effort', 'entry points', 'interface operations', 'outbound seams', 'tables moving / shared', 'after'],
    rows,
    ['r', 'l', 'l', 'r', 'l', 'r', 'r', 'r', 'r', 'l'],
  );
}

function facadeSection(step: PlanStep): string[] {
  const out = ['**1. Facade.** Route these entry points to the new service at the facade, one at a time:', ''];
  const { entryPoints, wiring } = step.facade;
  if (entryPoints.length === 0) out.push('_No HTTP routes, handlers or jobs found in this context: it is reached only through its interface below._');
  else out.push(...table(['entry point', 'kind', 'where'], entryPoints.map((entry) => [escapeMarkdown(entry.name), escapeMarkdown(entry.kind), sites([entry])])));
  if (wiring.length > 0) {
    out.push('', `Wiring that registers it today (re-point at the service or remove): ${wiring.map((where) => `${sites([where])} (${names(where.symbols, 4)})`).join('; ')}.`);
  }
  return out;
}

function inboundSection(step: PlanStep): string[] {
  const out = ['**2. Interface other contexts use.** What the new service must offer, and the callers to switch over:', ''];
  if (step.inboundSeams.length === 0) return [...out, '_Nothing: no other context imports this one._'];
  const rows = step.inboundSeams.flatMap((face) =>
    face.operations.map((operation, i) => [
      i === 0 ? `**${escapeMarkdown(face.name)}** (${escapeMarkdown(face.module)})` : '',
      escapeMarkdown(operation.symbol),
      styleWord(operation.style),
      sites(operation.callers),
    ]),
  );
  return [...out, ...table(['interface', 'operation', 'style', 'callers'], rows)];
}

function seamRow(to: string, seam: OutboundSeam, isFirst: boolean): string[] {
  return [
    isFirst ? `**${escapeMarkdown(to)}**` : '',
    `${names(seam.symbols, 4)} (${escapeMarkdown(seam.module)})`,
    styleWord(seam.style),
    resilienceText(seam.resilience),
    sites(seam.sites),
  ];
}

function outboundSection(step: PlanStep): string[] {
  const out = ['**3. Outbound seams.** What it uses from other contexts, and how each crosses the network:', ''];
  if (step.outboundSeams.length === 0) return [...out, '_None: it uses no other context._'];
  const rows = step.outboundSeams.flatMap((dependency) => dependency.seams.map((seam, i) => seamRow(dependency.to, seam, i === 0)));
  out.push(...table(['to', 'uses', 'style', 'resilience', 'where'], rows), '');
  for (const dependency of step.outboundSeams) {
    const verdict = dependency.antiCorruptionLayer ? 'anti-corruption layer' : 'no anti-corruption layer';
    out.push(`- ${escapeMarkdown(dependency.to)} (weight ${dependency.weight}): ${verdict}: ${escapeMarkdown(dependency.reason)}.`);
  }
  return out;
}

/** For a table it owns: its strategy and the other contexts' accesses; for another's table: its own strategy and accesses. */
function tableRow(table: TablePlan, context: string): string[] {
  const isOwner = table.owner === context;
  const accesses = table.consumers.filter((consumer) => (isOwner ? consumer.context !== context : consumer.context === context));
  return [
    escapeMarkdown(table.table),
    table.owner === null ? '-' : escapeMarkdown(table.owner),
    strategyWord(isOwner ? table.strategy : (accesses[0]?.strategy ?? table.strategy)),
    escapeMarkdown(table.reason),
    `${isOwner ? 'others: ' : 'its own: '}${sites(accesses.flatMap((consumer) => consumer.sites), 4)}`,
  ];
}

function dataSection(step: PlanStep): string[] {
  const out = ['**4. Data.**', ''];
  const { owned, shared, foreign } = step.data;
  out.push(owned.length > 0 ? `Tables that move with it: ${names(owned, 20)}.` : 'No table is its alone.');
  const rows = [...shared, ...foreign].map((table) => tableRow(table, step.context));
  if (rows.length > 0) out.push('', ...table(['shared table', 'owner', 'strategy', 'why', 'accesses'], rows));
  return out;
}

function effortLine(step: PlanStep): string {
  const c = step.effort.counts;
  return (
    `**5. Effort: ${step.effort.size}** (${step.effort.points} points): ${plural(c.entryPoints, 'entry point')}, ${plural(c.operations, 'interface operation')}, ` +
    `${plural(c.callSites, 'call site')} to switch, ${plural(c.outboundSeams, 'outbound seam')} (${count(c.syncSeams)} sync), ` +
    `${plural(c.tablesOwned, 'table')} moving, ${count(c.tablesShared)} shared, ${plural(c.cycleBreaks, 'cycle edge')} to break, ${plural(c.loc, 'line')}.`
  );
}

function readinessLines(readiness: ContextReadiness | undefined): string[] {
  if (!readiness) return [];
  return [`**Readiness: ${escapeMarkdown(readinessWord(readiness.level))}.**`, '', ...readiness.reasons.map((reason) => `- ${escapeMarkdown(reason)}`), ''];
}

function stepSection(step: PlanStep, readiness: ContextReadiness | undefined): string[] {
  const b = step.breakdown;
  const churn = step.churn === null ? '' : ` · ${step.churn} commits per file`;
  const out = [
    `### Step ${step.rank}: ${escapeMarkdown(step.context)}`,
    '',
    `Coupling share ${step.coupling.toFixed(3)} (score ${b.score}: inbound ${b.inbound}, outbound ${b.outbound}, data ${b.data}, cycles ${b.cycles}) · ${plural(step.size, 'file')}, ${plural(step.loc, 'line')}${churn} · effort ${step.effort.size}`,
    '',
    ...readinessLines(readiness),
  ];
  if (step.prerequisites.length > 0) out.push('**Before you start:**', '', ...step.prerequisites.map((line) => `- ${escapeMarkdown(line)}`), '');
  out.push(...facadeSection(step), '', ...inboundSection(step), '', ...outboundSection(step), '', ...dataSection(step), '', effortLine(step), '');
  return out;
}

export function planSection(plan: PlanView): string[] {
  const out = ['## Plan', ''];
  if (plan.steps.length === 0) return [...out, '_No steps: the plan stage proposed no extraction for this analysis._', ''];
  out.push(
    'One step per context, least coupled first ("start with the edge"). Each step pulls one context out of the monolith behind a routing facade (the strangler fig): routes move one at a time, callers switch to the new interface, and tables change hands by the strategy given. Coupling share is the context\u2019s share of all cross-context coupling; effort points compare steps with each other and are not days.',
    '',
    `Every synchronous call that starts crossing the network gets a timeout (${seconds(REQUEST_TIMEOUT_MS)} on a request path, ${seconds(BACKGROUND_TIMEOUT_MS)} in jobs and handlers). Reads (by their names) are retried with exponential backoff and jitter; anything else is not retried blindly until it carries an idempotency key. On a request path (reached from an HTTP route) a circuit breaker and a fallback keep a slow dependency from taking the request down: the last good answer for reads, fail fast or queue the command for writes.`,
    '',
    ...overview(plan.steps, plan.readiness),
    '',
  );
  for (const step of plan.steps) out.push(...stepSection(step, plan.readiness.get(step.context)));
  return out;
}
