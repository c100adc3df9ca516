// Test files are recognised by what they are, not by a folder word that is also a normal source word
// (an OpenAPI `spec/` folder, a `test/` folder of helpers that source imports). By name: *.spec.ts,
// *.test.ts, *.e2e-spec.ts ..., and the test-only folders __tests__/, __mocks__/, e2e/, playwright/
// (the layout, before any file is read). By content: a file that imports a test runner or declares
// tests with the global describe/it/test (FileFacts.isTest, from the parse). And test support: a
// file in a test-word folder (test/, spec/, fixtures/ ...) that no source file reaches, in a folder
// that holds tests (test files by name are never read, so their imports are not known: the folder
// they share with the helper stands in). This module is compiler-free: a fully cached run applies it
// to cached facts.
import type { FileFacts, ImportFact, RepoPath } from '../../shared/facts.js';

const TEST_FOLDERS = new Set(['__tests__', '__mocks__', 'e2e', 'playwright']);
const TEST_FILE = /\.(spec|test|e2e-spec|e2e|stories|bench)\.(ts|tsx|mts|cts)$/;
// Words that name test folders but also real source (src/lib/openapi/spec/): their files are tests
// only when tests alone reach them.
const TEST_WORD_FOLDERS = new Set(['test', 'tests', 'spec', 'specs', 'testing', '__fixtures__', 'fixtures', 'mocks', 'test-utils', 'test-helpers']);
/** Packages whose import makes a file a test (or test tooling such as vitest.config.ts). */
const TEST_RUNNERS = new Set(['vitest', 'jest', '@jest/globals', 'mocha', '@playwright/test', 'ava', 'node:test', 'uvu', 'tap']);

/** A test by its path alone: `segments` is the RepoPath split on '/'. */
export function isTestByName(segments: readonly string[]): boolean {
  for (let i = 0; i < segments.length - 1; i++) if (TEST_FOLDERS.has(segments[i]!)) return true;
  return TEST_FILE.test(segments[segments.length - 1] ?? '');
}

export function importsTestRunner(imports: readonly Pick<ImportFact, 'external'>[]): boolean {
  return imports.some((fact) => fact.external !== null && TEST_RUNNERS.has(fact.external));
}

/** The outermost test-word folder a path lies in ('test' for test/helpers/db.ts), or null. */
export function testWordFolderOf(path: RepoPath): RepoPath | null {
  const segments = path.split('/');
  for (let i = 0; i < segments.length - 1; i++) if (TEST_WORD_FOLDERS.has(segments[i]!)) return segments.slice(0, i + 1).join('/');
  return null;
}

/**
 * The files that are tests by content, plus test support: a file in a test-word folder that no
 * source file reaches (directly or through other such files) and that tests reach or that shares its
 * test-word folder with tests (`foldersWithTests`: those of the tests by name). One that source
 * imports stays source, and so does one in a folder without tests (an OpenAPI spec/ folder read at
 * run time). Empty with --include-tests.
 */
export function testFilesByContent(files: readonly FileFacts[], includeTests: boolean, foldersWithTests: readonly RepoPath[] = []): Set<RepoPath> {
  const tests = new Set<RepoPath>();
  if (includeTests) return tests;
  for (const facts of files) if (facts.isTest) tests.add(facts.path);
  const supportCandidates = new Set(files.filter((facts) => !tests.has(facts.path) && testWordFolderOf(facts.path) !== null).map((facts) => facts.path));
  if (supportCandidates.size === 0) return tests;
  const byPath = new Map(files.map((facts) => [facts.path, facts]));
  /** The support candidates reachable from `starts`, following imports through candidates only. */
  const reach = (starts: Iterable<FileFacts>): Set<RepoPath> => {
    const reached = new Set<RepoPath>();
    const pending = [...starts];
    while (pending.length > 0) {
      const facts = pending.pop()!;
      for (const fact of facts.imports) {
        const target = fact.resolved;
        if (target === null || reached.has(target) || !supportCandidates.has(target)) continue;
        reached.add(target);
        const next = byPath.get(target);
        if (next) pending.push(next);
      }
    }
    return reached;
  };
  const fromSource = reach(files.filter((facts) => !tests.has(facts.path) && !supportCandidates.has(facts.path)));
  const fromTests = reach(files.filter((facts) => tests.has(facts.path)));
  const withTests = new Set(foldersWithTests);
  for (const path of tests) {
    const folder = testWordFolderOf(path);
    if (folder !== null) withTests.add(folder);
  }
  for (const path of supportCandidates) {
    if (fromSource.has(path)) continue;
    if (fromTests.has(path) || withTests.has(testWordFolderOf(path)!)) tests.add(path);
  }
  return tests;
}
