// tsconfig.json through the compiler's own parser: `extends` chains (each level's paths relative to
// its own folder), baseUrl, paths, rootDirs, include/exclude, and project references, followed
// recursively. A broken tsconfig is the user's error (exit 2), not a diagnostic.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from '../../shared/typescript.cjs';
import { CarveError } from '../../shared/errors.js';
import type { LayoutInputs } from './layout-inputs.js';

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

/** ts.sys, with every file and folder the config parser reads or probes noted (extends targets, references). */
function recordingHost(inputs: LayoutInputs | undefined): ts.ParseConfigHost & ts.System {
  if (!inputs) return ts.sys;
  return {
    ...ts.sys,
    readFile: (path: string, encoding?: string) => {
      inputs.note(resolve(path));
      return ts.sys.readFile(path, encoding);
    },
    fileExists: (path) => {
      inputs.note(resolve(path));
      return ts.sys.fileExists(path);
    },
    directoryExists: (path) => {
      inputs.note(resolve(path));
      return ts.sys.directoryExists(path);
    },
  };
}

export function readTsProject(configPath: string, displayPath: string, inputs?: LayoutInputs): { project: TsProject; references: string[] } {
  const host = recordingHost(inputs);
  const read = ts.readConfigFile(configPath, host.readFile);
  if (read.error) {
    throw new CarveError('bad-tsconfig', `${displayPath}: ${flatten(read.error)}`, 'fix the tsconfig or point --tsconfig at another one');
  }
  if (typeof read.config !== 'object' || read.config === null || Array.isArray(read.config)) {
    throw new CarveError('bad-tsconfig', `${displayPath}: not a JSON object`, 'fix the tsconfig or point --tsconfig at another one');
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dirname(configPath), undefined, configPath);
  const fatal = parsed.errors.find(
    (error) => error.category === ts.DiagnosticCategory.Error && !IGNORED_CONFIG_ERRORS.has(error.code) && isStructuralError(error.code),
  );
  if (fatal) {
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

/** Loads a tsconfig and every project it references, each once, references first. */
export function readTsProjects(configPath: string, displayOf: (path: string) => string, inputs?: LayoutInputs): TsProject[] {
  const projects: TsProject[] = [];
  const seen = new Set<string>();
  const visit = (path: string, isRoot: boolean): void => {
    if (seen.has(path)) return;
    seen.add(path);
    inputs?.note(path);
    if (!existsSync(path)) {
      if (isRoot) throw new CarveError('no-tsconfig', `${displayOf(path)} does not exist`, 'check the --tsconfig path');
      // A missing referenced project is skipped: the rest still analyzes.
      return;
    }
    const { project, references } = readTsProject(path, displayOf(path), inputs);
    for (const reference of references) visit(reference, false);
    projects.push(project);
  };
  visit(configPath, true);
  return projects;
}
