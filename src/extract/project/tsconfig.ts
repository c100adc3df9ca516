// tsconfig.json through the compiler's own parser: `extends` chains (each level's paths relative to
// its own folder), baseUrl, paths, rootDirs, include/exclude, and project references, followed
// recursively. A broken tsconfig is the user's error (exit 2), not a diagnostic. The compiler reads
// and walks through a host confined to the repository and the analyzed root (project-files.ts).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from '../../shared/typescript.cjs';
import { CarveError } from '../../shared/errors.js';
import { CONFIG_FILE_MAX_BYTES, describeRefusal, readTextInside, type ReadRefusal } from '../../shared/safe-read.js';
import type { LayoutInputs } from './layout-inputs.js';
import { displayPath, entriesInside, realPathOf, type ProjectFiles } from './project-files.js';

export interface TsProject {
  /** Absolute path of the tsconfig, or null for the implicit project of a folder without one. */
  configPath: string | null;
  options: ts.CompilerOptions;
  /** Absolute paths the tsconfig includes (before Carve's own filters). */
  fileNames: string[];
}

// "No inputs were found": a solution-style tsconfig with only references has none, which is fine.
const IGNORED_CONFIG_ERRORS = new Set([18003]);

function flatten(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
}

type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => { files: readonly string[]; directories: readonly string[] },
  realpath: (path: string) => string,
) => string[];

// The include matcher ts.sys.readDirectory uses, with our folder listing instead of its own.
const matchFiles = (ts as unknown as { matchFiles?: MatchFiles }).matchFiles;

interface ConfinedHost extends ts.ParseConfigHost {
  /** The first file the compiler asked for that safe-read refused (not a missing one). */
  refused: { path: string; refusal: ReadRefusal } | null;
}

/**
 * The compiler's view of the disk while parsing a tsconfig: files read through safe-read inside the
 * repository (an `extends` into the repository's node_modules works; a FIFO, /dev/zero or a link
 * out does not), include patterns walked inside the analyzed root; everything read or probed noted.
 */
function confinedHost(files: ProjectFiles, inputs: LayoutInputs | undefined): ConfinedHost {
  if (!matchFiles) throw new Error('this TypeScript has no matchFiles: Carve cannot walk tsconfig include patterns safely');
  const listFolder = entriesInside(files);
  const realPath = realPathOf(files);
  const host: ConfinedHost = {
    refused: null,
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readFile: (path) => {
      inputs?.note(resolve(path));
      const read = readTextInside(path, files.repository, CONFIG_FILE_MAX_BYTES);
      if (read.ok) return read.text;
      if (read.reason !== 'missing') host.refused ??= { path, refusal: read };
      return undefined;
    },
    fileExists: (path) => {
      inputs?.note(resolve(path));
      return ts.sys.fileExists(path);
    },
    readDirectory: (path, extensions, excludes, includes, depth) =>
      matchFiles(path, extensions, excludes, includes, ts.sys.useCaseSensitiveFileNames, process.cwd(), depth, listFolder, realPath),
  };
  return host;
}

function refusedError(files: ProjectFiles, host: ConfinedHost): CarveError | null {
  if (!host.refused) return null;
  return new CarveError('bad-tsconfig', `${displayPath(files, host.refused.path)} ${describeRefusal(host.refused.refusal)}`, 'a tsconfig and what it extends must be regular files inside the repository');
}

/**
 * onMissingExtends: when given, an `extends` whose target cannot be found (a package a fresh clone has
 * not installed) is reported through it and the tsconfig is read with its own options, as tsc reads
 * it after its TS6053 error; without it, that stops the run like any error of the file's shape.
 */
export function readTsProject(
  configPath: string,
  displayPath: string,
  files: ProjectFiles,
  inputs?: LayoutInputs,
  onMissingExtends?: (message: string) => void,
): { project: TsProject; references: string[] } {
  const host = confinedHost(files, inputs);
  const read = ts.readConfigFile(configPath, host.readFile);
  const refused = refusedError(files, host);
  if (refused) throw refused;
  if (read.error) {
    throw new CarveError('bad-tsconfig', `${displayPath}: ${flatten(read.error)}`, 'fix the tsconfig or point --tsconfig at another one');
  }
  if (typeof read.config !== 'object' || read.config === null || Array.isArray(read.config)) {
    throw new CarveError('bad-tsconfig', `${displayPath}: not a JSON object`, 'fix the tsconfig or point --tsconfig at another one');
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dirname(configPath), undefined, configPath);
  const refusedInChain = refusedError(files, host);
  if (refusedInChain) throw refusedInChain;
  const structural = parsed.errors.filter(
    (error) => error.category === ts.DiagnosticCategory.Error && !IGNORED_CONFIG_ERRORS.has(error.code) && isStructuralError(error.code),
  );
  const fatal = structural[0];
  const onlyExtendsMissing = hasExtends(read.config) && structural.every((error) => MISSING_EXTENDS_ERRORS.has(error.code));
  if (fatal && onMissingExtends && onlyExtendsMissing) {
    onMissingExtends(`${displayPath}: ${flatten(fatal)}; read with its own compiler options only`);
  } else if (fatal) {
    throw new CarveError('bad-tsconfig', `${displayPath}: ${flatten(fatal)}`, 'fix the tsconfig or point --tsconfig at another one');
  }
  const options = withResolutionDefaults(parsed.options);
  const references = (parsed.projectReferences ?? []).map((reference) => {
    const target = ts.resolveProjectReferencePath(reference);
    inputs?.note(target);
    return existsSync(target) && statSync(target).isDirectory() ? join(target, 'tsconfig.json') : target;
  });
  return { project: { configPath, options, fileNames: parsed.fileNames.map((name) => resolve(name)) }, references };
}

/** What the compiler says when an `extends` target cannot be found or read. */
const MISSING_EXTENDS_ERRORS = new Set([5083, 6053, 18001]);

function hasExtends(config: object): boolean {
  return 'extends' in config && (config as { extends?: unknown }).extends !== undefined;
}

// Errors about the file's shape (a missing `extends` target, a malformed field) stop the run; unknown
// compiler options and the like do not: they do not change how imports resolve.
function isStructuralError(code: number): boolean {
  return code === 5083 /* cannot read extends */ || code === 6053 /* file not found */ || code === 18001 /* extends not found */ || code === 5024 || code === 5070 || code === 1327;
}

const NODE_MODULE_KINDS = new Set([ts.ModuleKind.CommonJS, ts.ModuleKind.Node16, ts.ModuleKind.Node18, ts.ModuleKind.NodeNext]);

/**
 * Classic resolution cannot see packages or index files; older compilers picked it when a tsconfig
 * names no `moduleResolution`. Carve resolves such projects as a bundler would.
 */
export function withResolutionDefaults(options: ts.CompilerOptions): ts.CompilerOptions {
  const kind = options.moduleResolution;
  if (kind === ts.ModuleResolutionKind.Classic || (kind === undefined && !(options.module !== undefined && NODE_MODULE_KINDS.has(options.module)))) {
    return { ...options, moduleResolution: ts.ModuleResolutionKind.Bundler };
  }
  return options;
}

export function implicitProject(fileNames: string[]): TsProject {
  return {
    configPath: null,
    options: { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: false },
    fileNames,
  };
}
