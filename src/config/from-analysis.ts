// What `carve init` writes: the detected contexts as a config people edit and commit. Paths are the
// shortest globs covering exactly each context's files, entities are the tables each context owns,
// dependsOn is today's imports between contexts (so the first check passes on imports), and expose is
// left empty for people to fill.
import type { Analysis } from '../shared/analysis.js';
import type { RepoPath } from '../shared/facts.js';
import { emptyRecord } from '../shared/records.js';
import { compareStrings, sortedUnique } from '../shared/sort.js';
import { coverContexts } from './cover-globs.js';
import { CONFIG_SCHEMA_REFERENCE, DEFAULT_BASELINE_FILE, type CarveConfig, type ContextConfig } from './schema.js';
import { stringifySafeJson } from '../shared/safe-text.js';

export interface InitOptions {
  /** Written as project.include and exclude when the analysis was narrowed with them. */
  include?: string[];
  exclude?: string[];
  /**
   * The tsconfig to write, relative to the config file; null: none. Absent: the only tsconfig in
   * play, when the config is written in the analyzed folder.
   */
  tsconfig?: string | null;
  /** `$schema`: a path relative to the config, or a URL; default CONFIG_SCHEMA_REFERENCE. */
  schemaReference?: string;
}

/**
 * What init read, for check to read the same: the tsconfig given, else the only tsconfig in play
 * (relative to the analyzed folder, where init writes the config); with several in play (a
 * monorepo) none, since each file's nearest tsconfig is what zero config finds again.
 */
function projectOf(analysis: Analysis, options: InitOptions): CarveConfig['project'] {
  const tsconfigs = analysis.summary.tsconfigs ?? [];
  const tsconfig = options.tsconfig === null ? undefined : (options.tsconfig ?? (tsconfigs.length === 1 ? tsconfigs[0] : undefined));
  const include = options.include && options.include.length > 0 ? [...options.include] : undefined;
  if (tsconfig === undefined && include === undefined) return undefined;
  return { ...(tsconfig !== undefined ? { tsconfig } : {}), ...(include ? { include } : {}) };
}

/** A context id as a config name: letters, digits, '.', '_', '-', starting with a letter or digit. */
function configName(id: string, taken: Set<string>): string {
  const base = id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'context';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

export function configFromAnalysis(analysis: Analysis, options: InitOptions = {}): CarveConfig {
  const taken = new Set<string>();
  const contexts = [...analysis.contexts].sort((a, b) => compareStrings(a.id, b.id));
  const nameOf = new Map(contexts.map((context) => [context.id, configName(context.id, taken)]));

  const contextOf = new Map<RepoPath, string | null>(analysis.modules.map((module) => [module.id, null]));
  for (const context of contexts) for (const module of context.modules) contextOf.set(module, nameOf.get(context.id)!);
  const globs = coverContexts(contextOf);

  // Entities by table name (as people name their data), unless two contexts' entities share a table.
  const entityById = new Map(analysis.entities.map((entity) => [entity.id, entity]));
  const tableOwners = new Map<string, Set<string>>();
  for (const context of contexts) {
    for (const id of context.entities) {
      const table = entityById.get(id)?.table ?? id;
      tableOwners.set(table, (tableOwners.get(table) ?? new Set()).add(context.id));
    }
  }
  const entitiesOf = (entityIds: string[]): string[] =>
    sortedUnique(
      entityIds.map((id) => {
        const table = entityById.get(id)?.table ?? id;
        return (tableOwners.get(table)?.size ?? 0) > 1 ? id : table;
      }),
    );

  const dependsOn = new Map<string, Set<string>>();
  for (const dependency of analysis.dependencies) {
    // Edges through a barrel repeat an import already counted on the edge to the barrel.
    if (dependency.via !== undefined) continue;
    const from = contextOf.get(dependency.from);
    const to = contextOf.get(dependency.to);
    if (!from || !to || from === to) continue;
    dependsOn.set(from, (dependsOn.get(from) ?? new Set()).add(to));
  }

  const configContexts = emptyRecord<ContextConfig>();
  for (const context of contexts) {
    const name = nameOf.get(context.id)!;
    const paths = globs.get(name);
    if (!paths || paths.length === 0) continue;
    configContexts[name] = {
      paths,
      entities: entitiesOf(context.entities),
      dependsOn: sortedUnique(dependsOn.get(name) ?? []),
      expose: [],
    };
  }
  const project = projectOf(analysis, options);
  return {
    $schema: options.schemaReference ?? CONFIG_SCHEMA_REFERENCE,
    ...(project ? { project } : {}),
    ...(options.exclude && options.exclude.length > 0 ? { exclude: [...options.exclude] } : {}),
    contexts: configContexts,
    baseline: DEFAULT_BASELINE_FILE,
  };
}

/** The config as committed: two-space JSON, keys in the order people read them, a final newline. */
export function renderConfig(config: CarveConfig): string {
  return stringifySafeJson(config);
}
