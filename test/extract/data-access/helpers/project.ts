// Test-only: scan + link over a set of in-memory files, as the extractor will do it.
import type { FileFacts } from '../../../../src/shared/facts.js';
import type { DataAccessScanResult } from '../../../../src/extract/types.js';
import { linkDataAccess, scanDataAccess, schemaFileAdapters } from '../../../../src/extract/data-access/index.js';
import { exportResolver, scanInput } from './scan-input.js';
import picomatch from 'picomatch';

export interface ProjectRun {
  scans: Map<string, DataAccessScanResult>;
  linked: ReturnType<typeof linkDataAccess>;
  /** file -> unresolved count, only files with some. */
  unresolved: Record<string, number>;
}

const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

export function runProject(files: Readonly<Record<string, string>>): ProjectRun {
  const all = new Map(Object.entries(files));
  const sources = [...all.keys()].filter((file) => SOURCE.test(file) && !file.endsWith('.d.ts')).sort();
  const known = new Set(sources);
  const { resolveExport, declared } = exportResolver(new Map(sources.map((file) => [file, all.get(file)!])));
  const scans = new Map<string, DataAccessScanResult>();
  const facts: FileFacts[] = [];
  const unresolved: Record<string, number> = {};
  for (const file of sources) {
    const result = scanDataAccess(scanInput(file, all.get(file)!, known));
    scans.set(file, result);
    if (result.unresolved > 0) unresolved[file] = result.unresolved;
    facts.push({
      path: file,
      hash: '',
      loc: 0,
      imports: [],
      exports: { declared: declared(file), forwarded: [], reexports: [] },
      entities: result.entities,
      dataAccess: result.accesses,
      unresolvedDataAccess: result.unresolved,
      ...(result.exportedStrings ? { exportedStrings: result.exportedStrings } : {}),
      ...(result.relations ? { relations: result.relations } : {}),
      ...(result.cte ? { cte: result.cte } : {}),
      ...(result.sqlSinks ? { sqlSinks: result.sqlSinks } : {}),
      ...(result.classes ? { classes: result.classes } : {}),
      ...(result.repositoryCalls ? { repositoryCalls: result.repositoryCalls } : {}),
      ...(result.repositoryWrappers ? { repositoryWrappers: result.repositoryWrappers } : {}),
      ...(result.entityDecorators ? { entityDecorators: result.entityDecorators } : {}),
      ...(result.unresolvedReasons ? { unresolvedReasons: result.unresolvedReasons } : {}),
      entryPoints: [],
      diagnostics: [],
    });
  }
  const schemaEntities = [];
  for (const adapter of schemaFileAdapters) {
    const matches = picomatch(adapter.patterns);
    for (const file of [...all.keys()].sort()) {
      if (matches(file)) schemaEntities.push({ path: file, entities: adapter.parse(file, all.get(file)!).entities });
    }
  }
  return { scans, linked: linkDataAccess(facts, schemaEntities, resolveExport), unresolved };
}

/** `file table mode` rows of the linked accesses, sorted: the shape expected.json uses. */
export function accessRows(run: ProjectRun): string[] {
  const tableOf = new Map(run.linked.entities.map((entity) => [entity.id, entity.table]));
  return [...new Set(run.linked.dataAccess.map((record) => `${record.module} ${tableOf.get(record.entity)} ${record.mode}`))].sort();
}

/** Rows for one file only. */
export function rowsOf(run: ProjectRun, file: string): string[] {
  return accessRows(run).filter((row) => row.startsWith(`${file} `));
}
