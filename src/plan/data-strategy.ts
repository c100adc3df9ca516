// Who owns each table and what happens to it when contexts become services. Ownership goes by
// writers: the context that writes a table most owns it. A table only its owner touches moves with it;
// one that others only read stays with the owner, read through its API (or, for a context that reads
// many others' tables, through a read model fed by the owner's events); a few writes from another
// context become commands to the owner's API; a table that several contexts write on a par is split
// by writer. Rules and reasons: docs/decisions/plan.md.
import type { AccessMode, RepoPath } from '../shared/facts.js';
import type { PlanSite, TableConsumer, TablePlan, TableStrategy } from '../shared/analysis.js';
import { compareStrings } from '../shared/sort.js';
import type { PlanInput } from './plan-index.js';
import { possessive, listWords } from './wording.js';

/** A context reading at least this many tables owned by others (and writing none) is a query side. */
export const QUERY_SIDE_MIN_TABLES = 3;
/**
 * Another writer with at least this share of the owner's write sites, and at least SPLIT_MIN_WRITES of
 * them, writes on a par: split the table. Fewer writes are commands to the owner, not a second owner.
 */
export const SPLIT_MIN_WRITE_SHARE = 0.5;
export const SPLIT_MIN_WRITES = 2;

interface ContextAccess {
  reads: number;
  writes: number;
  sites: Array<PlanSite & { mode: AccessMode }>;
}

interface TableFacts {
  table: string;
  entities: Set<string>;
  /** The context the contexts stage gave one of its entities to, if any. */
  assignedTo: string | null;
  access: Map<string, ContextAccess>;
}

function compareSites(a: PlanSite, b: PlanSite): number {
  return compareStrings(a.file, b.file) || a.line - b.line;
}

function collectTables(input: PlanInput, contextOf: ReadonlyMap<RepoPath, string>): Map<string, TableFacts> {
  const tableOfEntity = new Map(input.entities.map((entity) => [entity.id, entity.table]));
  const tables = new Map<string, TableFacts>();
  const factsOf = (entity: string): TableFacts => {
    const table = tableOfEntity.get(entity) ?? entity;
    let facts = tables.get(table);
    if (!facts) {
      facts = { table, entities: new Set(), assignedTo: null, access: new Map() };
      tables.set(table, facts);
    }
    facts.entities.add(entity);
    return facts;
  };
  for (const context of [...input.contexts].sort((a, b) => compareStrings(a.id, b.id))) {
    for (const entity of context.entities) {
      const facts = factsOf(entity);
      facts.assignedTo ??= context.id;
    }
  }
  for (const access of input.dataAccess) {
    // Accesses from the shared kernel or wiring belong to no context that could be extracted.
    const context = contextOf.get(access.module);
    if (context === undefined) continue;
    const facts = factsOf(access.entity);
    let byContext = facts.access.get(context);
    if (!byContext) {
      byContext = { reads: 0, writes: 0, sites: [] };
      facts.access.set(context, byContext);
    }
    const count = Math.max(1, access.locations.length);
    if (access.mode === 'write') byContext.writes += count;
    else byContext.reads += count;
    if (access.locations.length === 0) byContext.sites.push({ file: access.module, line: 0, mode: access.mode });
    for (const location of access.locations) byContext.sites.push({ file: access.module, line: location.line, mode: access.mode });
  }
  return tables;
}

/** The context that writes the table most; without writers the contexts stage's choice, else the heaviest reader. */
function ownerOf(facts: TableFacts): string | null {
  const ranked = [...facts.access.entries()].sort(
    ([a, x], [b, y]) =>
      y.writes - x.writes || Number(b === facts.assignedTo) - Number(a === facts.assignedTo) || y.reads - x.reads || compareStrings(a, b),
  );
  const top = ranked[0];
  if (top && top[1].writes > 0) return top[0];
  if (facts.assignedTo !== null) return facts.assignedTo;
  return top ? top[0] : null;
}

/** Every table any context touches or owns, with its owner, strategy and the other contexts' sites. */
export function planTables(input: PlanInput, contextOf: ReadonlyMap<RepoPath, string>): TablePlan[] {
  const tables = collectTables(input, contextOf);
  const owners = new Map<string, string | null>();
  for (const facts of tables.values()) owners.set(facts.table, ownerOf(facts));

  // Query sides: contexts that read many tables others own and write none of them (reporting).
  const foreignReads = new Map<string, number>();
  const foreignWrites = new Set<string>();
  for (const facts of tables.values()) {
    for (const [context, access] of facts.access) {
      if (context === owners.get(facts.table)) continue;
      if (access.writes > 0) foreignWrites.add(context);
      else foreignReads.set(context, (foreignReads.get(context) ?? 0) + 1);
    }
  }
  const isQuerySide = (context: string): boolean => !foreignWrites.has(context) && (foreignReads.get(context) ?? 0) >= QUERY_SIDE_MIN_TABLES;

  const plans: TablePlan[] = [];
  for (const facts of [...tables.values()].sort((a, b) => compareStrings(a.table, b.table))) {
    const owner = owners.get(facts.table) ?? null;
    const touching = [...facts.access.keys()].sort(compareStrings);
    const writers = touching.filter((context) => (facts.access.get(context) as ContextAccess).writes > 0);
    const readers = touching.filter((context) => (facts.access.get(context) as ContextAccess).writes === 0);
    const ownerWrites = owner === null ? 0 : (facts.access.get(owner)?.writes ?? 0);
    const consumers: TableConsumer[] = touching
      .filter((context) => context !== owner)
      .map((context) => {
        const access = facts.access.get(context) as ContextAccess;
        const mode: AccessMode = access.writes > 0 ? 'write' : 'read';
        let strategy: TableStrategy;
        if (mode === 'write') strategy = access.writes >= Math.max(SPLIT_MIN_WRITES, SPLIT_MIN_WRITE_SHARE * ownerWrites) ? 'split' : 'owner-api';
        else strategy = isQuerySide(context) ? 'read-model' : 'owner-api';
        return { context, mode, strategy, sites: access.sites.map(({ file, line }) => ({ file, line })).sort(compareSites) };
      });
    const ownerName = owner ?? 'no context';
    const contextsWith = (select: (consumer: TableConsumer) => boolean): string[] => consumers.filter(select).map((consumer) => consumer.context);
    const splitters = contextsWith((consumer) => consumer.strategy === 'split');
    const commanders = contextsWith((consumer) => consumer.mode === 'write' && consumer.strategy === 'owner-api');
    const askers = contextsWith((consumer) => consumer.mode === 'read' && consumer.strategy === 'owner-api');
    const modelled = contextsWith((consumer) => consumer.strategy === 'read-model');
    const verb = (names: readonly string[], one: string, many: string): string => `${listWords(names)} ${names.length === 1 ? one : many}`;
    let strategy: TableStrategy;
    const parts: string[] = [];
    if (consumers.length === 0) {
      strategy = 'move';
      parts.push(`only ${ownerName} uses it: it moves with ${ownerName}`);
    } else {
      strategy = splitters.length > 0 ? 'split' : askers.length > 0 || commanders.length > 0 ? 'owner-api' : 'read-model';
      if (splitters.length > 0) {
        parts.push(`${listWords([ownerName, ...splitters])} all write it on a par: split its columns by writer, each keeping the columns it writes under the same id`);
      } else {
        parts.push(writers.length === 0 ? `no context writes it; ${ownerName} keeps it` : writers.length === 1 ? `${ownerName} is its only writer` : `${ownerName} writes it most`);
      }
      if (commanders.length > 0) parts.push(`${verb(commanders, 'writes', 'write')} it at a few sites: send those writes as commands to ${possessive(ownerName)} API, or let ${ownerName} react to events from ${listWords(commanders)}`);
      if (askers.length > 0) parts.push(`${verb(askers, 'reads', 'read')} it through ${possessive(ownerName)} API`);
      if (modelled.length > 0) {
        parts.push(`${verb(modelled, 'reads', 'read')} many other contexts' tables, so ${modelled.length === 1 ? 'it keeps' : 'they keep'} a read model fed by ${possessive(ownerName)} events`);
      }
    }
    const reason = parts.join('; ');
    plans.push({ table: facts.table, entities: [...facts.entities].sort(compareStrings), owner, writers, readers, strategy, reason, consumers });
  }
  return plans;
}
