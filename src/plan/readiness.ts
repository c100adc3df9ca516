// Readiness per context, from the plan's own facts: can it leave the monolith now (`extract-now`),
// after a few seams are cut (`needs-seams`: cycle edges, table accesses, a wide interface, many
// synchronous calls), or is it too woven into the others for a few seams to free it (`entangled`: a
// heavy share of a cycle's cuts, tables written on a par with others, the hub most others lean on)?
// Each rule gives one short sentence with its figures; the rules that decide the level come first.
// Thresholds and what they were measured on: docs/decisions/plan.md.
import type { ContextCycle, ContextReadiness, PlanStep, ReadinessLevel, SeamStyle, TablePlan } from '../shared/analysis.js';
import { compareStrings } from '../shared/sort.js';
import { ACL_MIN_SYMBOLS } from './seams.js';
import { listWords, someWords as some } from './wording.js';

/** A context under this many lines is a module, not a service: the network and deploy cost more than it holds. */
export const MIN_SERVICE_LOC = 500;
/** Own cycle cuts from this many on: the context is woven into the cycle, not hooked onto it. */
export const TANGLED_CYCLE_CUTS = 4;
/** Own cycle cuts weighing this much in all (two CYCLE_UNITs): more than a few calls to turn into events. */
export const TANGLED_CYCLE_WEIGHT = 20;
/** Tables written on a par with another context from this many on: a shared data model, not a seam. */
export const TANGLED_SPLIT_TABLES = 2;
/** Other contexts' tables written from this many on: it does their work in their data. */
export const TANGLED_FOREIGN_WRITES = 3;
/** A coupling share this many times the mean (1 / contexts): the hub most others lean on. */
export const HUB_FACTOR = 2;
/** With fewer contexts the mean share is too coarse to call one a hub. */
export const HUB_MIN_CONTEXTS = 3;
/** Other contexts using this many of its operations at run time: a wide interface to narrow first (the ACL's bar). */
export const WIDE_INTERFACE = ACL_MIN_SYMBOLS;
/** This many synchronous outbound seams: each becomes a network call, so a chatty service. */
export const MANY_SYNC_SEAMS = 5;

const RUNTIME: ReadonlySet<SeamStyle> = new Set(['sync', 'event', 'data']);

export interface TableAccess {
  table: string;
  /** The other contexts involved (owner or writers or readers), sorted. */
  others: string[];
}

/** What the readiness rules read about one context; plain numbers and names, from its plan step. */
export interface ReadinessFacts {
  context: string;
  files: number;
  loc: number;
  /** Contexts in the plan. */
  contexts: number;
  /** Its share of all coupling (plan.steps[].coupling). */
  share: number;
  cycle: {
    /** The other contexts in its cycle, most tied to it first. */
    others: string[];
    /** Cuts the plan chose that touch it, with their weights. */
    cuts: Array<{ from: string; to: string; weight: number }>;
    /** Cuts the plan chose elsewhere in the cycle. */
    otherCuts: Array<{ from: string; to: string }>;
  } | null;
  /** Tables it writes on a par with other contexts (strategy split). */
  splitTables: TableAccess[];
  /** Tables other contexts own that it writes at a few sites (commands to the owner). */
  foreignWrites: TableAccess[];
  /** Its tables that other contexts write at a few sites. */
  writtenByOthers: TableAccess[];
  /** Tables other contexts own that it reads. */
  foreignReads: TableAccess[];
  /** Its tables that other contexts read. */
  readByOthers: TableAccess[];
  /** What other contexts use at run time (sync, event, data seams): operations, call sites, caller contexts. */
  inbound: { operations: number; callSites: number; callers: string[] };
  /** Its synchronous outbound seams and the contexts they reach. */
  outbound: { syncSeams: number; contexts: string[] };
  kernelFiles: number;
}

function byOthers(list: Map<string, Set<string>>): TableAccess[] {
  return [...list.entries()].map(([table, others]) => ({ table, others: [...others].sort(compareStrings) })).sort((a, b) => compareStrings(a.table, b.table));
}

function add(list: Map<string, Set<string>>, table: string, other: string): void {
  const set = list.get(table) ?? new Set<string>();
  set.add(other);
  list.set(table, set);
}

export function readinessFacts(step: PlanStep, cycles: readonly ContextCycle[], contexts: number): ReadinessFacts {
  const id = step.context;
  const cycle = cycles.find((candidate) => candidate.contexts.includes(id)) ?? null;
  let cycleFacts: ReadinessFacts['cycle'] = null;
  if (cycle) {
    const weightOf = (from: string, to: string): number => cycle.edges.find((edge) => edge.from === from && edge.to === to)?.weight ?? 0;
    const tie = new Map<string, number>();
    for (const edge of cycle.edges) {
      if (edge.from === id) tie.set(edge.to, (tie.get(edge.to) ?? 0) + edge.weight);
      if (edge.to === id) tie.set(edge.from, (tie.get(edge.from) ?? 0) + edge.weight);
    }
    const others = cycle.contexts.filter((other) => other !== id).sort((a, b) => (tie.get(b) ?? 0) - (tie.get(a) ?? 0) || compareStrings(a, b));
    const touches = (cut: { from: string; to: string }): boolean => cut.from === id || cut.to === id;
    cycleFacts = {
      others,
      cuts: cycle.breaks.filter(touches).map((cut) => ({ from: cut.from, to: cut.to, weight: weightOf(cut.from, cut.to) })),
      otherCuts: cycle.breaks.filter((cut) => !touches(cut)).map((cut) => ({ from: cut.from, to: cut.to })),
    };
  }

  const split = new Map<string, Set<string>>();
  const foreignWrites = new Map<string, Set<string>>();
  const writtenByOthers = new Map<string, Set<string>>();
  const foreignReads = new Map<string, Set<string>>();
  const readByOthers = new Map<string, Set<string>>();
  for (const table of step.data.shared) {
    for (const consumer of table.consumers) {
      if (consumer.strategy === 'split') add(split, table.table, consumer.context);
      else if (consumer.mode === 'write') add(writtenByOthers, table.table, consumer.context);
      else add(readByOthers, table.table, consumer.context);
    }
  }
  for (const table of step.data.foreign) {
    const mine = table.consumers.find((consumer) => consumer.context === id);
    if (!mine || table.owner === null) continue;
    if (mine.strategy === 'split') for (const writer of splitPartners(table, id)) add(split, table.table, writer);
    else if (mine.mode === 'write') add(foreignWrites, table.table, table.owner);
    else add(foreignReads, table.table, table.owner);
  }

  const operations = step.inboundSeams.flatMap((face) => face.operations).filter((operation) => RUNTIME.has(operation.style));
  const callers = operations.flatMap((operation) => operation.callers);
  const seams = step.outboundSeams.flatMap((dependency) => dependency.seams.filter((seam) => seam.style === 'sync').map(() => dependency.to));
  return {
    context: id,
    files: step.size,
    loc: step.loc,
    contexts,
    share: step.coupling,
    cycle: cycleFacts,
    splitTables: byOthers(split),
    foreignWrites: byOthers(foreignWrites),
    writtenByOthers: byOthers(writtenByOthers),
    foreignReads: byOthers(foreignReads),
    readByOthers: byOthers(readByOthers),
    inbound: {
      operations: operations.length,
      callSites: new Set(callers.map((caller) => `${caller.file}\u0000${caller.line}`)).size,
      callers: [...new Set(callers.map((caller) => caller.context).filter((context): context is string => context !== null))].sort(compareStrings),
    },
    outbound: { syncSeams: seams.length, contexts: [...new Set(seams)].sort(compareStrings) },
    kernelFiles: step.sharedKernel.length,
  };
}

/** The owner and the other split writers of a table this context writes on a par. */
function splitPartners(table: TablePlan, id: string): string[] {
  const partners = new Set<string>(table.owner === null ? [] : [table.owner]);
  for (const consumer of table.consumers) if (consumer.strategy === 'split' && consumer.context !== id) partners.add(consumer.context);
  return [...partners];
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** "invoices, payments" per owner: "billing (invoices, payments)" or "of billing (invoices), of orders (order_lines)". */
function tablesByOther(tables: readonly TableAccess[]): string {
  const byOther = new Map<string, string[]>();
  for (const { table, others } of tables) for (const other of others) byOther.set(other, [...(byOther.get(other) ?? []), table]);
  const parts = [...byOther.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([other, names]) => `${other} (${some(names, 4)})`);
  return some(parts, 3);
}

function ownersOf(tables: readonly TableAccess[]): string[] {
  return [...new Set(tables.flatMap((table) => table.others))].sort(compareStrings);
}

type Severity = 'entangled' | 'seams' | 'fine' | 'note';

interface Finding {
  severity: Severity;
  text: string;
}

const ORDER: readonly Severity[] = ['entangled', 'seams', 'fine', 'note'];

function cycleFinding(facts: ReadinessFacts): Finding | null {
  const cycle = facts.cycle;
  if (!cycle) return null;
  const partners = `in a cycle with ${cycle.others.length === 1 ? cycle.others[0] : `${cycle.others.length} other contexts (${some(cycle.others)})`}`;
  if (cycle.cuts.length === 0) {
    const elsewhere = cycle.otherCuts.map((cut) => `${cut.from} -> ${cut.to}`);
    return { severity: 'seams', text: `${partners}; none of its own edges needs cutting, but the cycle's ${plural(elsewhere.length, 'cut')} elsewhere come${elsewhere.length === 1 ? 's' : ''} first (${some(elsewhere)})` };
  }
  const weight = Math.round(cycle.cuts.reduce((sum, cut) => sum + cut.weight, 0) * 100) / 100;
  const cuts = cycle.cuts.map((cut) => `${cut.from} -> ${cut.to} (weight ${cut.weight})`);
  if (cycle.cuts.length >= TANGLED_CYCLE_CUTS || weight >= TANGLED_CYCLE_WEIGHT) {
    return { severity: 'entangled', text: `${partners}; ${plural(cycle.cuts.length, 'edge')} of weight ${weight} to cut touch it (${some(cuts, 2)}): it is woven into the cycle` };
  }
  return { severity: 'seams', text: `${partners}; cut ${cycle.cuts.length === 1 ? 'its edge' : `its ${cycle.cuts.length} edges`} first: ${listWords(cuts)}` };
}

/** The findings about one context, most severe first, in rule order within a severity. */
function findings(facts: ReadinessFacts): Finding[] {
  const found: Finding[] = [];
  const mean = facts.contexts === 0 ? 0 : 1 / facts.contexts;
  if (facts.contexts >= HUB_MIN_CONTEXTS && facts.share >= HUB_FACTOR * mean) {
    found.push({
      severity: 'entangled',
      text: `holds ${Math.round(facts.share * 100)}% of all coupling, ${(facts.share / mean).toFixed(1)} times the mean of ${facts.contexts} contexts: the hub the others lean on`,
    });
  }
  const cycle = cycleFinding(facts);
  if (cycle) found.push(cycle);
  if (facts.splitTables.length > 0) {
    found.push({
      severity: facts.splitTables.length >= TANGLED_SPLIT_TABLES ? 'entangled' : 'seams',
      text: `writes ${plural(facts.splitTables.length, 'table')} on a par with ${tablesByOther(facts.splitTables)}: split ${facts.splitTables.length === 1 ? 'it' : 'each'} by writer`,
    });
  }
  if (facts.foreignWrites.length > 0) {
    const owners = ownersOf(facts.foreignWrites);
    found.push({
      severity: facts.foreignWrites.length >= TANGLED_FOREIGN_WRITES ? 'entangled' : 'seams',
      text: `writes ${plural(facts.foreignWrites.length, 'table')} owned by ${owners.length === 1 ? `${owners[0]} (${some(facts.foreignWrites.map((table) => table.table), 4)})` : tablesByOther(facts.foreignWrites)}: send those writes to ${owners.length === 1 ? 'the owner' : 'the owners'} as commands`,
    });
  }
  if (facts.writtenByOthers.length > 0) {
    found.push({ severity: 'seams', text: `${tablesByOther(facts.writtenByOthers)} write${ownersOf(facts.writtenByOthers).length === 1 ? 's' : ''} its tables at a few sites: take those writes as commands` });
  }
  if (facts.foreignReads.length > 0) {
    found.push({ severity: 'seams', text: `reads ${plural(facts.foreignReads.length, 'table')} owned by ${tablesByOther(facts.foreignReads)}: read ${facts.foreignReads.length === 1 ? 'it' : 'them'} through ${ownersOf(facts.foreignReads).length === 1 ? "the owner's API" : "the owners' APIs"} or a read model` });
  }
  if (facts.readByOthers.length > 0) {
    found.push({ severity: 'seams', text: `${tablesByOther(facts.readByOthers)} read${ownersOf(facts.readByOthers).length === 1 ? 's' : ''} its tables: serve them through its API` });
  }
  const { operations, callSites, callers } = facts.inbound;
  const used = `${plural(callSites, 'inbound call site')} from ${plural(callers.length, 'context')} ${callSites === 1 ? 'uses' : 'use'} ${plural(operations, 'operation')}`;
  if (operations >= WIDE_INTERFACE) found.push({ severity: 'seams', text: `${used}: narrow them to one interface first` });
  else if (operations > 0) found.push({ severity: 'fine', text: `${used}: a narrow interface` });
  else found.push({ severity: 'fine', text: 'no other context calls it at run time' });
  const { syncSeams, contexts } = facts.outbound;
  if (syncSeams >= MANY_SYNC_SEAMS) {
    found.push({ severity: 'seams', text: `${plural(syncSeams, 'synchronous call seam')} into ${some(contexts)}: turn some into events or local copies, or each becomes a network call` });
  } else if (syncSeams > 0) {
    found.push({ severity: 'fine', text: `${plural(syncSeams, 'synchronous call seam')} into ${listWords(contexts)}` });
  }
  if (!facts.cycle && found.every((finding) => finding.severity !== 'entangled' && finding.severity !== 'seams')) {
    found.unshift({ severity: 'fine', text: 'in no cycle, and shares no table with another context' });
  }
  if (facts.kernelFiles > 0) found.push({ severity: 'note', text: `imports ${plural(facts.kernelFiles, 'shared-kernel file')}: they go along as a package or a copy` });
  if (facts.loc < MIN_SERVICE_LOC) {
    found.push({ severity: 'note', text: `only ${plural(facts.loc, 'line')} in ${plural(facts.files, 'file')}: too small to be a service of its own; keep it a module` });
  }
  return found.sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
}

/** A context's readiness, and how many of its first reasons decide the level (the verdict quotes those). */
export interface Judgement {
  readiness: ContextReadiness;
  deciding: number;
}

export function judge(facts: ReadinessFacts): Judgement {
  const found = findings(facts);
  const level: ReadinessLevel = found.some((finding) => finding.severity === 'entangled') ? 'entangled' : found.some((finding) => finding.severity === 'seams') ? 'needs-seams' : 'extract-now';
  const decides = level === 'entangled' ? ['entangled'] : level === 'needs-seams' ? ['seams'] : ['fine'];
  return { readiness: { level, reasons: found.map((finding) => finding.text) }, deciding: found.filter((finding) => decides.includes(finding.severity)).length };
}

export function judgeReadiness(facts: ReadinessFacts): ContextReadiness {
  return judge(facts).readiness;
}

/** Big enough to be worth a service of its own. */
export function isServiceSized(loc: number): boolean {
  return loc >= MIN_SERVICE_LOC;
}
