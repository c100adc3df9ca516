// The project layout of the last run on a folder, kept with the stamps of everything it was read from
// (layout-inputs.ts). Reading tsconfig files takes the TypeScript compiler, and loading the compiler
// is a third of a warm run on a small project; when no stamp changed the layout is taken from here and
// a fully cached run never loads it. This module must not import the compiler.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheFilePath, isRecord, readCacheFile, writeCacheFile } from '../../shared/cache-file.js';
import { codeFingerprint } from '../../shared/code-fingerprint.js';
import type { LayoutOptions, ProjectLayout } from './index.js';
import { inputsUnchanged, type LayoutInputs } from './layout-inputs.js';

/** Bump when ProjectLayout or the stored shape changes. */
const LAYOUT_FORMAT = 4;

interface CachedLayout {
  layout: ProjectLayout;
  stamps: [string, string][];
}

function isCachedLayout(value: unknown): value is CachedLayout {
  return isRecord(value) && isRecord(value.layout) && Array.isArray(value.stamps);
}

/** The key: the code that reads layouts, the folder as given, and the options that shape the layout. */
function layoutKey(dir: string, options: LayoutOptions): string {
  return createHash('sha1')
    .update(codeFingerprint(dirname(dirname(fileURLToPath(import.meta.url)))))
    .update(`${LAYOUT_FORMAT}\u0000${resolve(dir)}\u0000${process.cwd()}\u0000`)
    .update(JSON.stringify(options))
    .digest('hex');
}

function layoutFile(cacheDir: string, dir: string): string {
  return cacheFilePath(cacheDir, 'layout', resolve(dir));
}

/** The cached layout of `dir` when nothing it was read from has changed; otherwise null. */
export function readCachedLayout(cacheDir: string, dir: string, options: LayoutOptions): ProjectLayout | null {
  const cached = readCacheFile(layoutFile(cacheDir, dir), LAYOUT_FORMAT, layoutKey(dir, options), isCachedLayout);
  if (!cached) return null;
  try {
    // The folder given may be a link that now points elsewhere.
    if (realpathSync.native(resolve(dir)) !== cached.layout.root) return null;
  } catch {
    return null;
  }
  return inputsUnchanged(cached.stamps) ? cached.layout : null;
}

export function writeCachedLayout(cacheDir: string, dir: string, options: LayoutOptions, layout: ProjectLayout, inputs: LayoutInputs): void {
  if (!inputs.isStampable) return;
  writeCacheFile(layoutFile(cacheDir, dir), LAYOUT_FORMAT, layoutKey(dir, options), { layout, stamps: [...inputs.stamps] } satisfies CachedLayout);
}
