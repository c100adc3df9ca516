// `--format json`: the contract of DESIGN.md. `violations` holds the failures (each with from, to,
// fromContext, toContext, kind, line, rule); new violations of rules at severity warn, accepted and
// fixed baseline entries and the summary follow.
import type { CheckResult, CheckedViolation } from '../types.js';
import type { FormatContext } from './hints.js';
import { stringifySafeJson } from '../../shared/safe-text.js';

function record(violation: CheckedViolation): Record<string, unknown> {
  return {
    from: violation.from,
    to: violation.to,
    fromContext: violation.fromContext,
    toContext: violation.toContext,
    kind: violation.kind,
    line: violation.line,
    rule: violation.rule,
    severity: violation.severity,
    message: violation.message,
    symbols: violation.symbols,
    importKinds: violation.importKinds,
    entity: violation.entity,
    table: violation.table,
    mode: violation.mode,
  };
}

export function formatJson(result: CheckResult, context: FormatContext): string {
  const document = {
    violations: result.violations.filter((violation) => violation.status === 'new' && violation.severity === 'error').map(record),
    warnings: result.violations.filter((violation) => violation.status === 'new' && violation.severity === 'warn').map(record),
    baselined: result.violations.filter((violation) => violation.status === 'baselined').map(record),
    fixedBaseline: result.fixedBaseline,
    base: context.base,
    baselineFile: context.baselineFile,
    summary: result.summary,
  };
  return stringifySafeJson(document);
}
