// Checks the schema cannot express: references between contexts, paths two contexts both claim, files
// a context exposes that are not its own, data two contexts both own. Glob overlap is decided here
// where it can be seen without files (a literal path, or a glob's concrete stand-in); contextOfFile
// catches the rest on the real files.
import picomatch from 'picomatch';
import { closest, formatFieldPath, type ConfigIssue } from './issues.js';
import { normalizeGlob } from './match.js';
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
    const isOwnFile = picomatch(context.paths.filter((glob) => !glob.startsWith('!')).map(normalizeGlob), { dot: true });
    context.expose?.forEach((glob, index) => {
      const path = ['contexts', name, 'expose', index];
      const problem = globProblem(glob);
      if (problem) return issues.push({ path, message: problem });
      if (glob.startsWith('!')) return;
      const probe = globProbe(glob);
      if (probe !== null && !isOwnFile(probe)) {
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

/** Two contexts whose path globs visibly match the same file. */
function overlapIssues(config: CarveConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const globs = Object.entries(config.contexts).flatMap(([name, context]) =>
    context.paths.flatMap((glob, index) =>
      glob.startsWith('!') ? [] : [{ name, index, glob, probe: globProbe(glob), test: picomatch(normalizeGlob(glob), { dot: true }) }],
    ),
  );
  const excluders = new Map(
    Object.entries(config.contexts).map(([name, context]) => {
      const negative = context.paths.filter((glob) => glob.startsWith('!')).map((glob) => normalizeGlob(glob.slice(1)));
      return [name, negative.length > 0 ? picomatch(negative, { dot: true }) : () => false];
    }),
  );
  const claims = (entry: (typeof globs)[number], probe: string): boolean => entry.test(probe) && !excluders.get(entry.name)!(probe);
  for (let i = 0; i < globs.length; i++) {
    for (let j = i + 1; j < globs.length; j++) {
      const a = globs[i]!;
      const b = globs[j]!;
      if (a.name === b.name) continue;
      const shared = [a.probe, b.probe].find((probe) => probe !== null && claims(a, probe) && claims(b, probe));
      if (shared !== undefined) {
        issues.push({
          path: ['contexts', b.name, 'paths', b.index],
          message: `'${b.glob}' overlaps ${formatFieldPath(['contexts', a.name, 'paths', a.index])} '${a.glob}' (both match '${shared}'); a file belongs to one context`,
        });
      }
    }
  }
  return issues;
}
