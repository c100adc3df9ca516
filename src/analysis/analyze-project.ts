// What the CLI calls to analyze a folder. First the fully cached run: config, then the layout, every
// file's facts and the result, each from the cache and each checked against stat stamps. None of that
// loads the TypeScript compiler, the extractor, or graph, contexts and plan code, which on a small
// project is most of a warm run. Anything changed or missing: the full pipeline, loaded on demand,
// going on from what the cached attempt already has.
import { collectFacts, readCachedLayout, scanFactsCache } from '../extract/cached.js';
import type { AnalyzeOptions, AnalyzeResult, WarmStart } from './read-project.js';
import { layoutOptions, lookUpResult, runConfig, timer } from './run-inputs.js';

export async function analyzeProject(dir: string, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const warm = readCachedRun(dir, options);
  if (warm && 'analysis' in warm) return warm;
  const { readProjectOrCachedResult } = await import('./read-project.js');
  const read = readProjectOrCachedResult(dir, options, warm ?? undefined);
  if ('analysis' in read) return read;
  const { analyzeFacts } = await import('./index.js');
  return analyzeFacts(read, options);
}

/**
 * The last run's result when nothing it depends on changed, found without the compiler; otherwise what
 * was found on the way (config, layout, the facts cache's answers) for the full run to go on from, or
 * null when the run uses no cache at all.
 */
export function readCachedRun(dir: string, options: AnalyzeOptions): AnalyzeResult | WarmStart | null {
  const { cacheDir } = options;
  if (cacheDir === undefined) return null;
  const timings: Record<string, number> = {};
  const time = timer(timings);
  (options.onProgress ?? (() => undefined))({ stage: 'layout' });
  const loaded = runConfig(dir, options, time);
  const layout = time('layout', () => readCachedLayout(cacheDir, dir, layoutOptions(options, loaded)));
  if (!layout) return { loaded, timings };
  const { scan, read } = time('extract', () => {
    const scan = scanFactsCache(layout, options);
    const onRead = (done: number, total: number): void => options.onProgress?.({ stage: 'read', done, total });
    return { scan, read: scan.toRead > 0 ? undefined : collectFacts(layout, scan, undefined, onRead) };
  });
  if (!read) return { loaded, timings, layout, scan };
  const result = lookUpResult({ loaded, layout, read }, options, time, timings);
  return 'analysis' in result ? result : { loaded, timings, layout, scan, read, key: result.key };
}
