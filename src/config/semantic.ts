// Checks the schema cannot express: references between contexts, paths two contexts both claim, files
// a context exposes that are not its own, data two contexts both own. Glob overlap is decided here
// where it can be seen without files (a literal path, or a glob's concrete stand-in); contextOfFile
// catches the rest on the real files.
import picomatch from 'picomatch';
import { closest, formatFieldPath, type ConfigIssue } from './issues.js';
import { contextsClaiming, isInContext, normalizeGlob } from './match.js';
import type { CarveConfig } from './schema.js';

/** A concrete path the glob matches (wildcards replaced by '_'), or null when that is not obvious. */
export function globProbe(glob: string): string | null {
  const probe = normalizeGlob(glob).replace(/\*\*/g, '_').replace(/[*?]/g, '_');
  return picomatch.scan(probe).isGlob ? null : probe;
}

function globProblem(glob: string): string | null {
  const text = glob.startsWith('!') ? glob.slice(1) : glob;
  if (/\\[A-Za-z0-9_]/.test(text) || /^[A-Za-z]:/.test(text)) return `'${glob}': use '/' separators, relative to the analyzed folder`;
  if (text.startsWith('/')) return `'${glob}': globs are relative to the analyzed folder, not absolute`;
  if (normalizeGlob(text).split('/').includes('..')) return `'${glob}': globs cannot leave the analyzed folder ('..')`;
  return null;
}

export function semanticIssues(config: CarveConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = Object.keys(config.contexts);
  const contexts = Object.entries(config.contexts);

  for (const field of ['include', 'exclude'] as const) {
    config[field]?.forEach((glob, index) => {
      const problem = globProblem(glob);
      if (problem) issues.push({ path: [field, index], message: problem });
    });
  }
  config.project?.include?.forEach((glob, index) => {
    const problem = globProblem(glob);
    if (problem) issues.push({ path: ['project', 'include', index], message: problem });
  });
  if (config.project?.include && config.include) {
    issues.push({ path: ['project', 'include'], message: 'include is also given at the top level: give include once, under project' });
  }

  const entityOwner = new Map<string, string>();
  for (const [name, context] of contexts) {
    context.paths.forEach((glob, index) => {
      const problem = globProblem(glob);
      if (problem) issues.push({ path: ['contexts', name, 'paths', index], message: problem });
    });
    context.dependsOn?.forEach((dependency, index) => {
      const path = ['contexts', name, 'dependsOn', index];
      if (dependency === name) {
        issues.push({ path, message: `a context cannot depend on itself ('${name}')` });
      } else if (!Object.hasOwn(config.contexts, dependency)) {
        const suggestion = closest(dependency, names);
        issues.push({ path, message: `unknown context '${dependency}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}` });
      }
    });
    context.expose?.forEach((glob, index) => {
      const path = ['contexts', name, 'expose', index];
      const problem = globProblem(glob);
      if (problem) return issues.push({ path, message: problem });
      if (glob.startsWith('!')) return;
      const probe = globProbe(glob);
      if (probe !== null && !isInContext(config, name, probe)) {
        issues.push({ path, message: `'${glob}' is outside context '${name}' (its paths: ${context.paths.join(', ')}); a context can only expose its own files` });
      }
    });
    context.entities?.forEach((entity, index) => {
      const owner = entityOwner.get(entity);
      if (owner !== undefined && owner !== name) {
        issues.push({ path: ['contexts', name, 'entities', index], message: `'${entity}' is already owned by context '${owner}'; each entity has one owner` });
      } else {
        entityOwner.set(entity, name);
      }
    });
  }

  issues.push(...overlapIssues(config));
  return issues;
}

/**
 * Two contexts whose paths visibly claim the same file: a glob's literal path or concrete stand-in
 * (its probe) that another context's paths also match. Each probe is tried only on the globs that
 * could match it (contextsClaiming), so a config of thousands of globs stays linear, not quadratic.
 */
function overlapIssues(config: CarveConfig): ConfigIssue[] {
  const contexts = Object.entries(config.contexts).map(([name, context], order) => ({ name, order, paths: context.paths }));
  const issues: ConfigIssue[] = [];
  const reported = new Set<string>();
  for (const owner of contexts) {
    owner.paths.forEach((glob, index) => {
      if (glob.startsWith('!')) return;
      const probe = globProbe(glob);
      if (probe === null) return;
      const claims = contextsClaiming(config, probe);
      if (!claims.some((claim) => claim.context === owner.order)) return;
      for (const claim of claims) {
        if (claim.context === owner.order) continue;
        const other = contexts[claim.context] as (typeof contexts)[number];
        const otherIndex = claim.index;
        // Report once per pair of globs, on the one that comes later in the file.
        const [first, second] = other.order < owner.order ? [{ context: other, index: otherIndex }, { context: owner, index }] : [{ context: owner, index }, { context: other, index: otherIndex }];
        const key = `${first.context.name}\u0000${first.index}\u0000${second.context.name}\u0000${second.index}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const firstGlob = first.context.paths[first.index];
        issues.push({
          path: ['contexts', second.context.name, 'paths', second.index],
          message: `'${second.context.paths[second.index]}' overlaps ${formatFieldPath(['contexts', first.context.name, 'paths', first.index])} '${firstGlob}' (both match '${probe}'); a file belongs to one context`,
        });
      }
    });
  }
  const position = new Map(contexts.map((context) => [context.name, context.order]));
  return issues.sort((a, b) => (position.get(String(a.path[1])) ?? -1) - (position.get(String(b.path[1])) ?? -1) || Number(a.path[3]) - Number(b.path[3]));
}
