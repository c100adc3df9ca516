// How to fix a violation, in one sentence, for every format that shows advice.
import type { CarveConfig } from '../../config/index.js';
import type { Violation } from '../types.js';

export interface FormatContext {
  config: CarveConfig;
  /** The --base ref, when given. */
  base: string | null;
  /** The baseline file as the user knows it (relative to the working directory or the project). */
  baselineFile: string;
  version: string;
}

export function fixHint(violation: Violation, config: CarveConfig): string {
  const { fromContext, toContext } = violation;
  if (violation.rule === 'depends-on') {
    return `if '${fromContext}' may use '${toContext}', add "${toContext}" to contexts.${fromContext}.dependsOn; otherwise move the code or reach '${toContext}' through an event or an API it offers`;
  }
  if (violation.rule === 'expose') {
    const exposed = config.contexts[toContext]?.expose ?? [];
    return `import through what '${toContext}' exposes (${exposed.join(', ')}), or add ${violation.to} to contexts.${toContext}.expose`;
  }
  const verb = violation.mode === 'write' ? 'write' : 'read';
  return `call the API of '${toContext}' instead of its table '${violation.table}'; only '${toContext}' may ${verb} ${violation.entity}`;
}
