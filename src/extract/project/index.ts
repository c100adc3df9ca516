// Project layout: which tsconfig projects and workspace packages there are, and which files Carve
// reads, each with the compiler options its imports resolve under.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { CarveError } from '../../shared/errors.js';
import type { Diagnostic, RepoPath } from '../../shared/facts.js';
import { isInside, toRepoPath } from '../../shared/paths.js';
import { escapeOf, repositoryRoot } from '../../shared/repository.js';
import { compareStrings } from '../../shared/sort.js';
import type { LayoutInputs } from './layout-inputs.js';
import { displayPath, readConfigText, warn, type ProjectFiles } from './project-files.js';
import { implicitProject, readTsProjects, type TsProject } from './tsconfig.js';
import { findWorkspacePackages, type WorkspacePackage } from './workspaces.js';

export type { TsProject } from './tsconfig.js';
export type { WorkspacePackage } from './workspaces.js';

export interface SourceFileEntry {
  absolutePath: string;
  path: RepoPath;
  /** Index into ProjectLayout.projects: the options its imports resolve under. */
  project: number;
}

export interface ProjectLayout {
  /** Absolute, real path of the analyzed folder. */
  root: string;
  projects: TsProject[];
  workspaces: WorkspacePackage[];
  /** Sorted by path. */
  files: SourceFileEntry[];
  /** Files and links passed over while reading the layout (a FIFO .gitignore, a link out), by path. */
  warnings?: Diagnostic[];
}

export interface LayoutOptions {
  tsconfig?: string;
  include?: string[];
  exclude?: string[];
  includeTests?: boolean;
  /** Refuse to analyze more files than this (a clear error suggesting --include). */
  maxFiles?: number;
}

const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$|\.d\.[^/]+\.ts$/;
// Folders that hold dependencies or build output, never the code people write.
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.git', '.next', '.nuxt', '.turbo', 'bower_components', 'jspm_packages']);
const TEST_FOLDERS = new Set(['__tests__', '__mocks__', '__fixtures__', 'test', 'tests', 'e2e', 'spec']);
const TEST_FILE = /\.(spec|test|e2e-spec|e2e|stories|bench)\.(ts|tsx|mts|cts)$/;

/** `inputs`, when given, records what the layout was read from (for the layout cache). */
export function loadProjectLayout(dir: string, options: LayoutOptions = {}, inputs?: LayoutInputs): ProjectLayout {
  const root = realRoot(dir);
  const projectFiles: ProjectFiles = { root, repository: repositoryRoot(root), warnings: new Map() };
  const display = (path: string): string => displayPath(projectFiles, path);

  const projects: TsProject[] = [];
  const loadedConfigs = new Set<string>();
  const addProjects = (configPath: string): void => {
    for (const project of readTsProjects(configPath, display, projectFiles, inputs)) {
      if (project.configPath && loadedConfigs.has(project.configPath)) continue;
      if (project.configPath) loadedConfigs.add(project.configPath);
      projects.push(project);
    }
  };
  const rootConfig = join(root, 'tsconfig.json');
  inputs?.note(rootConfig);
  if (options.tsconfig) {
    const fromCwd = resolve(options.tsconfig);
    inputs?.note(fromCwd);
    addProjects(existsSync(fromCwd) ? fromCwd : resolve(root, options.tsconfig));
  } else if (existsSync(rootConfig)) {
    addProjects(rootConfig);
  }
  const workspaces = findWorkspacePackages(projectFiles, inputs);
  for (const workspace of workspaces) {
    const config = join(workspace.dir, 'tsconfig.json');
    inputs?.note(config);
    if (existsSync(config) && !loadedConfigs.has(config)) addProjects(config);
  }

  const candidates = new Map<string, number>();
  if (options.include && options.include.length > 0) {
    // A glob that climbs out or is absolute would walk outside the root (the config's are refused
    // earlier, by field; these may come from the command line).
    for (const pattern of options.include) {
      const escape = escapeOf(pattern);
      if (escape) throw new CarveError('bad-include', `include glob "${pattern}" ${escape}`, 'give globs relative to the analyzed folder, such as "src/**/*.ts"');
    }
    for (const file of globSync(options.include, { cwd: root, absolute: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] })) {
      candidates.set(resolve(file), -1);
    }
  } else {
    projects.forEach((project, index) => {
      for (const file of project.fileNames) if (!candidates.has(file)) candidates.set(file, index);
    });
    if (projects.length === 0) {
      for (const file of globSync(['**/*.{ts,tsx,mts,cts}'], { cwd: root, absolute: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] })) {
        candidates.set(resolve(file), -1);
      }
    }
  }

  const keep = fileFilter(projectFiles, options, inputs);
  const files: SourceFileEntry[] = [];
  let implicitIndex = -1;
  for (const [absolutePath, projectIndex] of candidates) {
    const path = keep(absolutePath);
    if (path === null) continue;
    let project = projectIndex >= 0 ? projectIndex : owningProject(projects, absolutePath);
    if (project < 0) {
      if (implicitIndex < 0) {
        projects.push(implicitProject([]));
        implicitIndex = projects.length - 1;
      }
      project = implicitIndex;
    }
    files.push({ absolutePath, path, project });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  if (files.length === 0) {
    throw new CarveError('no-typescript', `no TypeScript files found in ${dir}`, 'point carve at a folder with .ts files, or check --include/--exclude and tsconfig include');
  }
  if (options.maxFiles !== undefined && files.length > options.maxFiles) {
    throw new CarveError(
      'too-many-files',
      `${files.length} files found, more than the limit of ${options.maxFiles}`,
      'narrow the analysis with --include "src/**/*.ts", or raise --max-files',
    );
  }
  inputs?.noteFolders(root, SKIPPED_FOLDERS);
  const warnings = [...projectFiles.warnings.values()].sort((a, b) => compareStrings(a.file ?? '', b.file ?? ''));
  return { root, projects, workspaces, files, ...(warnings.length > 0 ? { warnings } : {}) };
}

function realRoot(dir: string): string {
  const absolute = resolve(dir);
  if (!existsSync(absolute)) throw new CarveError('no-such-path', `${dir} does not exist`, 'give the folder of a TypeScript project');
  if (!statSync(absolute).isDirectory()) throw new CarveError('not-a-folder', `${dir} is not a folder`, 'give the folder of a TypeScript project');
  return realpathSync.native(absolute);
}

/** The project whose tsconfig folder is the deepest one containing the file. */
function owningProject(projects: TsProject[], absolutePath: string): number {
  let best = -1;
  let bestDepth = -1;
  projects.forEach((project, index) => {
    if (!project.configPath) return;
    const folder = dirname(project.configPath);
    if ((absolutePath.startsWith(folder + sep) || folder === absolutePath) && folder.length > bestDepth) {
      best = index;
      bestDepth = folder.length;
    }
  });
  return best;
}

/** Returns the file's RepoPath when Carve should read it, else null. */
function fileFilter(projectFiles: ProjectFiles, options: LayoutOptions, inputs?: LayoutInputs): (absolutePath: string) => RepoPath | null {
  const { root } = projectFiles;
  const gitignore = gitignoreMatcher(projectFiles, inputs);
  const isExcluded = options.exclude && options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const isRealPathInside = realPathChecker(root);
  return (absolutePath) => {
    if (!SOURCE_EXTENSIONS.test(absolutePath) || DECLARATION.test(absolutePath)) return null;
    if (!isInside(root, absolutePath)) return null;
    const path = toRepoPath(root, absolutePath);
    const segments = path.split('/');
    const fileName = segments[segments.length - 1] ?? '';
    for (let i = 0; i < segments.length - 1; i++) {
      const segment = segments[i]!;
      if (SKIPPED_FOLDERS.has(segment)) return null;
      if (!options.includeTests && TEST_FOLDERS.has(segment)) return null;
    }
    if (!options.includeTests && TEST_FILE.test(fileName)) return null;
    if (isExcluded(path)) return null;
    // A symlink may point out of the analyzed folder: never follow it there, nor read the .gitignore
    // files on its way.
    if (!isRealPathInside(absolutePath)) {
      warn(projectFiles, absolutePath, 'link-outside-root', 'skipped: a symbolic link to outside the analyzed folder');
      return null;
    }
    return gitignore(path) ? null : path;
  };
}

/**
 * Whether a file's real path (symlinks resolved) stays under root. Per folder, one realpath and one
 * listing with entry types say where the folder really is and which of its entries are links; a file's
 * own realpath is taken only when it is a link. realpath on every one of 5,000 files cost 75-85 ms,
 * an lstat each 40 ms; this costs a few.
 */
function realPathChecker(root: string): (absolutePath: string) => boolean {
  const folders = new Map<string, { isInside: boolean; links: Set<string> }>();
  const folderInfo = (folder: string) => {
    let info = folders.get(folder);
    if (info === undefined) {
      const real = realpathSync.native(folder);
      const isInsideRoot = real === root || isInside(root, real);
      const links = new Set<string>();
      if (isInsideRoot) for (const entry of readdirSync(folder, { withFileTypes: true })) if (entry.isSymbolicLink()) links.add(entry.name);
      info = { isInside: isInsideRoot, links };
      folders.set(folder, info);
    }
    return info;
  };
  return (absolutePath) => {
    try {
      const info = folderInfo(dirname(absolutePath));
      if (!info.isInside) return false;
      return info.links.has(basename(absolutePath)) ? isInside(root, realpathSync.native(absolutePath)) : true;
    } catch {
      return false;
    }
  };
}

/**
 * Whether git would ignore a file: every .gitignore from the root down to the file's folder, each
 * relative to its own folder, a deeper one overriding (including its `!` negations) a shallower one.
 */
function gitignoreMatcher(projectFiles: ProjectFiles, inputs?: LayoutInputs): (path: RepoPath) => boolean {
  const { root } = projectFiles;
  const byFolder = new Map<string, ReturnType<typeof ignore> | null>();
  const rulesOf = (folder: string): ReturnType<typeof ignore> | null => {
    let rules = byFolder.get(folder);
    if (rules === undefined) {
      const absoluteFolder = folder === '' ? root : join(root, folder);
      inputs?.note(join(absoluteFolder, '.gitignore'));
      rules = readGitignore(projectFiles, absoluteFolder);
      byFolder.set(folder, rules);
    }
    return rules;
  };
  return (path) => {
    const segments = path.split('/');
    let isIgnored = false;
    for (let depth = 0; depth < segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      const rules = rulesOf(folder);
      if (!rules) continue;
      const result = rules.test(segments.slice(depth).join('/'));
      if (result.ignored) isIgnored = true;
      else if (result.unignored) isIgnored = false;
    }
    return isIgnored;
  };
}

/** A folder's .gitignore rules: read only inside the analyzed root, never a FIFO, device or link out. */
function readGitignore(projectFiles: ProjectFiles, folder: string): ReturnType<typeof ignore> | null {
  const text = readConfigText(projectFiles, join(folder, '.gitignore'), projectFiles.root);
  if (text === null) return null;
  try {
    return ignore().add(text);
  } catch {
    return null;
  }
}
