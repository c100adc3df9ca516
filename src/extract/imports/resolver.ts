// Module resolution with one shared cache. Relative specifiers that name a project file are answered
// from the file set directly (the common case, and cheap); workspace packages map to their source;
// everything else goes through the compiler's own resolver with a shared resolution cache.
import { builtinModules } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repositoryRoot } from '../../shared/repository.js';
import { CONFIG_FILE_MAX_BYTES, readTextInside } from '../../shared/safe-read.js';
import ts from '../../shared/typescript.cjs';
import type { ProjectLayout, WorkspacePackage } from '../project/index.js';

export interface Resolution {
  /** Absolute path of a project file. */
  resolved: string | null;
  external: string | null;
  isUnresolved: boolean;
}

const BUILTINS = new Set(builtinModules);
const PROBE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '/index.ts', '/index.tsx', '/index.mts', '/index.cts'];
const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};
const BUILD_FOLDERS = ['dist', 'build', 'lib', 'out', 'esm', 'cjs'];

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');
}

/** 'lodash/fp' -> 'lodash', '@nestjs/core/x' -> '@nestjs/core', 'fs' -> 'node:fs'. */
export function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
  return BUILTINS.has(name) ? `node:${name}` : name;
}

export class ModuleResolver {
  private readonly fileSet: Set<string>;
  private readonly memo = new Map<string, Resolution>();
  private readonly existsCache = new Map<string, boolean>();
  private readonly directoryCache = new Map<string, boolean>();
  private readonly host: ts.ModuleResolutionHost;
  private readonly caches: ts.ModuleResolutionCache[];
  private readonly workspaces: WorkspacePackage[];
  /** Every `paths` pattern of the tsconfigs in play, as [prefix, suffix] around its '*'. */
  private readonly aliasPatterns: [string, string | null][];

  constructor(private readonly layout: ProjectLayout) {
    this.fileSet = new Set(layout.files.map((file) => file.absolutePath));
    // Longest names first, so '@acme/b-extra' is not taken for '@acme/b'.
    this.workspaces = [...layout.workspaces].sort((a, b) => b.name.length - a.name.length);
    // The compiler reads package.json files while resolving: only regular files in the repository
    // (its node_modules included), never a FIFO, a device or a link out.
    const repository = repositoryRoot(layout.root);
    this.host = {
      fileExists: (path) => this.fileExists(path),
      directoryExists: (path) => this.directoryExists(path),
      readFile: (path) => {
        const read = readTextInside(path, repository, CONFIG_FILE_MAX_BYTES);
        return read.ok ? read.text : undefined;
      },
      realpath: (path) => (ts.sys.realpath ? ts.sys.realpath(path) : path),
      getCurrentDirectory: () => layout.root,
    };
    this.aliasPatterns = pathAliasPatterns(layout);
    this.caches = layout.projects.map((project) =>
      ts.createModuleResolutionCache(layout.root, (name) => name, project.options),
    );
  }

  resolve(specifier: string, containingFile: string, projectIndex: number): Resolution {
    const key = `${projectIndex}\u0000${dirname(containingFile)}\u0000${specifier}`;
    let result = this.memo.get(key);
    if (!result) {
      result = this.resolveUncached(specifier, containingFile, projectIndex);
      this.memo.set(key, result);
    }
    return result;
  }

  private resolveUncached(specifier: string, containingFile: string, projectIndex: number): Resolution {
    if (specifier.startsWith('node:') || BUILTINS.has(specifier)) {
      return { resolved: null, external: packageName(specifier), isUnresolved: false };
    }
    if (isRelative(specifier)) {
      const direct = this.probe(resolve(dirname(containingFile), specifier));
      if (direct) return { resolved: direct, external: null, isUnresolved: false };
    } else {
      const workspace = this.workspaces.find((pkg) => specifier === pkg.name || specifier.startsWith(`${pkg.name}/`));
      if (workspace) {
        const source = this.workspaceSource(workspace, specifier.slice(workspace.name.length + 1));
        if (source) return { resolved: source, external: null, isUnresolved: false };
      }
    }
    return this.compilerResolve(specifier, containingFile, projectIndex);
  }

  private compilerResolve(specifier: string, containingFile: string, projectIndex: number): Resolution {
    const project = this.layout.projects[projectIndex];
    const options = project?.options ?? {};
    const resolved = ts.resolveModuleName(specifier, containingFile, options, this.host, this.caches[projectIndex]).resolvedModule;
    if (resolved) {
      const file = resolve(resolved.resolvedFileName);
      if (this.fileSet.has(file)) return { resolved: file, external: null, isUnresolved: false };
      if (resolved.isExternalLibraryImport || file.includes('/node_modules/')) {
        return { resolved: null, external: packageName(specifier), isUnresolved: false };
      }
      // A file of the project Carve leaves out (a declaration, a test helper, JSON): no edge, no warning.
      return { resolved: null, external: null, isUnresolved: false };
    }
    // An alias of any tsconfig in play that leads nowhere is a broken import of the project, never a package.
    if (isRelative(specifier) || this.matchesPathAlias(specifier)) {
      return { resolved: null, external: null, isUnresolved: true };
    }
    return { resolved: null, external: packageName(specifier), isUnresolved: false };
  }

  private matchesPathAlias(specifier: string): boolean {
    for (const [prefix, suffix] of this.aliasPatterns) {
      if (suffix === null ? specifier === prefix : specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** A project file for `base` as written or with TypeScript's extension rules. */
  private probe(base: string): string | null {
    for (const [jsExtension, tsExtensions] of Object.entries(JS_TO_TS)) {
      if (base.endsWith(jsExtension)) {
        const stem = base.slice(0, -jsExtension.length);
        for (const extension of tsExtensions) if (this.fileSet.has(stem + extension)) return stem + extension;
      }
    }
    for (const suffix of PROBE_SUFFIXES) if (this.fileSet.has(base + suffix)) return base + suffix;
    return null;
  }

  /** The source file behind a workspace package import: manifest entry points mapped from build output to src. */
  private workspaceSource(pkg: WorkspacePackage, subpath: string): string | null {
    const entries: string[] = [];
    const manifest = pkg.manifest;
    const exportTarget = exportsEntry(manifest.exports, subpath === '' ? '.' : `./${subpath}`);
    if (exportTarget) entries.push(exportTarget);
    if (subpath === '') {
      for (const field of [manifest.source, manifest.types, manifest.typings, manifest.module, manifest.main]) {
        if (typeof field === 'string') entries.push(field);
      }
      entries.push('src/index', 'index');
    } else {
      entries.push(`src/${subpath}`, subpath);
    }
    for (const entry of entries) {
      for (const candidate of sourceCandidates(entry)) {
        const found = this.probe(join(pkg.dir, candidate));
        if (found) return found;
      }
    }
    return null;
  }

  private fileExists(path: string): boolean {
    let exists = this.existsCache.get(path);
    if (exists === undefined) {
      exists = this.fileSet.has(path) || (existsSync(path) && statSync(path).isFile());
      this.existsCache.set(path, exists);
    }
    return exists;
  }

  private directoryExists(path: string): boolean {
    let exists = this.directoryCache.get(path);
    if (exists === undefined) {
      exists = existsSync(path) && statSync(path).isDirectory();
      this.directoryCache.set(path, exists);
    }
    return exists;
  }
}

/**
 * The `paths` patterns of every project some file of the layout resolves under, once each. A bare '*' (a catch-all that sends
 * every specifier through extra folders first) is left out: it would make every package a broken alias.
 */
function pathAliasPatterns(layout: ProjectLayout): [string, string | null][] {
  const patterns = new Set<string>();
  const inPlay = new Set(layout.files.map((file) => file.project));
  for (const index of inPlay) {
    for (const pattern of Object.keys(layout.projects[index]?.options.paths ?? {})) if (pattern !== '*') patterns.add(pattern);
  }
  return [...patterns].sort().map((pattern) => {
    const star = pattern.indexOf('*');
    return star < 0 ? [pattern, null] : [pattern.slice(0, star), pattern.slice(star + 1)];
  });
}

/** 'dist/esm/index.js' -> ['dist/esm/index.js', 'src/esm/index', 'src/index', ...]: built paths mapped back to source. */
function sourceCandidates(entry: string): string[] {
  const clean = entry.replace(/^\.\//, '');
  const stem = clean.replace(/\.d\.(ts|mts|cts)$/, '').replace(/\.(js|mjs|cjs|jsx)$/, '');
  const candidates = [clean, stem];
  const parts = stem.split('/');
  if (parts.length > 1 && BUILD_FOLDERS.includes(parts[0]!)) {
    candidates.push(['src', ...parts.slice(1)].join('/'));
    // dist/esm/index -> src/index
    if (parts.length > 2) candidates.push(['src', ...parts.slice(2)].join('/'));
  }
  return candidates;
}

/** The path a package.json `exports` map gives for a subpath, preferring source-ish conditions. */
function exportsEntry(exportsField: unknown, subpath: string): string | null {
  if (exportsField === undefined || exportsField === null) return null;
  if (typeof exportsField === 'string') return subpath === '.' ? exportsField : null;
  if (typeof exportsField !== 'object' || Array.isArray(exportsField)) return null;
  const map = exportsField as Record<string, unknown>;
  const isSubpathMap = Object.keys(map).some((key) => key.startsWith('.'));
  const target = isSubpathMap ? map[subpath] : subpath === '.' ? map : undefined;
  return conditionTarget(target);
}

function conditionTarget(target: unknown): string | null {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = conditionTarget(item);
      if (found) return found;
    }
    return null;
  }
  if (target && typeof target === 'object') {
    const conditions = target as Record<string, unknown>;
    for (const condition of ['source', 'development', 'types', 'import', 'module', 'require', 'node', 'default']) {
      const found = conditionTarget(conditions[condition]);
      if (found) return found;
    }
  }
  return null;
}
