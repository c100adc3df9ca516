/**
 * Import specifiers and import blocks for generated files. Generated projects use CommonJS-style
 * resolution (extensionless specifiers, directory barrels) plus the `@app/*` tsconfig path alias.
 */
import { posix } from 'node:path';

export const PATH_ALIAS = '@app/*';
const ALIAS_PREFIX = '@app/';

function stripTs(path: string): string {
  return path.endsWith('/index.ts') ? path.slice(0, -'/index.ts'.length) : path.replace(/\.ts$/, '');
}

/** './x' style specifier from one repo-relative file to another (or to a barrel's folder). */
export function relativeSpecifier(fromPath: string, toPath: string): string {
  const rel = posix.relative(posix.dirname(fromPath), stripTs(toPath));
  if (rel === '') return '.';
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** '@app/x' specifier for a file under src/. */
export function aliasSpecifier(toPath: string): string {
  return ALIAS_PREFIX + stripTs(toPath).slice('src/'.length);
}

interface ImportGroup {
  values: Set<string>;
  types: Set<string>;
}

/** Collects named imports per specifier and prints them: packages first, then alias, then relative. */
export class ImportBlock {
  private readonly groups = new Map<string, ImportGroup>();

  add(specifier: string, symbol: string, isTypeOnly: boolean): void {
    const group = this.groups.get(specifier) ?? { values: new Set<string>(), types: new Set<string>() };
    (isTypeOnly ? group.types : group.values).add(symbol);
    this.groups.set(specifier, group);
  }

  render(): string {
    const rank = (s: string): number => (s.startsWith('.') ? 2 : s.startsWith(ALIAS_PREFIX) ? 1 : 0);
    const specifiers = [...this.groups.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const lines: string[] = [];
    for (const specifier of specifiers) {
      const group = this.groups.get(specifier) as ImportGroup;
      // A symbol imported both ways keeps the value import only.
      const types = [...group.types].filter((t) => !group.values.has(t)).sort();
      const values = [...group.values].sort();
      if (values.length > 0) lines.push(`import { ${values.join(', ')} } from '${specifier}';`);
      if (types.length > 0) lines.push(`import type { ${types.join(', ')} } from '${specifier}';`);
    }
    return lines.join('\n');
  }
}
