// A FileFacts with nothing in it but what a test gives: the extract stage's unit tests build inputs from it.
import type { FileFacts } from '../../src/shared/facts.js';

export function fileFacts(path: string, parts: Partial<FileFacts> = {}): FileFacts {
  return {
    path,
    hash: '',
    loc: 1,
    imports: [],
    exports: { declared: [], forwarded: [], reexports: [] },
    entities: [],
    dataAccess: [],
    unresolvedDataAccess: 0,
    entryPoints: [],
    diagnostics: [],
    ...parts,
  };
}
