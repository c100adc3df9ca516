import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateMonolith, type GeneratedMonolith, type MonolithSpec } from '../../scripts/generate-monolith.js';

const scratch = mkdtempSync(join(tmpdir(), 'carve-genmono-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
function generate(spec: MonolithSpec): GeneratedMonolith {
  counter += 1;
  return generateMonolith(join(scratch, `m${counter}`), spec);
}

/** Every file under root (repo-relative, '/'), sorted. */
function listFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(join(root, rel)).isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out.sort();
}

interface ParsedImport {
  specifier: string;
  names: string[];
  isReexport: boolean;
}

const IMPORT_RE = /^(import|export)( type)? \{ ([^}]*) \} from '([^']+)';$/gm;

function parseImports(text: string): ParsedImport[] {
  const out: ParsedImport[] = [];
  for (const match of text.matchAll(IMPORT_RE)) {
    out.push({ specifier: match[4] as string, names: (match[3] as string).split(',').map((s) => s.trim()), isReexport: match[1] === 'export' });
  }
  return out;
}

/** Resolves a relative or '@app/*' specifier the way TypeScript's node resolution would; null for packages. */
function resolveSpecifier(root: string, fromPath: string, specifier: string, files: Set<string>): string | null | undefined {
  let base: string;
  if (specifier.startsWith('.')) base = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  else if (specifier.startsWith('@app/')) base = `src/${specifier.slice('@app/'.length)}`;
  else return null;
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (files.has(candidate)) return candidate;
  void root;
  return undefined;
}

/** Reads the written sources back and returns module-to-defining-file edges (barrels followed). */
function edgesFromDisk(result: GeneratedMonolith): { edges: Set<string>; unresolved: string[] } {
  const files = new Set(result.files);
  const texts = new Map(result.files.map((f) => [f, readFileSync(join(result.root, f), 'utf8')]));
  const barrelExports = new Map<string, Map<string, string>>();
  for (const barrel of result.barrels) {
    const map = new Map<string, string>();
    for (const imp of parseImports(texts.get(barrel) as string)) {
      const target = resolveSpecifier(result.root, barrel, imp.specifier, files);
      for (const name of imp.names) if (target) map.set(name, target);
    }
    barrelExports.set(barrel, map);
  }
  const edges = new Set<string>();
  const unresolved: string[] = [];
  for (const file of result.files) {
    for (const imp of parseImports(texts.get(file) as string)) {
      const target = resolveSpecifier(result.root, file, imp.specifier, files);
      if (target === null) continue;
      if (target === undefined) {
        unresolved.push(`${file} -> ${imp.specifier}`);
        continue;
      }
      const exports = barrelExports.get(target);
      for (const name of imp.names) {
        const defining = exports && !imp.isReexport ? exports.get(name) : target;
        if (defining === undefined) unresolved.push(`${file} -> ${imp.specifier} { ${name} }`);
        else edges.add(`${file} -> ${defining}`);
      }
    }
  }
  return { edges, unresolved };
}

describe('generateMonolith', () => {
  const spec: MonolithSpec = { files: 1000, domains: 12, mixing: 0.2, seed: 7 };

  it('writes byte-identical projects for the same spec and different ones for another seed', () => {
    const a = generate(spec);
    const b = generate(spec);
    const c = generate({ ...spec, seed: 8 });
    const filesA = listFiles(a.root);
    expect(listFiles(b.root)).toEqual(filesA);
    for (const file of filesA) {
      expect(readFileSync(join(b.root, file), 'utf8'), file).toBe(readFileSync(join(a.root, file), 'utf8'));
    }
    expect(a.edges).toEqual(b.edges);
    const differing = filesA.filter((f) => {
      try {
        return readFileSync(join(c.root, f), 'utf8') !== readFileSync(join(a.root, f), 'utf8');
      } catch {
        return true;
      }
    });
    expect(differing.length).toBeGreaterThan(filesA.length / 2);
  });

  it('writes exactly the requested number of .ts files, every one in truth or unassigned', () => {
    for (const files of [300, 1000, 2500]) {
      const result = generate({ ...spec, files });
      const onDisk = listFiles(result.root).filter((f) => f.endsWith('.ts'));
      expect(onDisk).toHaveLength(files);
      expect(result.files).toEqual(onDisk);
      expect([...Object.keys(result.truth), ...result.unassigned].sort()).toEqual(onDisk);
      expect(listFiles(result.root).filter((f) => !f.endsWith('.ts'))).toEqual(['package.json', 'truth.json', 'tsconfig.json']);
      expect(new Set(Object.values(result.truth)).size).toBe(12);
      expect(result.kernel.every((k) => result.truth[k] === undefined)).toBe(true);
    }
  });

  it('keeps the cross-domain share of import edges, read back from the files, within 0.03 of mixing', () => {
    for (const mixing of [0, 0.1, 0.2, 0.45]) {
      const result = generate({ ...spec, mixing, seed: 11 });
      const { edges } = edgesFromDisk(result);
      let domainEdges = 0;
      let cross = 0;
      for (const edge of edges) {
        const [from, to] = edge.split(' -> ') as [string, string];
        if (result.truth[from] === undefined || result.truth[to] === undefined) continue;
        if (result.barrels.includes(from)) continue;
        domainEdges += 1;
        if (result.truth[from] !== result.truth[to]) cross += 1;
      }
      expect(domainEdges).toBe(result.domainEdges);
      expect(cross).toBe(result.crossDomainEdges);
      expect(Math.abs(cross / domainEdges - mixing)).toBeLessThanOrEqual(0.03);
    }
  });

  it('writes about importsPerFile domain imports per domain file (default 2.6, measured on real code)', () => {
    const perFile = (result: GeneratedMonolith): number => result.domainEdges / Object.keys(result.truth).length;
    expect(Math.abs(perFile(generate(spec)) - 2.6)).toBeLessThan(0.15);
    for (const importsPerFile of [1, 6]) {
      const result = generate({ ...spec, importsPerFile });
      expect(Math.abs(perFile(result) - importsPerFile) / importsPerFile).toBeLessThan(0.06);
      expect(Math.abs(result.crossDomainEdges / result.domainEdges - spec.mixing)).toBeLessThanOrEqual(0.03);
      expect(JSON.parse(readFileSync(join(result.root, 'truth.json'), 'utf8')).spec.importsPerFile).toBe(importsPerFile);
    }
    expect(() => generate({ ...spec, importsPerFile: -1 })).toThrow(/importsPerFile/);
    expect(() => generate({ ...spec, importsPerFile: Number.NaN })).toThrow(/importsPerFile/);
  });

  it('resolves every relative and alias import to a written file, and the files hold exactly the reported edges', () => {
    const result = generate(spec);
    const { edges, unresolved } = edgesFromDisk(result);
    expect(unresolved).toEqual([]);
    expect([...edges].sort()).toEqual([...new Set(result.edges.map((e) => `${e.from} -> ${e.to}`))].sort());
    expect(result.edges.some((e) => e.via !== null)).toBe(true);
    expect(result.edges.some((e) => e.kind === 'type')).toBe(true);
    const aliasImports = result.files.filter((f) => readFileSync(join(result.root, f), 'utf8').includes("from '@app/"));
    expect(aliasImports.length).toBeGreaterThan(100);
    const tsconfig = JSON.parse(readFileSync(join(result.root, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: object } };
    expect(tsconfig.compilerOptions.paths).toEqual({ '@app/*': ['src/*'] });
  });

  it('names each imported symbol at least as often as the edge says it is used', () => {
    const result = generate(spec);
    const symbolOf = (path: string): string => {
      const text = readFileSync(join(result.root, path), 'utf8');
      return /export (?:const|class|interface|async function) (\w+)/.exec(text)?.[1] as string;
    };
    const uses = result.edges.filter((e) => result.truth[e.from] !== undefined && e.kind !== 'reexport').map((e) => e.uses);
    expect(Math.max(...uses)).toBeGreaterThan(4);
    for (const edge of result.edges.filter((e) => result.truth[e.from] !== undefined && result.truth[e.to] !== undefined).slice(0, 400)) {
      const body = readFileSync(join(result.root, edge.from), 'utf8').replace(/^(import|export) .* from .*$/gm, '');
      const symbol = symbolOf(edge.to);
      const count = body.split(new RegExp(`\\b${symbol}\\b`)).length - 1;
      expect(count, `${edge.from} uses ${symbol}`).toBeGreaterThanOrEqual(edge.uses);
    }
  });

  it('writes TypeORM entities with their tables and repositories that read and write them', () => {
    const result = generate(spec);
    const tables = Object.keys(result.tables);
    expect(tables.length).toBeGreaterThan(50);
    expect(tables.every((t) => /^t_\d{4}$/.test(t))).toBe(true);
    const entityText = result.files.filter((f) => f.startsWith('src/entities/') && !f.endsWith('index.ts'))
      .map((f) => readFileSync(join(result.root, f), 'utf8')).join('\n');
    expect([...entityText.matchAll(/@Entity\('(t_\d+)'\)/g)].map((m) => m[1]).sort()).toEqual(tables.sort());
    expect(result.dataAccess.some((a) => a.via === 'sql')).toBe(true);
    expect(new Set(result.dataAccess.map((a) => a.mode))).toEqual(new Set(['read', 'write']));
    const opaque = result.files.filter((f) => /catalog|orders|payments/.test(f));
    expect(opaque).toEqual([]);
  });

  it('supports domain folders, domain words, no data and no kernel', () => {
    const result = generate({ files: 400, domains: 5, mixing: 0.15, seed: 3, layered: false, domainWordsInNames: true, withData: false, withKernel: false });
    expect(result.files).toHaveLength(400);
    expect(result.kernel).toEqual([]);
    expect(result.tables).toEqual({});
    expect(edgesFromDisk(result).unresolved).toEqual([]);
    for (const [file, domain] of Object.entries(result.truth)) {
      expect(file.split('/')[1], file).toBe(result.domainWords[domain]);
    }
    const text = result.files.map((f) => readFileSync(join(result.root, f), 'utf8')).join('\n');
    expect(text).not.toContain('typeorm');
  });

  it('rejects impossible specs and refuses to overwrite a folder it did not write', () => {
    expect(() => generate({ files: 20, domains: 12, mixing: 0.2, seed: 1 })).toThrow(/at least/);
    expect(() => generate({ files: 500, domains: 1, mixing: 0.2, seed: 1 })).toThrow(/single domain/);
    expect(() => generateMonolith(scratch, spec)).toThrow(/not empty/);
    const first = generate({ ...spec, files: 300 });
    expect(generateMonolith(first.root, { ...spec, files: 310 }).files).toHaveLength(310);
    expect(listFiles(first.root).filter((f) => f.endsWith('.ts'))).toHaveLength(310);
  });
});
