// Project layout: which tsconfig projects and workspace packages there are, and which files Carve
// reads, each with the compiler options its imports resolve under.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { CarveError } from '../../shared/errors.js';
import type { Diagnostic, RepoPath } from '../../shared/facts.js';
import { isInside, toRepoPath } from '../../shared/paths.js';
import { escapeOf, repositoryRoot } from '../../shared/repository.js';
import { compareStrings, sortedUnique } from '../../shared/sort.js';
import type { DataAccessSettings } from '../types.js';
import type { LayoutInputs } from './layout-inputs.js';
import { displayPath, readConfigText, walkInside, warn, type ProjectFiles } from './project-files.js';
import { implicitProject, type TsProject } from './tsconfig.js';
import { TsconfigFamilies } from './tsconfig-families.js';
import { isTestByName, testWordFolderOf } from '../files/test-files.js';
import { LeftOutCounter, type LeftOutCounts, type LeftOutReason } from '../files/left-out.js';
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
  /** The tsconfigs the files resolve with, relative to root ('../tsconfig.app.json' above it), sorted. */
  tsconfigs: string[];
  /** Files seen and passed over by the layout, by reason (tests by name, build output, ...). */
  leftOut: LeftOutCounts;
  /** --include-tests: the facts stage keeps files that are tests by their content, too. */
  includeTests?: true;
  /** The config's `dataAccess` names, for the data-access scan (part of the facts-cache key). */
  dataAccess?: DataAccessSettings;
  /** Test-word folders ('test', 'src/spec') holding tests by name: their other files may be test support. */
  foldersWithTests: RepoPath[];
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
  /** carve.config.json `dataAccess`. */
  dataAccess?: DataAccessSettings;
}

const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$|\.d\.[^/]+\.ts$/;
// Dependencies and version control: never walked, never counted.
const NEVER_READ_FOLDERS = new Set(['node_modules', '.git', 'bower_components', 'jspm_packages']);
// Build output and tool caches, never the code people write (other dot-folders are source).
const SKIPPED_FOLDERS = new Set([
  ...NEVER_READ_FOLDERS,
  ...['dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.turbo', '.output', '.svelte-kit', '.vercel', '.netlify'],
  ...['.serverless', '.webpack', '.vite', '.cache', '.parcel-cache', '.nx', '.angular', '.docusaurus', '.expo', '.yarn', '.pnpm-store', '.wrangler'],
]);
const WALK_IGNORE = [...SKIPPED_FOLDERS].map((folder) => `**/${folder}/**`);

// The project a file resolves under, or why it has none.
const NOT_IN_TSCONFIG = -2;
const IMPLICIT = -1;

/** `inputs`, when given, records what the layout was read from (for the layout cache). */
export function loadProjectLayout(dir: string, options: LayoutOptions = {}, inputs?: LayoutInputs): ProjectLayout {
  const root = realRoot(dir);
  const projectFiles: ProjectFiles = { root, repository: repositoryRoot(root), warnings: new Map() };
  const display = (path: string): string => displayPath(projectFiles, path);
  const families = new TsconfigFamilies(projectFiles, display, inputs);

  const rootConfig = join(root, 'tsconfig.json');
  inputs?.note(rootConfig);
  let explicit: string | null = null;
  /** With --tsconfig: its own project, the one `tsc -p` would build (its references come before it). */
  let inPlay = IMPLICIT;
  if (options.tsconfig) {
    const fromCwd = resolve(options.tsconfig);
    inputs?.note(fromCwd);
    explicit = existsSync(fromCwd) ? fromCwd : resolve(root, options.tsconfig);
    const family = families.family(explicit);
    inPlay = family[family.length - 1] ?? IMPLICIT;
  } else if (existsSync(rootConfig)) {
    // The folder's own tsconfig, found rather than named: a missing `extends` package is a warning,
    // as for the nested ones (a new team tries Carve before installing dependencies).
    families.family(rootConfig, { lenientExtends: true });
  }
  const workspaces = findWorkspacePackages(projectFiles, inputs);
  for (const workspace of workspaces) {
    const config = join(workspace.dir, 'tsconfig.json');
    inputs?.note(config);
    if (existsSync(config)) families.familyOrWarn(config);
  }
  // With --tsconfig, the projects it (and the workspaces) brought are the only ones, in load order.
  const givenProjects = explicit ? families.projects.map((_, index) => index) : [];

  const hasInclude = options.include !== undefined && options.include.length > 0;
  const candidates = new Set<string>();
  if (hasInclude) {
    // A glob that climbs out or is absolute would walk outside the root (the config's are refused
    // earlier, by field; these may come from the command line).
    for (const pattern of options.include!) {
      const escape = escapeOf(pattern);
      if (escape) throw new CarveError('bad-include', `include glob "${pattern}" ${escape}`, 'give globs relative to the analyzed folder, such as "src/**/*.ts"');
    }
    for (const file of globSync(options.include!, { cwd: root, absolute: true, dot: true, followSymbolicLinks: false, ignore: WALK_IGNORE })) {
      candidates.add(resolve(file));
    }
  } else {
    for (const project of families.projects) for (const file of project.fileNames) candidates.add(file);
    // Files no tsconfig loaded so far lists: in folders with their own nearest tsconfig, in
    // dot-folders (a tsconfig's `**` skips them), or under no tsconfig at all.
    for (const file of walkInside(projectFiles, SKIPPED_FOLDERS, (name) => SOURCE_EXTENSIONS.test(name))) candidates.add(file);
  }

  /** The project whose options a kept file's imports resolve under. */
  const projectOf = (absolutePath: string, path: RepoPath): number => {
    const chain = explicit ? [{ config: explicit, family: givenProjects }] : families.chainFamilies(absolutePath);
    for (const { family } of chain) for (const index of family) if (families.lists(index, absolutePath)) return index;
    // A tsconfig's `**` never enters a dot-folder; Carve reads app/.well-known/... with the project
    // that lists files beside that folder.
    const dotParent = dotFolderParent(root, path);
    if (dotParent !== null) for (const { family } of chain) for (const index of family) if (families.coversFolder(index, dotParent)) return index;
    if (hasInclude) {
      // A file --include adds that no given tsconfig lists resolves as tsc resolves a file an import
      // pulls into the program: with the options of the tsconfig in play, not its own nearest
      // tsconfig's (docs/decisions/real-backends.md, "Files outside the include of --tsconfig").
      if (explicit) return inPlay;
      return chain[0]?.family[chain[0].family.length - 1] ?? IMPLICIT;
    }
    if (explicit) return NOT_IN_TSCONFIG;
    // The file's own tsconfig cannot be read (an extends into a package not installed) and none above
    // lists it: read it as a project without a tsconfig would be, rather than leave its folder out.
    if (chain[0] !== undefined && chain[0].family.length === 0) return IMPLICIT;
    // A tsconfig in the analyzed folder that leaves the file out speaks for it; one above the folder
    // that does not list it (the repository's own, say) does not.
    return chain.some(({ config }) => families.isInsideRoot(config)) ? NOT_IN_TSCONFIG : IMPLICIT;
  };

  const keep = fileFilter(projectFiles, options, inputs);
  const leftOut = new LeftOutCounter();
  const foldersWithTests = new Set<RepoPath>();
  const files: SourceFileEntry[] = [];
  let implicitIndex = -1;
  for (const absolutePath of candidates) {
    const verdict = keep(absolutePath);
    if (verdict === null) continue;
    if (typeof verdict !== 'string') {
      leftOut.add(verdict.reason);
      const testFolder = verdict.reason === 'tests' ? testWordFolderOf(toRepoPath(root, absolutePath)) : null;
      if (testFolder !== null) foldersWithTests.add(testFolder);
      continue;
    }
    let project = projectOf(absolutePath, verdict);
    if (project === NOT_IN_TSCONFIG) {
      leftOut.add('notInTsconfig');
      continue;
    }
    if (project === IMPLICIT) {
      if (implicitIndex < 0) {
        families.projects.push(implicitProject([]));
        implicitIndex = families.projects.length - 1;
      }
      project = implicitIndex;
    }
    files.push({ absolutePath, path: verdict, project });
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
  const projects = families.projects;
  const tsconfigs = sortedUnique(files.flatMap((file) => {
    const config = projects[file.project]?.configPath;
    return config ? [display(config)] : [];
  }));
  const warnings = [...projectFiles.warnings.values()].sort((a, b) => compareStrings(a.file ?? '', b.file ?? ''));
  return {
    root,
    projects,
    workspaces,
    files,
    tsconfigs,
    leftOut: leftOut.counts(),
    foldersWithTests: sortedUnique(foldersWithTests),
    ...(options.includeTests ? { includeTests: true as const } : {}),
    ...(options.dataAccess ? { dataAccess: options.dataAccess } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** The folder holding a path's first dot-folder ('app' for app/.well-known/x/route.ts), or null. */
function dotFolderParent(root: string, path: RepoPath): string | null {
  const segments = path.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    if (segments[i]!.startsWith('.')) return i === 0 ? root : join(root, ...segments.slice(0, i));
  }
  return null;
}

function realRoot(dir: string): string {
  const absolute = resolve(dir);
  if (!existsSync(absolute)) throw new CarveError('no-such-path', `${dir} does not exist`, 'give the folder of a TypeScript project');
  if (!statSync(absolute).isDirectory()) throw new CarveError('not-a-folder', `${dir} is not a folder`, 'give the folder of a TypeScript project');
  return realpathSync.native(absolute);
}

/**
 * A file's RepoPath when Carve should read it; why not when it is a TypeScript file Carve passes
 * over; null for what is no TypeScript source of this folder at all.
 */
function fileFilter(projectFiles: ProjectFiles, options: LayoutOptions, inputs?: LayoutInputs): (absolutePath: string) => RepoPath | { reason: LeftOutReason } | null {
  const { root } = projectFiles;
  const gitignore = gitignoreMatcher(projectFiles, inputs);
  const isExcluded = options.exclude && options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const isRealPathInside = realPathChecker(root);
  return (absolutePath) => {
    if (!SOURCE_EXTENSIONS.test(absolutePath)) return null;
    if (!isInside(root, absolutePath)) return null;
    const path = toRepoPath(root, absolutePath);
    const segments = path.split('/');
    if (segments.some((segment) => NEVER_READ_FOLDERS.has(segment))) return null;
    if (DECLARATION.test(absolutePath)) return { reason: 'declarations' };
    for (let i = 0; i < segments.length - 1; i++) if (SKIPPED_FOLDERS.has(segments[i]!)) return { reason: 'buildOutput' };
    if (!options.includeTests && isTestByName(segments)) return { reason: 'tests' };
    if (isExcluded(path)) return { reason: 'excluded' };
    // A symlink may point out of the analyzed folder: never follow it there, nor read the .gitignore
    // files on its way.
    if (!isRealPathInside(absolutePath)) {
      warn(projectFiles, absolutePath, 'link-outside-root', 'skipped: a symbolic link to outside the analyzed folder');
      return { reason: 'linksOutside' };
    }
    return gitignore(path) ? { reason: 'gitignored' } : path;
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
