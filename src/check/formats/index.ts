// The output formats of `carve check`, by the names `--format` accepts.
import type { CheckResult } from '../types.js';
import { formatGithub } from './github.js';
import type { FormatContext } from './hints.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';

export type { FormatContext } from './hints.js';
export { fixHint, summaryLine } from './hints.js';

export type CheckFormat = 'pretty' | 'json' | 'github' | 'sarif' | 'junit' | 'markdown';

export const CHECK_FORMATS: Record<CheckFormat, (result: CheckResult, context: FormatContext) => string> = {
  pretty: formatPretty,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
  junit: formatJunit,
  markdown: formatMarkdown,
};

export const CHECK_FORMAT_NAMES = Object.keys(CHECK_FORMATS) as CheckFormat[];

export function isCheckFormat(name: string): name is CheckFormat {
  return Object.hasOwn(CHECK_FORMATS, name);
}

export function formatCheckResult(format: CheckFormat, result: CheckResult, context: FormatContext): string {
  return CHECK_FORMATS[format](result, context);
}
