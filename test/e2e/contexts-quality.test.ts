// Context quality through the real pipeline: the built CLI (`carve analyze --compare`, its main run in
// this process: the result is what counts, not the process) on
// fixtures/shop and on generated layered monoliths (1,000 files, 12 hidden domains, opaque names, the
// generator's default density of 2.6 domain imports per file, measured on real back-ends), with plain
// single-run Louvain on the unweighted import graph of the same extraction measured side by side. The
// floors sit a little under what was measured (docs/decisions/contexts.md): a regression shows here
// first. Issue 4's absolute targets (NMI >= 0.95 at mixing 0.2, >= 0.85 at 0.3) are not asserted: at
// this density they do not hold, and cannot, since the block-model oracle itself stays under them
// (0.94 and 0.87); its gain target (+0.15 over plain Louvain at mixing 0.3) is, with room.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonolith } from '../../scripts/generate-monolith.js';
import { blockModelOracle } from '../../scripts/lib/block-model-oracle.js';
import { plainLouvain } from '../../src/contexts/baseline.js';
import { normalizedMutualInformation } from '../../src/contexts/compare.js';
import { extract, loadProjectLayout } from '../../src/extract/index.js';
import { buildGraph } from '../../src/graph/index.js';
import type { Comparison } from '../../src/analysis/compare-with.js';
import type { Analysis } from '../../src/shared/analysis.js';
import { builtCliEntry, isCliBuilt, repoRoot, runCliInProcess } from '../helpers/run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'carve-e2e-contexts-'));

beforeAll(() => {
  if (!isCliBuilt()) throw new Error(`${builtCliEntry} is missing: run \`npm run build\` before the e2e tests`);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ShopExpected {
  contexts: Record<string, string>;
  sharedKernel: string[];
  wiring: string[];
  godModules: string[];
}

async function analyzeWithCli(dir: string, compare: string, out: string): Promise<Analysis> {
  const run = await runCliInProcess(['analyze', dir, '--out', out, '--no-cache', '--compare', compare]);
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as Analysis;
}

function comparisonOf(analysis: Analysis): Comparison {
  const comparison = analysis.metrics.comparison as Comparison | undefined;
  if (comparison === undefined) throw new Error('analysis.json has no metrics.comparison');
  return comparison;
}

function membershipOf(analysis: Analysis): Record<string, string> {
  return Object.fromEntries(analysis.contexts.flatMap((context) => context.modules.map((module) => [module, context.id])));
}

/** NMI over every file of the answer: one the proposal leaves in no context counts as a group of one. */
function scoreAgainst(partition: Record<string, string>, truth: Record<string, string>): number {
  const proposal: Record<string, string> = {};
  for (const file of Object.keys(truth)) proposal[file] = partition[file] ?? `none:${file}`;
  return normalizedMutualInformation(proposal, truth);
}

describe('contexts on fixtures/shop, through the CLI', () => {
  const expected = JSON.parse(readFileSync(join(repoRoot, 'fixtures/shop/expected.json'), 'utf8')) as ShopExpected;
  let analysis: Analysis;
  beforeAll(async () => {
    analysis = await analyzeWithCli(join(repoRoot, 'fixtures/shop'), join(repoRoot, 'fixtures/shop/expected.json'), join(scratch, 'shop'));
  });

  it('matches the hand-written answer with NMI >= 0.9 (0.913 measured, seed 1)', () => {
    const comparison = comparisonOf(analysis);
    // One file of the answer's contexts is set aside as platform (reporting/report-types.ts, imported
    // from 8 name stems): scored as a miss below, so nothing dropped can look better.
    const setAside = Object.keys(expected.contexts).filter((file) => (analysis.platform ?? []).includes(file));
    expect(setAside).toEqual(['src/reporting/report-types.ts']);
    expect(comparison.common).toBe(Object.keys(expected.contexts).length - setAside.length);
    expect(comparison.nmi).toBeGreaterThanOrEqual(0.9);
    expect(scoreAgainst(membershipOf(analysis), expected.contexts)).toBeGreaterThanOrEqual(0.9);
  });

  it('calls out the god service and a shared kernel that is all kernel', () => {
    expect(analysis.godModules).toEqual(expect.arrayContaining(expected.godModules));
    expect(analysis.sharedKernel).toEqual(
      expect.arrayContaining(['src/shared/config.ts', 'src/shared/errors.ts', 'src/shared/logger.ts', 'src/shared/money.ts', 'src/shared/clock.ts']),
    );
    for (const file of analysis.sharedKernel) expect(expected.sharedKernel).toContain(file);
  });

  it('leaves the wiring (entry file, express app, scheduler) out of every context', () => {
    const membership = membershipOf(analysis);
    for (const file of ['src/main.ts', 'src/app.ts', 'src/jobs/scheduler.ts']) expect(membership[file]).toBeUndefined();
  });
});

describe('contexts on generated layered monoliths, through the CLI', () => {
  // Seed 1 of the generator at its default density; measured: mixing 0.2 Carve 0.903 / plain 0.605 /
  // oracle 0.945, 0.3 Carve 0.771 / plain 0.335 / oracle 0.879.
  const cases = [
    { mixing: 0.2, floor: 0.88, gain: 0.25 },
    { mixing: 0.3, floor: 0.74, gain: 0.35 },
  ];
  for (const { mixing, floor, gain } of cases) {
    it(`mixing ${mixing}: NMI >= ${floor}, and well above plain Louvain on the same extraction`, async () => {
      const dir = join(scratch, `monolith-${mixing}`);
      const monolith = generateMonolith(dir, { files: 1000, domains: 12, mixing, seed: 1 });
      const truthFile = join(scratch, `truth-${mixing}.json`);
      writeFileSync(truthFile, JSON.stringify(monolith.truth));
      const analysis = await analyzeWithCli(dir, truthFile, join(scratch, `out-${mixing}`));
      const carve = scoreAgainst(membershipOf(analysis), monolith.truth);

      const graph = buildGraph(extract(loadProjectLayout(dir, {})));
      const plain = scoreAgainst(plainLouvain(graph, 1), monolith.truth);
      const oracle = blockModelOracle(monolith);
      console.log(
        `mixing ${mixing}: carve ${carve.toFixed(3)} (CLI --compare ${comparisonOf(analysis).nmi.toFixed(3)}), plain ${plain.toFixed(3)}, oracle ${oracle.toFixed(3)}`,
      );

      expect(carve).toBeGreaterThanOrEqual(floor);
      // The gain target is 0.15 at mixing 0.3; these bounds sit under what was measured.
      expect(carve - plain).toBeGreaterThanOrEqual(gain);
      // The generator's entry file wires every controller and handler: in no context.
      expect(membershipOf(analysis)['src/main.ts']).toBeUndefined();
      expect(analysis.sharedKernel).toEqual(expect.arrayContaining(monolith.kernel));
    }, 60_000);
  }
});
