// Following exports across files: which file really declares a name that a barrel passes on.
// `export *` chains, `export { a as b } from`, and `import { a } ...; export { a }` are followed;
// cycles of re-exports end the search instead of looping.
import type { FileFacts, RepoPath } from '../../shared/facts.js';

export interface ExportOwner {
  file: RepoPath;
  name: string;
}

export type ExportResolver = (file: RepoPath, name: string) => ExportOwner | null;

export function createExportResolver(files: readonly FileFacts[]): ExportResolver {
  const byPath = new Map(files.map((facts) => [facts.path, facts]));
  const declaredByPath = new Map(files.map((facts) => [facts.path, new Set(facts.exports.declared)]));
  const memo = new Map<string, ExportOwner | null>();

  const resolveName = (file: RepoPath, name: string, visiting: Set<string>): ExportOwner | null => {
    const key = `${file}\u0000${name}`;
    if (memo.has(key)) return memo.get(key)!;
    if (visiting.has(key)) return null;
    visiting.add(key);
    const result = search(file, name, visiting);
    visiting.delete(key);
    memo.set(key, result);
    return result;
  };

  const search = (file: RepoPath, name: string, visiting: Set<string>): ExportOwner | null => {
    const facts = byPath.get(file);
    if (!facts) return null;
    if (declaredByPath.get(file)!.has(name)) return { file, name };
    for (const forwarded of facts.exports.forwarded) {
      if (forwarded.exported !== name) continue;
      for (const fact of facts.imports) {
        const binding = fact.bindings.find((candidate) => candidate.local === forwarded.local);
        if (!binding) continue;
        if (!fact.resolved) return null;
        if (binding.imported === '*') return { file: fact.resolved, name: '*' };
        return resolveName(fact.resolved, binding.imported, visiting) ?? { file: fact.resolved, name: binding.imported };
      }
    }
    for (const reexport of facts.exports.reexports) {
      if (!reexport.names) continue;
      const match = reexport.names.find((entry) => entry.exported === name);
      if (!match) continue;
      if (!reexport.from) return null;
      if (match.imported === '*') return { file: reexport.from, name: '*' };
      return resolveName(reexport.from, match.imported, visiting) ?? { file: reexport.from, name: match.imported };
    }
    // `export *` never re-exports a default.
    if (name === 'default') return null;
    for (const reexport of facts.exports.reexports) {
      if (reexport.names || !reexport.from) continue;
      const found = resolveName(reexport.from, name, visiting);
      if (found) return found;
    }
    return null;
  };

  return (file, name) => resolveName(file, name, new Set());
}
