// The whole-analysis cache: when the extracted facts, the config and the options are the ones of the
// last run on this folder, the graph, contexts and plan are the same too (every stage after extract
// is a deterministic function of them), so they are read back instead of computed again. That is most
// of a warm run on a large codebase (seconds of clustering on 5,000 files). One entry per analyzed
// root, beside the facts cache; anything unreadable or from other code is ignored and rebuilt.
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Analysis } from '../shared/analysis.js';
import { cacheFilePath, isRecord, readCacheFile, writeCacheFile } from '../shared/cache-file.js';
import { codeFingerprint } from '../shared/code-fingerprint.js';

/** Bump when the stored shape changes. */
const RESULT_FORMAT = 2;

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

/** The analysis stored under `key`, or undefined (missing, corrupt, other key). */
export function readCachedResult(cacheDir: string, root: string, key: string): Analysis | undefined {
  return readCacheFile(cacheFilePath(cacheDir, 'result', root), RESULT_FORMAT, key, (value): value is Analysis => isRecord(value));
}

export function writeCachedResult(cacheDir: string, root: string, key: string, analysis: Analysis): void {
  writeCacheFile(cacheFilePath(cacheDir, 'result', root), RESULT_FORMAT, key, analysis);
}
