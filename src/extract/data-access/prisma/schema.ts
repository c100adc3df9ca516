// Prisma schema files: `model Order { ... @@map("orders") }` (and `view`) blocks are the entities;
// fields typed by another model are their relations (an enum-typed field binds to no entity and drops).
// A small line reader: the schema language is regular enough at this level (blocks, `@@map`).
import type { Diagnostic, EntityFact, EntityRef, RepoPath } from '../../../shared/facts.js';
import type { SchemaFileAdapter } from '../../types.js';

const BLOCK_START = /^\s*(model|view)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{/;
/** `posts Post[]`, `author User? @relation(...)`: a field whose type is not a scalar may be a relation. */
const FIELD = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+([A-Z][A-Za-z0-9_]*)(?:\[\])?\??(?:\s|$)/;
const SCALAR_TYPES = new Set(['String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes', 'Unsupported']);
const MAP_ATTRIBUTE = /^\s*@@map\s*\(\s*(?:name\s*:\s*)?"([^"]*)"/;

function withoutComment(line: string): string {
  // `//` starts a comment unless it sits inside a string ("https://...").
  let inString = false;
  for (let i = 0; i < line.length - 1; i++) {
    const char = line[i];
    if (char === '"' && line[i - 1] !== '\\') inString = !inString;
    if (!inString && char === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

export function parsePrismaSchema(path: RepoPath, text: string): { entities: EntityFact[]; diagnostics: Diagnostic[] } {
  const entities: EntityFact[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r?\n/);
  let open: { name: string; line: number; table: string | null; depth: number; relations: Record<string, EntityRef> } | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = withoutComment(lines[index]!);
    if (!open) {
      const start = BLOCK_START.exec(line);
      if (start) open = { name: start[2]!, line: index + 1, table: null, depth: 0, relations: {} };
      else continue;
    }
    const map = MAP_ATTRIBUTE.exec(line);
    if (map) open.table = map[1]!;
    const field = open.depth === 1 ? FIELD.exec(line) : null;
    if (field && !SCALAR_TYPES.has(field[2]!)) open.relations[field[1]!] = { by: 'model', name: field[2]!, orm: 'prisma' };
    for (const char of line) {
      if (char === '{') open.depth++;
      else if (char === '}') open.depth--;
    }
    if (open.depth <= 0) {
      const entity: EntityFact = { name: open.name, table: open.table ?? open.name, orm: 'prisma', line: open.line };
      if (Object.keys(open.relations).length > 0) entity.relations = open.relations;
      entities.push(entity);
      open = null;
    }
  }
  if (open) {
    diagnostics.push({ file: path, code: 'schema-parse-error', message: `model ${open.name} is never closed`, line: open.line });
  }
  return { entities, diagnostics };
}

export const prismaSchemaAdapter: SchemaFileAdapter = {
  orm: 'prisma',
  patterns: ['**/*.prisma'],
  parse: parsePrismaSchema,
};
