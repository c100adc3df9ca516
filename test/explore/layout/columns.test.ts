import { describe, expect, it } from 'vitest';
import { fitColumns, fitText, formatCells, formatSection, pad } from '../../../src/explore/layout/columns.js';
import { column, nameColumn, row, section } from '../../../src/explore/model/screen.js';

describe('fitting text', () => {
  it('cuts at the end with an ellipsis, or at the start for paths', () => {
    expect(fitText('payments', 5)).toBe('paym…');
    expect(fitText('src/orders/order.service.ts', 12, true)).toBe('….service.ts');
    expect(fitText('short', 10)).toBe('short');
    expect(fitText('x', 0)).toBe('');
  });

  it('pads to the left or right', () => {
    expect(pad('7', 4, 'right')).toBe('   7');
    expect(pad('ab', 4, 'left')).toBe('ab  ');
  });
});

describe('fitting columns to the terminal width', () => {
  const columns = [nameColumn('context'), column('files'), column('cohesion'), column('coupling')];
  const rows = [row('a', ['catalog', 12, '0.80', '0.20']), row('b', ['a-very-long-context-name-indeed', 3, '0.50', '0.50'])];

  it('gives fixed columns their widest cell and the name the rest, up to its widest', () => {
    const fitted = fitColumns(columns, rows, 100);
    expect(fitted.map((entry) => entry.width)).toEqual(['a-very-long-context-name-indeed'.length, 5, 8, 8]);
  });

  it('shrinks the name column first, then drops fixed columns from the right', () => {
    const narrow = fitColumns(columns, rows, 40);
    expect(narrow.map((entry) => entry.index)).toEqual([0, 1, 2, 3]);
    expect(narrow[0]!.width).toBe(40 - 5 - 8 - 8 - 6);
    const tiny = fitColumns(columns, rows, 24);
    expect(tiny.map((entry) => entry.index)).toEqual([0, 1]);
    expect(formatCells(rows[1]!.cells, tiny).length).toBeLessThanOrEqual(24);
  });

  it('never makes a line longer than the width', () => {
    for (const width of [20, 33, 57, 80, 140]) {
      const fitted = fitColumns(columns, rows, width);
      for (const candidate of rows) expect(formatCells(candidate.cells, fitted).length).toBeLessThanOrEqual(width);
    }
  });
});

describe('a path column', () => {
  it('keeps the end of paths and the start of labels', () => {
    const columns = [nameColumn('', true), column('')];
    const rows = [row('a', ['Depends on (15 contexts)', 1]), row('b', ['src/orders/deep/order.service.ts', 2])];
    const fitted = fitColumns(columns, rows, 18);
    expect(formatCells(rows[0]!.cells, fitted)).toBe('Depends on (15…  1');
    expect(formatCells(rows[1]!.cells, fitted)).toBe('…der.service.ts  2');
  });
});

describe('a section heading', () => {
  const columns = [nameColumn('', true), column('')];
  const rows = [section('s', ['Files (2)', 'coupling']), row('a', ['src/orders/a.ts', '0.50']), section('t', ['Tables owned by this context (2)', 'writers'])];

  it('labels the columns when its label fits the first one, and does not widen it', () => {
    const fitted = fitColumns(columns, rows, 40);
    expect(fitted[0]!.width).toBe('src/orders/a.ts'.length);
    expect(formatSection(rows[0]!.cells, fitted, 40)).toBe(`Files (2)${' '.repeat(8)}coupling`);
  });

  it('runs a long label over the columns instead', () => {
    const fitted = fitColumns(columns, rows, 40);
    expect(formatSection(rows[2]!.cells, fitted, 40)).toBe('Tables owned by this context (2)');
    expect(formatSection(rows[2]!.cells, fitted, 20)).toBe('Tables owned by thi…');
  });
});

describe('several flexible columns', () => {
  const columns = [nameColumn('', true), nameColumn('', true), column('kind'), column('', { align: 'left', isFlexible: true })];
  const rows = [row('a', ['src/controllers/catalog.controller.ts:6', 'src/middleware/require-auth.ts', 'import', 'requireStaff, optionalString, requirePositiveInt'])];

  it('satisfy the leftmost first and keep a minimum for the rest', () => {
    expect(fitColumns(columns, rows, 107).map((entry) => entry.width)).toEqual([39, 30, 6, 26]);
    expect(fitColumns(columns, rows, 60).map((entry) => entry.width)).toEqual([24, 12, 6, 12]);
  });
});
