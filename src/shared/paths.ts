// RepoPath helpers: analysis output uses root-relative, '/'-separated paths only.
import { relative, sep } from 'node:path';
import type { RepoPath } from './facts.js';

export function toRepoPath(root: string, absolutePath: string): RepoPath {
  const rel = relative(root, absolutePath);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function isInside(root: string, absolutePath: string): boolean {
  const rel = relative(root, absolutePath);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}
