// Test-only: an ExtractResult built from the monolith generator's own record of what it wrote (edges,
// barrels, data access), so the contexts stage can be measured before the extractor runs end to end.
// It mirrors what the extractor emits: an import through a barrel gives the importer -> barrel edge and
// the edge to the defining file with `via`; barrels re-export their members.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedMonolith } from '../../../scripts/generate-monolith.js';
import type { ExtractResult, LinkedModule } from '../../../src/extract/types.js';
import type { DataAccessRecord, DependencyRecord, EntityRecord } from '../../../src/shared/analysis.js';

function countLoc(text: string): number {
  return text.split('\n').filter((line) => line.trim().length > 0 && !line.trim().startsWith('//')).length;
}

function dependencyKey(record: DependencyRecord): string {
  return `${record.from}\u0000${record.to}\u0000${record.kind}\u0000${record.via ?? ''}`;
}

export function extractFromGenerated(monolith: GeneratedMonolith): ExtractResult {
  const modules: LinkedModule[] = monolith.files.map((id) => ({
    id,
    loc: countLoc(readFileSync(join(monolith.root, id), 'utf8')),
    external: {},
    unresolvedDataAccess: 0,
  }));
  const dependencies = new Map<string, DependencyRecord>();
  const add = (record: DependencyRecord): void => {
    const key = dependencyKey(record);
    const existing = dependencies.get(key);
    if (existing) existing.weight += record.weight;
    else dependencies.set(key, record);
  };
  for (const edge of monolith.edges) {
    // The generator imports one symbol per edge, named after the file (svc-0042.ts exports svc0042).
    const symbol = (edge.to.split('/').pop() ?? edge.to).replace(/\.ts$/, '').replace(/-/g, '');
    const base = {
      from: edge.from,
      to: edge.to,
      kind: edge.kind,
      weight: 1 + edge.uses,
      symbols: [symbol],
      locations: [],
      calls: { used: 0, discarded: 0 },
    };
    if (edge.via === null) {
      add(base);
      continue;
    }
    add({ ...base, via: edge.via });
    add({ ...base, to: edge.via });
  }
  const entities: EntityRecord[] = Object.keys(monolith.tables)
    .sort()
    .map((table) => ({ id: table, table, orm: 'typeorm', definedIn: null, line: null }));
  const accesses = new Map<string, DataAccessRecord>();
  for (const access of monolith.dataAccess) {
    const key = `${access.module}\u0000${access.table}\u0000${access.mode}`;
    const existing = accesses.get(key);
    if (existing) existing.locations.push({ line: existing.locations.length + 1 });
    else {
      accesses.set(key, {
        module: access.module,
        entity: access.table,
        mode: access.mode,
        orm: access.via === 'sql' ? 'sql' : 'typeorm',
        operations: [],
        locations: [{ line: 1 }],
      });
    }
  }
  return {
    files: [],
    modules,
    dependencies: [...dependencies.values()],
    entities,
    dataAccess: [...accesses.values()],
    diagnostics: [],
    cacheStats: null,
    dataAccessMs: 0,
  };
}
