// Where adapters put what they find in one file. Deduplicates, counts run-time names once per site,
// and hands back sorted facts so the same file always yields the same bytes.
import type { ts } from 'ts-morph';
import type { AccessMode, CteFacts, DataAccessFact, EntityFact, EntityRef, OrmName, RelationFact, SqlSinkRef, UnresolvedAccessFact, WrapperRef, WrapperShapeFact } from '../../../shared/facts.js';
import type { DataAccessScanResult } from '../../types.js';
import { compareStrings } from '../../../shared/sort.js';
import type { FileIndex } from './file-index.js';
import type { Target } from './entity-ref.js';

/**
 * A name this file gives to an entity without defining it: a custom repository class, a model
 * variable whose name differs from the model (`const OrderModel = model('Order', s)`). Other files
 * use the name; the linker follows it to the entity. FileFacts has no field for this, so it travels
 * as a data-access fact whose operation starts with this prefix; the linker consumes and drops it.
 */
export const ALIAS_OPERATION_PREFIX = 'alias-of:';

export function isAliasFact(fact: DataAccessFact): boolean {
  return fact.operation.startsWith(ALIAS_OPERATION_PREFIX);
}

export function aliasNameOf(fact: DataAccessFact): string {
  return fact.operation.slice(ALIAS_OPERATION_PREFIX.length);
}

/** Why an access site's entity or table could not be named: shown to the user, grouped by adapter. */
export const UNRESOLVED = {
  runtimeValue: 'entity or table from a run-time value',
  sqlUnparsed: 'sql did not parse',
  sqlAtRunTime: 'sql built at run time',
  constantNotFound: 'imported name holds no string constant',
} as const;

export interface LocalName {
  name: string;
  orm: OrmName;
}

export class FactSink {
  private readonly entities = new Map<string, EntityFact>();
  private readonly accesses = new Map<string, DataAccessFact>();
  /** Source position -> the adapter that met it and why; one count per position. */
  private readonly unresolvedSites = new Map<number, { orm: OrmName; reason: string }>();
  /** The adapter collecting now: unresolved sites it reports without naming an ORM are counted under it. */
  adapter: OrmName = 'sql';
  private readonly relations = new Map<string, RelationFact>();
  private readonly cteFacts: CteFacts = {};
  private readonly wrappers = new Map<string, WrapperShapeFact>();
  private readonly entityDecorators = new Set<string>();
  private exportedSqlSinks: Record<string, number[]> | null = null;

  constructor(private readonly file: FileIndex) {}

  entity(
    name: string,
    table: string,
    orm: OrmName,
    node: ts.Node,
    relations?: Record<string, EntityRef>,
    how?: { tableOf?: EntityRef; decorator?: EntityFact['decorator'] },
  ): void {
    const fact: EntityFact = { name, table, orm, line: this.file.line(node) };
    if (relations && Object.keys(relations).length > 0) fact.relations = relations;
    if (how?.tableOf) fact.tableOf = how.tableOf;
    if (how?.decorator) fact.decorator = how.decorator;
    this.entities.set(`${orm}\u0000${name}\u0000${table}`, fact);
  }

  /** CTE helpers exported here, and calls of imported ones (`knex/cte-names.ts`). */
  cte(facts: CteFacts): void {
    if (facts.helpers) this.cteFacts.helpers = { ...this.cteFacts.helpers, ...facts.helpers };
    if (facts.calls && facts.calls.length > 0) this.cteFacts.calls = [...(this.cteFacts.calls ?? []), ...facts.calls];
  }

  /** Exported functions that forward a parameter to a raw-SQL call (`raw-sql/wrappers.ts`). */
  sqlSinks(sinks: Record<string, number[]>): void {
    this.exportedSqlSinks = sinks;
  }

  /** A relation declared apart from its entity (`relations(users, ...)`). */
  relation(owner: EntityRef, field: string, target: EntityRef, orm: OrmName): void {
    const fact: RelationFact = { owner, field, target, orm };
    this.relations.set(JSON.stringify(fact), fact);
  }

  /**
   * An access to `target`; a `dynamic` target counts as unresolved at that site instead. `relation`:
   * a relation load, the fields followed from `target` to the entity it reads. `via`: SQL passed to an
   * imported function, which stands only if that function is a raw-SQL one.
   */
  access(target: Target, mode: AccessMode, orm: OrmName, operation: string, node: ts.Node, how?: { fallback?: boolean; relation?: string[]; via?: SqlSinkRef; wrapper?: WrapperRef }): void {
    if (target === 'dynamic') {
      // Under the ORM the call names: the model-call pass runs after every adapter, so `this.adapter`
      // would be whichever adapter ran last.
      this.unresolvedAt(node, UNRESOLVED.runtimeValue, orm);
      return;
    }
    const fact: DataAccessFact = { target, mode, line: this.file.line(node), orm, operation };
    if (how?.fallback) fact.fallback = true;
    if (how?.relation && how.relation.length > 0) fact.relation = how.relation;
    if (how?.via) fact.via = how.via;
    if (how?.wrapper) fact.wrapper = how.wrapper;
    this.accesses.set(factKey(fact), fact);
  }

  /** A function or method of this file forwarding an entity parameter to the ORM (`Class.method` for a method). */
  repositoryWrapper(name: string, shape: WrapperShapeFact): void {
    this.wrappers.set(name, shape);
  }

  /** An exported decorator that applies an ORM's entity decorator. */
  entityDecorator(name: string): void {
    this.entityDecorators.add(name);
  }

  alias(name: string, target: EntityRef, orm: OrmName, node: ts.Node): void {
    this.access(target, 'read', orm, `${ALIAS_OPERATION_PREFIX}${name}`, node);
  }

  /** A data access whose entity or table is only known at run time; counted once per source position. */
  unresolvedAt(node: ts.Node, reason: string = UNRESOLVED.runtimeValue, orm: OrmName = this.adapter): void {
    const position = node.getStart(this.file.sourceFile);
    if (!this.unresolvedSites.has(position)) this.unresolvedSites.set(position, { orm, reason });
  }

  /** Entities declared so far in this file: module-level names other code calls model methods on. */
  localEntityNames(): LocalName[] {
    return [...this.entities.values()].map((entity) => ({ name: entity.name, orm: entity.orm }));
  }

  definesEntity(name: string): boolean {
    for (const entity of this.entities.values()) if (entity.name === name) return true;
    return false;
  }

  result(): DataAccessScanResult {
    const entities = [...this.entities.values()].sort(
      (a, b) => a.line - b.line || compareStrings(a.name, b.name) || compareStrings(a.orm, b.orm) || compareStrings(a.table, b.table),
    );
    const accesses = [...this.accesses.entries()]
      .sort(([keyA, a], [keyB, b]) => a.line - b.line || compareStrings(keyA, keyB))
      .map(([, fact]) => fact);
    const result: DataAccessScanResult = { entities, accesses, unresolved: this.unresolvedSites.size };
    if (this.unresolvedSites.size > 0) result.unresolvedReasons = countReasons(this.unresolvedSites.values());
    if (this.cteFacts.helpers || this.cteFacts.calls) result.cte = this.cteFacts;
    if (this.exportedSqlSinks) result.sqlSinks = this.exportedSqlSinks;
    if (this.wrappers.size > 0) result.repositoryWrappers = Object.fromEntries([...this.wrappers].sort(([a], [b]) => compareStrings(a, b)));
    if (this.entityDecorators.size > 0) result.entityDecorators = [...this.entityDecorators].sort(compareStrings);
    if (this.relations.size > 0) result.relations = [...this.relations.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, fact]) => fact);
    return result;
  }
}

function countReasons(sites: Iterable<{ orm: OrmName; reason: string }>): UnresolvedAccessFact[] {
  const counts = new Map<string, UnresolvedAccessFact>();
  for (const { orm, reason } of sites) {
    const key = `${orm}\u0000${reason}`;
    const found = counts.get(key);
    if (found) found.count++;
    else counts.set(key, { orm, reason, count: 1 });
  }
  return [...counts.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, fact]) => fact);
}

function factKey(fact: DataAccessFact): string {
  const relation = fact.relation ? `\u0000${fact.relation.join('.')}` : '';
  const via = fact.via ? `\u0000${JSON.stringify(fact.via)}` : '';
  const wrapper = fact.wrapper ? `\u0000${JSON.stringify(fact.wrapper)}` : '';
  return `${fact.orm}\u0000${fact.mode}\u0000${fact.operation}\u0000${fact.line}\u0000${JSON.stringify(fact.target)}${relation}${via}${wrapper}`;
}
