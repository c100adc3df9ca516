// Non-TypeScript files that define entities (schema.prisma): found by each schema adapter's globs,
// read with the same safety as sources, parsed by the adapter. Not cached: they are few.
import { globSync } from 'tinyglobby';
import type { Diagnostic, EntityFact, RepoPath } from '../../shared/facts.js';
import { compareStrings } from '../../shared/sort.js';
import { readSource } from '../files/read-source.js';
import type { SchemaFileAdapter } from '../types.js';
import { prismaSchemaAdapter } from './prisma/schema.js';

export const schemaFileAdapters: SchemaFileAdapter[] = [prismaSchemaAdapter];

export function readSchemaFiles(root: string, maxBytes: number): { files: { path: RepoPath; entities: EntityFact[] }[]; diagnostics: Diagnostic[] } {
  const files: { path: RepoPath; entities: EntityFact[] }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const adapter of schemaFileAdapters) {
    const paths = globSync(adapter.patterns, {
      cwd: root,
      followSymbolicLinks: false,
      ignore: ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.git/**'],
    }).sort(compareStrings);
    for (const path of paths) {
      const source = readSource(`${root}/${path}`, path, maxBytes, root);
      if (!source.ok) {
        diagnostics.push(source.diagnostic);
        continue;
      }
      const parsed = adapter.parse(path, source.text);
      files.push({ path, entities: parsed.entities });
      diagnostics.push(...parsed.diagnostics);
    }
  }
  return { files, diagnostics };
}
