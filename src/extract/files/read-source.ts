// Reading a source file safely: a regular file inside the analyzed root (shared/safe-read.ts: never a
// FIFO, a device or a link out), size cap, binary detection, strict UTF-8. A file that fails any of
// these is a Diagnostic and is skipped; the analysis goes on. Messages name no absolute path.
import { createHash } from 'node:crypto';
import type { Diagnostic, RepoPath } from '../../shared/facts.js';
import { describeRefusal, readFileInside, refusalCode } from '../../shared/safe-read.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadSource =
  | { ok: true; text: string; hash: string }
  | { ok: false; hash: string; diagnostic: Diagnostic };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `root`: the real path of the analyzed folder, which the file must really lie in. */
export function readSource(absolutePath: string, path: RepoPath, maxBytes: number, root: string): ReadSource {
  const read = readFileInside(absolutePath, root, maxBytes);
  if (!read.ok) {
    if (read.reason === 'too-large') {
      return {
        ok: false,
        hash: '',
        diagnostic: { file: path, code: 'file-too-large', message: `skipped: ${read.size} bytes is over the ${maxBytes}-byte limit (--max-file-size)` },
      };
    }
    return { ok: false, hash: '', diagnostic: { file: path, code: refusalCode(read), message: `skipped: ${describeRefusal(read)}` } };
  }
  const bytes = read.bytes;
  const hash = createHash('sha1').update(bytes).digest('hex');
  const binary = { ok: false as const, hash, diagnostic: { file: path, code: 'binary-file', message: 'skipped: binary content (NUL bytes outside any string or comment)' } };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    if (bytes.subarray(0, 8192).includes(0)) return binary;
    return { ok: false, hash, diagnostic: { file: path, code: 'not-utf8', message: 'skipped: not valid UTF-8' } };
  }
  // A NUL inside a string, a template or a comment is text (a field separator, say); one in code is not.
  if (text.includes('\0') && hasNulInCode(text)) return binary;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text, hash };
}

type Lexical = 'code' | 'line-comment' | 'block-comment' | "'" | '"' | '`';

/**
 * Whether a NUL stands outside every string, template and comment: a cheap scan with the lexical
 * states that matter (regular expressions are read as code, where a NUL is binary anyway). Template
 * holes nest: `${` opens code until its matching `}`.
 */
export function hasNulInCode(text: string): boolean {
  let state: Lexical = 'code';
  // Brace depth per open template hole, innermost last.
  const holes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    switch (state) {
      case 'code':
        if (c === '\0') return true;
        if (c === '/' && text[i + 1] === '/') state = 'line-comment';
        else if (c === '/' && text[i + 1] === '*') {
          state = 'block-comment';
          i++;
        } else if (c === "'" || c === '"' || c === '`') state = c;
        else if (c === '{' && holes.length > 0) holes[holes.length - 1]! += 1;
        else if (c === '}' && holes.length > 0) {
          if (holes[holes.length - 1] === 0) {
            holes.pop();
            state = '`';
          } else holes[holes.length - 1]! -= 1;
        }
        break;
      case 'line-comment':
        if (c === '\n') state = 'code';
        break;
      case 'block-comment':
        if (c === '*' && text[i + 1] === '/') {
          state = 'code';
          i++;
        }
        break;
      case '`':
        if (c === '\\') i++;
        else if (c === '`') state = 'code';
        else if (c === '$' && text[i + 1] === '{') {
          holes.push(0);
          state = 'code';
          i++;
        }
        break;
      default:
        if (c === '\\') i++;
        else if (c === state || c === '\n') state = 'code';
    }
  }
  return false;
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
