// Coverage in the open: per adapter, the access sites (a call or a statement: one file line) Carve
// bound to an entity, how many of those only the SQL keyword fallback read, the sites it could not
// name with the reasons, and the migration and seed sites kept out as schema.
import type { DataAccessCoverage } from '../../../shared/analysis.js';
import type { DataAccessFact, OrmName, RepoPath, UnresolvedAccessFact } from '../../../shared/facts.js';
import { compareStrings } from '../../../shared/sort.js';

interface OrmCounts {
  resolved: Set<string>;
  fallback: Set<string>;
  schema: Set<string>;
  reasons: Map<string, number>;
  linkedUnresolved: Set<string>;
}

export class CoverageCounter {
  private readonly byOrm = new Map<OrmName, OrmCounts>();

  private counts(orm: OrmName): OrmCounts {
    let counts = this.byOrm.get(orm);
    if (!counts) {
      counts = { resolved: new Set(), fallback: new Set(), schema: new Set(), reasons: new Map(), linkedUnresolved: new Set() };
      this.byOrm.set(orm, counts);
    }
    return counts;
  }

  resolved(file: RepoPath, fact: DataAccessFact): void {
    const counts = this.counts(fact.orm);
    const site = `${file}\u0000${fact.line}`;
    counts.resolved.add(site);
    if (fact.fallback) counts.fallback.add(site);
  }

  schema(file: RepoPath, fact: DataAccessFact): void {
    this.counts(fact.orm).schema.add(`${file}\u0000${fact.line}`);
  }

  /** What the file's scan could not name. */
  scanned(reasons: readonly UnresolvedAccessFact[]): void {
    for (const { orm, reason, count } of reasons) this.addReason(this.counts(orm), reason, count);
  }

  /** A site only the linker found unnamed (an imported constant that holds no string). */
  unresolved(file: RepoPath, fact: DataAccessFact, reason: string): void {
    const counts = this.counts(fact.orm);
    const site = `${file}\u0000${fact.line}\u0000${reason}`;
    if (counts.linkedUnresolved.has(site)) return;
    counts.linkedUnresolved.add(site);
    this.addReason(counts, reason, 1);
  }

  private addReason(counts: OrmCounts, reason: string, sites: number): void {
    counts.reasons.set(reason, (counts.reasons.get(reason) ?? 0) + sites);
  }

  result(): DataAccessCoverage[] {
    return [...this.byOrm.entries()]
      .map(([orm, counts]) => {
        const reasons = [...counts.reasons.entries()]
          .map(([reason, sites]) => ({ reason, sites }))
          .sort((a, b) => b.sites - a.sites || compareStrings(a.reason, b.reason));
        return {
          orm,
          resolved: counts.resolved.size,
          fallback: counts.fallback.size,
          unresolved: reasons.reduce((sum, entry) => sum + entry.sites, 0),
          reasons,
          schema: counts.schema.size,
        };
      })
      .filter((entry) => entry.resolved + entry.unresolved + entry.schema > 0)
      .sort((a, b) => compareStrings(a.orm, b.orm));
  }
}
