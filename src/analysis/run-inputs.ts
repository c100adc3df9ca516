// What a run's caches are keyed on: the layout options, the facts' identity and the inputs of the
// stages after extract. Kept apart from read-project.ts because a fully cached run (cached-run.ts)
// needs them without loading the extractor and, with it, the TypeScript compiler.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/index.js';
import type { LayoutOptions, ReadFacts } from '../extract/index.js';
import type { AnalyzeOptions } from './read-project.js';

export type Timer = <T>(name: string, run: () => T) => T;

export function timer(timings: Record<string, number>): Timer {
  return (name, run) => {
    const start = performance.now();
    const value = run();
    timings[name] = Math.round(performance.now() - start);
    return value;
  };
}

/** CLI globs win; the config's include/exclude apply when the command line gives none. */
export function layoutOptions(options: AnalyzeOptions, loaded: LoadedConfig | null): LayoutOptions {
  const layout: LayoutOptions = {};
  if (options.tsconfig) layout.tsconfig = options.tsconfig;
  const include = options.include ?? loaded?.config.include;
  if (include && include.length > 0) layout.include = include;
  const exclude = [...(options.exclude ?? []), ...(loaded?.config.exclude ?? [])];
  if (exclude.length > 0) layout.exclude = exclude;
  if (options.includeTests) layout.includeTests = true;
  if (options.maxFiles !== undefined) layout.maxFiles = options.maxFiles;
  return layout;
}

/** The facts and schemas the linked records come from, without run statistics (cache hits, timings). */
export function factsIdentity(read: ReadFacts): unknown {
  return { files: read.files, diagnostics: read.diagnostics, schemas: read.schemas };
}

/** Everything besides the facts that the stages after extract read. */
export function resultInputs(options: AnalyzeOptions, loaded: LoadedConfig | null): unknown {
  let compareFile: string | null = null;
  if (options.compare && options.compare !== 'config' && !options.compare.startsWith('folders:')) {
    try {
      compareFile = createHash('sha1').update(readFileSync(resolve(options.compare))).digest('hex');
    } catch {
      compareFile = 'unreadable';
    }
  }
  return {
    resolution: options.resolution ?? null,
    kernelThreshold: options.kernelThreshold ?? null,
    seed: options.seed ?? null,
    compare: options.compare ?? null,
    compareFile,
    config: loaded?.config ?? null,
  };
}
