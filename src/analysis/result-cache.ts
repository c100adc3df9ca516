// The whole-analysis cache: when the extracted facts, the config and the options are the ones of the
// last run on this folder, the graph, contexts and plan are the same too (every stage after extract
// is a deterministic function of them), so they are read back instead of computed again. That is most
// of a warm run on a large codebase (seconds of clustering on 5,000 files). One entry per analyzed
// root, beside the facts cache; anything unreadable or from other code is ignored and rebuilt.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Analysis } from '../shared/analysis.js';
import { writeFileAtomic } from '../shared/atomic-write.js';
import { codeFingerprint } from '../shared/code-fingerprint.js';

/** Bump when the stored shape changes. */
const RESULT_FORMAT = 1;

interface ResultFile {
  format: number;
  key: string;
  analysis: Analysis;
}

/** A hash of all of Carve's compiled code: a rebuilt Carve never trusts results an older one wrote. */
function carveFingerprint(): string {
  return codeFingerprint(dirname(dirname(fileURLToPath(import.meta.url))));
}

/**
 * The key of one run: Carve's code, the analyzed root, and every input of the stages after extract
 * (the extracted facts themselves, serialized, plus config and options). Anything not in the key
 * must not influence the result: callers leave out runs that read git history.
 */
export function resultKey(root: string, extracted: unknown, inputs: unknown): string {
  return createHash('sha1')
    .update(carveFingerprint())
    .update(`${RESULT_FORMAT}\u0000${root}\u0000`)
    .update(JSON.stringify(inputs) ?? '')
    // JSON, not v8.serialize: the latter's bytes depend on string representation and shared objects,
    // which differ between facts parsed now and facts read from the cache.
    .update(JSON.stringify(extracted) ?? '')
    .digest('hex');
}

function resultFile(cacheDir: string, root: string): string {
  return join(cacheDir, `result-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.bin`);
}

/** The analysis stored under `key`, or undefined (missing, corrupt, other key). */
export function readCachedResult(cacheDir: string, root: string, key: string): Analysis | undefined {
  try {
    const loaded = deserialize(readFileSync(resultFile(cacheDir, root))) as Partial<ResultFile>;
    if (loaded && loaded.format === RESULT_FORMAT && loaded.key === key && loaded.analysis && typeof loaded.analysis === 'object') return loaded.analysis;
  } catch {
    // Missing or corrupt: compute afresh.
  }
  return undefined;
}

export function writeCachedResult(cacheDir: string, root: string, key: string, analysis: Analysis): void {
  try {
    writeFileAtomic(resultFile(cacheDir, root), serialize({ format: RESULT_FORMAT, key, analysis } satisfies ResultFile));
  } catch {
    // A cache that cannot be written only costs speed next time.
  }
}
