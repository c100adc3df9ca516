// Config validation must stay near-linear in the number of globs: testing every glob's stand-in path
// against every other glob took 12-18 s at 8k globs and over 300 s at 20k. The work is counted, not
// timed: picomatch is wrapped so each glob tried on a path is counted, and a test past the budget throws, so the
// quadratic version fails in a moment instead of running for minutes. Counted, the size is not the
// point: 2k and 5k globs tell linear (2.5x the tests) from quadratic (6.25x, and 50x the budget) as
// well as 8k and 20k did, at a quarter of the work.
import { describe, expect, it, vi } from 'vitest';

const counter = vi.hoisted(() => ({ tests: 0, budget: Infinity }));

vi.mock('picomatch', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof import('picomatch') }).default;
  const counting = ((...args: Parameters<typeof real>) => {
    const test = real(...args);
    // A matcher of n globs tries each of them on a miss: n tests.
    const cost = Array.isArray(args[0]) ? args[0].length : 1;
    return (path: string) => {
      counter.tests += cost;
      if (counter.tests > counter.budget) throw new Error(`over budget: more than ${counter.budget} glob tests`);
      return test(path);
    };
  }) as unknown as typeof real;
  return { default: Object.assign(counting, real) };
});

const { contextOfFile, parseConfig } = await import('../../src/config/index.js');

type Shape = 'one context' | 'a context per glob' | 'a hundred contexts';

/** `globs` folder and name globs (`src/d1/**`, `src/e2/*.ts`), each with a file of its own, spread per shape. */
function configText(globs: number, shape: Shape, withExpose: boolean): string {
  const perContext = shape === 'one context' ? globs : shape === 'a context per glob' ? 1 : Math.ceil(globs / 100);
  const contexts: Record<string, { paths: string[]; expose?: string[] }> = {};
  for (let i = 0; i < globs; i++) {
    const context = (contexts[`c${Math.floor(i / perContext)}`] ??= { paths: [] });
    context.paths.push(i % 2 === 0 ? `src/d${i}/**` : `src/e${i}/*.ts`);
    if (withExpose) (context.expose ??= []).push(i % 2 === 0 ? `src/d${i}/index.ts` : `src/e${i}/api.ts`);
  }
  return JSON.stringify({ contexts });
}

/** Glob tests to validate the config, or to place one file per glob with contextOfFile. */
function testsFor(globs: number, shape: Shape, step: 'validate' | 'place'): number {
  const budget = 40 * globs;
  // Placing files needs no validation first: the config as parsed JSON is enough.
  const config = JSON.parse(configText(globs, shape, false)) as Parameters<typeof contextOfFile>[0];
  counter.tests = 0;
  counter.budget = budget;
  try {
    if (step === 'validate') parseConfig(configText(globs, shape, true));
    else for (let i = 0; i < globs; i++) contextOfFile(config, i % 2 === 0 ? `src/d${i}/x/y.ts` : `src/e${i}/z.ts`);
    return counter.tests;
  } finally {
    counter.budget = Infinity;
  }
}

describe('config globs at scale', () => {
  for (const shape of ['one context', 'a context per glob', 'a hundred contexts'] as const) {
    for (const step of ['validate', 'place'] as const) {
      it(`${step}: 2k and 5k globs in ${shape}, glob tests linear in the glob count`, () => {
        const small = testsFor(2000, shape, step);
        const large = testsFor(5000, shape, step);
        // 2.5x the globs: at most 3x the tests (quadratic would be 6.25x).
        expect(large).toBeLessThanOrEqual(3 * Math.max(small, 1));
      });
    }
  }

  it('still finds an overlap and a stray expose among 5k globs', () => {
    counter.tests = 0;
    counter.budget = 40 * 5000;
    const contexts: Record<string, { paths: string[]; expose?: string[] }> = {};
    for (let i = 0; i < 5000; i++) contexts[`c${i}`] = { paths: [`src/d${i}/**`] };
    contexts.c4999 = { paths: ['src/d4999/**', 'src/d7/deep/**'] };
    expect(() => parseConfig(JSON.stringify({ contexts }))).toThrow(/contexts\.c4999\.paths\[1\]: 'src\/d7\/deep\/\*\*' overlaps contexts\.c7\.paths\[0\] 'src\/d7\/\*\*'/);
    contexts.c4999 = { paths: ['src/d4999/**'], expose: ['src/d3/index.ts'] };
    expect(() => parseConfig(JSON.stringify({ contexts }))).toThrow(/contexts\.c4999\.expose\[0\]: 'src\/d3\/index\.ts' is outside context 'c4999'/);
    counter.budget = Infinity;
  });
});
