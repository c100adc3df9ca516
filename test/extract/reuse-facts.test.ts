// Facts of one tree reused for another (check --base): a file's facts are taken only when its content
// hash is the same and every specifier resolves to the same answer in the tree being read; otherwise
// the file is parsed. Reused or parsed, the facts are those a plain read gives.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFactsReuse, factsDonor, loadProjectLayout, readFacts } from '../../src/extract/index.js';
import { isReusable, type ResolveHere } from '../../src/extract/reuse-facts.js';
import type { ImportFact } from '../../src/shared/facts.js';
import { fileFacts } from '../helpers/file-facts.js';
import { useScratch, writeFiles } from '../helpers/scratch.js';

const scratch = useScratch('reuse-facts');

function importOf(specifier: string, resolution: Pick<ImportFact, 'resolved' | 'external' | 'isUnresolved'>): ImportFact {
  return { specifier, kind: 'import', line: 1, bindings: [], ...resolution };
}

describe('isReusable', () => {
  const facts = fileFacts('src/a.ts', {
    hash: 'h1',
    imports: [importOf('./b', { resolved: 'src/b.ts', external: null, isUnresolved: false }), importOf('lodash', { resolved: null, external: 'lodash', isUnresolved: false })],
  });
  const sameHere: ResolveHere = (specifier) => (specifier === './b' ? { resolved: 'src/b.ts', external: null, isUnresolved: false } : { resolved: null, external: 'lodash', isUnresolved: false });

  it('takes facts with the same hash whose every import resolves the same', () => {
    expect(isReusable(facts, 'h1', sameHere)).toBe(true);
  });

  it('refuses other content', () => {
    expect(isReusable(facts, 'h2', sameHere)).toBe(false);
  });

  it('refuses when one import resolves elsewhere, to nothing, or to a package', () => {
    const differing: Pick<ImportFact, 'resolved' | 'external' | 'isUnresolved'>[] = [
      { resolved: 'src/b/index.ts', external: null, isUnresolved: false },
      { resolved: null, external: null, isUnresolved: true },
      { resolved: null, external: './b', isUnresolved: false },
    ];
    for (const resolution of differing) {
      expect(isReusable(facts, 'h1', (specifier) => (specifier === './b' ? resolution : sameHere(specifier)))).toBe(false);
    }
  });
});

describe('readFacts with another tree\'s facts', () => {
  const shared = {
    'tsconfig.json': '{ "compilerOptions": { "strict": true }, "include": ["src"] }\n',
    'src/uses-x.ts': "import { x } from './x';\nexport const y = x + 1;\n",
    'src/plain.ts': "import { y } from './uses-x';\nexport const z = y;\n",
    'src/x/index.ts': 'export const x = 1;\n',
  };

  it('reuses a file whose content and resolutions are the same, parses one whose import resolves elsewhere and one that changed', () => {
    // The donor has x.ts, which './x' resolves to before x/index.ts; and plain.ts changed.
    const donorDir = writeFiles(scratch('work'), { ...shared, 'src/x.ts': 'export const x = 2;\n', 'src/plain.ts': "import { y } from './uses-x';\nexport const z = y * 2;\n" });
    const hereDir = writeFiles(scratch('base'), shared);
    const donorLayout = loadProjectLayout(donorDir);
    const donor = factsDonor(donorLayout, readFacts(donorLayout).everyFile);
    const here = loadProjectLayout(hereDir);
    const reuse = createFactsReuse(donor);
    const withReuse = readFacts(here, { reuse });
    // x/index.ts: same text, no imports, reused; uses-x.ts: same text, './x' now x/index.ts; plain.ts changed.
    expect(reuse.stats).toEqual({ reused: 1, parsed: 2 });
    expect(withReuse.everyFile.find((facts) => facts.path === 'src/x/index.ts')).toBe(donor.facts.get('src/x/index.ts'));
    const plain = readFacts(loadProjectLayout(hereDir));
    expect(withReuse.files).toEqual(plain.files);
    expect(withReuse.diagnostics).toEqual(plain.diagnostics);
    expect(withReuse.files.find((facts) => facts.path === 'src/uses-x.ts')!.imports[0]!.resolved).toBe('src/x/index.ts');
  });

  it('reuses a file whose imports resolve the same in both trees', () => {
    const donorDir = writeFiles(scratch('work-same'), { ...shared, 'src/extra.ts': 'export const e = 1;\n' });
    const hereDir = writeFiles(scratch('base-same'), shared);
    const donorLayout = loadProjectLayout(donorDir);
    const reuse = createFactsReuse(factsDonor(donorLayout, readFacts(donorLayout).everyFile));
    const withReuse = readFacts(loadProjectLayout(hereDir), { reuse });
    expect(reuse.stats).toEqual({ reused: 3, parsed: 0 });
    expect(withReuse.files).toEqual(readFacts(loadProjectLayout(hereDir)).files);
  });

  it('takes nothing when the data-access settings differ', () => {
    const donorDir = writeFiles(scratch('work-settings'), shared);
    const donorLayout = loadProjectLayout(donorDir);
    const donor = { ...factsDonor(donorLayout, readFacts(donorLayout).everyFile), dataAccess: { entityDecorators: ['Model'] } };
    const reuse = createFactsReuse(donor);
    readFacts(loadProjectLayout(writeFiles(scratch('base-settings'), shared)), { reuse });
    expect(reuse.stats).toEqual({ reused: 0, parsed: 0 });
  });
});
