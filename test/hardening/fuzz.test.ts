// Fuzz: the fixtures, mutated by a seeded generator (test/helpers/mutate.ts), run through analyze().
// Every case must finish in bounded time, return an analysis or throw a CarveError (exit 2, and only
// where the user's own config is broken), and name every file it made bad in the diagnostics. A
// handful go through the spawned CLI to prove exit 0 or 2 with no stack trace.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { isCarveError } from '../../src/shared/errors.js';
import { createRandom, deriveSeed } from '../../src/shared/random.js';
import { MUTATOR_NAMES, mutateProject, readProject, writeProject, type Mutation, type Project } from '../helpers/mutate.js';
import { fixturesRoot } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

const SEED = 20261124;
/**
 * Case i starts with mutator i (mod their number), anything stacked on it drawn from the seed: a
 * fixture's 12 cases start with 12 different mutators, and every mutator starts cases in most fixtures.
 * (Twenty cases with every mutator drawn left, by chance, about one mutator in five untried per fixture.)
 */
const CASES_PER_FIXTURE = 12;

function fuzzedFixtures(): string[] {
  const groups = ['imports', 'resolution', 'data-access'];
  const names = groups.flatMap((group) =>
    readdirSync(join(fixturesRoot, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${group}/${entry.name}`),
  );
  return ['shop', ...names.sort()];
}

interface CaseOutcome {
  problems: string[];
  refused: boolean;
}

function runCase(label: string, mutation: Mutation): CaseOutcome {
  const dir = mkdtempSync(join(tmpdir(), 'carve-fuzz-'));
  const problems: string[] = [];
  let refused = false;
  try {
    writeProject(dir, mutation.project);
    try {
      const { analysis } = analyze(dir, mutation.maxFileBytes ? { maxFileBytes: mutation.maxFileBytes } : {});
      const named = new Set(analysis.diagnostics.map((diagnostic) => diagnostic.file));
      const modules = new Set(analysis.modules.map((module) => module.id));
      for (const file of mutation.badFiles) {
        // A mutated tsconfig may leave the file out altogether; it must never be read silently.
        const isRead = modules.has(file);
        if (!named.has(file) && (isRead || !mutation.mayRefuse)) problems.push(`${label}: bad file ${file} not named in diagnostics`);
      }
      JSON.stringify(analysis);
    } catch (error) {
      if (!isCarveError(error)) {
        problems.push(`${label}: crashed: ${(error as Error).stack?.split('\n').slice(0, 4).join(' | ')}`);
      } else {
        refused = true;
        if (!mutation.mayRefuse) problems.push(`${label}: refused with '${error.message}' though only code was mutated`);
        if (error.message.includes('\n')) problems.push(`${label}: CarveError message spans lines`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { problems, refused };
}

/** The fixture's own files and the modules its clean analysis reads (the files a mutation may break). */
function loadFixture(fixture: string): { project: Project; modules: string[] } {
  const dir = join(fixturesRoot, fixture);
  return { project: readProject(dir), modules: analyze(dir).analysis.modules.map((module) => module.id) };
}

function caseMutation(fixture: { project: Project; modules: string[] }, index: number): Mutation {
  return mutateProject(fixture.project, createRandom(deriveSeed(SEED, index)), fixture.modules, MUTATOR_NAMES[index % MUTATOR_NAMES.length]);
}

const fixtures = fuzzedFixtures();

describe('fuzzed fixtures through analyze()', () => {
  let total = 0;
  fixtures.forEach((fixture, fixtureIndex) => {
    it(`${fixture}: ${CASES_PER_FIXTURE} mutated cases end in an analysis or a CarveError, bad files named`, () => {
      const loaded = loadFixture(fixture);
      const problems: string[] = [];
      for (let i = 0; i < CASES_PER_FIXTURE; i++) {
        const index = fixtureIndex * CASES_PER_FIXTURE + i;
        const mutation = caseMutation(loaded, index);
        problems.push(...runCase(`#${index} ${fixture} [${mutation.name}]`, mutation).problems);
        total++;
      }
      expect(problems).toEqual([]);
    });
  });

  it('ran at least 300 cases', () => {
    expect(total).toBeGreaterThanOrEqual(300);
    expect(fixtures.length * CASES_PER_FIXTURE).toBeGreaterThanOrEqual(300);
  });
});

describe('fuzzed fixtures through the spawned CLI', () => {
  const picks = [0, 7, 41, 99, 203, 333];
  it.each(picks)('case #%i exits 0 or 2 within its time bound, errors on one line, no stack trace', async (index) => {
    const fixture = fixtures[Math.floor(index / CASES_PER_FIXTURE) % fixtures.length]!;
    const mutation = caseMutation(loadFixture(fixture), index);
    const dir = mkdtempSync(join(tmpdir(), 'carve-fuzz-cli-'));
    try {
      writeProject(dir, mutation.project);
      const args = ['analyze', join(dir), '--out', join(dir, '.carve-out'), '--no-cache', '--quiet'];
      if (mutation.maxFileBytes) args.push('--max-file-size', String(mutation.maxFileBytes));
      const run = await runCli(args, { timeoutMs: 30_000 });
      expect(run.isTimedOut, mutation.name).toBe(false);
      expect([0, 2], `${mutation.name}: ${run.stderr}`).toContain(run.exitCode);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^carve: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
