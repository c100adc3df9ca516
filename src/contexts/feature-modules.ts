// Two levels (issue 14): feature modules inside the contexts, and the files whose coupling says they
// belong to another module than the one their place gives them (misplaced).
//
// A module is what a team would call one feature. Where folders group by feature (a NestJS module folder,
// or a folder whose files mix technical roles: controller, service, dto...), the module is that folder
// (basis 'folder'), with its role subfolders (dto/, services/). Where folders group by role (services/,
// entities/, routes/), the files of one domain stem across those folders are the module (basis 'stem':
// `account.controller.ts`, `account.service.ts`, `account-balance.dto.ts`... by src/graph/lexical.ts's
// stem key). A stem that names a feature folder (a `notes.controller.ts` kept in `api/notes/`, a
// `page.repo.ts` in `database/repos/page/`) joins that folder's module.
//
// Runs after the contexts are decided, on plain analysis data; decides nothing about the contexts.
// Rules and measurements: docs/decisions/contexts.md, "Two levels".
import { posix } from 'node:path';
import type { ImportKind, RepoPath } from '../shared/facts.js';
import { compareStrings } from '../shared/sort.js';
import { lexicalKey, nameWords } from '../graph/lexical.js';
import { DATA_READ_FACTOR, DATA_WRITE_FACTOR, REEXPORT_FACTOR, importFactor, roundWeight, useStrength } from '../graph/weights.js';

/** Share of a file's tie weight (set-aside files left out) that must go to one other module to call it misplaced. */
export const MISPLACED_MIN_SHARE = 0.6;
/** ...and at least this many distinct files (or entities) of that module must carry the ties: one import is an accident. */
export const MISPLACED_MIN_TIES = 2;
/** A folder with at least this many files whose stems mostly recur in other folders lists things of many domains: a layer. */
const RECURRING_MIN_FILES = 5;
const RECURRING_SHARE = 0.5;

/**
 * Technical roles that make a folder a feature folder when two of them meet in it. Generic roles
 * (types, utils, constants, interfaces, index, config) are left out: every folder has them.
 */
const LAYER_ROLES = new Set([
  'module', 'controller', 'service', 'resolver', 'dto', 'entity', 'guard', 'interceptor', 'pipe', 'filter', 'middleware',
  'decorator', 'strategy', 'repository', 'repo', 'schema', 'model', 'gateway', 'processor', 'listener', 'subscriber',
  'handler', 'route', 'router', 'factory', 'provider', 'job', 'queue', 'consumer', 'producer', 'mapper', 'serializer',
  'validator', 'event', 'command', 'query', 'args', 'input',
]);

/**
 * Folder names that say where code sits, not which feature it is: besides the role words lexicalKey drops
 * (services, dto, utils, lib, common, api...), the roots and the layers of GraphQL and layered apps.
 * Words that are also features somewhere (view, plugin, template, worker) are left to the content test:
 * teable's `features/view/` and `features/plugin/` are features. `collection` stays: GraphQL's
 * connection types (`AccountCollection.ts`) pass no content test, and a lone `collections/` feature
 * folder is rarer than that layer.
 */
const STRUCTURAL_FOLDERS = new Set([
  'src', 'source', 'server', 'backend', 'frontend', 'apps', 'packages', 'modules', 'features', 'feature', 'private',
  'public', 'graphql', 'gql', 'rest', 'http', 'web', 'object', 'objects', 'input', 'inputs', 'mutation', 'mutations',
  'scalar', 'scalars', 'union', 'unions', 'loader', 'loaders', 'database', 'db', 'migration', 'migrations', 'seed',
  'seeds', 'seeder', 'seeders', 'script', 'scripts', 'infra', 'infrastructure', 'test', 'tests', '__tests__', 'mocks',
  'generated', 'dist', 'build', 'misc', 'other', 'integration', 'integrations', 'collection', 'collections',
]);

/** Roles of framework glue: never judged misplaced (they sit with what they guard or decorate). */
const GLUE_ROLES = new Set(['guard', 'interceptor', 'pipe', 'filter', 'middleware', 'decorator', 'strategy']);

export type ModuleBasis = 'stem' | 'folder';

export interface FeatureModule {
  id: string;
  /** The context holding most of its files (by file count, then lines), null when none of them is in a context. */
  context: string | null;
  files: RepoPath[];
  basis: ModuleBasis;
  /** Every context holding its files, most files first: only when more than one does. */
  split?: { context: string; files: number }[];
}

export interface MisplacedFile {
  file: RepoPath;
  /** The module its place (folder, or name) gives it. */
  folderModule: string;
  /** The module its ties go to. */
  module: string;
  evidence: string;
}

export interface FeatureModulesInput {
  modules: ReadonlyArray<{ id: RepoPath; loc: number; context: string | null }>;
  dependencies: ReadonlyArray<{ from: RepoPath; to: RepoPath; kind: ImportKind; symbols: readonly string[]; via?: RepoPath }>;
  dataAccess: ReadonlyArray<{ module: RepoPath; entity: string; mode: 'read' | 'write' }>;
  entities: ReadonlyArray<{ id: string; definedIn: RepoPath | null }>;
  /** Files not clustered (shared kernel, composition roots, platform): in no module, and their ties do not count. */
  setAside: readonly RepoPath[];
}

export interface FeatureModules {
  /** Every input file -> its module id, or null. */
  moduleOf: Record<RepoPath, string | null>;
  /** Sorted by id. */
  featureModules: FeatureModule[];
  /** Sorted by file. */
  misplaced: MisplacedFile[];
}

type FolderKind = 'feature' | 'layer' | 'plain';

function folderOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

function parentOf(folder: string): string | null {
  if (folder === '') return null;
  const dir = posix.dirname(folder);
  return dir === '.' ? '' : dir;
}

/** The technical role a file's name ends with (`account.controller.ts` -> controller), or null. */
export function fileRole(path: string): string | null {
  const file = posix.basename(path).replace(/\.(d\.)?[cm]?[jt]sx?$/, '');
  const words = nameWords(file);
  const last = words[words.length - 1];
  return last !== undefined && words.length > 1 && LAYER_ROLES.has(last) ? last : null;
}

/** A folder named by a technical role or a place (services, dto, src, graphql, v2): never a feature. */
export function isRoleNamed(folder: string): boolean {
  const name = posix.basename(folder);
  if (name === '' || /^v\d+$/i.test(name)) return true;
  if (STRUCTURAL_FOLDERS.has(name.toLowerCase())) return true;
  const words = nameWords(name);
  return words.length === 0 || lexicalKey(`${name}.ts`) === null || words.every((word) => STRUCTURAL_FOLDERS.has(word));
}

/** The domain key of a folder name (`user-environments` -> user-environment), as lexicalKey gives for files. */
export function folderKey(folder: string): string | null {
  return lexicalKey(`${posix.basename(folder)}.ts`);
}

/**
 * Each folder that holds files (or their ancestors): a feature folder (a framework module file, or two
 * technical roles meeting among its files and its role subfolders' files), a layer (named by a role or a
 * place, or most of its files named by stems found in other folders too), or plain.
 */
export function classifyFolders(files: readonly RepoPath[], keyOf: (path: string) => string | null = lexicalKey): Map<string, FolderKind> {
  const direct = new Map<string, RepoPath[]>();
  const keyFolders = new Map<string, Set<string>>();
  for (const file of files) {
    const folder = folderOf(file);
    const list = direct.get(folder);
    if (list) list.push(file);
    else direct.set(folder, [file]);
    const key = keyOf(file);
    if (key === null) continue;
    const set = keyFolders.get(key) ?? new Set<string>();
    set.add(folder);
    keyFolders.set(key, set);
  }
  const folders = new Set<string>();
  for (const folder of direct.keys()) {
    for (let at: string | null = folder; at !== null; at = parentOf(at)) folders.add(at);
  }
  const kinds = new Map<string, FolderKind>();
  // Many files whose stems recur in other folders and are not the folder's own name: a list of things
  // of many domains (GraphQL `object/`), not one feature (`repos/page/` holds page-history too). Their
  // first words alone would not do: the shop's `catalog/` holds `product-view.ts`, `product-commands.ts`.
  const layerByContent = (folder: string): boolean => {
    const own = direct.get(folder) ?? [];
    if (own.length < RECURRING_MIN_FILES) return false;
    const folderName = folderKey(folder);
    const recurring = own.filter((file) => {
      const key = keyOf(file);
      if (key === null || (folderName !== null && (key === folderName || key.startsWith(`${folderName}-`)))) return false;
      return [...(keyFolders.get(key) ?? [])].some((other) => other !== folder);
    }).length;
    return recurring >= RECURRING_SHARE * own.length;
  };
  // Role-named and content layers first: a feature folder counts the roles of its layer subfolders.
  for (const folder of folders) kinds.set(folder, isRoleNamed(folder) ? 'layer' : 'plain');
  const hasModuleFile = (folder: string): boolean => (direct.get(folder) ?? []).some((file) => /\.module\.[cm]?[jt]sx?$/.test(file));
  for (const folder of folders) if (kinds.get(folder) === 'plain' && !hasModuleFile(folder) && layerByContent(folder)) kinds.set(folder, 'layer');
  const layerChildren = new Map<string, string[]>();
  for (const folder of folders) {
    const parent = parentOf(folder);
    if (parent === null || kinds.get(folder) !== 'layer') continue;
    const list = layerChildren.get(parent) ?? [];
    list.push(folder);
    layerChildren.set(parent, list);
  }
  for (const folder of folders) {
    if (kinds.get(folder) !== 'plain') continue;
    if (hasModuleFile(folder)) {
      kinds.set(folder, 'feature');
      continue;
    }
    const roles = new Set<string>();
    for (const file of direct.get(folder) ?? []) {
      const role = fileRole(file);
      if (role !== null) roles.add(role);
    }
    for (const child of layerChildren.get(folder) ?? []) {
      for (const file of direct.get(child) ?? []) {
        const role = fileRole(file) ?? lexicalRoleOfFolder(child);
        if (role !== null) roles.add(role);
      }
    }
    if (roles.size >= 2) kinds.set(folder, 'feature');
  }
  return kinds;
}

/** The role a layer folder's name says (`services` -> service), when it is one of LAYER_ROLES. */
function lexicalRoleOfFolder(folder: string): string | null {
  const words = nameWords(posix.basename(folder));
  const last = words[words.length - 1];
  return last !== undefined && LAYER_ROLES.has(last) ? last : null;
}

/** A feature folder, or a stem key (`under`: the plain folder that gave it), or nothing. */
export type Place = { folder: string } | { key: string; under?: string } | null;

/**
 * Where a file's place puts it: the nearest feature folder above it (through role subfolders and plain
 * subfolders), or a stem key. A plain folder right under a layer (`routes/settings/`, `repos/page/`)
 * gives its files its own name as stem; otherwise the file's own stem counts.
 */
export function placeOf(file: RepoPath, kinds: ReadonlyMap<string, FolderKind>, keyOf: (path: string) => string | null = lexicalKey): Place {
  let domainFolder: string | null = null;
  for (let at: string | null = folderOf(file); at !== null; at = parentOf(at)) {
    const kind = kinds.get(at);
    if (kind === 'feature') return { folder: at };
    if (kind === 'layer') {
      if (domainFolder !== null) break;
      continue;
    }
    domainFolder = at;
  }
  if (domainFolder === null) {
    const key = keyOf(file);
    return key === null ? null : { key };
  }
  const key = folderKey(domainFolder);
  return key === null ? null : { key, under: domainFolder };
}

/**
 * The value `find` gives for the longest word prefix of a stem key (`user-push-subscription`, then
 * `user-push`, then `user`), the whole key first when `withWhole`.
 */
function longestPrefix<T>(key: string, find: (prefix: string) => T | undefined, withWhole: boolean): T | undefined {
  const words = key.split('-');
  for (let n = withWhole ? words.length : words.length - 1; n >= 1; n--) {
    const found = find(words.slice(0, n).join('-'));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The same for word suffixes (`media-request` -> `request`), never the whole key. */
function longestSuffix<T>(key: string, find: (suffix: string) => T | undefined): T | undefined {
  const words = key.split('-');
  for (let n = words.length - 1; n >= 1; n--) {
    const found = find(words.slice(words.length - n).join('-'));
    if (found !== undefined) return found;
  }
  return undefined;
}

export function stemModuleId(key: string): string {
  return `stem:${key}`;
}

interface Tie {
  weight: number;
  /** The part of `weight` from the file's own imports and data accesses. */
  outbound: number;
  imports: Set<RepoPath>;
  importedBy: Set<RepoPath>;
  data: Set<string>;
}

function formatWeight(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** File names, with as many folders as it takes where two share a name (`private/media.controller.ts`). */
function fileList(paths: Iterable<RepoPath>, max = 4): string {
  const sorted = [...paths].sort(compareStrings);
  const names = sorted.map((path) => {
    const parts = path.split('/');
    for (let n = 1; n < parts.length; n++) {
      const tail = parts.slice(-n).join('/');
      if (sorted.every((other) => other === path || !other.endsWith(`/${tail}`))) return tail;
    }
    return path;
  });
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}

/**
 * Schema history is no feature: files under a migrations or seeds folder, or named by a timestamp
 * (`1613615266968-CreateUserSettings.ts`), which would otherwise join a stem by their last words.
 */
export function isSchemaHistory(path: RepoPath): boolean {
  const parts = path.toLowerCase().split('/');
  return parts.slice(0, -1).some((folder) => SCHEMA_FOLDERS.has(folder)) || /^\d{8}/.test(parts[parts.length - 1] ?? '');
}

const SCHEMA_FOLDERS = new Set(['migration', 'migrations', 'seed', 'seeds', 'seeder', 'seeders']);

export function detectFeatureModules(input: FeatureModulesInput): FeatureModules {
  const setAside = new Set(input.setAside);
  const schemaHistory = input.modules.map((module) => module.id).filter(isSchemaHistory);
  const history = new Set(schemaHistory);
  const files = input.modules.map((module) => module.id).filter((id) => !setAside.has(id) && !history.has(id)).sort(compareStrings);
  // Each path's stem once: nameWords is the costly part on 5,000 files.
  const keys = new Map<string, string | null>();
  const keyOf = (path: string): string | null => {
    let key = keys.get(path);
    if (key === undefined) {
      key = lexicalKey(path);
      keys.set(path, key);
    }
    return key;
  };
  const kinds = classifyFolders(files, keyOf);
  const places = new Map(files.map((file) => [file, placeOf(file, kinds, keyOf)] as const));

  // A stem names a feature folder when exactly one feature folder has that key.
  const featureByKey = new Map<string, string | null>();
  for (const [folder, kind] of kinds) {
    if (kind !== 'feature') continue;
    const key = folderKey(folder);
    if (key !== null) featureByKey.set(key, featureByKey.has(key) ? null : folder);
  }
  const stemMembers = new Map<string, RepoPath[]>();
  const joined = new Map<string, string | undefined>();
  const moduleOfFile = new Map<RepoPath, { id: string; basis: ModuleBasis }>();
  for (const file of files) {
    const place = places.get(file) ?? null;
    if (place === null) continue;
    if ('folder' in place) {
      moduleOfFile.set(file, { id: place.folder === '' ? '.' : place.folder, basis: 'folder' });
      continue;
    }
    let feature = joined.get(place.key);
    if (!joined.has(place.key)) {
      feature = longestPrefix(place.key, (prefix) => featureByKey.get(prefix) ?? undefined, true);
      joined.set(place.key, feature);
    }
    if (feature !== undefined) {
      moduleOfFile.set(file, { id: feature === '' ? '.' : feature, basis: 'folder' });
      continue;
    }
    const list = stemMembers.get(place.key) ?? [];
    list.push(file);
    stemMembers.set(place.key, list);
  }
  // A stem of one file joins the one stem its name starts or ends with (`account-balance` -> `account`);
  // with both (`media-request`: `media`, `request`) it stays alone.
  const targetOf = new Map<string, string>();
  for (const [key, members] of stemMembers) {
    if (members.length !== 1) continue;
    const has = (part: string): string | undefined => (stemMembers.has(part) ? part : undefined);
    const prefix = longestPrefix(key, has, false);
    const suffix = longestSuffix(key, has);
    if ((prefix === undefined) !== (suffix === undefined)) targetOf.set(key, (prefix ?? suffix) as string);
  }
  // Followed to the end (`cart-item-option` -> `cart-item` -> `cart`): each step is shorter, so it ends.
  const finalOf = (key: string): string => {
    let at = key;
    for (let next = targetOf.get(at); next !== undefined; next = targetOf.get(at)) at = next;
    return at;
  };
  const merged = new Map<string, RepoPath[]>();
  for (const key of [...stemMembers.keys()].sort(compareStrings)) {
    const into = finalOf(key);
    const list = merged.get(into);
    if (list) list.push(...(stemMembers.get(key) as RepoPath[]));
    else merged.set(into, [...(stemMembers.get(key) as RepoPath[])]);
  }
  // A stem of one file is no module. A stem whose files all come from one folder under a layer
  // (`features/undo-redo/`, `lib/two-factor-authentication/`) is that folder's module.
  for (const [key, members] of merged) {
    if (members.length < 2) continue;
    const folders = new Set(members.map((file) => {
      const place = places.get(file);
      return place && 'key' in place ? place.under : undefined;
    }));
    const only = folders.size === 1 ? [...folders][0] : undefined;
    const module = only === undefined ? { id: stemModuleId(key), basis: 'stem' as const } : { id: only, basis: 'folder' as const };
    for (const file of members) moduleOfFile.set(file, module);
  }

  const contextOf = new Map(input.modules.map((module) => [module.id, module.context] as const));
  const locOf = new Map(input.modules.map((module) => [module.id, module.loc] as const));
  const grouped = new Map<string, { basis: ModuleBasis; files: RepoPath[] }>();
  for (const file of files) {
    const module = moduleOfFile.get(file);
    if (!module) continue;
    const entry = grouped.get(module.id) ?? { basis: module.basis, files: [] };
    entry.files.push(file);
    grouped.set(module.id, entry);
  }
  const featureModules: FeatureModule[] = [...grouped.entries()]
    .map(([id, { basis, files: members }]) => moduleRecord(id, basis, members, contextOf, locOf))
    .sort((a, b) => compareStrings(a.id, b.id));

  const moduleOf: Record<RepoPath, string | null> = Object.create(null) as Record<RepoPath, string | null>;
  for (const module of input.modules) moduleOf[module.id] = moduleOfFile.get(module.id)?.id ?? null;
  return { moduleOf, featureModules, misplaced: findMisplaced({ ...input, setAside: [...setAside, ...schemaHistory] }, moduleOfFile, featureModules) };
}

/**
 * The module's context by file count (lines break ties, then the name): a module is a unit people own,
 * and one long file should not outvote five short ones.
 */
function moduleRecord(
  id: string,
  basis: ModuleBasis,
  files: RepoPath[],
  contextOf: ReadonlyMap<RepoPath, string | null>,
  locOf: ReadonlyMap<RepoPath, number>,
): FeatureModule {
  const perContext = new Map<string, { files: number; loc: number }>();
  for (const file of files) {
    const context = contextOf.get(file) ?? null;
    if (context === null) continue;
    const entry = perContext.get(context) ?? { files: 0, loc: 0 };
    entry.files += 1;
    entry.loc += locOf.get(file) ?? 0;
    perContext.set(context, entry);
  }
  const ranked = [...perContext.entries()].sort((a, b) => b[1].files - a[1].files || b[1].loc - a[1].loc || compareStrings(a[0], b[0]));
  const record: FeatureModule = { id, context: ranked[0]?.[0] ?? null, files: [...files].sort(compareStrings), basis };
  if (ranked.length > 1) record.split = ranked.map(([context, entry]) => ({ context, files: entry.files }));
  return record;
}

/** Import weight as clustering counts it (graph/index.ts): kind factor x breadth of use; through a barrel as plumbing. */
function importWeights(dependencies: FeatureModulesInput['dependencies']): Array<{ from: RepoPath; to: RepoPath; weight: number }> {
  const passed = new Map<RepoPath, Map<RepoPath, number>>();
  for (const dependency of dependencies) {
    if (dependency.via === undefined) continue;
    const byBarrel = passed.get(dependency.from) ?? new Map<RepoPath, number>();
    byBarrel.set(dependency.via, (byBarrel.get(dependency.via) ?? 0) + Math.max(dependency.symbols.length, 1));
    passed.set(dependency.from, byBarrel);
  }
  const weights = new Map<RepoPath, Map<RepoPath, number>>();
  for (const dependency of dependencies) {
    // A barrel's own re-exports are plumbing, not a tie of the barrel to a feature.
    if (dependency.kind === 'reexport' || dependency.from === dependency.to) continue;
    const symbols = Math.max(dependency.symbols.length, 1);
    const passedOn = Math.min(passed.get(dependency.from)?.get(dependency.to) ?? 0, symbols);
    const ownUse = symbols - passedOn;
    const weight = (ownUse > 0 ? importFactor(dependency.kind) * useStrength(ownUse) : 0) + (passedOn > 0 ? REEXPORT_FACTOR * useStrength(passedOn) : 0);
    const byTarget = weights.get(dependency.from) ?? new Map<RepoPath, number>();
    byTarget.set(dependency.to, (byTarget.get(dependency.to) ?? 0) + weight);
    weights.set(dependency.from, byTarget);
  }
  return [...weights].flatMap(([from, byTarget]) => [...byTarget].map(([to, weight]) => ({ from, to, weight })));
}

/** Ties to clustered files that are in no module: they count in a file's total, for no module. */
const NO_MODULE = '\u0000none';
/** Ties to set-aside files (kernel, roots, platform): never in the share, but they tell how much of a file's coupling the share covers. */
const SET_ASIDE = '\u0000aside';
/**
 * A file is judged only when at least this share of its tie weight is to clustered files: a service whose
 * imports go mostly to the shared kernel has too little left to say where it belongs.
 */
export const MISPLACED_MIN_JUDGED = 0.5;

/**
 * A file is misplaced when at least MISPLACED_MIN_SHARE of its tie weight (imports both ways, and its
 * reads and writes of entities, counted to the entity's defining file's module; ties to set-aside files
 * left out, ties to files in no module kept in the total) goes to one other module, carried by at least
 * MISPLACED_MIN_TIES files or entities of it.
 */
function findMisplaced(input: FeatureModulesInput, moduleOfFile: ReadonlyMap<RepoPath, { id: string }>, modules: readonly FeatureModule[]): MisplacedFile[] {
  const moduleById = new Map(modules.map((module) => [module.id, module] as const));
  const setAside = new Set(input.setAside);
  const known = new Set(input.modules.map((module) => module.id));
  const moduleId = (file: RepoPath): string | undefined =>
    moduleOfFile.get(file)?.id ?? (!known.has(file) ? undefined : setAside.has(file) ? SET_ASIDE : NO_MODULE);
  const ties = new Map<RepoPath, Map<string, Tie>>();
  const tieOf = (file: RepoPath, module: string): Tie => {
    let byModule = ties.get(file);
    if (!byModule) {
      byModule = new Map();
      ties.set(file, byModule);
    }
    let tie = byModule.get(module);
    if (!tie) {
      tie = { weight: 0, outbound: 0, imports: new Set(), importedBy: new Set(), data: new Set() };
      byModule.set(module, tie);
    }
    return tie;
  };
  for (const { from, to, weight } of importWeights(input.dependencies)) {
    const fromModule = moduleId(from);
    const toModule = moduleId(to);
    if (fromModule === undefined || toModule === undefined) continue;
    if (fromModule !== NO_MODULE && fromModule !== SET_ASIDE) {
      const forward = tieOf(from, toModule);
      forward.weight += weight;
      forward.outbound += weight;
      forward.imports.add(to);
    }
    if (toModule !== NO_MODULE && toModule !== SET_ASIDE) {
      const backward = tieOf(to, fromModule);
      backward.weight += weight;
      backward.importedBy.add(from);
    }
  }
  const definedIn = new Map(input.entities.map((entity) => [entity.id, entity.definedIn] as const));
  for (const access of input.dataAccess) {
    const definer = definedIn.get(access.entity) ?? null;
    const module = definer === null ? undefined : moduleId(definer);
    if (module === undefined || !moduleOfFile.has(access.module) || definer === access.module) continue;
    const tie = tieOf(access.module, module);
    const weight = access.mode === 'write' ? DATA_WRITE_FACTOR : DATA_READ_FACTOR;
    tie.weight += weight;
    tie.outbound += weight;
    tie.data.add(`${access.mode === 'write' ? 'writes' : 'reads'} ${access.entity}`);
  }

  const misplaced: MisplacedFile[] = [];
  for (const [file, byModule] of [...ties.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const own = moduleOfFile.get(file)?.id as string;
    const aside = byModule.get(SET_ASIDE)?.weight ?? 0;
    const total = [...byModule.values()].reduce((sum, tie) => sum + tie.weight, 0) - aside;
    if (total < MISPLACED_MIN_JUDGED * (total + aside)) continue;
    const ranked = [...byModule.entries()].filter(([module]) => module !== NO_MODULE && module !== SET_ASIDE).sort((a, b) => b[1].weight - a[1].weight || compareStrings(a[0], b[0]));
    if (ranked.length === 0 || total <= 0) continue;
    const [module, tie] = ranked[0] as [string, Tie];
    if (module === own) continue;
    // A file placed by its name only tied to another stem of the same context (`address.entity.ts` to
    // customer's files) is one feature named two ways, not a file in the wrong place.
    const ownModule = moduleById.get(own);
    const target = moduleById.get(module);
    if (ownModule?.basis === 'stem' && target?.basis === 'stem' && ownModule.context !== null && target.context === ownModule.context) continue;
    // Framework glue (guards, interceptors, decorators...) sits where it guards, whatever it calls.
    if (GLUE_ROLES.has(fileRole(file) ?? '')) continue;
    const carriers = new Set([...tie.imports, ...tie.importedBy]).size + new Set([...tie.data].map((what) => what.slice(what.indexOf(' ') + 1))).size;
    if (roundWeight(tie.weight / total) < MISPLACED_MIN_SHARE || carriers < MISPLACED_MIN_TIES) continue;
    // Being used by another module's files makes a file that module's only when its own module does
    // not use it: otherwise (a constant of issues read by ten notification agents) it is a dependency,
    // in the right place. Its own imports and data going mostly to M do make it M's.
    const ownTie = byModule.get(own);
    if (ownTie !== undefined && ownTie.weight > 0 && tie.outbound <= ownTie.outbound) continue;
    // Already inside M's folder (a stem named it for another module): not misplaced where it sits.
    if (module !== '.' && !module.startsWith('stem:') && file.startsWith(`${module}/`)) continue;
    const parts = [
      tie.imports.size > 0 ? `imports ${fileList(tie.imports)}` : '',
      tie.importedBy.size > 0 ? `imported by ${fileList(tie.importedBy)}` : '',
      tie.data.size > 0 ? [...tie.data].sort(compareStrings).join(', ') : '',
    ].filter((part) => part !== '');
    const ownWeight = ownTie?.weight ?? 0;
    const unplaced = byModule.get(NO_MODULE)?.weight ?? 0;
    misplaced.push({
      file,
      folderModule: own,
      module,
      evidence:
        `${formatWeight(tie.weight)} of ${formatWeight(total)} tie weight (${Math.round((tie.weight / total) * 100)}%) to ${module}: ${parts.join('; ')}; ` +
        `${formatWeight(ownWeight)} to its own module ${own}${unplaced > 0 ? `, ${formatWeight(unplaced)} to files in no module` : ''}`,
    });
  }
  return misplaced;
}
