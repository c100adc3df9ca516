/**
 * Seeded generator of realistic-looking TypeScript monoliths with hidden business domains, for
 * clustering tests and the bench. Folders are technical layers (controllers, services, repositories,
 * entities, dto, mappers, handlers) and names are opaque by default, so only the import and data graph
 * tells the domains apart; truth.json beside src/ records the answer. Same spec, same bytes.
 *
 * Density: each domain file imports `--imports-per-file` other domain files on average (kernel imports
 * and barrels on top), spread over the layers by per-layer power laws. The default, 2.6, is what real
 * layered TypeScript back-ends show (fixtures/shop and five back-ends from the npm registry measured
 * with scripts/import-density.ts: 1.8 to 3.2 project imports per file, shared kernel and re-exports
 * aside, 2.6 weighted by files; docs/decisions/contexts.md). Clustering is much easier on denser
 * graphs, so a figure measured on one says little about real code.
 *
 *   node dist/scripts/generate-monolith.js <dir> --files 1000 --domains 12 --mixing 0.2 --seed 1
 *     [--imports-per-file 2.6] [--flat] [--domain-words] [--no-data] [--no-kernel]
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { parseArgs } from 'node:util';
import { domainId, domainWord, type MonolithPlan, type MonolithSpec, type PlannedModule } from './lib/monolith-model.js';
import { planMonolith } from './lib/monolith-plan.js';
import { renderModule } from './lib/monolith-render.js';
import { renderBarrel, renderKernel, renderMain, renderPackageJson, renderTsconfig } from './lib/monolith-support.js';
import { runScript } from './lib/script-entry.js';

export type { MonolithSpec } from './lib/monolith-model.js';

export interface GeneratedEdge {
  from: string;
  /** The file that defines the imported symbol (a barrel import is resolved through the barrel). */
  to: string;
  kind: 'import' | 'type' | 'reexport';
  /** The barrel the import went through, if any. */
  via: string | null;
  /** Statements, fields or relations in `from` that name the imported symbol. */
  uses: number;
}

export interface DataAccessTruth {
  module: string;
  table: string;
  mode: 'read' | 'write';
  /** 'orm' through an entity class, 'sql' in a raw query string. */
  via: 'orm' | 'sql';
}

export interface GeneratedMonolith {
  /** Absolute directory written. */
  root: string;
  /** Repo-relative paths of every .ts file written, sorted. */
  files: string[];
  /** Repo-relative path -> hidden domain id ('d00', 'd01', ...); kernel, barrels and src/main.ts excluded. */
  truth: Record<string, string>;
  /** Shared kernel files (logger, config, errors, db, bus); empty with withKernel false. */
  kernel: string[];
  /** Per-layer (or, with layered false, per-domain) index.ts barrels. */
  barrels: string[];
  /** Files in no domain: kernel, layered barrels and the composition root src/main.ts. */
  unassigned: string[];
  /** Entity table -> domain id (empty with withData false). */
  tables: Record<string, string>;
  /** Domain id -> the word used when domainWordsInNames is on. */
  domainWords: Record<string, string>;
  /** Every file-to-file edge written, sorted by from, to. */
  edges: GeneratedEdge[];
  /** edges.length. */
  importEdges: number;
  /** Edges whose both ends are in truth, and how many of those cross domains. */
  domainEdges: number;
  crossDomainEdges: number;
  dataAccess: DataAccessTruth[];
}

const TRUTH_FILE = 'truth.json';
const GENERATOR_MARK = 'carve/scripts/generate-monolith';

export function generateMonolith(dir: string, spec: MonolithSpec): GeneratedMonolith {
  const root = resolve(dir);
  const plan = planMonolith(spec);
  const contents = renderAll(plan);
  prepareDirectory(root);
  const paths = [...contents.keys()].sort();
  for (const path of paths) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, contents.get(path) as string);
  }
  const result = describe(root, plan, paths.filter((p) => p.endsWith('.ts')));
  const { edges: _edges, dataAccess: _dataAccess, root: _root, files: _files, ...summary } = result;
  const truthJson = { generator: GENERATOR_MARK, spec: plan.spec, fileCount: result.files.length, ...summary };
  writeFileSync(join(root, TRUTH_FILE), `${JSON.stringify(truthJson, null, 2)}\n`);
  return result;
}

/** Refuses to write into a non-empty folder unless it holds an earlier generation, which it clears. */
function prepareDirectory(root: string): void {
  if (!existsSync(root)) {
    mkdirSync(root, { recursive: true });
    return;
  }
  const entries = readdirSync(root);
  if (entries.length === 0) return;
  const truthPath = join(root, TRUTH_FILE);
  const isEarlierGeneration = existsSync(truthPath) && readFileSync(truthPath, 'utf8').includes(GENERATOR_MARK);
  if (!isEarlierGeneration) throw new Error(`${root} is not empty and holds no earlier generated monolith`);
  for (const name of ['src', TRUTH_FILE, 'tsconfig.json', 'package.json']) rmSync(join(root, name), { recursive: true, force: true });
}

function renderAll(plan: MonolithPlan): Map<string, string> {
  const contents = new Map<string, string>();
  plan.modules.forEach((m, i) => contents.set(m.path, renderModule(plan, i)));
  for (const kernel of plan.kernel) contents.set(kernel.path, renderKernel(kernel, plan));
  for (const barrel of plan.barrels) contents.set(barrel.path, renderBarrel(plan, barrel.path, barrel.members));
  contents.set(plan.mainPath, renderMain(plan));
  contents.set('tsconfig.json', renderTsconfig());
  contents.set('package.json', renderPackageJson(plan));
  return contents;
}

function byFromTo(a: GeneratedEdge, b: GeneratedEdge): number {
  return a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0;
}

function describe(root: string, plan: MonolithPlan, files: string[]): GeneratedMonolith {
  const truth: Record<string, string> = {};
  const tables: Record<string, string> = {};
  const domainWords: Record<string, string> = {};
  for (let d = 0; d < plan.spec.domains; d += 1) domainWords[domainId(d)] = domainWord(d);
  const barrelOf = new Map<number, string>();
  const barrelsInDomains = plan.barrels.filter((b) => b.domain !== null);
  for (const barrel of plan.barrels) for (const i of barrel.members) barrelOf.set(i, barrel.path);
  for (const m of plan.modules) {
    truth[m.path] = domainId(m.domain);
    if (m.table) tables[m.table] = domainId(m.domain);
  }
  for (const barrel of barrelsInDomains) truth[barrel.path] = domainId(barrel.domain as number);
  const edges: GeneratedEdge[] = [];
  const dataAccess: DataAccessTruth[] = [];
  const kernelPath = new Map(plan.kernel.map((k) => [k.role, k.path]));
  plan.modules.forEach((m, i) => {
    for (const imp of m.imports) {
      const to = plan.modules[imp.target] as PlannedModule;
      const via = imp.style === 'barrel' ? (barrelOf.get(imp.target) ?? null) : null;
      edges.push({ from: m.path, to: to.path, kind: imp.isTypeOnly ? 'type' : 'import', via, uses: imp.uses });
      if (m.layer === 'repositories' && to.table) {
        if (imp.writes > 0) dataAccess.push({ module: m.path, table: to.table, mode: 'write', via: 'orm' });
        if (imp.writes < imp.uses) dataAccess.push({ module: m.path, table: to.table, mode: 'read', via: 'orm' });
      }
    }
    for (const k of plan.kernelImports.get(i) ?? []) {
      edges.push({ from: m.path, to: kernelPath.get(k.role) as string, kind: 'import', via: null, uses: k.uses });
    }
    for (const access of m.sql) dataAccess.push({ module: m.path, table: access.table, mode: access.mode, via: 'sql' });
  });
  for (const barrel of plan.barrels) {
    for (const i of barrel.members) {
      edges.push({ from: barrel.path, to: (plan.modules[i] as PlannedModule).path, kind: 'reexport', via: null, uses: 1 });
    }
  }
  for (const m of plan.modules) {
    if (m.layer === 'controllers' || m.layer === 'handlers') {
      edges.push({ from: plan.mainPath, to: m.path, kind: 'import', via: null, uses: m.layer === 'handlers' ? 2 : 1 });
    }
  }
  if (kernelPath.has('logger')) {
    edges.push({ from: kernelPath.get('logger') as string, to: kernelPath.get('config') as string, kind: 'import', via: null, uses: 1 });
    edges.push({ from: plan.mainPath, to: kernelPath.get('logger') as string, kind: 'import', via: null, uses: 1 });
    edges.push({ from: plan.mainPath, to: kernelPath.get('bus') as string, kind: 'import', via: null, uses: plan.modules.filter((m) => m.layer === 'handlers').length });
  }
  edges.sort(byFromTo);
  const domainEdgeList = edges.filter((e) => e.kind !== 'reexport' && truth[e.from] !== undefined && truth[e.to] !== undefined);
  const kernel = plan.kernel.map((k) => k.path).sort();
  const barrels = plan.barrels.map((b) => b.path).sort();
  const unassigned = files.filter((f) => truth[f] === undefined);
  dataAccess.sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : a.table < b.table ? -1 : a.table > b.table ? 1 : a.mode < b.mode ? -1 : a.mode > b.mode ? 1 : a.via < b.via ? -1 : 1));
  return {
    root,
    files,
    truth,
    kernel,
    barrels,
    unassigned,
    tables,
    domainWords,
    edges,
    importEdges: edges.length,
    domainEdges: domainEdgeList.length,
    crossDomainEdges: domainEdgeList.filter((e) => truth[e.from] !== truth[e.to]).length,
    dataAccess,
  };
}

function runCli(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      files: { type: 'string', default: '1000' },
      domains: { type: 'string', default: '12' },
      mixing: { type: 'string', default: '0.2' },
      seed: { type: 'string', default: '1' },
      'imports-per-file': { type: 'string' },
      flat: { type: 'boolean', default: false },
      'domain-words': { type: 'boolean', default: false },
      'no-data': { type: 'boolean', default: false },
      'no-kernel': { type: 'boolean', default: false },
    },
  });
  const dir = positionals[0];
  if (!dir) throw new Error('usage: generate-monolith <dir> --files N --domains N --mixing X --seed N');
  const started = process.hrtime.bigint();
  const result = generateMonolith(dir, {
    files: Number(values.files),
    domains: Number(values.domains),
    mixing: Number(values.mixing),
    seed: Number(values.seed),
    layered: !values.flat,
    domainWordsInNames: values['domain-words'],
    withData: !values['no-data'],
    withKernel: !values['no-kernel'],
    ...(values['imports-per-file'] === undefined ? {} : { importsPerFile: Number(values['imports-per-file']) }),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const share = result.domainEdges === 0 ? 0 : result.crossDomainEdges / result.domainEdges;
  process.stdout.write(
    `generated ${result.files.length} files, ${Object.keys(result.domainWords).length} domains, ${result.importEdges} edges ` +
      `(${(result.domainEdges / Object.keys(result.truth).length).toFixed(2)} domain imports per domain file, cross-domain ${share.toFixed(3)}), ` +
      `${Object.keys(result.tables).length} tables in ${result.root} (${Math.round(ms)} ms)\n`,
  );
}

runScript(import.meta.url, 'generate-monolith', runCli);
