/**
 * Issue 14's measurement: are Carve's contexts business domains or framework layers, on real back-ends?
 * Per truth in scripts/contexts/*.json it runs `carve analyze` (no cache) on a fetched checkout, reads
 * analysis.json and reports, beside one plain Louvain run on the same import graph at a matched number
 * of contexts:
 * - NMI against the truth's labels, on every labelled file and on the "hard" ones (a file whose name
 *   does not contain its label, so the file name alone cannot score); a file in no context counts as a
 *   group of one (a miss); beside it, NMI over the labelled files Carve put in a context, with their share;
 * - roles: files per role Carve found before clustering (modules[].role), when it records them;
 * - layer-shaped contexts: 5 or more files, more than half of them of one technical role;
 * - roles concentrated: a technical role with 10 or more files, more than half of them in one context;
 * - names: a context named only by words of its own file names, entities or tables, none of them a
 *   role word and no numbered suffix;
 * - the plan's verdict and first three steps.
 *
 * Truths: `{ name, folder, dir, tsconfig?, include?, shape: 'modular' | 'layered', label }` where
 * label is either `{ pattern, ignore? }` (a regex on the repo path, its first group the module: feature
 * folders) or `{ entityDomains }` (entity name -> business domain, read from the code: layered
 * folders; a file is labelled by the longest entity name its file name contains).
 *
 *   npm run build && node dist/scripts/measure-contexts.js --backends /work/backends [--only a,b] [--out f.json]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UndirectedGraph } from 'graphology';
import { normalizedMutualInformation } from '../src/contexts/compare.js';
import { louvainRun } from '../src/contexts/louvain.js';
import { nameWords } from '../src/graph/lexical.js';
import type { EdgeAttributes, NodeAttributes } from '../src/graph/to-graphology.js';
import { runScript } from './lib/script-entry.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ContextsTruth {
  name: string;
  folder: string;
  dir: string;
  tsconfig?: string;
  include?: string[];
  shape: 'modular' | 'layered';
  /**
   * pattern: a regex on the repo path whose first group is the module (feature folders), `ignore`
   * naming groups that are technical folders, not domains. entityDomains: entity names (and the domain
   * nouns the code uses beside them) -> business domain, read from the code (layered folders).
   */
  label: { pattern: string; ignore?: string[] } | { entityDomains: Record<string, string> };
  notes?: string;
}

interface Analysis {
  modules: { id: string; context: string | null; role?: string }[];
  dependencies: { from: string; to: string; kind: string; via?: string }[];
  entities: { id: string; table?: string }[];
  dataAccess: { module: string; entity: string }[];
  contexts: { id: string; modules: string[]; readiness?: { level: string } }[];
  sharedKernel: string[];
  featureModules?: { id: string; basis: string; files: string[]; split?: unknown[] }[];
  misplaced?: { file: string }[];
  plan?: { verdict?: { decision?: string; headline?: string }; steps?: { context?: string; title?: string }[] };
}

/**
 * Technical roles by file-name suffix, else by a layer folder on the path. A file with neither is
 * 'other' and never makes a context layer-shaped.
 */
const SUFFIX_ROLES = [
  'module', 'controller', 'service', 'resolver', 'dto', 'entity', 'guard', 'interceptor', 'pipe', 'filter',
  'middleware', 'decorator', 'strategy', 'repository', 'repo', 'schema', 'model', 'types', 'type', 'interface',
  'utils', 'util', 'helper', 'helpers', 'constants', 'constant', 'gateway', 'processor', 'listener',
  'subscriber', 'handler', 'route', 'routes', 'router', 'enum', 'config', 'factory', 'provider', 'job', 'queue',
  'consumer', 'producer', 'mapper', 'serializer', 'validator', 'event', 'events', 'command', 'query', 'mock',
];
const FOLDER_ROLES: Record<string, string> = {
  controllers: 'controller', services: 'service', resolvers: 'resolver', dto: 'dto', dtos: 'dto',
  entities: 'entity', entity: 'entity', guards: 'guard', interceptors: 'interceptor', pipes: 'pipe',
  filters: 'filter', middleware: 'middleware', middlewares: 'middleware', decorators: 'decorator',
  strategies: 'strategy', repositories: 'repository', repos: 'repository', schemas: 'schema', models: 'model',
  types: 'types', interfaces: 'interface', utils: 'utils', helpers: 'helper', constants: 'constants',
  routes: 'route', routers: 'router', handlers: 'handler', queries: 'query', commands: 'command',
  jobs: 'job', queues: 'queue', listeners: 'listener', subscribers: 'subscriber', mappers: 'mapper',
  migrations: 'migration', seeds: 'seed', seeders: 'seed', validators: 'validator', events: 'event',
};
const ROLE_WORDS = new Set([
  ...SUFFIX_ROLES, ...Object.keys(FOLDER_ROLES), 'index', 'src', 'lib', 'app', 'api', 'core', 'common', 'shared',
  'base', 'abstract', 'main', 'server', 'client', 'internal', 'impl', 'spec', 'test', 'get', 'set', 'create', 'update',
  'delete', 'found', 'context', 'cluster', 'default', 'misc', 'other', 'modules', 'features', 'feature',
]);

export function roleOf(path: string): string {
  const file = basename(path).replace(/\.(d\.)?[cm]?[jt]sx?$/, '');
  const parts = file.split('.');
  const suffix = parts.length > 1 ? (parts[parts.length - 1] ?? '').toLowerCase() : '';
  if (SUFFIX_ROLES.includes(suffix)) return suffix.replace(/s$/, '') === 'util' ? 'utils' : suffix;
  const dashed = /[-_](controller|service|resolver|dto|entity|guard|interceptor|middleware|decorator|repository|schema|model|router|routes|handler)$/i.exec(file);
  if (dashed) return (dashed[1] ?? '').toLowerCase();
  const folders = path.split('/').slice(0, -1).reverse();
  for (const folder of folders) {
    const role = FOLDER_ROLES[folder.toLowerCase()];
    if (role) return role;
  }
  return 'other';
}

/** Lower-case singular words of a name (the lexical ties' own split), without single letters and numbers. */
export function words(name: string): string[] {
  return nameWords(name).filter((word) => word.length > 1 && !/^\d+$/.test(word));
}

/** The truth's label per file, or none when the file has no label. */
export function labelFiles(truth: ContextsTruth, files: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  if ('pattern' in truth.label) {
    const pattern = new RegExp(truth.label.pattern);
    const ignore = new Set(truth.label.ignore ?? []);
    for (const file of files) {
      const match = pattern.exec(file);
      if (match?.[1] && !ignore.has(match[1])) labels[file] = match[1];
    }
    return labels;
  }
  // Longest entity name first, so `order-item.service.ts` is OrderItem's, not Order's.
  const entities = Object.entries(truth.label.entityDomains)
    .map(([entity, domain]) => ({ key: words(entity).join(''), domain }))
    .sort((a, b) => b.key.length - a.key.length || a.key.localeCompare(b.key));
  for (const file of files) {
    const name = words(basename(file).replace(/\.(d\.)?[cm]?[jt]sx?$/, '')).join('');
    const hit = entities.find((e) => name.includes(e.key));
    if (hit) labels[file] = hit.domain;
  }
  return labels;
}

function isHard(file: string, label: string): boolean {
  return !words(basename(file)).join('').includes(words(label).join(''));
}

/** NMI over the labelled files; a file the proposal leaves in no context is a group of one. */
function nmiOn(files: readonly string[], proposal: Record<string, string | null>, labels: Record<string, string>): number | null {
  if (files.length < 2) return null;
  const p: Record<string, string> = {};
  const t: Record<string, string> = {};
  for (const file of files) {
    p[file] = proposal[file] ?? `none:${file}`;
    t[file] = labels[file] as string;
  }
  return Math.round(normalizedMutualInformation(p, t) * 1000) / 1000;
}

/** One plain Louvain run on the unweighted import graph, resolution swept to give `target` groups of two or more. */
export function plainLouvainMatched(analysis: Analysis, target: number, seed: number): { partition: Record<string, string>; groups: number; resolution: number } {
  const graph = new UndirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  for (const m of [...analysis.modules].sort((a, b) => a.id.localeCompare(b.id))) graph.addNode(m.id, { type: 'module', loc: 0 });
  for (const d of analysis.dependencies) {
    if (d.via !== undefined || !['import', 'type', 'require'].includes(d.kind) || d.from === d.to) continue;
    if (!graph.hasNode(d.from) || !graph.hasNode(d.to) || graph.hasEdge(d.from, d.to)) continue;
    graph.addEdge(d.from, d.to, { weight: 1 } as EdgeAttributes);
  }
  let best: { partition: Record<string, string>; groups: number; resolution: number } | null = null;
  for (let step = 1; step <= 60; step++) {
    const resolution = step / 10;
    const labels = louvainRun(graph, resolution, seed);
    const sizes = new Map<number, number>();
    for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
    const groups = [...sizes.values()].filter((n) => n >= 2).length;
    if (best === null || Math.abs(groups - target) < Math.abs(best.groups - target)) {
      const partition: Record<string, string> = {};
      graph.nodes().forEach((id, i) => {
        partition[id] = `p${labels[i] as number}`;
      });
      best = { partition, groups, resolution };
    }
    if (groups >= target) break;
  }
  return best as { partition: Record<string, string>; groups: number; resolution: number };
}

export interface ContextsFigures {
  name: string;
  shape: string;
  files: number;
  labelled: number;
  hard: number;
  contexts: number;
  kernel: number;
  nmi: { carve: number | null; carveHard: number | null; carveInContexts: number | null; inContextsShare: number; plain: number | null; plainHard: number | null; plainGroups: number; plainResolution: number };
  layerShaped: { context: string; size: number; role: string; share: number }[];
  layerShapedShare: number;
  /** truthShare: the largest share of the role's files that one truth label holds (unlabelled files count against it). */
  concentratedRoles: { role: string; files: number; context: string; share: number; truthShare: number }[];
  /** Files per role as Carve recorded them (empty for a Carve that records none). */
  roles: Record<string, number>;
  names: { context: string; domain: boolean; why?: string }[];
  domainNamedShare: number;
  verdict: string | null;
  verdictHeadline: string | null;
  /** Contexts per readiness level (extract-now, needs-seams, entangled), in plan order. */
  readiness: Record<string, string[]>;
  firstSteps: string[];
  /** Two levels: feature modules by basis, files in one, modules split across contexts, misplaced files. */
  modules: { folder: number; stem: number; files: number; split: number; misplaced: number } | null;
}

export function measureAnalysis(truth: ContextsTruth, analysis: Analysis, seed = 1): ContextsFigures {
  const files = analysis.modules.map((m) => m.id).sort();
  const contextOf: Record<string, string | null> = {};
  for (const m of analysis.modules) contextOf[m.id] = m.context;
  const labels = labelFiles(truth, files);
  const labelled = files.filter((f) => labels[f] !== undefined);
  const hard = labelled.filter((f) => isHard(f, labels[f] as string));
  const contexts = analysis.contexts.filter((c) => c.modules.length > 0);
  const plain = plainLouvainMatched(analysis, contexts.length, seed);
  const inContexts = labelled.filter((f) => contextOf[f] !== null && contextOf[f] !== undefined);
  const roles: Record<string, number> = {};
  for (const m of analysis.modules) if (m.role !== undefined) roles[m.role] = (roles[m.role] ?? 0) + 1;

  const layerShaped: ContextsFigures['layerShaped'] = [];
  const roleCounts = new Map<string, Map<string, number>>();
  for (const c of contexts) {
    const counts = new Map<string, number>();
    for (const f of c.modules) {
      const role = roleOf(f);
      counts.set(role, (counts.get(role) ?? 0) + 1);
      const perContext = roleCounts.get(role) ?? new Map<string, number>();
      perContext.set(c.id, (perContext.get(c.id) ?? 0) + 1);
      roleCounts.set(role, perContext);
    }
    const top = [...counts.entries()].filter(([r]) => r !== 'other').sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (c.modules.length >= 5 && top && top[1] / c.modules.length > 0.5) {
      layerShaped.push({ context: c.id, size: c.modules.length, role: top[0], share: Math.round((top[1] / c.modules.length) * 100) / 100 });
    }
  }
  const concentratedRoles: ContextsFigures['concentratedRoles'] = [];
  for (const role of [...roleCounts.keys()].sort()) {
    if (role === 'other') continue;
    const total = files.filter((f) => roleOf(f) === role).length;
    const perContext = roleCounts.get(role) as Map<string, number>;
    const [context, count] = [...perContext.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] as [string, number];
    if (total >= 10 && count / total > 0.5) {
      // How concentrated the truth itself is: DTOs all in one feature folder are right to sit together.
      const truthCounts = new Map<string, number>();
      for (const f of files) if (roleOf(f) === role && labels[f] !== undefined) truthCounts.set(labels[f] as string, (truthCounts.get(labels[f] as string) ?? 0) + 1);
      const truthTop = Math.max(0, ...truthCounts.values());
      concentratedRoles.push({ role, files: total, context, share: Math.round((count / total) * 100) / 100, truthShare: Math.round((truthTop / total) * 100) / 100 });
    }
  }

  const entityWords = new Map<string, string[]>();
  for (const e of analysis.entities) entityWords.set(e.id, [...words(e.id), ...words(e.table ?? '')]);
  const names = contexts.map((c) => {
    const own = new Set<string>();
    for (const f of c.modules) for (const w of words(basename(f).replace(/\.(d\.)?[cm]?[jt]sx?$/, ''))) own.add(w);
    const members = new Set(c.modules);
    for (const a of analysis.dataAccess) if (members.has(a.module)) for (const w of entityWords.get(a.entity) ?? []) own.add(w);
    if (/-\d+$/.test(c.id)) return { context: c.id, domain: false, why: 'numbered suffix' };
    const nameWords = words(c.id);
    const role = nameWords.find((w) => ROLE_WORDS.has(w));
    if (role) return { context: c.id, domain: false, why: `role word '${role}'` };
    const foreign = nameWords.find((w) => !own.has(w));
    if (foreign) return { context: c.id, domain: false, why: `'${foreign}' is in none of its files, entities or tables` };
    if (nameWords.length === 0) return { context: c.id, domain: false, why: 'no word' };
    return { context: c.id, domain: true };
  });
  const share = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);
  return {
    name: truth.name,
    shape: truth.shape,
    files: files.length,
    labelled: labelled.length,
    hard: hard.length,
    contexts: contexts.length,
    kernel: analysis.sharedKernel.length,
    nmi: {
      carve: nmiOn(labelled, contextOf, labels),
      carveHard: nmiOn(hard, contextOf, labels),
      carveInContexts: nmiOn(inContexts, contextOf, labels),
      inContextsShare: labelled.length === 0 ? 0 : Math.round((inContexts.length / labelled.length) * 100) / 100,
      plain: nmiOn(labelled, plain.partition, labels),
      plainHard: nmiOn(hard, plain.partition, labels),
      plainGroups: plain.groups,
      plainResolution: plain.resolution,
    },
    layerShaped,
    layerShapedShare: share(layerShaped.length, contexts.length),
    concentratedRoles,
    roles: Object.fromEntries(Object.entries(roles).sort(([a], [b]) => a.localeCompare(b))),
    names,
    domainNamedShare: share(names.filter((n) => n.domain).length, names.length),
    verdict: analysis.plan?.verdict?.decision ?? null,
    verdictHeadline: analysis.plan?.verdict?.headline ?? null,
    readiness: readinessLevels(analysis),
    firstSteps: (analysis.plan?.steps ?? []).slice(0, 3).map((s) => s.title ?? s.context ?? '?'),
    modules: analysis.featureModules === undefined ? null : {
      folder: analysis.featureModules.filter((m) => m.basis === 'folder').length,
      stem: analysis.featureModules.filter((m) => m.basis === 'stem').length,
      files: analysis.featureModules.reduce((sum, m) => sum + m.files.length, 0),
      split: analysis.featureModules.filter((m) => m.split !== undefined).length,
      misplaced: analysis.misplaced?.length ?? 0,
    },
  };
}

/** Context ids per readiness level, in plan order (analyses from before readiness give {}). */
function readinessLevels(analysis: Analysis): Record<string, string[]> {
  const rank = new Map((analysis.plan?.steps ?? []).map((s, i) => [s.context ?? '', i]));
  const levels: Record<string, string[]> = {};
  const ordered = [...analysis.contexts].sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  for (const c of ordered) if (c.readiness) (levels[c.readiness.level] ??= []).push(c.id);
  return levels;
}

function loadTruths(folder: string): ContextsTruth[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as ContextsTruth);
}

export const CONTEXTS_HEADER =
  '| back-end | shape | files (labelled, hard) | contexts | NMI Carve (hard) | NMI in contexts (share) | NMI plain Louvain at matched count (hard) | layer-shaped | roles >50% in one context (truth) | domain-named | verdict | roles |\n' +
  '|---|---|---|---|---|---|---|---|---|---|---|---|';

export function contextsRow(f: ContextsFigures): string {
  const n = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(2));
  return `| ${[
    f.name, f.shape, `${f.files} (${f.labelled}, ${f.hard})`, `${f.contexts} (+${f.kernel} kernel)`,
    `${n(f.nmi.carve)} (${n(f.nmi.carveHard)})`, `${n(f.nmi.carveInContexts)} (${Math.round(f.nmi.inContextsShare * 100)}%)`, `${n(f.nmi.plain)} (${n(f.nmi.plainHard)}) at ${f.nmi.plainGroups}`,
    `${f.layerShaped.length} (${(f.layerShapedShare * 100).toFixed(0)}%)`,
    f.concentratedRoles.map((r) => `${r.role} ${Math.round(r.share * 100)}% (${Math.round(r.truthShare * 100)}%)`).join(', ') || 'none',
    `${(f.domainNamedShare * 100).toFixed(0)}%`, `${f.verdict ?? 'n/a'}${readinessCounts(f)}`,
    Object.entries(f.roles).filter(([role]) => role !== 'domain').map(([role, count]) => `${role} ${count}`).join(', ') || '-',
  ].join(' | ')} |`;
}

/** " (ready 1, seams 6, entangled 5)", or nothing without readiness. */
function readinessCounts(f: ContextsFigures): string {
  const n = (level: string): number => f.readiness[level]?.length ?? 0;
  return Object.keys(f.readiness).length === 0 ? '' : ` (ready ${n('extract-now')}, seams ${n('needs-seams')}, entangled ${n('entangled')})`;
}

export const MODULES_HEADER = '| back-end | files | modules (folder + stem) | files in a module | split across contexts | misplaced |\n|---|---|---|---|---|---|';

export function modulesRow(f: ContextsFigures): string {
  const m = f.modules;
  if (m === null) return `| ${f.name} | ${f.files} | n/a | n/a | n/a | n/a |`;
  return `| ${f.name} | ${f.files} | ${m.folder + m.stem} (${m.folder} + ${m.stem}) | ${m.files} (${Math.round((m.files / Math.max(f.files, 1)) * 100)}%) | ${m.split} | ${m.misplaced} |`;
}

runScript(import.meta.url, 'measure-contexts', async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      backends: { type: 'string', default: '/work/backends' },
      truths: { type: 'string', default: join(REPO_ROOT, 'scripts', 'contexts') },
      only: { type: 'string' },
      out: { type: 'string', default: join(tmpdir(), 'carve-measure-contexts.json') },
      carve: { type: 'string', default: join(REPO_ROOT, 'bin', 'carve.js') },
      // A folder to keep each back-end's analysis.json in (as <name>.json), to read what was measured.
      keep: { type: 'string' },
      // Seeds of the clustering to average NMI over (this build, in process): one seed's NMI on real
      // code moves by several hundredths between seeds, more than some changes being measured.
      seeds: { type: 'string' },
    },
  });
  const only = values.only === undefined ? null : new Set(values.only.split(','));
  const truths = loadTruths(values.truths).filter((t) => only === null || only.has(t.name));
  if (truths.length === 0) throw new Error('no truth matches --only');
  const figures: ContextsFigures[] = [];
  if (values.seeds !== undefined) {
    const seeds = values.seeds.split(',').map(Number);
    const { analyze } = await import('../src/analysis/index.js');
    const cacheDir = mkdtempSync(join(tmpdir(), 'contexts-seeds-'));
    const rows: string[] = [];
    try {
      for (const truth of truths) {
        const dir = join(values.backends, truth.folder, truth.dir);
        if (!existsSync(dir)) continue;
        const perSeed = seeds.map((seed) => {
          const { analysis } = analyze(dir, {
            seed,
            cacheDir,
            ...(truth.tsconfig ? { tsconfig: join(values.backends, truth.folder, truth.tsconfig) } : {}),
            ...(truth.include ? { include: truth.include } : {}),
          });
          return measureAnalysis(truth, analysis as unknown as Analysis);
        });
        const mean = (pick: (f: ContextsFigures) => number | null): string =>
          (perSeed.reduce((sum, f) => sum + (pick(f) ?? 0), 0) / perSeed.length).toFixed(3);
        rows.push(
          `| ${truth.name} | ${mean((f) => f.nmi.carve)} | ${mean((f) => f.nmi.carveHard)} | ${mean((f) => f.nmi.carveInContexts)} | ` +
            `${perSeed.map((f) => (f.nmi.carve ?? 0).toFixed(2)).join(' / ')} | ${mean((f) => f.contexts)} | ${mean((f) => f.layerShapedShare)} |`,
        );
        process.stderr.write(`${truth.name}: seeds ${seeds.join(',')} done\n`);
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
    process.stdout.write(`\n| back-end | NMI mean | hard | in contexts | per seed | contexts | layer-shaped share |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`);
    return;
  }
  for (const truth of truths) {
    const dir = join(values.backends, truth.folder, truth.dir);
    if (!existsSync(dir)) {
      process.stderr.write(`${truth.name}: no checkout at ${dir}, skipped\n`);
      continue;
    }
    const out = mkdtempSync(join(tmpdir(), `contexts-${truth.name}-`));
    try {
      const args = [values.carve, 'analyze', dir, '--out', out, '--no-cache', '--quiet'];
      if (truth.tsconfig) args.push('--tsconfig', join(values.backends, truth.folder, truth.tsconfig));
      if (truth.include) args.push('--include', ...truth.include);
      process.stderr.write(`${truth.name}: carve analyze ...\n`);
      const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (run.status !== 0) {
        // One back-end that cannot be analyzed does not stop the others.
        process.stderr.write(`${truth.name}: carve exited ${run.status}: ${run.stderr.split('\n')[0] ?? ''}\n`);
        continue;
      }
      const text = readFileSync(join(out, 'analysis.json'), 'utf8');
      if (values.keep !== undefined) {
        mkdirSync(values.keep, { recursive: true });
        writeFileSync(join(values.keep, `${truth.name}.json`), text);
      }
      const analysis = JSON.parse(text) as Analysis;
      const f = measureAnalysis(truth, analysis);
      figures.push(f);
      process.stdout.write(`\n## ${f.name}\n${JSON.stringify({ ...f, names: f.names.filter((x) => !x.domain) }, null, 1)}\n`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  writeFileSync(resolve(values.out), `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`\n${CONTEXTS_HEADER}\n${figures.map(contextsRow).join('\n')}\n`);
  process.stdout.write(`\n${MODULES_HEADER}\n${figures.map(modulesRow).join('\n')}\n`);
});
