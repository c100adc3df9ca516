// What the facts cache answers for a layout by stat stamps alone, and the assembly of every file's
// facts in layout order. Must not import the compiler (directly or through the extractor): a fully
// cached run scans, finds nothing to read, assembles and never loads it. readFacts (index.ts) goes on
// from the same scan with the extractor for the files the cache could not answer.
import type { Diagnostic, FileFacts } from '../shared/facts.js';
import { factsCacheKey, fileStamp, openFactsCache, type FactsCache } from './cache/index.js';
import { readSchemaFiles } from './data-access/schema-files.js';
import { DEFAULT_MAX_FILE_BYTES } from './files/read-source.js';
import { LeftOutCounter, leftOutReasonOfCode } from './files/left-out.js';
import { testFilesByContent } from './files/test-files.js';
import type { ReadFacts } from './index.js';
import type { ProjectLayout, SourceFileEntry } from './project/index.js';

export interface FactsCacheOptions {
  maxFileBytes?: number;
  /** Folder of the per-file facts cache; absent: no cache. */
  cacheDir?: string;
}

/** Per file of the layout, in its order: the file's stat stamp now and its facts cached under it. */
export interface FactsCacheScan {
  /** The opened cache (absent without a cache folder): files read afresh are looked up and stored here. */
  cache: FactsCache | undefined;
  maxBytes: number;
  stamps: (string | null)[];
  unchanged: (FileFacts | undefined)[];
  /** How many files the cache could not answer by stamp: they must be read. */
  toRead: number;
}

export function scanFactsCache(layout: ProjectLayout, options: FactsCacheOptions = {}): FactsCacheScan {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const cache = options.cacheDir ? openFactsCache(options.cacheDir, layout.root, factsCacheKey(layout, maxBytes)) : undefined;
  const now = Date.now();
  const stamps = layout.files.map((entry) => (cache ? fileStamp(entry.absolutePath, now) : null));
  // A file whose stat stamp is unchanged is neither read nor hashed again.
  const unchanged = layout.files.map((entry, index) => {
    const stamp = stamps[index];
    return cache && stamp ? cache.getByStamp(entry.path, stamp) : undefined;
  });
  return { cache, maxBytes, stamps, unchanged, toRead: unchanged.filter((facts) => facts === undefined).length };
}

/** Reads one file the scan could not answer: its facts, or why it was skipped. */
export type ReadFile = (entry: SourceFileEntry, stamp: string | null) => { facts: FileFacts } | { diagnostic: Diagnostic };

/**
 * Every file's facts and diagnostics in layout order (the scan's, else `readFile`'s), then the schema
 * files. Without `readFile` the scan must have answered every file.
 */
export function collectFacts(layout: ProjectLayout, scan: FactsCacheScan, readFile?: ReadFile, onProgress?: (done: number, total: number) => void): ReadFacts {
  const read: FileFacts[] = [];
  // Per file in layout order: its facts, or the diagnostic that says why it was not read.
  const results: ({ facts: FileFacts } | { diagnostic: Diagnostic })[] = [];
  const leftOut = new LeftOutCounter();
  leftOut.addAll(layout.leftOut);
  layout.files.forEach((entry, index) => {
    const cached = scan.unchanged[index];
    if (!cached && !readFile) throw new Error(`${entry.path} is not in the facts cache`);
    const result = cached ? { facts: cached } : (readFile as ReadFile)(entry, scan.stamps[index] ?? null);
    results.push(result);
    if ('facts' in result) {
      read.push(result.facts);
    } else {
      const reason = leftOutReasonOfCode(result.diagnostic.code);
      if (reason) leftOut.add(reason);
    }
    onProgress?.(index + 1, layout.files.length);
  });
  // Tests by what they import or declare, and the helpers only they reach, leave with their warnings.
  const tests = testFilesByContent(read, layout.includeTests === true, layout.foldersWithTests);
  leftOut.add('tests', tests.size);
  const files = tests.size === 0 ? read : read.filter((facts) => !tests.has(facts.path));
  // What the layout passed over (a FIFO .gitignore, a link out of the root) is said with the rest.
  const diagnostics: Diagnostic[] = [...(layout.warnings ?? [])];
  for (const result of results) {
    if (!('facts' in result)) diagnostics.push(result.diagnostic);
    else if (!tests.has(result.facts.path)) diagnostics.push(...result.facts.diagnostics);
  }
  const schemaStart = performance.now();
  const schemas = readSchemaFiles(layout.root, scan.maxBytes, { layout, files });
  return {
    files,
    everyFile: read,
    diagnostics,
    schemas,
    leftOut: leftOut.counts(),
    tsconfigs: layout.tsconfigs,
    cacheStats: scan.cache?.stats ?? null,
    dataAccessMs: performance.now() - schemaStart,
  };
}
