// A hand-edited, truncated or wrong-shaped analysis.json given to `carve explore`: every field of a real
// analysis, in turn, removed or replaced by a value of another type. Reading it and drawing it (the
// Markdown report of a non-interactive explore, and the interactive screens) either works or stops
// with one CarveError naming the field; never a TypeError reported as "internal error ... report it".
import { describe, expect, it } from 'vitest';
import { parseAnalysisJson } from '../../src/explore/analysis-file.js';
import { buildExploreModel } from '../../src/explore/model/explore-model.js';
import { contextScreen, contextsScreen } from '../../src/explore/model/contexts-screens.js';
import { dataScreen, tableScreen } from '../../src/explore/model/data-screens.js';
import { dependenciesScreen, pairScreen } from '../../src/explore/model/dependency-screens.js';
import { planScreen, stepScreen } from '../../src/explore/model/plan-screens.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { isCarveError } from '../../src/shared/errors.js';
import type { Analysis } from '../../src/shared/analysis.js';
import { runCliInProcess, stderrLines } from '../helpers/run-cli.js';
import { useScratch } from '../helpers/scratch.js';
import { shopAnalysis } from '../explore/analysis-fixture.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const scratch = useScratch('analysis-edits');
const REPLACEMENTS: unknown[] = [undefined, null, 'x', 7, -1, true, [], {}, [1], ['x'], [{}]];

type Path = Array<string | number>;

/** Every field path of `value`, the first two items of each list. */
function fieldPaths(value: unknown, path: Path = []): Path[] {
  const paths: Path[] = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) value.slice(0, 2).forEach((item, i) => paths.push(...fieldPaths(item, [...path, i])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...fieldPaths(item, [...path, key]));
  return paths;
}

function edited(base: unknown, path: Path, replacement: unknown): string {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let owner = copy;
  for (const key of path.slice(0, -1)) owner = owner[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) delete owner[last];
  else owner[last] = replacement;
  return JSON.stringify(copy);
}

/** Everything explore draws from an analysis: the Markdown of a non-interactive run and every screen. */
function drawAll(analysis: Analysis): void {
  renderMarkdown(analysis);
  const model = buildExploreModel(analysis);
  contextsScreen(model);
  dataScreen(model);
  dependenciesScreen(model);
  planScreen(model);
  for (const context of model.analysis.contexts) contextScreen(model, context.id);
  for (const entity of model.analysis.entities) tableScreen(model, entity.id);
  for (const dependency of model.analysis.dependencies.slice(0, 3)) pairScreen(model, dependency.from, dependency.to);
  model.steps.forEach((_, index) => stepScreen(model, index));
}

describe('an edited analysis.json: drawn, or one CarveError naming the field', () => {
  it('every field removed or given another type', () => {
    const base = JSON.parse(JSON.stringify(shopAnalysis())) as unknown;
    const crashes: string[] = [];
    for (const path of fieldPaths(base)) {
      for (const replacement of REPLACEMENTS) {
        try {
          drawAll(parseAnalysisJson(edited(base, path, replacement), 'analysis.json'));
        } catch (error) {
          if (!isCarveError(error)) crashes.push(`${path.join('.')} = ${JSON.stringify(replacement)}: ${(error as Error).message}`);
        }
      }
    }
    expect(crashes).toEqual([]);
  });

  it('a wrong type is named by its field', () => {
    const base = JSON.parse(JSON.stringify(shopAnalysis())) as unknown;
    expect(() => parseAnalysisJson(edited(base, ['summary', 'files'], null), 'a.json')).toThrow(/a\.json .*summary\.files/);
    expect(() => parseAnalysisJson(edited(base, ['sharedKernel'], [1]), 'a.json')).toThrow(/sharedKernel/);
  });

  it('through the CLI: a truncated file and a wrong-typed field are one line, exit 2', async () => {
    const dir = scratch();
    const text = JSON.stringify(shopAnalysis());
    writeFileSync(join(dir, 'truncated.json'), text.slice(0, Math.floor(text.length / 2)));
    writeFileSync(join(dir, 'edited.json'), edited(JSON.parse(text), ['summary', 'files'], null));
    for (const [name, field] of [['truncated.json', /not valid JSON/], ['edited.json', /summary\.files/]] as const) {
      const run = await runCliInProcess(['explore', join(dir, name)]);
      expect(run.exitCode, name).toBe(2);
      expect(stderrLines(run), name).toEqual([expect.stringMatching(field)]);
      expect(run.stderr, name).not.toMatch(/internal error/);
    }
  });
});
