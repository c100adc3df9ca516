// Per-file import facts -> project-wide dependency records. One record per (from, to, kind, via).
// An import through a barrel yields the edge to the barrel and, per symbol, the edge to the file
// that declares it (`via` names the barrel), so coupling is measured to the real owner.
import type { DependencyRecord } from '../../shared/analysis.js';
import type { FileFacts, ImportedBinding, RepoPath } from '../../shared/facts.js';
import { sortedRecord } from '../../shared/records.js';
import { compareStrings } from '../../shared/sort.js';
import type { LinkedModule } from '../types.js';
import type { ExportResolver } from './resolve-export.js';

interface EdgeBuilder {
  record: DependencyRecord;
  calls: { used: number; discarded: number };
  symbols: Set<string>;
  lines: Set<number>;
  references: number;
}

/** The names a binding uses: its imported name, or the members used through a namespace. */
function usedNames(binding: ImportedBinding): string[] {
  if (binding.imported !== '*') return [binding.imported];
  return binding.members;
}

export function linkModules(files: readonly FileFacts[], resolveExport: ExportResolver): { modules: LinkedModule[]; dependencies: DependencyRecord[] } {
  const edges = new Map<string, EdgeBuilder>();
  const edgeFor = (from: RepoPath, to: RepoPath, kind: DependencyRecord['kind'], via: RepoPath | undefined): EdgeBuilder => {
    const key = `${from}\u0000${to}\u0000${kind}\u0000${via ?? ''}`;
    let edge = edges.get(key);
    if (!edge) {
      const record: DependencyRecord = { from, to, kind, weight: 0, symbols: [], locations: [], calls: { used: 0, discarded: 0 } };
      if (via) record.via = via;
      edge = { record, calls: record.calls, symbols: new Set(), lines: new Set(), references: 0 };
      edges.set(key, edge);
    }
    return edge;
  };

  const modules: LinkedModule[] = [];
  // An import of a file that is no module (a test recognised by its content, a file that could not
  // be read) makes no edge: edges join modules.
  const isModule = new Set(files.map((facts) => facts.path));
  for (const facts of files) {
    // Package names are the analysed code's: 'constructor' or '__proto__' are names like any other.
    const external = new Map<string, number>();
    for (const fact of facts.imports) {
      if (fact.external) external.set(fact.external, (external.get(fact.external) ?? 0) + 1);
      if (!fact.resolved || fact.resolved === facts.path || !isModule.has(fact.resolved)) continue;
      const edge = edgeFor(facts.path, fact.resolved, fact.kind, undefined);
      edge.lines.add(fact.line);
      for (const binding of fact.bindings) {
        for (const name of usedNames(binding)) edge.symbols.add(name);
        edge.references += binding.references;
        edge.calls.used += binding.usedCalls;
        edge.calls.discarded += binding.discardedCalls;
        // Through a barrel: one more edge per symbol, to the file that declares it.
        for (const name of usedNames(binding)) {
          const owner = resolveExport(fact.resolved, name);
          if (!owner || owner.file === fact.resolved || owner.file === facts.path) continue;
          const direct = edgeFor(facts.path, owner.file, fact.kind, fact.resolved);
          direct.symbols.add(owner.name === '*' ? name : owner.name);
          direct.lines.add(fact.line);
          direct.references += binding.imported === '*' ? 1 : binding.references;
          if (binding.imported !== '*') {
            direct.calls.used += binding.usedCalls;
            direct.calls.discarded += binding.discardedCalls;
          }
        }
      }
    }
    modules.push({ id: facts.path, loc: facts.loc, external: sortedRecord(external), unresolvedDataAccess: facts.unresolvedDataAccess });
  }

  const dependencies = [...edges.values()].map(({ record, symbols, lines, references }) => {
    record.symbols = [...symbols].sort(compareStrings);
    record.locations = [...lines].sort((a, b) => a - b).map((line) => ({ line }));
    // Distinct symbols used plus their references; an edge that binds nothing still counts once.
    record.weight = Math.max(1, record.symbols.length + references);
    return record;
  });
  dependencies.sort(compareDependencies);
  modules.sort((a, b) => compareStrings(a.id, b.id));
  return { modules, dependencies };
}

export function compareDependencies(a: DependencyRecord, b: DependencyRecord): number {
  return compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || compareStrings(a.kind, b.kind) || compareStrings(a.via ?? '', b.via ?? '');
}

