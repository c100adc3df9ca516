// One step of the plan: everything a team needs to pull one context out behind a facade, and what has
// to be true before they start.
import type {
  ContextCycle,
  ContextRecord,
  Facade,
  InboundInterface,
  OutboundDependency,
  PlanStep,
  StepData,
  TablePlan,
  TableStrategy,
} from '../shared/analysis.js';
import type { RepoPath } from '../shared/facts.js';
import { compareStrings } from '../shared/sort.js';
import type { ContextCoupling } from './coupling.js';
import { estimateEffort } from './effort.js';
import type { PlanIndex } from './plan-index.js';
import { buildFacade, buildInbound, buildOutbound } from './seams.js';
import { listWords, possessive } from './wording.js';

export interface StepInput {
  index: PlanIndex;
  context: ContextRecord;
  rank: number;
  coupling: ContextCoupling;
  churn: number | null;
  tables: readonly TablePlan[];
  cycles: readonly ContextCycle[];
  /** Contexts that must come first, with their ranks. */
  after: ReadonlyArray<{ context: string; rank: number }>;
  /** No earlier step had HTTP routes: this one sets up the facade. */
  isFirstWithRoutes: boolean;
}

function dataOf(context: string, tables: readonly TablePlan[]): StepData {
  const owned: string[] = [];
  const shared: TablePlan[] = [];
  const foreign: TablePlan[] = [];
  for (const table of tables) {
    if (table.owner === context) {
      if (table.consumers.length === 0) owned.push(table.table);
      else shared.push(table);
    } else if (table.consumers.some((consumer) => consumer.context === context)) {
      foreign.push(table);
    }
  }
  return { owned: owned.sort(compareStrings), shared, foreign };
}

function listFiles(files: readonly RepoPath[]): string {
  const shown = files.slice(0, 5).join(', ');
  return files.length > 5 ? `${shown} and ${files.length - 5} more` : shown;
}

interface StepParts {
  facade: Facade;
  inboundSeams: InboundInterface[];
  outboundSeams: OutboundDependency[];
  data: StepData;
  kernel: RepoPath[];
}

function prerequisitesOf(input: StepInput, { facade, inboundSeams, outboundSeams, data, kernel }: StepParts): string[] {
  const id = input.context.id;
  const lines: string[] = [];
  for (const cycle of input.cycles) {
    for (const cut of cycle.breaks) if (cut.from === id || cut.to === id) lines.push(`Break ${cut.from} -> ${cut.to}: ${cut.how}.`);
  }
  for (const { context, rank } of input.after) {
    lines.push(`Comes after ${context} (step ${rank}): once the cycle is broken, ${id} still calls ${context}, so ${context} goes first.`);
  }
  const splits = [...data.shared, ...data.foreign].filter((table) => table.strategy === 'split');
  for (const table of splits) lines.push(`Split table ${table.table}: ${listWords(table.writers)} all write it.`);
  const foreignBy = (strategy: TableStrategy): Map<string, string[]> => {
    const byOwner = new Map<string, string[]>();
    for (const table of data.foreign) {
      if (table.owner === null || table.consumers.find((consumer) => consumer.context === id)?.strategy !== strategy) continue;
      byOwner.set(table.owner, [...(byOwner.get(table.owner) ?? []), table.table]);
    }
    return new Map([...byOwner].sort(([a], [b]) => compareStrings(a, b)));
  };
  for (const [owner, names] of foreignBy('read-model')) lines.push(`${owner} publishes changes to ${listWords(names)} as events, to feed ${possessive(id)} read model.`);
  for (const [owner, names] of foreignBy('owner-api')) lines.push(`${owner} serves ${listWords(names)} through an API that ${id} calls instead of touching the table${names.length === 1 ? '' : 's'}.`);
  const usesEvents =
    facade.entryPoints.some((entryPoint) => entryPoint.kind === 'handler') ||
    inboundSeams.some((face) => face.operations.some((operation) => operation.style === 'event')) ||
    outboundSeams.some((dependency) => dependency.seams.some((seam) => seam.style === 'event')) ||
    data.foreign.some((table) => table.consumers.some((consumer) => consumer.context === id && consumer.strategy === 'read-model')) ||
    data.shared.some((table) => table.consumers.some((consumer) => consumer.strategy === 'read-model'));
  if (usesEvents) lines.push('Carry the events it handles or feeds over a message broker (with an outbox where they are published), not the in-process bus.');
  if (kernel.length > 0) lines.push(`Take the shared-kernel files it imports along, as a package or a copy: ${listFiles(kernel)}.`);
  if (input.isFirstWithRoutes) lines.push('Put a routing facade (reverse proxy or API gateway) in front of the monolith, so routes can move one at a time.');
  return lines;
}

export function buildStep(input: StepInput): PlanStep {
  const { index, context } = input;
  const id = context.id;
  const modules = [...context.modules].sort(compareStrings);
  const facade = buildFacade(index, id, modules);
  const inboundSeams = buildInbound(index, id);
  const outboundSeams = buildOutbound(index, id);
  const data = dataOf(id, input.tables);
  const kernel = [...(index.kernelUse.get(id) ?? [])].sort(compareStrings);
  const loc = modules.reduce((sum, module) => sum + (index.locOf.get(module) ?? 0), 0);
  const callSites = new Set(inboundSeams.flatMap((face) => face.operations.flatMap((operation) => operation.callers.map((caller) => `${caller.file}:${caller.line}`))));
  const seams = outboundSeams.flatMap((dependency) => dependency.seams);
  const effort = estimateEffort({
    entryPoints: facade.entryPoints.length,
    operations: inboundSeams.reduce((sum, face) => sum + face.operations.length, 0),
    callSites: callSites.size,
    outboundSeams: seams.length,
    syncSeams: seams.filter((seam) => seam.style === 'sync').length,
    tablesOwned: data.owned.length,
    tablesShared: data.shared.length + data.foreign.length,
    cycleBreaks: input.cycles.reduce((sum, cycle) => sum + cycle.breaks.filter((cut) => cut.from === id || cut.to === id).length, 0),
    loc,
  });
  return {
    rank: input.rank,
    context: id,
    coupling: input.coupling.share,
    breakdown: input.coupling.breakdown,
    size: modules.length,
    loc,
    churn: input.churn,
    facade,
    inboundSeams,
    outboundSeams,
    data,
    after: input.after.map((entry) => entry.context),
    prerequisites: prerequisitesOf(input, { facade, inboundSeams, outboundSeams, data, kernel }),
    sharedKernel: kernel,
    effort,
  };
}
