// Finding and reading carve.config.json. JSON only: Carve never runs code from the repository it reads.
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { CarveError } from '../shared/errors.js';
import { isAbsoluteAnywhere, isWithin, repositoryRoot } from '../shared/repository.js';
import { CONFIG_FILE_MAX_BYTES, describeRefusal, readTextInside } from '../shared/safe-read.js';
import { recordOf } from '../shared/records.js';
import { configError, fromZodIssues, type ConfigIssue, type FieldPath } from './issues.js';
import { rememberConfigSource } from './match.js';
import { CONFIG_FILE_NAME, DEFAULT_BASELINE_FILE, configSchema, contextConfigSchema, contextNameSchema, type CarveConfig } from './schema.js';
import { semanticIssues } from './semantic.js';

export interface LoadedConfig {
  config: CarveConfig;
  /** Absolute path of the file read. */
  path: string;
}

/**
 * The config of the project at `root`: `configPath` when given (relative to the working directory,
 * else to `root`; it must exist), else `<root>/carve.config.json`, else null. A broken file throws a
 * CarveError naming the file and the field.
 */
export function loadConfig(root: string, configPath?: string): LoadedConfig | null {
  let path: string;
  let displayPath: string;
  if (configPath !== undefined) {
    const candidates = [resolve(configPath), resolve(root, configPath)];
    const found = candidates.find((candidate) => existsSync(candidate));
    if (!found) throw new CarveError('no-config', `config file ${configPath} does not exist`, 'give the path of a carve.config.json, or run `carve init` to write one');
    path = found;
    displayPath = configPath;
  } else {
    path = resolve(root, CONFIG_FILE_NAME);
    displayPath = CONFIG_FILE_NAME;
    if (!existsSync(dirname(path))) return null;
  }
  // A file given on the command line is the user's choice; still, it is read like any repository file:
  // a regular file of its own repository, within the size limit, never a FIFO or a device.
  const read = readTextInside(path, repositoryRoot(dirname(path)), CONFIG_FILE_MAX_BYTES);
  if (!read.ok) {
    if (read.reason === 'missing' && configPath === undefined) return null;
    if (read.reason === 'folder') throw new CarveError('bad-config', `${displayPath} is a folder, not a config file`, 'give the path of a carve.config.json');
    throw new CarveError('bad-config', `${displayPath} ${describeRefusal(read)}`, 'carve.config.json must be a regular file inside the repository');
  }
  const config = parseConfig(read.text, displayPath);
  return { config, path };
}

/** Validates config text (JSON, schema, then the semantic checks); throws a CarveError on the first problem. */
export function parseConfig(text: string, displayPath: string = CONFIG_FILE_NAME): CarveConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CarveError('bad-config', `${displayPath}: not valid JSON: ${describeJsonError(text, error as Error)}`, 'carve.config.json is plain JSON: no comments, no trailing commas');
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw configError(displayPath, fromZodIssues(parsed.error.issues, knownKeys));
  const skipped = skippedContextNames(raw);
  if (skipped.length > 0) throw configError(displayPath, skipped);
  // Context names are the user's: looked up by name, they must never reach Object.prototype.
  const config = { ...parsed.data, contexts: recordOf(Object.entries(parsed.data.contexts)) };
  const issues = semanticIssues(config);
  if (issues.length > 0) throw configError(displayPath, issues);
  rememberConfigSource(config, displayPath);
  return config;
}

/**
 * Absolute path of the baseline file: the config's `baseline`, relative to the config file. It must
 * stay in the config's repository (see shared/repository.ts): a path that climbs out of it is a
 * `bad-config` error naming the field. Links are checked where the file is read and written.
 */
export function baselinePath(loaded: LoadedConfig): string {
  const written = loaded.config.baseline ?? DEFAULT_BASELINE_FILE;
  return pathInRepository(loaded, written, 'baseline', 'keep the baseline inside the repository, relative to carve.config.json');
}

/**
 * Absolute path of the config's `project.tsconfig`, relative to the config file, or null when it names
 * none. Like the baseline it must stay in the config's repository (a tsconfig above the analyzed
 * folder is fine: apps/api/tsconfig.app.json for a config in apps/api/src); else `bad-config`.
 */
export function projectTsconfigPath(loaded: LoadedConfig): string | null {
  const written = loaded.config.project?.tsconfig;
  if (written === undefined) return null;
  return pathInRepository(loaded, written, 'project.tsconfig', 'keep the tsconfig inside the repository, relative to carve.config.json');
}

/** A path written in the config, relative to the config file; absolute or leaving the repository is `bad-config`. */
function pathInRepository(loaded: LoadedConfig, written: string, fieldName: string, hint: string): string {
  const field = `${basename(loaded.path)}: ${fieldName}`;
  if (isAbsoluteAnywhere(written)) throw new CarveError('bad-config', `${field}: is an absolute path`, hint);
  const path = resolve(realpathSync.native(dirname(loaded.path)), written);
  if (!isWithin(configRepository(loaded), path)) throw new CarveError('bad-config', `${field}: climbs out of the repository`, hint);
  return path;
}

/** The repository a config's paths must stay in: the one holding the config file. */
export function configRepository(loaded: LoadedConfig): string {
  return repositoryRoot(dirname(loaded.path));
}

/**
 * zod leaves a `__proto__` key out of a record without a word (JSON.parse makes it an own key): the
 * context would vanish and its files go unchecked. Such a key is judged by the context name rule.
 */
function skippedContextNames(raw: unknown): ConfigIssue[] {
  const contexts = (raw as { contexts?: unknown }).contexts;
  if (typeof contexts !== 'object' || contexts === null || !Object.hasOwn(contexts, '__proto__')) return [];
  const name = contextNameSchema.safeParse('__proto__');
  return [{ path: ['contexts', '__proto__'], message: name.success ? 'this context name is reserved' : (name.error.issues[0]?.message ?? 'not a context name') }];
}

function knownKeys(path: FieldPath): string[] {
  if (path.length === 0) return Object.keys(configSchema.shape);
  if (path.length === 2 && path[0] === 'contexts') return Object.keys(contextConfigSchema.shape);
  return [];
}

/** V8's message, with a line and column when it only gives an offset. */
function describeJsonError(text: string, error: Error): string {
  const message = error.message.replace(/^JSON\.parse: /, '');
  const offset = /at position (\d+)/.exec(message);
  if (!offset || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(offset[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${column})`;
}
