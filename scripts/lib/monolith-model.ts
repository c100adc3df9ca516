/**
 * The plain data a generated monolith is planned as, before any text is written: layers, modules with
 * their hidden domain, and the imports between them. Shared by the planner and the renderer.
 */

export interface MonolithSpec {
  /** Total .ts files written, kernel, barrels and the composition root included. */
  files: number;
  /** Hidden business domains. */
  domains: number;
  /** Share of domain-to-domain import edges that cross domains, 0..1. */
  mixing: number;
  seed: number;
  /** Default true: folders are technical layers and domains cut across them; false: one folder per domain. */
  layered?: boolean;
  /** Default false: file, symbol, table and route names carry no domain word. */
  domainWordsInNames?: boolean;
  /** Default true: TypeORM entities, repositories and a little raw SQL; false: plain models and in-memory stores. */
  withData?: boolean;
  /** Default true: a shared kernel (logger, config, errors, db, bus) imported by most files. */
  withKernel?: boolean;
  /**
   * Mean number of other domain files each domain file imports (kernel imports and barrels come on
   * top); default DEFAULT_IMPORTS_PER_FILE, measured on real code. Each layer keeps its own power law
   * (LAYERS), scaled so that the mean over the planned files is this figure.
   */
  importsPerFile?: number;
}

/**
 * Real layered TypeScript back-ends import about this many project files per file, shared kernel,
 * re-exports and barrels aside (docs/decisions/contexts.md, "How dense real back-ends are", measured
 * with scripts/import-density.ts on fixtures/shop and five back-ends from the npm registry: 1.8 to 3.2
 * per source, 2.6 weighted by files). The layers' power laws alone give about 2.5 (the generator before
 * this parameter existed).
 */
export const DEFAULT_IMPORTS_PER_FILE = 2.6;

export type ResolvedSpec = Required<MonolithSpec>;

export type Layer = 'controllers' | 'handlers' | 'services' | 'repositories' | 'mappers' | 'dto' | 'entities';

export interface LayerInfo {
  layer: Layer;
  /** Share of a domain's files in this layer. */
  share: number;
  /** Out-degree range (domain imports only, kernel imports come on top). */
  minImports: number;
  maxImports: number;
  /** Which layers this layer imports from, with relative weights. */
  targets: Partial<Record<Layer, number>>;
  /** Whether other files import this layer (so it gets hubs and barrel entries). */
  isImported: boolean;
}

export const LAYERS: readonly LayerInfo[] = [
  { layer: 'controllers', share: 0.09, minImports: 2, maxImports: 8, targets: { services: 0.7, dto: 0.2, mappers: 0.1 }, isImported: false },
  { layer: 'handlers', share: 0.06, minImports: 2, maxImports: 6, targets: { services: 0.8, dto: 0.2 }, isImported: false },
  { layer: 'services', share: 0.26, minImports: 2, maxImports: 8, targets: { services: 0.3, repositories: 0.35, dto: 0.2, mappers: 0.1, entities: 0.05 }, isImported: true },
  { layer: 'repositories', share: 0.13, minImports: 1, maxImports: 4, targets: { entities: 1 }, isImported: true },
  { layer: 'mappers', share: 0.14, minImports: 2, maxImports: 4, targets: { entities: 0.5, dto: 0.5 }, isImported: true },
  { layer: 'dto', share: 0.18, minImports: 1, maxImports: 3, targets: { dto: 0.6, entities: 0.4 }, isImported: true },
  { layer: 'entities', share: 0.14, minImports: 1, maxImports: 3, targets: { entities: 1 }, isImported: true },
];

/** Folder and name prefix per layer; withData=false turns entities into models and repositories into stores. */
export function layerFolder(layer: Layer, withData: boolean): string {
  if (!withData && layer === 'entities') return 'models';
  if (!withData && layer === 'repositories') return 'stores';
  return layer;
}

export function layerPrefix(layer: Layer, withData: boolean): string {
  const prefixes: Record<Layer, string> = {
    controllers: 'ctl',
    handlers: 'hdl',
    services: 'svc',
    repositories: withData ? 'repo' : 'store',
    mappers: 'map',
    dto: 'dto',
    entities: withData ? 'ent' : 'model',
  };
  return prefixes[layer];
}

/** Words used for domains when domainWordsInNames is on (and for truth ids' labels). */
export const DOMAIN_WORDS: readonly string[] = [
  'catalog', 'orders', 'payments', 'billing', 'shipping', 'inventory', 'customers', 'accounts',
  'notifications', 'reviews', 'pricing', 'promotions', 'returns', 'search', 'analytics', 'auth',
  'support', 'loyalty', 'invoices', 'warehouse', 'suppliers', 'reports', 'subscriptions', 'media',
];

export function domainId(index: number): string {
  return `d${String(index).padStart(2, '0')}`;
}

export function domainWord(index: number): string {
  const base = DOMAIN_WORDS[index % DOMAIN_WORDS.length] as string;
  const round = Math.floor(index / DOMAIN_WORDS.length);
  return round === 0 ? base : `${base}${round + 1}`;
}

export type ImportStyle = 'relative' | 'alias' | 'barrel';

export interface PlannedImport {
  /** Index into MonolithPlan.modules of the file that defines the imported symbol. */
  target: number;
  isTypeOnly: boolean;
  /** How many statements (or fields, relations) use the imported symbol: the edge's weight. */
  uses: number;
  /** Repository to entity imports only: how many of the uses write (the rest read). */
  writes: number;
  style: ImportStyle;
}

export interface SqlAccess {
  table: string;
  mode: 'read' | 'write';
}

export interface PlannedModule {
  path: string;
  layer: Layer;
  domain: number;
  /** Opaque number within the layer, e.g. 42 for svc-0042. */
  number: number;
  /** The one exported symbol other files use (svc0042, Ent0012, Dto0005 ...). */
  symbol: string;
  /** Entities only: the table name. */
  table: string | null;
  isHub: boolean;
  /** Included in its folder's barrel (index.ts). */
  isInBarrel: boolean;
  imports: PlannedImport[];
  /** Repositories only: raw SQL statements. */
  sql: SqlAccess[];
  /** Attractiveness when picked as an import target (hubs are high). */
  attraction: number;
}

export interface KernelModule {
  path: string;
  symbol: string;
  /** Which kernel role: what the renderer writes and how importers use it. */
  role: 'logger' | 'config' | 'errors' | 'db' | 'bus';
}

export interface BarrelModule {
  path: string;
  /** Indexes of the re-exported modules, sorted by path. */
  members: number[];
  /** Domain index when barrels are per domain (layered=false), null when per layer. */
  domain: number | null;
}

export interface MonolithPlan {
  spec: ResolvedSpec;
  modules: PlannedModule[];
  kernel: KernelModule[];
  /** Per module index: the kernel roles it imports, each with a use count and an import style. */
  kernelImports: Map<number, { role: KernelModule['role']; uses: number; style: 'relative' | 'alias' }[]>;
  barrels: BarrelModule[];
  /** The composition root that mounts every controller and handler. */
  mainPath: string;
}
