// The placement rule (`unassigned`): every file belongs to a context. A file in no context is a
// violation of its own, so new code cannot slip past the boundaries by living outside them; the ones a
// team accepts today sit in the baseline (or at the --base ref) and are only counted.
import type { ModuleRecord } from '../../shared/analysis.js';
import { NO_CONTEXT, type Violation } from '../types.js';
import type { ContextLookup } from './import-rules.js';

export function unassignedViolations(modules: readonly Pick<ModuleRecord, 'id'>[], contextOf: ContextLookup): Violation[] {
  return modules
    .filter((module) => contextOf(module.id) === null)
    .map((module) => ({
      kind: 'placement' as const,
      rule: 'unassigned' as const,
      from: module.id,
      to: module.id,
      fromContext: NO_CONTEXT,
      toContext: NO_CONTEXT,
      line: 1,
      symbols: [],
      importKinds: [],
      entity: null,
      table: null,
      mode: null,
      message: `${module.id} is in no context: add it to a context's paths, or exclude it`,
    }));
}
