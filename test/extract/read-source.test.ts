import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countLinesOfCode, hasNulInCode, readSource } from '../../src/extract/files/read-source.js';
import { useScratch } from '../helpers/scratch.js';

const scratch = useScratch('read-source');

describe('readSource', () => {
  const dir = scratch();

  it('reads UTF-8 text and strips a byte-order mark', () => {
    writeFileSync(join(dir, 'bom.ts'), '\ufeffexport const a = 1;\n');
    const read = readSource(join(dir, 'bom.ts'), 'bom.ts', 1000, dir);
    expect(read.ok && read.text).toBe('export const a = 1;\n');
  });

  it('skips binary, non-UTF-8 and oversized files with a named diagnostic', () => {
    writeFileSync(join(dir, 'bin.ts'), Buffer.from([0x65, 0x00, 0x01]));
    writeFileSync(join(dir, 'latin1.ts'), Buffer.from('const s = "caf\xe9";', 'latin1'));
    writeFileSync(join(dir, 'big.ts'), 'x'.repeat(2000));
    const codes = ['bin.ts', 'latin1.ts', 'big.ts'].map((name) => {
      const read = readSource(join(dir, name), name, 1000, dir);
      return read.ok ? 'ok' : `${read.diagnostic.file}:${read.diagnostic.code}`;
    });
    expect(codes).toEqual(['bin.ts:binary-file', 'latin1.ts:not-utf8', 'big.ts:file-too-large']);
  });
});

describe('a NUL is binary only outside strings, templates and comments', () => {
  const dir = scratch();

  it('reads a file with NULs in a template, a string and a comment as text', () => {
    writeFileSync(join(dir, 'sep.ts'), 'export const a = `x\u0000y`;\nexport const b = "\u0000";\n// \u0000\n/* \u0000 */\n');
    const read = readSource(join(dir, 'sep.ts'), 'sep.ts', 1000, dir);
    expect(read.ok).toBe(true);
  });

  it('tells code from literals, template holes included', () => {
    expect(hasNulInCode('const a = `x\u0000`;')).toBe(false);
    expect(hasNulInCode("const a = 'it\\'s \u0000';")).toBe(false);
    expect(hasNulInCode('const a = `${f({ b: 1 })} \u0000 ${`\u0000`}`;')).toBe(false);
    expect(hasNulInCode('const a = `${1}`; \u0000')).toBe(true);
    expect(hasNulInCode('const a = `${ { b: 1 } \u0000 }`;')).toBe(true);
    expect(hasNulInCode('// c\n\u0000')).toBe(true);
    expect(hasNulInCode('\u0000\u0000export const x = 1;')).toBe(true);
  });
});

describe('countLinesOfCode', () => {
  it('skips blank lines and comments', () => {
    expect(countLinesOfCode('// a\n\nconst a = 1; // b\n/* c\n d */\nconst b = /* e */ 2;\n/** f */ const c = 3;\n')).toBe(3);
  });
});
