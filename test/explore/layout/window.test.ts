import { describe, expect, it } from 'vitest';
import { fitWindow, wrapText } from '../../../src/explore/layout/window.js';

describe('wrapping a sentence', () => {
  it('breaks between words and keeps every line within the width', () => {
    const lines = wrapText('Do not extract services yet: the boundaries are not clean enough to cut along yet.', 24);
    expect(lines).toEqual(['Do not extract services', 'yet: the boundaries are', 'not clean enough to cut', 'along yet.']);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(24);
  });

  it('cuts words longer than a line', () => {
    expect(wrapText('src/a/very/long/path/name.ts ok', 10)).toEqual(['src/a/very', '/long/path', '/name.ts', 'ok']);
    expect(wrapText('', 10)).toEqual(['']);
  });
});

describe('fitting rows of several lines into the page', () => {
  const one = (): number => 1;

  it('is the plain window when every row is one line', () => {
    expect(fitWindow(10, 2, 4, 5, one).map((row) => row.index)).toEqual([2, 3, 4, 5, 6]);
    expect(fitWindow(3, 0, 0, 5, one).map((row) => row.index)).toEqual([0, 1, 2]);
  });

  it('starts later so a tall selected row near the bottom stays whole', () => {
    const tallAt6 = (index: number): number => (index === 6 ? 3 : 1);
    const window = fitWindow(10, 2, 6, 5, tallAt6);
    expect(window.map((row) => [row.index, row.lines])).toEqual([
      [4, 1],
      [5, 1],
      [6, 3],
    ]);
  });

  it('never draws more lines than the page, even for a row taller than it', () => {
    const window = fitWindow(4, 0, 1, 3, (index) => (index === 1 ? 10 : 1));
    expect(window).toEqual([{ index: 1, lines: 3 }]);
  });
});
