// schema/analysis.schema.json: generated from the Analysis type, fresh, and every analysis.json Carve
// writes (the committed reports of the fixtures) validates against it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_SCHEMA_FILE, renderAnalysisSchema } from '../../scripts/gen-schema.js';
import { analysisSchemaUrl } from '../../src/shared/analysis.js';
import { carveVersion } from '../../src/shared/version.js';
import { validateJsonSchema } from '../check/helpers/json-schema.js';
import { repoRoot } from '../helpers/run-cli.js';

const committed = readFileSync(join(repoRoot, ANALYSIS_SCHEMA_FILE), 'utf8');
const schema = JSON.parse(committed) as Record<string, unknown>;

function analysisFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return analysisFiles(path);
    return name === 'analysis.json' ? [path] : [];
  });
}

describe('analysis.schema.json', () => {
  it('is fresh (regenerate: npm run schema)', () => {
    expect(committed).toBe(renderAnalysisSchema(repoRoot));
  }, 60_000);

  it('validates every committed analysis.json, each of which names it', () => {
    const files = analysisFiles(join(repoRoot, 'reports'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const analysis = JSON.parse(readFileSync(file, 'utf8')) as { $schema?: string };
      expect(validateJsonSchema(schema, analysis), file).toEqual([]);
      expect(analysis.$schema, file).toBe(analysisSchemaUrl(carveVersion()));
    }
  });

  it('rejects an analysis.json whose fields have the wrong shape', () => {
    const [file] = analysisFiles(join(repoRoot, 'reports'));
    const analysis = JSON.parse(readFileSync(file!, 'utf8')) as { modules: { loc: unknown }[] };
    analysis.modules[0]!.loc = 'many';
    expect(validateJsonSchema(schema, analysis).join('\n')).toMatch(/modules\[0\]\.loc|loc/);
  });
});
