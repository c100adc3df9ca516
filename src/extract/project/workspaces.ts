// npm/yarn `workspaces` and pnpm-workspace.yaml: sibling packages by name, so that `@acme/b` resolves
// to the package's source, not to node_modules or its built dist/.
import { dirname, isAbsolute, join } from 'node:path';
import { globSync } from 'tinyglobby';
import { parse as parseYaml } from 'yaml';
import type { LayoutInputs } from './layout-inputs.js';
import { readConfigText, type ProjectFiles } from './project-files.js';

export interface WorkspacePackage {
  name: string;
  /** Absolute folder of the package. */
  dir: string;
  manifest: PackageManifest;
}

export interface PackageManifest {
  name?: string;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  source?: string;
  exports?: unknown;
  workspaces?: string[] | { packages?: string[] };
}

/** A package.json read through safe-read (never a FIFO, a device or a link out); null when absent or broken. */
export function readManifest(files: ProjectFiles, path: string): PackageManifest | null {
  const text = readConfigText(files, path);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as PackageManifest) : null;
  } catch {
    return null;
  }
}

function workspacePatterns(files: ProjectFiles, inputs?: LayoutInputs): string[] {
  const { root } = files;
  const patterns: string[] = [];
  inputs?.note(join(root, 'package.json'));
  inputs?.note(join(root, 'pnpm-workspace.yaml'));
  const manifest = readManifest(files, join(root, 'package.json'));
  const workspaces = manifest?.workspaces;
  if (Array.isArray(workspaces)) patterns.push(...workspaces);
  else if (workspaces && Array.isArray(workspaces.packages)) patterns.push(...workspaces.packages);
  const pnpmText = readConfigText(files, join(root, 'pnpm-workspace.yaml'));
  if (pnpmText !== null) {
    try {
      const parsed = parseYaml(pnpmText) as { packages?: unknown } | null;
      if (parsed && Array.isArray(parsed.packages)) patterns.push(...parsed.packages.filter((p): p is string => typeof p === 'string'));
    } catch {
      // An unreadable pnpm-workspace.yaml only costs workspace resolution; imports fall back to node_modules.
    }
  }
  return patterns.filter((pattern) => typeof pattern === 'string' && staysInside(pattern));
}

/**
 * Workspace globs come from the analyzed repository: one like `../../**` or `/` would send the glob
 * across the whole disk (a hang) and register packages from outside the root. Keep those that stay in.
 */
function staysInside(pattern: string): boolean {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  return body !== '' && !isAbsolute(body) && !/^[A-Za-z]:/.test(body) && !body.split(/[\\/]/).includes('..');
}

export function findWorkspacePackages(files: ProjectFiles, inputs?: LayoutInputs): WorkspacePackage[] {
  const { root } = files;
  const patterns = workspacePatterns(files, inputs);
  if (patterns.length === 0) return [];
  const positive = patterns.filter((p) => !p.startsWith('!')).map((p) => `${p.replace(/\/+$/, '')}/package.json`);
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => `${p.slice(1).replace(/\/+$/, '')}/package.json`);
  const manifests = globSync(positive, {
    cwd: root,
    ignore: ['**/node_modules/**', ...negative],
    followSymbolicLinks: false,
    absolute: true,
  }).sort();
  const packages: WorkspacePackage[] = [];
  for (const manifestPath of manifests) {
    inputs?.note(manifestPath);
    const manifest = readManifest(files, manifestPath);
    if (manifest?.name) packages.push({ name: manifest.name, dir: dirname(manifestPath), manifest });
  }
  return packages;
}
