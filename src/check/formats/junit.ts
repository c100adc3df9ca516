// `--format junit`: JUnit XML for CI test dashboards. One suite per context; each failure is a failed
// test case, each baselined violation a skipped one, and a context with no failure has one passing case
// so dashboards count it. Text is XML-escaped, and characters XML 1.0 cannot hold are replaced.
import type { CheckResult, CheckedViolation } from '../types.js';
import { compareStrings } from '../../shared/sort.js';
import { fixHint, type FormatContext } from './hints.js';

// Everything outside XML 1.0's Char production (controls, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function testCase(violation: CheckedViolation, context: FormatContext): string {
  const name = escapeXml(`${violation.from}:${violation.line} -> ${violation.kind === 'data' ? `${violation.entity} (${violation.mode})` : violation.to} [${violation.rule}]`);
  const open = `    <testcase classname="${escapeXml(`carve.${violation.fromContext}`)}" name="${name}" file="${escapeXml(violation.from)}" line="${violation.line}">`;
  if (violation.status === 'baselined') {
    return `${open}\n      <skipped message="${escapeXml(`accepted in ${context.baselineFile}`)}"/>\n    </testcase>`;
  }
  // A warning passes: JUnit has no warning state, so the message goes to the case's output.
  if (violation.severity === 'warn') {
    return `${open}\n      <system-out>${escapeXml(`warning: ${violation.message}\nfix: ${fixHint(violation, context.config)}`)}</system-out>\n    </testcase>`;
  }
  const body = escapeXml(`${violation.message}\nfix: ${fixHint(violation, context.config)}`);
  return `${open}\n      <failure type="${escapeXml(violation.rule)}" message="${escapeXml(violation.message)}">${body}</failure>\n    </testcase>`;
}

export function formatJunit(result: CheckResult, context: FormatContext): string {
  const byContext = new Map<string, CheckedViolation[]>(Object.keys(context.config.contexts).sort(compareStrings).map((name) => [name, []]));
  for (const violation of result.violations) {
    // Files in no context get a suite of their own, after the contexts.
    if (!byContext.has(violation.fromContext)) byContext.set(violation.fromContext, []);
    byContext.get(violation.fromContext)!.push(violation);
  }

  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const [name, violations] of byContext) {
    const suiteFailures = violations.filter((violation) => violation.status === 'new' && violation.severity === 'error').length;
    const suiteSkipped = violations.filter((violation) => violation.status === 'baselined').length;
    const cases = violations.map((violation) => testCase(violation, context));
    if (suiteFailures === 0) cases.push(`    <testcase classname="${escapeXml(`carve.${name}`)}" name="${escapeXml(`${name} keeps to its boundaries`)}"/>`);
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="carve check" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
