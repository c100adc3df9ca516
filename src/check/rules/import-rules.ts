// Import rules: a file of context A may import a file of context B only when B is in A's dependsOn,
// and, where B lists `expose`, only those files. Edges through a barrel (`via`) are skipped: the import
// itself is the edge to the barrel, checked on its own, and the barrel's re-export is checked from the
// barrel's file.
import type { CarveConfig } from '../../config/index.js';
import { isExposedFile } from '../../config/index.js';
import type { DependencyRecord } from '../../shared/analysis.js';
import type { ImportKind } from '../../shared/facts.js';
import { sortedUnique } from '../../shared/sort.js';
import type { RuleId, Violation } from '../types.js';

export type ContextLookup = (path: string) => string | null;

interface Pending {
  violation: Violation;
  symbols: Set<string>;
  kinds: Set<ImportKind>;
}

/**
 * The rule an import from a file of `fromContext` of the file `to` (of `toContext`) breaks, or null:
 * the one judgement `check` and the ESLint plugin share.
 */
export function brokenImportRule(config: CarveConfig, fromContext: string, toContext: string, to: string): RuleId | null {
  if (fromContext === toContext) return null;
  if (!(config.contexts[fromContext]?.dependsOn ?? []).includes(toContext)) return 'depends-on';
  if (!isExposedFile(config, toContext, to)) return 'expose';
  return null;
}

export function importViolations(config: CarveConfig, dependencies: readonly DependencyRecord[], contextOf: ContextLookup): Violation[] {
  const found = new Map<string, Pending>();
  for (const dependency of dependencies) {
    if (dependency.via !== undefined) continue;
    const fromContext = contextOf(dependency.from);
    const toContext = contextOf(dependency.to);
    if (fromContext === null || toContext === null) continue;
    const rule = brokenImportRule(config, fromContext, toContext, dependency.to);
    if (rule === null) continue;

    const line = dependency.locations[0]?.line ?? 0;
    const key = `${dependency.from}\u0000${dependency.to}\u0000${rule}`;
    let pending = found.get(key);
    if (!pending) {
      pending = {
        violation: {
          kind: 'import',
          rule,
          from: dependency.from,
          to: dependency.to,
          fromContext,
          toContext,
          line,
          symbols: [],
          importKinds: [],
          entity: null,
          table: null,
          mode: null,
          message: '',
        },
        symbols: new Set(),
        kinds: new Set(),
      };
      found.set(key, pending);
    }
    // One violation per file pair: an `import` and an `import type` of the same file are one crossing.
    pending.violation.line = Math.min(pending.violation.line, line);
    for (const symbol of dependency.symbols) pending.symbols.add(symbol);
    pending.kinds.add(dependency.kind);
  }
  return [...found.values()].map(({ violation, symbols, kinds }) => {
    violation.symbols = sortedUnique(symbols);
    violation.importKinds = sortedUnique(kinds) as ImportKind[];
    violation.message = importViolationMessage(config, violation);
    return violation;
  });
}

/** What an import violation says, in check and in the editor alike. */
export function importViolationMessage(
  config: CarveConfig,
  violation: Pick<Violation, 'rule' | 'from' | 'to' | 'fromContext' | 'toContext' | 'symbols'>,
): string {
  const what = violation.symbols.length > 0 ? ` (${violation.symbols.join(', ')})` : '';
  if (violation.rule === 'depends-on') {
    return `${violation.from} imports ${violation.to}${what} of context '${violation.toContext}', which '${violation.fromContext}' does not list in dependsOn`;
  }
  const exposed = config.contexts[violation.toContext]?.expose ?? [];
  return `${violation.from} imports ${violation.to}${what}, which context '${violation.toContext}' does not expose (it exposes ${exposed.join(', ')})`;
}
