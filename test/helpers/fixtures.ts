// Fixture loading for the end-to-end tests: find `fixtures/<group>/<case>/expected.json`, validate it
// (a typo in an expectation must fail loudly, not silently check nothing), and snapshot a folder so a
// test can prove the CLI did not write into what it analyzed.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './run-cli.js';

export const fixturesRoot = join(repoRoot, 'fixtures');

const importKind = z.enum(['import', 'type', 'reexport', 'dynamic', 'require', 'side-effect']);

const expectedEdge = z.strictObject({
  from: z.string(),
  to: z.string(),
  kind: importKind,
  /** Compared as a set when present. */
  symbols: z.array(z.string()).optional(),
  via: z.string().optional(),
  /** The lines of `locations`, compared as a set when present. */
  lines: z.array(z.number().int().positive()).optional(),
});

const expectedFixture = z.strictObject({
  description: z.string().min(1),
  args: z.array(z.string()).optional(),
  edges: z.array(expectedEdge).optional(),
  absentEdges: z.array(z.strictObject({ from: z.string(), to: z.string() })).optional(),
  modules: z.array(z.string()).optional(),
  absentModules: z.array(z.string()).optional(),
  /** Per module: its `external` record, compared exactly. */
  external: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())).optional(),
  /** Every `unresolved-import` diagnostic of the run: exhaustive when present. */
  unresolved: z.array(z.strictObject({ file: z.string(), specifier: z.string() })).optional(),
  /** Diagnostics that must be present (others may be too). */
  warnings: z.array(z.strictObject({ file: z.string(), code: z.string() })).optional(),
  /** summary.leftOut: files left out, by reason, compared exactly. */
  leftOut: z.record(z.string(), z.number().int().positive()).optional(),
  /** summary.tsconfigs: the tsconfigs files resolved with, compared exactly. */
  tsconfigs: z.array(z.string()).optional(),
  exitCode: z.number().int(),
});

export type ExpectedEdge = z.infer<typeof expectedEdge>;
export type ExpectedFixture = z.infer<typeof expectedFixture>;

export interface Fixture {
  /** 'resolution/barrels' */
  name: string;
  dir: string;
  expected: ExpectedFixture;
}

/** Every fixture with an expected.json in the given groups, sorted by name. */
export function discoverFixtures(groups: string[]): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const group of groups) {
    const groupDir = join(fixturesRoot, group);
    for (const entry of readdirSync(groupDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(groupDir, entry.name);
      const expectedPath = join(dir, 'expected.json');
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(expectedPath, 'utf8'));
      } catch (error) {
        throw new Error(`${group}/${entry.name}: cannot read expected.json: ${String(error)}`);
      }
      const parsed = expectedFixture.safeParse(raw);
      if (!parsed.success) throw new Error(`${group}/${entry.name}/expected.json: ${z.prettifyError(parsed.error)}`);
      fixtures.push({ name: `${group}/${entry.name}`, dir, expected: parsed.data });
    }
  }
  return fixtures.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Relative path -> kind, size and mtime of everything under `dir`, without following symbolic links
 * (a link loop stays one entry). Equal snapshots before and after a run mean nothing was written.
 */
export function snapshotTree(dir: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  const walk = (absolute: string, relative: string): void => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const childAbsolute = join(absolute, entry.name);
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const stats = lstatSync(childAbsolute);
      const kind = stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'dir' : 'file';
      snapshot[childRelative] = `${kind} ${stats.size} ${stats.mtimeMs}`;
      if (kind === 'dir') walk(childAbsolute, childRelative);
    }
  };
  snapshot['.'] = `dir ${lstatSync(dir).mtimeMs}`;
  walk(dir, '');
  return snapshot;
}

// ---- Comparing an analysis with a fixture's expectations. Each check returns readable problems, so a
// failing test says what is missing and what was there instead.

interface AnalysisDependency {
  from: string;
  to: string;
  kind: string;
  symbols: string[];
  locations: { line: number }[];
  via?: string;
}

interface AnalysisLike {
  modules: { id: string; external: Record<string, number> }[];
  dependencies: AnalysisDependency[];
  diagnostics: { file: string | null; code: string; message: string }[];
}

function sameSet<T>(actual: T[], expected: T[]): boolean {
  const actualSet = new Set(actual);
  const expectedSet = new Set(expected);
  return actualSet.size === expectedSet.size && [...expectedSet].every((value) => actualSet.has(value));
}

function describeDependency(dependency: AnalysisDependency): string {
  const via = dependency.via ? ` via ${dependency.via}` : '';
  const lines = dependency.locations.map((location) => location.line).join(',');
  return `${dependency.to} (${dependency.kind}${via}) symbols=[${dependency.symbols.join(',')}] lines=[${lines}]`;
}

export function edgeProblems(analysis: AnalysisLike, expected: ExpectedEdge[]): string[] {
  const problems: string[] = [];
  for (const edge of expected) {
    const label = `${edge.from} -> ${edge.to} (${edge.kind}${edge.via ? ` via ${edge.via}` : ''})`;
    const candidates = analysis.dependencies.filter(
      (dependency) =>
        dependency.from === edge.from &&
        dependency.to === edge.to &&
        dependency.kind === edge.kind &&
        (edge.via === undefined || dependency.via === edge.via),
    );
    const isMatch = (dependency: AnalysisDependency): boolean =>
      (edge.symbols === undefined || sameSet(dependency.symbols, edge.symbols)) &&
      (edge.lines === undefined || sameSet(dependency.locations.map((location) => location.line), edge.lines));
    if (candidates.some(isMatch)) continue;
    const seen = analysis.dependencies.filter((dependency) => dependency.from === edge.from).map(describeDependency);
    const wanted = `symbols=[${edge.symbols?.join(',') ?? '*'}] lines=[${edge.lines?.join(',') ?? '*'}]`;
    problems.push(`missing ${label} ${wanted}; edges from ${edge.from}: ${seen.length ? seen.join(' | ') : 'none'}`);
  }
  // Kinds must match: an expected pair may not also show up with a kind nobody expected for it.
  const kindsByPair = new Map<string, Set<string>>();
  for (const edge of expected) {
    const pair = `${edge.from} -> ${edge.to}`;
    kindsByPair.set(pair, (kindsByPair.get(pair) ?? new Set()).add(edge.kind));
  }
  for (const dependency of analysis.dependencies) {
    const kinds = kindsByPair.get(`${dependency.from} -> ${dependency.to}`);
    if (kinds && !kinds.has(dependency.kind)) {
      problems.push(`unexpected kind ${dependency.kind} for ${dependency.from} -> ${dependency.to} (expected ${[...kinds].join('|')})`);
    }
  }
  return problems;
}

export function absentEdgeProblems(analysis: AnalysisLike, absent: { from: string; to: string }[]): string[] {
  return analysis.dependencies
    .filter((dependency) => absent.some((edge) => edge.from === dependency.from && edge.to === dependency.to))
    .map((dependency) => `unexpected edge ${dependency.from} -> ${describeDependency(dependency)}`);
}

export function moduleProblems(analysis: AnalysisLike, present: string[], absent: string[]): string[] {
  const ids = new Set(analysis.modules.map((module) => module.id));
  return [
    ...present.filter((id) => !ids.has(id)).map((id) => `missing module ${id} (modules: ${[...ids].join(', ')})`),
    ...absent.filter((id) => ids.has(id)).map((id) => `unexpected module ${id}`),
  ];
}

export function externalProblems(analysis: AnalysisLike, expected: Record<string, Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const [file, packages] of Object.entries(expected)) {
    const module = analysis.modules.find((candidate) => candidate.id === file);
    if (!module) {
      problems.push(`missing module ${file} (for its external imports)`);
      continue;
    }
    const actual = JSON.stringify(Object.entries(module.external).sort());
    const wanted = JSON.stringify(Object.entries(packages).sort());
    if (actual !== wanted) problems.push(`${file} external ${actual}, expected ${wanted}`);
  }
  return problems;
}

/** `expected` is every unresolved-import diagnostic of the run; the message must name the specifier. */
export function unresolvedProblems(analysis: AnalysisLike, expected: { file: string; specifier: string }[]): string[] {
  const remaining = analysis.diagnostics.filter((diagnostic) => diagnostic.code === 'unresolved-import');
  const problems: string[] = [];
  for (const wanted of expected) {
    const index = remaining.findIndex((diagnostic) => diagnostic.file === wanted.file && diagnostic.message.includes(wanted.specifier));
    if (index < 0) problems.push(`no unresolved-import diagnostic for '${wanted.specifier}' in ${wanted.file}`);
    else remaining.splice(index, 1);
  }
  for (const extra of remaining) problems.push(`unexpected unresolved-import in ${extra.file}: ${extra.message}`);
  return problems;
}

export function warningProblems(analysis: AnalysisLike, expected: { file: string; code: string }[]): string[] {
  return expected
    .filter((wanted) => !analysis.diagnostics.some((diagnostic) => diagnostic.file === wanted.file && diagnostic.code === wanted.code))
    .map((wanted) => {
      const seen = analysis.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.code}`).join(', ');
      return `no ${wanted.code} diagnostic for ${wanted.file} (diagnostics: ${seen || 'none'})`;
    });
}

/** Path fields must be root-relative '/' paths, never into node_modules, and no string may leak `forbidden` (absolute roots). */
export function pathProblems(analysis: unknown, forbidden: string[]): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, where: string): void => {
    if (typeof value === 'string') {
      for (const prefix of forbidden) if (value.includes(prefix)) problems.push(`${where} leaks the absolute path ${prefix}: ${value}`);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${where}[${index}]`));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, `${where}.${key}`);
    }
  };
  visit(analysis, '$');
  const like = analysis as AnalysisLike & { sharedKernel?: string[] };
  const paths: [string, string | null | undefined][] = [
    ...like.modules.map((module): [string, string] => ['module', module.id]),
    ...like.dependencies.flatMap((dependency): [string, string | undefined][] => [
      ['from', dependency.from],
      ['to', dependency.to],
      ['via', dependency.via],
    ]),
    ...like.diagnostics.map((diagnostic): [string, string | null] => ['diagnostic file', diagnostic.file]),
    ...(like.sharedKernel ?? []).map((path): [string, string] => ['sharedKernel', path]),
  ];
  for (const [field, path] of paths) {
    if (path === undefined || path === null) continue;
    if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\') || path.startsWith('../')) {
      problems.push(`${field} is not a root-relative '/' path: ${path}`);
    }
    if (field !== 'diagnostic file' && path.split('/').includes('node_modules')) problems.push(`${field} is inside node_modules: ${path}`);
  }
  return problems;
}

/** C0 controls except newline, and C1 controls: what could move a terminal's cursor or change its colours. */
export function controlCharacters(text: string): string[] {
  return [...text.matchAll(/[\u0000-\u0009\u000b-\u001f\u0080-\u009f]/g)].map(
    (match) => `U+${match[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${match.index}`,
  );
}
