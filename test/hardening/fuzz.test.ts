// Fuzz: the fixtures, mutated by a seeded generator (test/helpers/mutate.ts), run through analyze().
// Every case must finish in bounded time, return an analysis or throw a CarveError (exit 2, and only
// where the user's own config is broken), and name every file it made bad in the diagnostics. Three
// go through the spawned CLI to prove exit 0 or 2 with no stack trace.
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
 * Case i starts with mutator i (mod their number, 15), anything stacked on it drawn from the seed: a
 * fixture's 5 cases start with 5 different mutators, each three fixtures in a row start with all 15,
 * and every mutator starts cases in 10 or 11 of the 31 fixtures (155 cases). (Twenty cases with every
 * mutator drawn left, by chance, about one mutator in five untried per fixture; 12 per fixture, 372
 * cases, tried 12 of the 15 on every fixture at two and a half times the cost.)
 */
const CASES_PER_FIXTURE = 5;

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

  it('ran at least 150 cases, and started each mutator on at least ten fixtures', () => {
    expect(total).toBeGreaterThanOrEqual(150);
    expect(fixtures.length * CASES_PER_FIXTURE).toBeGreaterThanOrEqual(150);
    const startedOn = new Map<string, Set<number>>();
    for (let index = 0; index < fixtures.length * CASES_PER_FIXTURE; index++) {
      const name = MUTATOR_NAMES[index % MUTATOR_NAMES.length]!;
      startedOn.set(name, (startedOn.get(name) ?? new Set()).add(Math.floor(index / CASES_PER_FIXTURE)));
    }
    expect(startedOn.size).toBe(MUTATOR_NAMES.length);
    for (const [name, fixtureIndexes] of startedOn) expect(fixtureIndexes.size, name).toBeGreaterThanOrEqual(10);
  });
});

describe('fuzzed fixtures through the spawned CLI', () => {
  // Cases of three kinds: a broken tsconfig (may refuse: exit 2), a file over the size limit given on
  // the command line, random bytes in a source file (exit 0), on the shop and two other fixtures.
  const picks = [2, 69, 145];
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
