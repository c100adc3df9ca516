// An independent answer: the seeded monolith generator (scripts/) records which repository reads and
// writes which table, through TypeORM and raw SQL. Scan + link must find exactly those.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMonolith } from '../../../scripts/generate-monolith.js';
import { accessRows, runProject } from './helpers/project.js';

const dir = mkdtempSync(join(tmpdir(), 'carve-data-access-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generated monolith', () => {
  for (const spec of [
    { files: 400, domains: 6, mixing: 0.2, seed: 3 },
    { files: 300, domains: 4, mixing: 0.4, seed: 11, layered: false, withKernel: false },
  ]) {
    it(`finds exactly the generator's data access (${spec.files} files, seed ${spec.seed})`, () => {
      const generated = generateMonolith(join(dir, `seed-${spec.seed}`), spec);
      const files = Object.fromEntries(generated.files.map((file) => [file, readFileSync(join(generated.root, file), 'utf8')]));
      const run = runProject(files);
      const expected = [...new Set(generated.dataAccess.map((access) => `${access.module} ${access.table} ${access.mode}`))].sort();
      expect(expected.length).toBeGreaterThan(20);
      expect(accessRows(run)).toEqual(expected);
      expect(run.unresolved).toEqual({});
    });
  }
});
