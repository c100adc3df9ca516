// Where the Prisma schema is when the analyzed folder holds none: a back-end in a monorepo whose
// schema lives elsewhere in the repository. Looked for as Prisma and the workspace would find it:
// - the `prisma.schema` field of a package.json (a file, or a folder of .prisma files), else
//   `prisma/**/*.prisma`, else `schema.prisma`, in the package a project import leads to: a
//   workspace package by name, or the target of a tsconfig `paths` alias, up to its package.json;
// - when the analyzed files import `@prisma/client`, the same in the packages above the analyzed
//   folder (folders with a package.json, where Prisma runs), up to the repository root, the nearest
//   that has one. A folder above that is no package is passed: its `prisma/` may be anything.
// Read-only and confined to the repository: folders are listed without following links and files
// are read through safe-read. Must not load the compiler (a fully cached run reads schemas too).
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { FileFacts } from '../../../shared/facts.js';
import { isWithin } from '../../../shared/repository.js';
import { CONFIG_FILE_MAX_BYTES, readTextInside } from '../../../shared/safe-read.js';
import { compareStrings } from '../../../shared/sort.js';
import type { ProjectLayout } from '../../project/index.js';

const PRISMA_CLIENT = /^@prisma\/client(\/|$)/;
const MAX_SCHEMA_FILES = 200;

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** The `prisma.schema` a package.json names, absolute; null without one. */
function manifestSchema(folder: string, repository: string): string | null {
  const read = readTextInside(join(folder, 'package.json'), repository, CONFIG_FILE_MAX_BYTES);
  if (!read.ok) return null;
  try {
    const manifest = JSON.parse(read.text.replace(/^\uFEFF/, '')) as { prisma?: { schema?: unknown } };
    const schema = manifest?.prisma?.schema;
    return typeof schema === 'string' && schema.length > 0 ? resolve(folder, schema) : null;
  } catch {
    return null;
  }
}

/** The .prisma files under a folder, sorted; none past the limit, no links followed. */
function prismaFilesUnder(folder: string): string[] {
  return globSync(['**/*.prisma'], { cwd: folder, absolute: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] })
    .sort(compareStrings)
    .slice(0, MAX_SCHEMA_FILES);
}

/** The schema files a package folder holds, the way Prisma looks for them; empty when none. */
function schemasOf(folder: string, repository: string): string[] {
  const named = manifestSchema(folder, repository);
  if (named !== null && isWithin(repository, named)) {
    if (isFolder(named)) return prismaFilesUnder(named);
    if (isFile(named)) return [named];
  }
  const conventional = join(folder, 'prisma');
  if (isFolder(conventional)) {
    const files = prismaFilesUnder(conventional);
    if (files.length > 0) return files;
  }
  const single = join(folder, 'schema.prisma');
  return isFile(single) ? [single] : [];
}

/** The nearest folder at or above `folder` (inside the repository) holding a package.json. */
export function packageFolderOf(folder: string, repository: string): string | null {
  for (let current = folder; isWithin(repository, current); current = dirname(current)) {
    if (isFile(join(current, 'package.json'))) return current;
    if (current === repository) break;
  }
  return null;
}

/** The folders a non-relative specifier leads to through the tsconfig `paths` of the projects in play. */
function aliasTargets(layout: ProjectLayout, specifier: string): string[] {
  const out: string[] = [];
  const inPlay = new Set(layout.files.map((file) => file.project));
  for (const index of [...inPlay].sort((a, b) => a - b)) {
    const project = layout.projects[index];
    const paths = project?.options.paths;
    if (!project || !paths) continue;
    const base = (project.options.pathsBasePath as string | undefined) ?? project.options.baseUrl ?? (project.configPath ? dirname(project.configPath) : layout.root);
    for (const [pattern, targets] of Object.entries(paths)) {
      const star = pattern.indexOf('*');
      let captured: string | null = null;
      if (star < 0) captured = pattern === specifier ? '' : null;
      else if (specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) && specifier.length >= pattern.length - 1) {
        captured = specifier.slice(star, specifier.length - (pattern.length - star - 1));
      }
      if (captured === null) continue;
      for (const target of targets) out.push(resolve(base, target.replace('*', captured)));
    }
  }
  return out;
}

/**
 * Absolute paths of the Prisma schema files the analyzed files use from outside the analyzed folder,
 * sorted; empty when none is found.
 */
export function prismaSchemasOutside(layout: ProjectLayout, files: readonly FileFacts[], repository: string): string[] {
  const root = layout.root;
  const specifiers = new Set<string>();
  for (const facts of files) {
    for (const fact of facts.imports) {
      if (fact.resolved === null && !fact.specifier.startsWith('.') && !fact.specifier.startsWith('/')) specifiers.add(fact.specifier);
    }
  }
  const found = new Set<string>();
  const outside = (path: string): boolean => isWithin(repository, path) && !isWithin(root, path);
  const packages = new Set<string>();
  for (const specifier of [...specifiers].sort(compareStrings)) {
    for (const workspace of layout.workspaces) {
      if (specifier === workspace.name || specifier.startsWith(`${workspace.name}/`)) packages.add(workspace.dir);
    }
    for (const target of aliasTargets(layout, specifier)) {
      if (!outside(target)) continue;
      const folder = packageFolderOf(isFolder(target) ? target : dirname(target), repository);
      if (folder !== null) packages.add(folder);
    }
  }
  for (const folder of [...packages].sort(compareStrings)) {
    if (!outside(folder)) continue;
    for (const file of schemasOf(folder, repository)) if (outside(file)) found.add(file);
  }
  // `@prisma/client` without a schema in an imported package: the nearest one above the analyzed folder.
  if (found.size === 0 && [...specifiers].some((specifier) => PRISMA_CLIENT.test(specifier))) {
    for (let folder = dirname(root); isWithin(repository, folder) && folder !== root; folder = dirname(folder)) {
      const schemas = isFile(join(folder, 'package.json')) ? schemasOf(folder, repository).filter(outside) : [];
      if (schemas.length > 0) {
        for (const file of schemas) found.add(file);
        break;
      }
      if (folder === repository) break;
    }
  }
  return [...found].sort(compareStrings);
}
