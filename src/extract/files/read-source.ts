// Reading a source file safely: size cap, binary detection, strict UTF-8. A file that fails any of
// these is a Diagnostic and is skipped; the analysis goes on.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic, RepoPath } from '../../shared/facts.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadSource =
  | { ok: true; text: string; hash: string }
  | { ok: false; hash: string; diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readSource(absolutePath: string, path: RepoPath, maxBytes: number): ReadSource {
  let bytes: Buffer;
  try {
    const size = statSync(absolutePath).size;
    if (size > maxBytes) {
      return {
        ok: false,
        hash: '',
        diagnostic: { file: path, code: 'file-too-large', message: `skipped: ${size} bytes is over the ${maxBytes}-byte limit (--max-file-size)` },
      };
    }
    bytes = readFileSync(absolutePath);
  } catch (error) {
    return { ok: false, hash: '', diagnostic: { file: path, code: 'unreadable', message: `skipped: ${(error as Error).message}` } };
  }
  const hash = createHash('sha1').update(bytes).digest('hex');
  if (bytes.subarray(0, 8192).includes(0)) {
    return { ok: false, hash, diagnostic: { file: path, code: 'binary-file', message: 'skipped: binary content (NUL bytes)' } };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, hash, diagnostic: { file: path, code: 'not-utf8', message: 'skipped: not valid UTF-8' } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text, hash };
}

/** Lines with code: not blank, not only a comment. */
export function countLinesOfCode(text: string): number {
  let count = 0;
  let inBlockComment = false;
  for (const rawLine of text.split('\n')) {
    let line = rawLine.trim();
    if (inBlockComment) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlockComment = false;
      line = line.slice(end + 2).trim();
    }
    while (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) {
        inBlockComment = true;
        line = '';
        break;
      }
      line = line.slice(end + 2).trim();
    }
    if (line === '' || line.startsWith('//')) continue;
    count++;
  }
  return count;
}
