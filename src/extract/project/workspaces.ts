// npm/yarn `workspaces` and pnpm-workspace.yaml: sibling packages by name, so that `@acme/b` resolves
// to the package's source, not to node_modules or its built dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { globSync } from 'tinyglobby';
import { parse as parseYaml } from 'yaml';
import type { LayoutInputs } from './layout-inputs.js';

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

export function readManifest(path: string): PackageManifest | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as PackageManifest) : null;
  } catch {
    return null;
  }
}

function workspacePatterns(root: string, inputs?: LayoutInputs): string[] {
  const patterns: string[] = [];
  inputs?.note(join(root, 'package.json'));
  inputs?.note(join(root, 'pnpm-workspace.yaml'));
  const manifest = readManifest(join(root, 'package.json'));
  const workspaces = manifest?.workspaces;
  if (Array.isArray(workspaces)) patterns.push(...workspaces);
  else if (workspaces && Array.isArray(workspaces.packages)) patterns.push(...workspaces.packages);
  const pnpmFile = join(root, 'pnpm-workspace.yaml');
  if (existsSync(pnpmFile)) {
    try {
      const parsed = parseYaml(readFileSync(pnpmFile, 'utf8')) as { packages?: unknown } | null;
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

export function findWorkspacePackages(root: string, inputs?: LayoutInputs): WorkspacePackage[] {
  const patterns = workspacePatterns(root, inputs);
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
    const manifest = readManifest(manifestPath);
    if (manifest?.name) packages.push({ name: manifest.name, dir: dirname(manifestPath), manifest });
  }
  return packages;
}
