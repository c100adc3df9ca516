// The project layout of the last run on a folder, kept with the stamps of everything it was read from
// (layout-inputs.ts). Reading tsconfig files takes the TypeScript compiler, and loading the compiler
// is a third of a warm run on a small project; when no stamp changed the layout is taken from here and
// a fully cached run never loads it. This module must not import the compiler.
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../../shared/atomic-write.js';
import { codeFingerprint } from '../../shared/code-fingerprint.js';
import type { LayoutOptions, ProjectLayout } from './index.js';
import { inputsUnchanged, type LayoutInputs } from './layout-inputs.js';

/** Bump when ProjectLayout or the stored shape changes. */
const LAYOUT_FORMAT = 1;

interface LayoutFile {
  format: number;
  key: string;
  layout: ProjectLayout;
  stamps: [string, string][];
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
  return join(cacheDir, `layout-${createHash('sha1').update(resolve(dir)).digest('hex').slice(0, 16)}.bin`);
}

/** The cached layout of `dir` when nothing it was read from has changed; otherwise null. */
export function readCachedLayout(cacheDir: string, dir: string, options: LayoutOptions): ProjectLayout | null {
  try {
    const loaded = deserialize(readFileSync(layoutFile(cacheDir, dir))) as Partial<LayoutFile>;
    if (!loaded || loaded.format !== LAYOUT_FORMAT || loaded.key !== layoutKey(dir, options) || !loaded.layout || !Array.isArray(loaded.stamps)) return null;
    // The folder given may be a link that now points elsewhere.
    if (realpathSync.native(resolve(dir)) !== loaded.layout.root) return null;
    return inputsUnchanged(loaded.stamps) ? loaded.layout : null;
  } catch {
    // Missing, corrupt or unreadable: read the layout afresh.
    return null;
  }
}

export function writeCachedLayout(cacheDir: string, dir: string, options: LayoutOptions, layout: ProjectLayout, inputs: LayoutInputs): void {
  if (!inputs.isStampable) return;
  try {
    const stored: LayoutFile = { format: LAYOUT_FORMAT, key: layoutKey(dir, options), layout, stamps: [...inputs.stamps] };
    writeFileAtomic(layoutFile(cacheDir, dir), serialize(stored));
  } catch {
    // A cache that cannot be written only costs speed next time.
  }
}
