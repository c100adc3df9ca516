/**
 * Writes schema/carve.config.schema.json from the zod schema in src/config (the one Carve validates
 * with), so editors and Carve agree on the config format. test/config/schema-file.test.ts fails when
 * the committed file is stale.
 *
 *   npm run build && node dist/scripts/gen-schema.js
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

runScript(import.meta.url, 'gen-schema', () => {
  process.stdout.write(`wrote ${writeConfigSchema()}\n`);
});
