// What check --base says while it works: the base read from git, then its files with how many were
// taken from the work tree.
import { describe, expect, it } from 'vitest';
import { progressText } from '../../src/cli/progress.js';

describe('check --base progress', () => {
  it('says it reads the base from git, then n/m files with k reused', () => {
    expect(progressText({ stage: 'base', ref: 'origin/main', done: 0, total: 0, reused: 0 })).toBe('carve: reading base origin/main from git...');
    expect(progressText({ stage: 'base', ref: 'HEAD~1', done: 120, total: 286, reused: 118 })).toBe('carve: reading base HEAD~1: 120/286 files, 118 reused');
    expect(progressText({ stage: 'read', done: 3, total: 7 })).toBe('carve: reading files 3/7');
  });
});
