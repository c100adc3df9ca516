// `--format sarif`: SARIF 2.1.0, for code scanning dashboards. One rule per Carve rule; each failure is
// an error result at the crossing line, with the imported file (or the entity's file) as a related
// location; baselined violations are included as suppressed results. Fingerprints are line-independent
// (the baseline's identity), so a dashboard follows a violation across unrelated edits.
import { createHash } from 'node:crypto';
import { violationKey } from '../baseline.js';
import { RULE_IDS, type CheckResult, type CheckedViolation, type RuleId } from '../types.js';
import { fixHint, type FormatContext } from './hints.js';
import { stringifySafeJson } from '../../shared/safe-text.js';

const RULE_TEXT: Record<RuleId, { name: string; short: string; full: string }> = {
  'depends-on': {
    name: 'ImportOfUndeclaredContext',
    short: 'A file imports a context its own context does not list in dependsOn.',
    full: 'A file of context A may import a file of context B only when B is in A\'s dependsOn (carve.config.json).',
  },
  expose: {
    name: 'ImportOfUnexposedFile',
    short: 'A file imports a file another context does not expose.',
    full: 'Where context B lists expose, files of other contexts may import only those files of B.',
  },
  'data-ownership': {
    name: 'AccessToAnotherContextsData',
    short: 'A file reads or writes an entity another context owns.',
    full: 'Each context owns its data: a file of context A never reads or writes an entity listed under another context\'s entities.',
  },
  unassigned: {
    name: 'FileInNoContext',
    short: 'A file falls in no context.',
    full: 'Every file belongs to a context (default-deny): a new file in no context is a violation until it is placed, excluded or accepted in the baseline.',
  },
};

/** A relative URI for a RepoPath: each segment percent-encoded, '/' kept. */
export function repoPathUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function isFileTarget(violation: CheckedViolation): boolean {
  return !(violation.kind === 'data' && violation.to === violation.table);
}

function result(violation: CheckedViolation, context: FormatContext): Record<string, unknown> {
  const location: Record<string, unknown> = { artifactLocation: { uri: repoPathUri(violation.from), uriBaseId: '%SRCROOT%' } };
  if (violation.line > 0) location.region = { startLine: violation.line };
  const entry: Record<string, unknown> = {
    ruleId: violation.rule,
    ruleIndex: RULE_IDS.indexOf(violation.rule),
    level: violation.severity === 'warn' ? 'warning' : 'error',
    message: { text: `${violation.message}. Fix: ${fixHint(violation, context.config)}` },
    locations: [{ physicalLocation: location }],
    partialFingerprints: { 'carveViolation/v1': createHash('sha1').update(violationKey(violation)).digest('hex') },
    properties: { fromContext: violation.fromContext, toContext: violation.toContext, kind: violation.kind },
  };
  if (isFileTarget(violation) && violation.kind !== 'placement') {
    entry.relatedLocations = [
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: repoPathUri(violation.to), uriBaseId: '%SRCROOT%' } },
        message: { text: violation.kind === 'data' ? `${violation.entity} is defined here (context ${violation.toContext})` : `imported file (context ${violation.toContext})` },
      },
    ];
  }
  if (violation.status === 'baselined') {
    entry.suppressions = [{ kind: 'external', justification: `accepted in ${context.baselineFile}` }];
  }
  return entry;
}

export function formatSarif(checkResult: CheckResult, context: FormatContext): string {
  const document = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'carve',
            version: context.version,
            rules: RULE_IDS.map((id) => ({
              id,
              name: RULE_TEXT[id].name,
              shortDescription: { text: RULE_TEXT[id].short },
              fullDescription: { text: RULE_TEXT[id].full },
              defaultConfiguration: { level: 'error' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The analyzed folder.' } } },
        results: checkResult.violations.map((violation) => result(violation, context)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return stringifySafeJson(document);
}
