// A hash of Carve's own compiled code under a folder, so a cache written by one build is never
// trusted by another (the version alone does not change between local builds).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { carveVersion } from './version.js';

const fingerprints = new Map<string, string>();

export function codeFingerprint(dir: string): string {
  const known = fingerprints.get(dir);
  if (known) return known;
  const hash = createHash('sha1').update(carveVersion());
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(js|ts)$/.test(entry.name)) hash.update(entry.name).update(readFileSync(path));
    }
  };
  try {
    visit(dir);
  } catch {
    // Unreadable code: a key no later run reproduces, so nothing cached is trusted.
    hash.update(`unreadable ${process.pid} ${Date.now()}`);
  }
  const fingerprint = hash.digest('hex');
  fingerprints.set(dir, fingerprint);
  return fingerprint;
}
