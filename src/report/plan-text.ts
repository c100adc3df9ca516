// What `carve plan` prints: the verdict first, the cycles to break, then the steps, least coupled
// first, each in a few lines. report.md (carve analyze) has every seam and site; this is the summary a
// terminal can hold. Every name goes through safeText.
import type { Analysis, ContextReadiness, PlanSite, PlanStep } from '../shared/analysis.js';
import { safeText } from '../shared/safe-text.js';
import { decisionTitle, readinessWord } from '../shared/verdict-words.js';
import { planView } from './plan-view.js';

const SHOWN = 4;

function more<T>(items: readonly T[], show: (item: T) => string, max = SHOWN): string {
  const shown = items.slice(0, max).map(show).join(', ');
  return items.length > max ? `${shown} +${items.length - max} more` : shown;
}

function where(site: PlanSite): string {
  return safeText(site.line > 0 ? `${site.file}:${site.line}` : site.file);
}

function stepLines(step: PlanStep, readiness: ContextReadiness | undefined): string[] {
  const pad = (label: string): string => `     ${label.padEnd(10)}`;
  const level = readiness ? `   ${safeText(readinessWord(readiness.level))}` : '';
  const lines = [`  ${String(step.rank).padStart(2)}. ${safeText(step.context)}${level}   coupling ${step.coupling.toFixed(3)}   effort ${step.effort.size} (${step.effort.points} points)`];
  (readiness?.reasons ?? []).forEach((reason, i) => lines.push(`${pad(i === 0 ? 'readiness' : '')}- ${safeText(reason)}`));
  const entries = step.facade.entryPoints;
  lines.push(`${pad('facade')}${entries.length === 0 ? 'no entry points' : more(entries, (entry) => `${safeText(entry.name)} (${where(entry)})`)}`);
  const operations = step.inboundSeams.flatMap((face) => face.operations.map((operation) => ({ face, operation })));
  lines.push(
    `${pad('interface')}${operations.length === 0 ? 'nothing: no other context uses it' : more(operations, ({ face, operation }) => `${safeText(face.name)}.${safeText(operation.symbol)} [${operation.style}] ${operation.callers.length} caller${operation.callers.length === 1 ? '' : 's'}`)}`,
  );
  lines.push(
    `${pad('outbound')}${step.outboundSeams.length === 0 ? 'none' : more(step.outboundSeams, (dependency) => `${safeText(dependency.to)} [${[...new Set(dependency.seams.map((seam) => seam.style))].join(', ')}]${dependency.antiCorruptionLayer ? ' ACL' : ''}`, 6)}`,
  );
  const tables = [...step.data.shared, ...step.data.foreign];
  const data = [
    step.data.owned.length > 0 ? `moves ${more(step.data.owned, safeText)}` : '',
    tables.length > 0 ? more(tables, (table) => (table.owner === step.context ? `${safeText(table.table)}: ${table.strategy}` : `${safeText(table.table)} of ${safeText(table.owner ?? '?')}: ${table.consumers.find((consumer) => consumer.context === step.context)?.strategy ?? table.strategy}`)) : '',
  ].filter((part) => part.length > 0);
  lines.push(`${pad('data')}${data.length === 0 ? 'no tables' : data.join('; ')}`);
  step.prerequisites.forEach((line, i) => lines.push(`${pad(i === 0 ? 'before' : '')}- ${safeText(line)}`));
  return lines;
}

export function renderPlanText(analysis: Analysis, target: string): string {
  const plan = planView(analysis);
  const lines = [`carve plan: ${safeText(target)} (${analysis.modules.length} files, ${analysis.contexts.length} contexts, modularity ${analysis.metrics.modularity.toFixed(2)})`, ''];
  if (plan.verdict) {
    lines.push(`VERDICT  ${safeText(decisionTitle(plan.verdict.decision))}`);
    lines.push(`  ${safeText(plan.verdict.headline)}`);
    for (const reason of plan.verdict.reasons) lines.push(`  - ${safeText(reason)}`);
    lines.push('');
  }
  if (plan.cycles.length > 0) {
    lines.push('CYCLES TO BREAK FIRST');
    for (const cycle of plan.cycles) {
      lines.push(`  ${cycle.contexts.map(safeText).join(' <-> ')}`);
      for (const cut of cycle.breaks) lines.push(`    break ${safeText(cut.from)} -> ${safeText(cut.to)}: ${safeText(cut.how)}`);
    }
    lines.push('');
  }
  if (plan.steps.length === 0) {
    lines.push('No steps: there are no contexts to extract.');
  } else {
    lines.push('STEPS, least coupled first');
    for (const step of plan.steps) lines.push(...stepLines(step, plan.readiness.get(step.context)), '');
    lines.push('Every seam and file:line: `carve analyze` writes report.md; `carve plan --json` prints the whole plan.');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
