// Tests by what they are: by name and test-only folders, by a test runner's import or global
// describe/it at the top level, and test support (a helper in a test-word folder only tests reach).
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/extract/file-facts.js';
import { declaresGlobalTests } from '../../src/extract/files/declares-tests.js';
import { isTestByName, testFilesByContent } from '../../src/extract/files/test-files.js';
import type { FileFacts } from '../../src/shared/facts.js';
import { fileFacts } from '../helpers/file-facts.js';

const byName = (path: string): boolean => isTestByName(path.split('/'));

function facts(path: string, imports: string[], isTest = false): FileFacts {
  return fileFacts(path, {
    imports: imports.map((resolved, line) => ({ specifier: resolved, kind: 'import', line, resolved, external: null, isUnresolved: false, bindings: [] })),
    ...(isTest ? { isTest: true as const } : {}),
  });
}

describe('tests by name', () => {
  it('takes test file names and test-only folders, not spec/, test/ or tests/ by themselves', () => {
    expect(['a.spec.ts', 'src/a.test.tsx', 'x/a.e2e-spec.ts', 'src/__tests__/a.ts', 'src/__mocks__/a.ts', 'e2e/a.ts', 'playwright/a.ts'].filter(byName)).toHaveLength(7);
    expect(['src/lib/openapi/spec/order.ts', 'test/helpers/db.ts', 'tests/util.ts', 'src/specs.ts', 'src/testing.ts'].filter(byName)).toEqual([]);
  });
});

describe('tests by content', () => {
  it('a top-level describe/it/test that the file does not declare', () => {
    expect(declaresGlobalTests(parseSource('a.ts', "describe('x', () => { it('y', () => {}); });"))).toBe(true);
    expect(declaresGlobalTests(parseSource('a.ts', "test.each([1])('x %s', () => {});"))).toBe(true);
    expect(declaresGlobalTests(parseSource('a.ts', 'function test(): void {}\ntest();'))).toBe(false);
    expect(declaresGlobalTests(parseSource('a.ts', "import { it } from './iterate';\nit();"))).toBe(false);
    expect(declaresGlobalTests(parseSource('a.ts', 'export function run() { describe(); }'))).toBe(false);
  });

  it('test support: in a test-word folder, reached by tests or beside them, never by source', () => {
    const files = [
      facts('src/main.ts', ['test/fakes/clock.ts', 'src/lib/spec/index.ts']),
      facts('src/lib/spec/index.ts', []),
      facts('test/fakes/clock.ts', []),
      facts('test/helpers/db.ts', ['test/helpers/cycle.ts']),
      facts('test/helpers/cycle.ts', ['test/helpers/db.ts']),
      facts('tests/runner.ts', ['tests/support/a.ts'], true),
      facts('tests/support/a.ts', []),
      facts('fixtures/orphan.ts', []),
    ];
    // Tests by name in test/ (never read) make its unreached helpers test support.
    const tests = testFilesByContent(files, false, ['test']);
    expect([...tests].sort()).toEqual(['test/helpers/cycle.ts', 'test/helpers/db.ts', 'tests/runner.ts', 'tests/support/a.ts']);
    expect(testFilesByContent(files, true, ['test']).size).toBe(0);
  });
});
