// Facts of one tree reused for another tree of the same project (check --base: the work tree's facts
// for the base read from git). A file's facts are a function of its text, its path, the answers module
// resolution gives for its specifiers (resolved file, package, unresolved) and the data-access
// settings; nothing else of other files enters them (barrels, entities and accesses are linked later,
// over all facts). So a file with the same path and content hash whose every specifier resolves, in
// the other tree, to the same answer has the very facts a parse would give there; any difference, and
// the file is parsed.
import type { FileFacts, ImportFact, RepoPath } from '../shared/facts.js';
import { toRepoPath } from '../shared/paths.js';
import type { ModuleResolver } from './imports/resolver.js';
import type { ProjectLayout, SourceFileEntry } from './project/index.js';
import type { DataAccessSettings } from './types.js';

/** What another tree read: every file's facts (tests included) and the settings they were read with. */
export interface FactsDonor {
  facts: ReadonlyMap<RepoPath, FileFacts>;
  /** ProjectLayout.dataAccess of that tree (the data scan reads it). */
  dataAccess: DataAccessSettings | null;
}

/** Facts on offer for a layout, and how many were taken (for progress and the bench). */
export interface FactsReuse {
  donor: FactsDonor;
  stats: { reused: number; parsed: number };
}

export function factsDonor(layout: ProjectLayout, files: readonly FileFacts[]): FactsDonor {
  return { facts: new Map(files.map((facts) => [facts.path, facts])), dataAccess: layout.dataAccess ?? null };
}

export function createFactsReuse(donor: FactsDonor): FactsReuse {
  return { donor, stats: { reused: 0, parsed: 0 } };
}

/** One specifier's resolution as FileFacts record it, in the tree being read. */
export type ResolveHere = (specifier: string) => Pick<ImportFact, 'resolved' | 'external' | 'isUnresolved'>;

/**
 * Whether `facts` (read in the other tree) are this file's facts here: same content, and each import's
 * resolution here equals the recorded one. Re-exports take their source from an import of the same
 * specifier, so checking the imports checks them too.
 */
export function isReusable(facts: FileFacts, hash: string, resolveHere: ResolveHere): boolean {
  if (facts.hash !== hash) return false;
  return facts.imports.every((fact) => {
    const here = resolveHere(fact.specifier);
    return here.resolved === fact.resolved && here.external === fact.external && here.isUnresolved === fact.isUnresolved;
  });
}

/** Whether a donor can serve this layout at all: the data scan must have had the same settings. */
export function donorFits(layout: ProjectLayout, donor: FactsDonor): boolean {
  return JSON.stringify(layout.dataAccess ?? null) === JSON.stringify(donor.dataAccess);
}

/** The donor's facts for `entry` when they are reusable here, else undefined (the file is parsed). */
export function reusedFacts(reuse: FactsReuse, entry: SourceFileEntry, hash: string, resolver: ModuleResolver, root: string): FileFacts | undefined {
  const facts = reuse.donor.facts.get(entry.path);
  const resolveHere: ResolveHere = (specifier) => {
    const resolution = resolver.resolve(specifier, entry.absolutePath, entry.project);
    return { resolved: resolution.resolved ? toRepoPath(root, resolution.resolved) : null, external: resolution.external, isUnresolved: resolution.isUnresolved };
  };
  if (facts && facts.path === entry.path && isReusable(facts, hash, resolveHere)) {
    reuse.stats.reused++;
    return facts;
  }
  reuse.stats.parsed++;
  return undefined;
}
