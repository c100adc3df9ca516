import { describe, expect, it } from 'vitest';
import { parseAnalysisJson } from '../../src/explore/analysis-file.js';
import { isCarveError } from '../../src/shared/errors.js';
import { shopAnalysis } from './analysis-fixture.js';

function failure(text: string): string {
  try {
    parseAnalysisJson(text, 'analysis.json');
  } catch (error) {
    if (!isCarveError(error)) throw error;
    return error.message;
  }
  throw new Error('expected a CarveError');
}

describe('reading a saved analysis.json', () => {
  it('reads what carve analyze writes, unchanged', () => {
    const analysis = shopAnalysis();
    expect(parseAnalysisJson(JSON.stringify(analysis), 'a.json')).toEqual(analysis);
  });

  it('keeps a context readiness, and leaves it absent where an older Carve wrote none', () => {
    const parsed = parseAnalysisJson(JSON.stringify(shopAnalysis()), 'a.json');
    expect(parsed.contexts.find((context) => context.id === 'orders')?.readiness?.level).toBe('extract-now');
    expect(parsed.contexts.find((context) => context.id === 'payments')).not.toHaveProperty('readiness');
  });

  it('fills the lists a young stage has not written yet', () => {
    const { contexts: _c, entities: _e, dataAccess: _d, plan: _p, summary: _s, ...rest } = shopAnalysis();
    const parsed = parseAnalysisJson(JSON.stringify(rest), 'a.json');
    expect(parsed.contexts).toEqual([]);
    expect(parsed.dataAccess).toEqual([]);
    expect(parsed.plan).toEqual({ steps: [] });
    expect(parsed.summary.files).toBe(rest.modules.length);
  });

  it.each([
    ['not JSON', 'not json', /^analysis\.json is not valid JSON/],
    ['an array', '[]', /no schemaVersion/],
    ['no schemaVersion', '{"modules": []}', /no schemaVersion/],
    ['another schemaVersion', '{"schemaVersion": 2}', /has schemaVersion 2; this carve reads schemaVersion 1/],
    ['a string schemaVersion', '{"schemaVersion": "1"}', /has schemaVersion "1"/],
    ['no modules', '{"schemaVersion": 1, "dependencies": []}', /at modules,/],
    ['a bad dependency', '{"schemaVersion": 1, "modules": [], "dependencies": [{"from": "a"}]}', /at dependencies\.0\.to,/],
    ['a string weight', '{"schemaVersion": 1, "modules": [], "dependencies": [{"from": "a", "to": "b", "kind": "import", "weight": "3"}]}', /at dependencies\.0\.weight, expected a number/],
    ['a module that is not an object', '{"schemaVersion": 1, "modules": [3], "dependencies": []}', /at modules\.0, expected an object/],
    ['a context without an id', '{"schemaVersion": 1, "modules": [], "dependencies": [], "contexts": [{"modules": []}]}', /at contexts\.0\.id,/],
    ['a location without a line', '{"schemaVersion": 1, "modules": [], "dependencies": [{"from": "a", "to": "b", "kind": "import", "weight": 1, "locations": [{}]}]}', /at dependencies\.0\.locations\.0\.line,/],
    ['plan steps that are not a list', '{"schemaVersion": 1, "modules": [], "dependencies": [], "plan": {"steps": 3}}', /at plan\.steps, expected a list/],
    ['a readiness level that is not a string', '{"schemaVersion": 1, "modules": [], "dependencies": [], "contexts": [{"id": "a", "readiness": {"level": 3, "reasons": []}}]}', /at contexts\.0\.readiness\.level, expected a string/],
    ['readiness reasons that are not strings', '{"schemaVersion": 1, "modules": [], "dependencies": [], "contexts": [{"id": "a", "readiness": {"level": "entangled", "reasons": [3]}}]}', /at contexts\.0\.readiness\.reasons\.0, expected a string/],
    ['a bad access mode', '{"schemaVersion": 1, "modules": [], "dependencies": [], "dataAccess": [{"module": "a", "entity": "E", "mode": "delete"}]}', /at dataAccess\.0\.mode,/],
  ])('refuses %s with one clear message', (_name, text, message) => {
    const error = failure(text);
    expect(error).toMatch(message);
    expect(error).not.toContain('\n');
  });
});
