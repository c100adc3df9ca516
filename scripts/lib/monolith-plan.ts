/**
 * Plans a generated monolith: which files exist, which hidden domain each belongs to, and who imports
 * whom. All randomness comes from one seeded PRNG consumed in a fixed order, so a spec always gives the
 * same plan. The share of cross-domain edges is steered towards `mixing` with error feedback, so even
 * small monoliths land close to it.
 */
import { createPrng, type Prng } from './prng.js';
import {
  DEFAULT_IMPORTS_PER_FILE,
  LAYERS,
  domainWord,
  layerFolder,
  layerPrefix,
  type BarrelModule,
  type ImportStyle,
  type KernelModule,
  type Layer,
  type LayerInfo,
  type MonolithPlan,
  type MonolithSpec,
  type PlannedModule,
  type ResolvedSpec,
} from './monolith-model.js';

const BARREL_SHARE = 0.35;
const BARREL_IMPORT_SHARE = 0.2;
const ALIAS_IMPORT_SHARE = 0.2;
const NEIGHBOUR_DOMAINS = 3;
const NEIGHBOUR_SHARE = 0.6;
/** Above this, a domain's pools (about 1/12 of a layer at 12 domains) run out of distinct targets. */
const MAX_IMPORTS_PER_FILE = 30;

export function resolveSpec(spec: MonolithSpec): ResolvedSpec {
  const resolved: ResolvedSpec = {
    files: spec.files,
    domains: spec.domains,
    mixing: spec.mixing,
    seed: spec.seed,
    layered: spec.layered ?? true,
    domainWordsInNames: spec.domainWordsInNames ?? false,
    withData: spec.withData ?? true,
    withKernel: spec.withKernel ?? true,
    importsPerFile: spec.importsPerFile ?? DEFAULT_IMPORTS_PER_FILE,
  };
  if (!Number.isInteger(resolved.domains) || resolved.domains < 1) throw new Error('domains must be an integer >= 1');
  if (!(resolved.mixing >= 0 && resolved.mixing <= 1)) throw new Error('mixing must be between 0 and 1');
  if (resolved.domains === 1 && resolved.mixing > 0) throw new Error('mixing must be 0 with a single domain');
  if (!Number.isInteger(resolved.files)) throw new Error('files must be an integer');
  if (!Number.isFinite(resolved.seed)) throw new Error('seed must be a number');
  if (!(resolved.importsPerFile >= 0 && resolved.importsPerFile <= MAX_IMPORTS_PER_FILE)) {
    throw new Error(`importsPerFile must be between 0 and ${MAX_IMPORTS_PER_FILE}`);
  }
  const minimum = reservedFileCount(resolved) + resolved.domains * LAYERS.length;
  if (resolved.files < minimum) throw new Error(`files must be at least ${minimum} for ${resolved.domains} domains`);
  return resolved;
}

function kernelRoles(spec: ResolvedSpec): KernelModule['role'][] {
  if (!spec.withKernel) return [];
  return spec.withData ? ['bus', 'config', 'db', 'errors', 'logger'] : ['bus', 'config', 'errors', 'logger'];
}

const IMPORTED_LAYERS = LAYERS.filter((info) => info.isImported).map((info) => info.layer);

function reservedFileCount(spec: ResolvedSpec): number {
  const barrels = spec.layered ? IMPORTED_LAYERS.length : spec.domains;
  return kernelRoles(spec).length + barrels + 1;
}

/** Splits `total` into integers proportional to `weights` (largest remainder, ties by index). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}

function degreeWeights(lo: number, hi: number): number[] {
  const weights: number[] = [];
  for (let k = lo; k <= hi; k += 1) weights.push(1 / Math.pow(k - lo + 1, 1.3));
  return weights;
}

/** Power-law-ish integer in [lo, hi]: P(k) proportional to 1 / (k - lo + 1)^1.3. */
function sampleDegree(rng: Prng, lo: number, hi: number): number {
  return lo + rng.weightedIndex(degreeWeights(lo, hi));
}

/** The mean of sampleDegree(lo, hi). */
function expectedDegree(lo: number, hi: number): number {
  const weights = degreeWeights(lo, hi);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.reduce((sum, w, i) => sum + w * (lo + i), 0) / total;
}

/**
 * The factor on every layer's sampled out-degree that makes the expected mean over these modules
 * spec.importsPerFile.
 */
function densityFactor(spec: ResolvedSpec, modules: readonly PlannedModule[]): number {
  const expected = new Map(LAYERS.map((info) => [info.layer, expectedDegree(info.minImports, info.maxImports)]));
  const base = modules.reduce((sum, m) => sum + (expected.get(m.layer) ?? 0), 0) / modules.length;
  return spec.importsPerFile / base;
}

/** x rounded down or up at random, up with probability equal to its fractional part (mean x). */
function roundRandomly(rng: Prng, x: number): number {
  const whole = Math.floor(x);
  return x > whole && rng.chance(x - whole) ? whole + 1 : whole;
}

/** Geometric-ish use count in [1, cap]. */
function sampleUses(rng: Prng, cap: number): number {
  return Math.min(cap, 1 + Math.floor(-Math.log(1 - rng.next()) * 1.6));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Weighted pool of modules of one layer in one domain, picked by attraction. */
interface Pool {
  members: number[];
  cumulative: number[];
}

function pickFromPool(rng: Prng, pool: Pool): number {
  const total = pool.cumulative[pool.cumulative.length - 1] ?? 0;
  const r = rng.next() * total;
  let lo = 0;
  let hi = pool.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pool.cumulative[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return pool.members[lo] as number;
}

export function planMonolith(input: MonolithSpec): MonolithPlan {
  const spec = resolveSpec(input);
  const rng = createPrng(spec.seed);
  const domainFiles = spec.files - reservedFileCount(spec);
  const domainWeights = Array.from({ length: spec.domains }, () => 0.6 + rng.next() * 0.8);
  const domainSizes = allocate(domainFiles - spec.domains * LAYERS.length, domainWeights).map((n) => n + LAYERS.length);

  // Create modules domain by domain; numbers are assigned later from a shuffle, so they hide the domain.
  const modules: PlannedModule[] = [];
  for (let d = 0; d < spec.domains; d += 1) {
    const extra = allocate((domainSizes[d] ?? 0) - LAYERS.length, LAYERS.map((info) => info.share));
    LAYERS.forEach((info, li) => {
      const count = 1 + (extra[li] ?? 0);
      for (let i = 0; i < count; i += 1) {
        modules.push({ path: '', layer: info.layer, domain: d, number: 0, symbol: '', table: null, isHub: false, isInBarrel: false, imports: [], sql: [], attraction: 1 });
      }
    });
  }
  nameModules(spec, rng, modules);

  const pools = buildPools(spec, rng, modules);
  const neighbours = Array.from({ length: spec.domains }, (_, d) => {
    const others = rng.shuffle(Array.from({ length: spec.domains }, (_, i) => i).filter((i) => i !== d));
    return others.slice(0, NEIGHBOUR_DOMAINS);
  });
  const barrels = planBarrels(spec, rng, modules);
  planImports(spec, rng, modules, pools, neighbours);
  if (spec.withData) planSql(spec, rng, modules, neighbours);
  const kernel = kernelRoles(spec).map((role) => ({ path: `src/common/${role}.ts`, symbol: kernelSymbol(role), role }));
  const kernelImports = planKernelImports(spec, rng, modules);
  return { spec, modules, kernel, kernelImports, barrels, mainPath: 'src/main.ts' };
}

function kernelSymbol(role: KernelModule['role']): string {
  const symbols: Record<KernelModule['role'], string> = { logger: 'logger', config: 'config', errors: 'NotFoundError', db: 'dataSource', bus: 'bus' };
  return symbols[role];
}

function nameModules(spec: ResolvedSpec, rng: Prng, modules: PlannedModule[]): void {
  for (const info of LAYERS) {
    const indexes = modules.map((m, i) => (m.layer === info.layer ? i : -1)).filter((i) => i >= 0);
    const width = Math.max(4, String(indexes.length).length);
    const shuffled = rng.shuffle(indexes);
    shuffled.forEach((moduleIndex, position) => {
      const m = modules[moduleIndex] as PlannedModule;
      m.number = position + 1;
      const num = pad(m.number, width);
      const prefix = layerPrefix(m.layer, spec.withData);
      const word = domainWord(m.domain);
      const folder = layerFolder(m.layer, spec.withData);
      const fileName = spec.domainWordsInNames ? `${word}-${prefix}-${num}` : `${prefix}-${num}`;
      const domainFolder = spec.domainWordsInNames ? word : `m${pad(m.domain, 2)}`;
      m.path = spec.layered ? `src/${folder}/${fileName}.ts` : `src/${domainFolder}/${folder}/${fileName}.ts`;
      const isClass = m.layer === 'entities' || m.layer === 'dto';
      const base = isClass ? `${capitalise(prefix)}${num}` : `${prefix}${num}`;
      m.symbol = spec.domainWordsInNames ? (isClass ? `${capitalise(word)}${base}` : `${word}${capitalise(base)}`) : base;
      if (m.layer === 'entities' && spec.withData) m.table = spec.domainWordsInNames ? `${word}_${num}` : `t_${num}`;
    });
  }
}

function buildPools(spec: ResolvedSpec, rng: Prng, modules: PlannedModule[]): Map<string, Pool> {
  const grouped = new Map<string, number[]>();
  modules.forEach((m, i) => {
    const key = `${m.layer}/${m.domain}`;
    const list = grouped.get(key) ?? [];
    list.push(i);
    grouped.set(key, list);
  });
  const pools = new Map<string, Pool>();
  for (const [key, members] of grouped) {
    const layer = key.split('/')[0] as Layer;
    const isImported = LAYERS.find((info) => info.layer === layer)?.isImported ?? false;
    // A few hubs per domain and layer: about one per 40 files, at least one.
    const hubCount = isImported ? Math.max(1, Math.round(members.length / 40)) : 0;
    const hubs = new Set(rng.shuffle(members).slice(0, hubCount));
    let running = 0;
    const cumulative: number[] = [];
    for (const i of members) {
      const m = modules[i] as PlannedModule;
      m.isHub = hubs.has(i);
      m.attraction = m.isHub ? 12 : rng.int(1, 3);
      running += m.attraction;
      cumulative.push(running);
    }
    pools.set(key, { members, cumulative });
  }
  void spec;
  return pools;
}

function planBarrels(spec: ResolvedSpec, rng: Prng, modules: PlannedModule[]): BarrelModule[] {
  const groups = new Map<string, { domain: number | null; members: number[] }>();
  modules.forEach((m, i) => {
    if (!IMPORTED_LAYERS.includes(m.layer)) return;
    const path = spec.layered
      ? `src/${layerFolder(m.layer, spec.withData)}/index.ts`
      : `${m.path.split('/').slice(0, 2).join('/')}/index.ts`;
    const group = groups.get(path) ?? { domain: spec.layered ? null : m.domain, members: [] };
    group.members.push(i);
    groups.set(path, group);
  });
  const barrels: BarrelModule[] = [];
  for (const path of [...groups.keys()].sort()) {
    const group = groups.get(path) as { domain: number | null; members: number[] };
    let chosen = group.members.filter(() => rng.chance(BARREL_SHARE));
    if (chosen.length === 0) chosen = group.members.slice(0, 1);
    for (const i of chosen) (modules[i] as PlannedModule).isInBarrel = true;
    chosen.sort((a, b) => ((modules[a] as PlannedModule).path < (modules[b] as PlannedModule).path ? -1 : 1));
    barrels.push({ path, members: chosen, domain: group.domain });
  }
  return barrels;
}

function pickDomain(rng: Prng, own: number, isCross: boolean, domains: number, neighbours: number[][]): number {
  if (!isCross) return own;
  const near = neighbours[own] ?? [];
  if (near.length > 0 && rng.chance(NEIGHBOUR_SHARE)) return rng.pick(near);
  const other = rng.int(0, domains - 2);
  return other >= own ? other + 1 : other;
}

function importStyle(spec: ResolvedSpec, rng: Prng, from: PlannedModule, to: PlannedModule): ImportStyle {
  const canUseBarrel = to.isInBarrel && (spec.layered ? from.layer !== to.layer : from.domain !== to.domain);
  if (canUseBarrel && rng.chance(BARREL_IMPORT_SHARE)) return 'barrel';
  return rng.chance(ALIAS_IMPORT_SHARE) ? 'alias' : 'relative';
}

function planImports(spec: ResolvedSpec, rng: Prng, modules: PlannedModule[], pools: Map<string, Pool>, neighbours: number[][]): void {
  let edges = 0;
  let crossEdges = 0;
  const factor = densityFactor(spec, modules);
  modules.forEach((m, index) => {
    const info = LAYERS.find((l) => l.layer === m.layer) as LayerInfo;
    const degree = roundRandomly(rng, sampleDegree(rng, info.minImports, info.maxImports) * factor);
    const targetLayers = Object.keys(info.targets) as Layer[];
    const targetWeights = targetLayers.map((l) => info.targets[l] ?? 0);
    const taken = new Set<number>([index]);
    for (let k = 0; k < degree; k += 1) {
      // Error feedback keeps the achieved cross share within O(1/edges) of the requested one.
      const p = Math.min(1, Math.max(0, spec.mixing + 0.5 * (spec.mixing * edges - crossEdges)));
      const isCross = spec.domains > 1 && rng.chance(p);
      let target = -1;
      for (let attempt = 0; attempt < 12 && target < 0; attempt += 1) {
        const layer = targetLayers[rng.weightedIndex(targetWeights)] as Layer;
        const domain = pickDomain(rng, m.domain, isCross, spec.domains, neighbours);
        const pool = pools.get(`${layer}/${domain}`);
        if (!pool) continue;
        const candidate = pickFromPool(rng, pool);
        if (!taken.has(candidate)) target = candidate;
      }
      if (target < 0) continue;
      taken.add(target);
      const to = modules[target] as PlannedModule;
      const isTypeOnly = to.layer === 'dto' || (to.layer === 'entities' && m.layer !== 'repositories' && m.layer !== 'entities');
      let uses: number;
      if (m.layer === 'entities') uses = rng.int(1, 2);
      else if (m.layer === 'dto') uses = rng.int(1, 3);
      else uses = sampleUses(rng, 10);
      const writes = m.layer === 'repositories' && spec.withData ? rng.int(0, uses) : 0;
      m.imports.push({ target, isTypeOnly, uses, writes, style: importStyle(spec, rng, m, to) });
      edges += 1;
      if (to.domain !== m.domain) crossEdges += 1;
    }
  });
}

function planSql(spec: ResolvedSpec, rng: Prng, modules: PlannedModule[], neighbours: number[][]): void {
  const tablesByDomain: string[][] = Array.from({ length: spec.domains }, () => []);
  for (const m of modules) if (m.table) tablesByDomain[m.domain]?.push(m.table);
  for (const m of modules) {
    if (m.layer !== 'repositories' || !rng.chance(0.4)) continue;
    const count = rng.int(1, 2);
    for (let i = 0; i < count; i += 1) {
      const domain = pickDomain(rng, m.domain, spec.domains > 1 && rng.chance(spec.mixing), spec.domains, neighbours);
      const table = rng.pick(tablesByDomain[domain] ?? []);
      m.sql.push({ table, mode: rng.chance(0.6) ? 'read' : 'write' });
    }
  }
}

function planKernelImports(spec: ResolvedSpec, rng: Prng, modules: PlannedModule[]): MonolithPlan['kernelImports'] {
  const result: MonolithPlan['kernelImports'] = new Map();
  if (!spec.withKernel) return result;
  modules.forEach((m, i) => {
    const list: { role: KernelModule['role']; uses: number; style: 'relative' | 'alias' }[] = [];
    const add = (role: KernelModule['role'], uses: number): void => {
      list.push({ role, uses, style: rng.chance(0.5) ? 'alias' : 'relative' });
    };
    const isBehaviour = m.layer === 'controllers' || m.layer === 'handlers' || m.layer === 'services';
    if (m.layer !== 'dto' && m.layer !== 'entities' && rng.chance(0.8)) add('logger', rng.int(1, 3));
    if (isBehaviour && rng.chance(0.4)) add('errors', rng.int(1, 2));
    if (m.layer !== 'dto' && m.layer !== 'entities' && rng.chance(0.2)) add('config', rng.int(1, 2));
    if (m.layer === 'repositories' && spec.withData) add('db', 1);
    if (m.layer === 'services' && rng.chance(0.2)) add('bus', 1);
    if (list.length > 0) result.set(i, list);
  });
  return result;
}
