// Temporary folders for a test file, all under one root that is removed when the file's tests end,
// so that a run of the suite leaves nothing behind in the system's temp folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/** Call at the top level of a test file; the returned function makes a fresh folder per call. */
export function useScratch(prefix: string): (name?: string) => string {
  const root = mkdtempSync(join(tmpdir(), `carve-${prefix}-`));
  let count = 0;
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return (name = 'dir') => {
    const dir = join(root, `${name}-${++count}`);
    mkdirSync(dir);
    return dir;
  };
}

/** Writes each (relative path, text) under dir, making the folders on the way; returns dir. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
