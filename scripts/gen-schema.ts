/**
 * Writes schema/carve.config.schema.json from the zod schema in src/config (the one Carve validates
 * with), so editors and Carve agree on the config format, and schema/analysis.schema.json from the
 * Analysis type (src/shared/analysis.ts, with its doc comments as descriptions), so users' tools read
 * analysis.json against what Carve writes. test/config/schema-file.test.ts and
 * test/report/analysis-schema.test.ts fail when a committed file is stale.
 *
 *   npm run build && node dist/scripts/gen-schema.js
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { renderConfigJsonSchema } from '../src/config/index.js';
import { runScript } from './lib/script-entry.js';

/** The repository root, from scripts/ or dist/scripts/. */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join('dist', 'scripts')) ? resolve(here, '..', '..') : resolve(here, '..');
}

export const CONFIG_SCHEMA_FILE = join('schema', 'carve.config.schema.json');

export function writeConfigSchema(root: string = repoRoot()): string {
  const target = join(root, CONFIG_SCHEMA_FILE);
  writeFileSync(target, renderConfigJsonSchema());
  return target;
}

export const ANALYSIS_SCHEMA_FILE = join('schema', 'analysis.schema.json');

/**
 * The JSON schema of analysis.json as text, generated from the TypeScript type. Extra properties are
 * allowed: the contract grows (DESIGN.md), and a reader of an older schema must accept newer files.
 */
export function renderAnalysisSchema(root: string = repoRoot()): string {
  const generated = createGenerator({
    path: join(root, 'src', 'shared', 'analysis.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: 'Analysis',
    skipTypeCheck: true,
    additionalProperties: true,
    sortProps: true,
  }).createSchema('Analysis');
  const { $schema, ...rest } = generated as Record<string, unknown>;
  return `${JSON.stringify({ $schema, title: 'analysis.json', ...rest }, null, 2)}\n`;
}

export function writeAnalysisSchema(root: string = repoRoot()): string {
  const target = join(root, ANALYSIS_SCHEMA_FILE);
  writeFileSync(target, renderAnalysisSchema(root));
  return target;
}

runScript(import.meta.url, 'gen-schema', () => {
  process.stdout.write(`wrote ${writeConfigSchema()}\nwrote ${writeAnalysisSchema()}\n`);
});
