// Reading a saved analysis.json for explore: schemaVersion must be 1 and the lists explore walks must
// have the shapes it relies on; anything else is the user's mistake (CarveError, exit 2) rather than
// a crash in the middle of drawing. Lists and fields a young stage may not have written yet default
// to empty. Hand-written rather than a zod schema: this runs before the first screen, and for 5,000
// files a schema library costs more (loading and checking) than the rest of the start-up together.
// No ink here: the CLI loads this without the UI.
import type { Analysis } from '../shared/analysis.js';
import { CarveError } from '../shared/errors.js';
import { conform, FEATURE_MODULES_SHAPE, MISPLACED_SHAPE, PLAN_SHAPE, ShapeError, type Shape } from './analysis-shape.js';

const HINT = 'give the analysis.json that `carve analyze` writes into its --out folder';

type Json = Record<string, unknown>;

const SUMMARY_FIELDS = ['files', 'dependencies', 'externalImports', 'unresolvedImports', 'entities', 'dataAccesses', 'contexts', 'warnings'];
const CONTEXT_METRICS_SHAPE: Record<string, Shape> = {
  size: 'number',
  loc: 'number',
  cohesion: 'number',
  coupling: 'number',
  stability: 'number',
  inbound: 'any',
  outbound: 'any',
  tablesOwned: ['string'],
  tablesShared: ['string'],
};

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function expectType(value: unknown, path: string, type: 'string' | 'number', isOptional = false): void {
  if (isOptional && (value === undefined || value === null)) return;
  if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) {
    throw new ShapeError(`at ${path}, expected a ${type}, found ${value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 40)}`);
  }
}

/** The list at `owner[key]` (an empty one when absent and optional), each item checked to be an object. */
function list(owner: Json, key: string, path: string, isOptional: boolean): Json[] {
  const value = owner[key];
  if (value === undefined && isOptional) {
    owner[key] = [];
    return [];
  }
  if (!Array.isArray(value)) throw new ShapeError(`at ${path}${key}, expected a list`);
  value.forEach((item, i) => {
    if (!isObject(item)) throw new ShapeError(`at ${path}${key}.${i}, expected an object`);
  });
  return value as Json[];
}

function strings(owner: Json, key: string, path: string): void {
  const value = owner[key];
  if (value === undefined) owner[key] = [];
  else if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new ShapeError(`at ${path}.${key}, expected a list of strings`);
}

function locations(owner: Json, path: string): void {
  for (const [i, location] of list(owner, 'locations', `${path}.`, true).entries()) expectType(location.line, `${path}.locations.${i}.line`, 'number');
}

/** The fields of `owner` that are present, held to their shapes; absent ones stay absent. */
function presentFields(owner: Json, shapes: Record<string, Shape>, path: string): void {
  for (const [key, shape] of Object.entries(shapes)) if (owner[key] !== undefined) owner[key] = conform(owner[key], shape, `${path}.${key}`);
}

function checkShape(raw: Json): void {
  raw.tool = conform(raw.tool ?? { name: 'carve', version: 'unknown' }, { name: 'string', version: 'string' }, 'tool');
  if (raw.summary !== undefined) {
    if (!isObject(raw.summary)) throw new ShapeError('at summary, expected an object');
    presentFields(raw.summary, Object.fromEntries(SUMMARY_FIELDS.map((key) => [key, 'number' as const])), 'summary');
  }
  raw.root ??= '.';
  list(raw, 'modules', '', false).forEach((module, i) => {
    expectType(module.id, `modules.${i}.id`, 'string');
    expectType(module.loc, `modules.${i}.loc`, 'number', true);
    expectType(module.context, `modules.${i}.context`, 'string', true);
    expectType(module.module, `modules.${i}.module`, 'string', true);
    module.loc ??= 0;
    module.context ??= null;
    module.external = isObject(module.external) ? module.external : {};
    module.entryPoints = Array.isArray(module.entryPoints) ? module.entryPoints : [];
  });
  list(raw, 'dependencies', '', false).forEach((dependency, i) => {
    for (const key of ['from', 'to', 'kind']) expectType(dependency[key], `dependencies.${i}.${key}`, 'string');
    expectType(dependency.weight, `dependencies.${i}.weight`, 'number');
    strings(dependency, 'symbols', `dependencies.${i}`);
    locations(dependency, `dependencies.${i}`);
  });
  list(raw, 'entities', '', true).forEach((entity, i) => {
    expectType(entity.id, `entities.${i}.id`, 'string');
    expectType(entity.table, `entities.${i}.table`, 'string');
  });
  list(raw, 'dataAccess', '', true).forEach((access, i) => {
    expectType(access.module, `dataAccess.${i}.module`, 'string');
    expectType(access.entity, `dataAccess.${i}.entity`, 'string');
    if (access.mode !== 'read' && access.mode !== 'write') throw new ShapeError(`at dataAccess.${i}.mode, expected "read" or "write"`);
    strings(access, 'operations', `dataAccess.${i}`);
    locations(access, `dataAccess.${i}`);
  });
  list(raw, 'contexts', '', true).forEach((context, i) => {
    expectType(context.id, `contexts.${i}.id`, 'string');
    strings(context, 'modules', `contexts.${i}`);
    strings(context, 'entities', `contexts.${i}`);
    if (context.featureModules !== undefined) strings(context, 'featureModules', `contexts.${i}`);
    context.metrics = isObject(context.metrics) ? context.metrics : {};
    presentFields(context.metrics as Json, CONTEXT_METRICS_SHAPE, `contexts.${i}.metrics`);
    presentFields(context, { readiness: { level: 'string', reasons: ['string'] } }, `contexts.${i}`);
  });
  for (const key of ['sharedKernel', 'godModules', 'compositionRoots']) raw[key] = conform(raw[key], ['string'], key);
  if (raw.featureModules !== undefined) raw.featureModules = conform(raw.featureModules, FEATURE_MODULES_SHAPE, 'featureModules');
  if (raw.misplaced !== undefined) raw.misplaced = conform(raw.misplaced, MISPLACED_SHAPE, 'misplaced');
  // Written since issue 14; older analyses have none.
  if (raw.platform !== undefined) raw.platform = conform(raw.platform, ['string'], 'platform');
  raw.metrics = isObject(raw.metrics) ? raw.metrics : { modularity: 0 };
  raw.plan = conform(raw.plan, PLAN_SHAPE, 'plan');
  list(raw, 'diagnostics', '', true).forEach((diagnostic, i) => {
    expectType(diagnostic.code, `diagnostics.${i}.code`, 'string');
    expectType(diagnostic.message, `diagnostics.${i}.message`, 'string');
  });
}

export function parseAnalysisJson(text: string, label: string): Analysis {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CarveError('bad-analysis', `${label} is not valid JSON (${(error as Error).message})`, HINT);
  }
  if (!isObject(raw) || !('schemaVersion' in raw)) {
    throw new CarveError('bad-analysis', `${label} is not a Carve analysis: it has no schemaVersion`, HINT);
  }
  if (raw.schemaVersion !== 1) {
    throw new CarveError('bad-analysis', `${label} has schemaVersion ${JSON.stringify(raw.schemaVersion)}; this carve reads schemaVersion 1`, 'run `carve analyze` again with this version of carve');
  }
  try {
    checkShape(raw);
  } catch (error) {
    if (error instanceof ShapeError) throw new CarveError('bad-analysis', `${label} is not a valid Carve analysis: ${error.message}`, HINT);
    throw error;
  }
  const analysis = raw as unknown as Analysis;
  analysis.summary = { ...summaryOf(analysis), ...(isObject(raw.summary) ? raw.summary : {}) };
  return analysis;
}

function summaryOf(analysis: Analysis): Analysis['summary'] {
  return {
    files: analysis.modules.length,
    dependencies: analysis.dependencies.length,
    externalImports: 0,
    unresolvedImports: 0,
    entities: analysis.entities.length,
    dataAccesses: analysis.dataAccess.length,
    contexts: analysis.contexts.length,
    warnings: analysis.diagnostics.length,
  };
}
