// Non-TypeScript files that define entities (schema.prisma): found by each schema adapter's globs,
// read with the same safety as sources, parsed by the adapter. Not cached: they are few. When the
// analyzed folder holds no Prisma schema, the one its files use from elsewhere in the repository is
// read (prisma/schema-location.ts), under a path relative to the analyzed folder ('../../tools/...').
// A model declared in several schema files of one package (one schema per database provider, a
// template) is one entity: the first file by path declares it.
import { dirname, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { Diagnostic, EntityFact, FileFacts, RepoPath } from '../../shared/facts.js';
import { toRepoPath } from '../../shared/paths.js';
import { repositoryRoot } from '../../shared/repository.js';
import { compareStrings } from '../../shared/sort.js';
import { readSource } from '../files/read-source.js';
import type { ProjectLayout } from '../project/index.js';
import type { SchemaFileAdapter } from '../types.js';
import { prismaSchemaAdapter } from './prisma/schema.js';
import { packageFolderOf, prismaSchemasOutside } from './prisma/schema-location.js';

export const schemaFileAdapters: SchemaFileAdapter[] = [prismaSchemaAdapter];

export interface SchemaFiles {
  files: { path: RepoPath; entities: EntityFact[] }[];
  diagnostics: Diagnostic[];
}

/** `project`: the layout and the facts of its files, to find a Prisma schema outside the analyzed folder. */
export function readSchemaFiles(root: string, maxBytes: number, project?: { layout: ProjectLayout; files: readonly FileFacts[] }): SchemaFiles {
  const files: { path: RepoPath; entities: EntityFact[] }[] = [];
  const diagnostics: Diagnostic[] = [];
  const repository = repositoryRoot(root);
  /** Package folder + adapter + entity name: the first file by path declares it. */
  const declared = new Set<string>();
  for (const adapter of schemaFileAdapters) {
    let paths: { absolute: string; path: RepoPath; within: string }[] = globSync(adapter.patterns, {
      cwd: root,
      followSymbolicLinks: false,
      ignore: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.git/**'],
    })
      .sort(compareStrings)
      .map((path) => ({ absolute: resolve(root, path), path, within: root }));
    if (paths.length === 0 && adapter === prismaSchemaAdapter && project) {
      paths = prismaSchemasOutside(project.layout, project.files, repository).map((absolute) => ({ absolute, path: toRepoPath(root, absolute), within: repository }));
    }
    for (const { absolute, path, within } of paths) {
      const source = readSource(absolute, path, maxBytes, within);
      if (!source.ok) {
        diagnostics.push(source.diagnostic);
        continue;
      }
      const parsed = adapter.parse(path, source.text);
      const owner = packageFolderOf(dirname(absolute), repository) ?? repository;
      const entities = parsed.entities.filter((entity) => {
        const key = `${owner}\u0000${adapter.orm}\u0000${entity.name}`;
        if (declared.has(key)) return false;
        declared.add(key);
        return true;
      });
      files.push({ path, entities });
      diagnostics.push(...parsed.diagnostics);
    }
  }
  return { files, diagnostics };
}
