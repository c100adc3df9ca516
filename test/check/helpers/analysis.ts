// Small analyses written as object literals, for the check and init tests that need no extraction.
import type { Analysis, ContextRecord } from '../../../src/shared/analysis.js';
import type { AccessMode, ImportKind } from '../../../src/shared/facts.js';

export interface AnalysisSpec {
  modules: string[];
  dependencies?: { from: string; to: string; kind?: ImportKind; line?: number; symbols?: string[]; via?: string }[];
  entities?: { id: string; table: string; definedIn?: string | null }[];
  dataAccess?: { module: string; entity: string; mode: AccessMode; line?: number; operations?: string[] }[];
  contexts?: { id: string; modules: string[]; entities?: string[] }[];
}

export function buildAnalysis(spec: AnalysisSpec): Analysis {
  const contexts: ContextRecord[] = (spec.contexts ?? []).map((context) => ({
    id: context.id,
    modules: [...context.modules].sort(),
    entities: context.entities ?? [],
    origin: 'detected',
    metrics: { size: context.modules.length, loc: 0, cohesion: 1, coupling: 0, stability: 1, inbound: {}, outbound: {}, tablesOwned: [], tablesShared: [] },
  }));
  const contextOf = new Map(contexts.flatMap((context) => context.modules.map((module) => [module, context.id] as const)));
  return {
    schemaVersion: 1,
    tool: { name: 'carve', version: '0.0.0-test' },
    root: '.',
    summary: { files: spec.modules.length, dependencies: 0, externalImports: 0, unresolvedImports: 0, entities: 0, dataAccesses: 0, contexts: contexts.length, warnings: 0 },
    modules: [...spec.modules].sort().map((id) => ({ id, loc: 10, context: contextOf.get(id) ?? null, external: {}, unresolvedDataAccess: 0, entryPoints: [] })),
    dependencies: (spec.dependencies ?? []).map((dependency) => ({
      from: dependency.from,
      to: dependency.to,
      kind: dependency.kind ?? 'import',
      weight: 1,
      symbols: dependency.symbols ?? [],
      locations: [{ line: dependency.line ?? 1 }],
      calls: { used: 0, discarded: 0 },
      ...(dependency.via ? { via: dependency.via } : {}),
    })),
    entities: (spec.entities ?? []).map((entity) => ({ id: entity.id, table: entity.table, orm: 'typeorm', definedIn: entity.definedIn ?? null, line: entity.definedIn ? 1 : null })),
    dataAccess: (spec.dataAccess ?? []).map((access) => ({
      module: access.module,
      entity: access.entity,
      mode: access.mode,
      orm: 'typeorm',
      operations: access.operations ?? [],
      locations: [{ line: access.line ?? 1 }],
    })),
    contexts,
    sharedKernel: [],
    godModules: [],
    compositionRoots: [],
    metrics: { modularity: 0 },
    plan: { steps: [] },
    diagnostics: [],
  };
}
