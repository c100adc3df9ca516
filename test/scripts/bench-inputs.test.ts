// The bench's input of files that barely import each other (issue 12 #8): mostly isolated files, a few
// pairs and a few chained folders, the same bytes every time, selectable with --only.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_NAMES, writeIsolatedProject } from '../../scripts/lib/bench-inputs.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('bench-inputs');

describe('the isolated-files bench input', () => {
  it('is one of the generated inputs --only accepts', () => {
    expect(GENERATED_NAMES).toContain('generated-isolated-10k');
  });

  it('writes files of which most import nothing, deterministically', () => {
    const dir = scratch();
    const edges = writeIsolatedProject(dir, 1000);
    const files = readdirSync(join(dir, 'src'), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts')).sort();
    expect(files).toHaveLength(1000);
    const importing = files.filter((path) => readFileSync(join(dir, 'src', path), 'utf8').includes('import '));
    expect(importing).toHaveLength(edges);
    expect(edges).toBeLessThan(1000 * 0.25);
    expect(edges).toBeGreaterThan(0);
    const again = scratch();
    writeIsolatedProject(again, 1000);
    for (const path of files) expect(readFileSync(join(again, 'src', path), 'utf8')).toBe(readFileSync(join(dir, 'src', path), 'utf8'));
  });
});
