// The facts of a project nothing in has changed: every file's facts from the cache by its stat stamp,
// without reading or parsing it. Must not import the compiler (directly or through the extractor):
// a fully cached run that ends here never loads it. Any file that would need reading makes it give up,
// and the caller falls back to readFacts.
import type { Diagnostic, FileFacts } from '../shared/facts.js';
import { factsCacheKey, fileStamp, openFactsCache } from './cache/index.js';
import { readSchemaFiles } from './data-access/schema-files.js';
import { DEFAULT_MAX_FILE_BYTES } from './files/read-source.js';
import type { ReadFacts } from './index.js';
import type { ProjectLayout } from './project/index.js';

export function readFactsFromCache(layout: ProjectLayout, options: { cacheDir: string; maxFileBytes?: number }): ReadFacts | null {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const cache = openFactsCache(options.cacheDir, layout.root, factsCacheKey(layout, maxBytes));
  const files: FileFacts[] = [];
  const diagnostics: Diagnostic[] = [];
  const now = Date.now();
  for (const entry of layout.files) {
    const stamp = fileStamp(entry.absolutePath, now);
    const facts = stamp === null ? undefined : cache.getByStamp(entry.path, stamp);
    if (!facts) return null;
    files.push(facts);
    diagnostics.push(...facts.diagnostics);
  }
  const schemaStart = performance.now();
  const schemas = readSchemaFiles(layout.root, maxBytes);
  return { files, diagnostics, schemas, cacheStats: cache.stats, dataAccessMs: performance.now() - schemaStart };
}
