// Seeded mutations of a fixture for the fuzz test: each takes a project (relative path -> bytes) and
// returns the mutated project and the files it made bad (which the analysis must name in its
// diagnostics). Every random choice draws from src/shared/random.ts, so a case number is a repro.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { randomInt, type RandomSource } from '../../src/shared/random.js';

export type Project = Map<string, Buffer>;

export interface Mutation {
  name: string;
  project: Project;
  /** Files this mutation made unreadable or unparsable: each must appear in the diagnostics. */
  badFiles: string[];
  /** The run may stop with a CarveError (exit 2) instead of an analysis: a broken tsconfig is the user's. */
  mayRefuse?: boolean;
  /** Analyze with this --max-file-size. */
  maxFileBytes?: number;
}

/** Every file under `dir` except expected.json, by '/' path. */
export function readProject(dir: string): Project {
  const project: Project = new Map();
  const walk = (absolute: string, relative: string): void => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(absolute, entry.name), path);
      else if (entry.isFile() && path !== 'expected.json') project.set(path, readFileSync(join(absolute, entry.name)));
    }
  };
  walk(dir, '');
  return project;
}

export function writeProject(dir: string, project: Project): void {
  for (const [path, bytes] of project) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
}

const pick = <T>(random: RandomSource, items: readonly T[]): T => items[randomInt(random, items.length)]!;

/** The files the unmutated fixture's analysis reads (set by mutateProject): only those can be made bad. */
let readFiles: string[] = [];

function sourceFiles(project: Project): string[] {
  return readFiles.filter((path) => project.has(path));
}

/** A folder next to the fixture's sources, so new files land where its tsconfig includes them. */
function sourceFolder(project: Project): string {
  const first = sourceFiles(project)[0] ?? 'src/index.ts';
  return dirname(first);
}

function insertAt(bytes: Buffer, offset: number, inserted: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, offset), inserted, bytes.subarray(offset)]);
}

function withFile(project: Project, path: string, content: string | Buffer): Project {
  const copy = new Map(project);
  copy.set(path, typeof content === 'string' ? Buffer.from(content) : content);
  return copy;
}

function nested(kind: string, depth: number): string {
  switch (kind) {
    case 'parens':
      return `${'('.repeat(depth)}1${')'.repeat(depth)}`;
    case 'arrays':
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 'objects':
      return `${'{a:'.repeat(depth)}1${'}'.repeat(depth)}`;
    case 'calls':
      return `${'f('.repeat(depth)}${')'.repeat(depth)}`;
    default:
      return `${'x ? 1 : '.repeat(depth)}0`;
  }
}

type Mutator = (project: Project, random: RandomSource) => Mutation;

/** The mutations; each makes something specific bad and says what. */
export const MUTATORS: Record<string, Mutator> = {
  truncate(project, random) {
    const file = pick(random, sourceFiles(project));
    const bytes = project.get(file)!;
    // Cut anywhere (mid-token, mid-UTF-8 sequence is fine: a truncated multi-byte char is invalid UTF-8)
    // and leave a block open, so the file is certainly broken.
    const cut = bytes.subarray(0, randomInt(random, bytes.length + 1));
    return { name: `truncate ${file} at ${cut.length}`, project: withFile(project, file, Buffer.concat([cut, Buffer.from('\n{')])), badFiles: [file] };
  },
  randomBytes(project, random) {
    const file = pick(random, sourceFiles(project));
    const bytes = project.get(file)!;
    const count = 1 + randomInt(random, 16);
    const inserted = Buffer.alloc(count);
    for (let i = 0; i < count; i++) inserted[i] = randomInt(random, 256);
    // At least one byte that is never valid UTF-8. (A NUL alone is valid UTF-8; past the first 8 KB,
    // where binary sniffing stops, a NUL in a comment is harmless text.)
    inserted[randomInt(random, count)] = pick(random, [0xff, 0xc0, 0xfe]);
    const offset = randomInt(random, bytes.length + 1);
    return { name: `bytes into ${file} at ${offset}`, project: withFile(project, file, insertAt(bytes, offset, inserted)), badFiles: [file] };
  },
  unbalancedBraces(project, random) {
    const file = pick(random, sourceFiles(project));
    const text = project.get(file)!.toString('utf8');
    // Outside any string or comment: at the very end, unclosed openers never balance.
    const opener = pick(random, ['{', '(', '[', '{{{', 'function f() {', 'if (x) { [']);
    return { name: `unbalanced ${opener} in ${file}`, project: withFile(project, file, `${text}\n${opener}\n`), badFiles: [file] };
  },
  strayClosers(project, random) {
    const file = pick(random, sourceFiles(project));
    const lines = project.get(file)!.toString('utf8').split('\n');
    const at = randomInt(random, lines.length + 1);
    lines.splice(at, 0, pick(random, ['}', '}}}', ')', ']);']));
    // A closer inside a template literal or comment is harmless: not counted as bad.
    return { name: `stray closer in ${file} line ${at}`, project: withFile(project, file, lines.join('\n')), badFiles: [] };
  },
  deepNesting(project, random) {
    const kind = pick(random, ['parens', 'arrays', 'objects', 'calls', 'ternaries']);
    const depth = pick(random, [20_000, 50_000, 100_000]);
    const file = `${sourceFolder(project)}/deep-${kind}.ts`;
    const code = `declare const f: any; declare const x: boolean;\nexport const deep = ${nested(kind, depth)};\n`;
    return { name: `${depth} nested ${kind}`, project: withFile(project, file, code), badFiles: [file] };
  },
  deepNestingInExisting(project, random) {
    const file = pick(random, sourceFiles(project));
    const code = `${project.get(file)!.toString('utf8')}\nexport const deepValue = ${nested('arrays', 20_000)};\n`;
    return { name: `20000 nested arrays in ${file}`, project: withFile(project, file, code), badFiles: [file] };
  },
  hugeString(project, random) {
    const file = `${sourceFolder(project)}/huge-string.ts`;
    const size = pick(random, [1 << 20, (1 << 20) + 17]);
    const quote = pick(random, ['"', "'", '`']);
    return { name: `1 MB ${quote} string`, project: withFile(project, file, `export const big = ${quote}${'x'.repeat(size)}${quote};\n`), badFiles: [] };
  },
  overSizeLimit(project, random) {
    const file = pick(random, sourceFiles(project));
    const bytes = project.get(file)!;
    const padded = Buffer.concat([bytes, Buffer.from(`\nexport const padding = "${'p'.repeat(4096)}";\n`)]);
    return { name: `${file} over --max-file-size`, project: withFile(project, file, padded), badFiles: [file], maxFileBytes: 4096 };
  },
  duplicateDeclarations(project, random) {
    const file = pick(random, sourceFiles(project));
    const text = project.get(file)!.toString('utf8');
    // The whole file twice: every import and export declared again (a type error, not a syntax error).
    return { name: `${file} twice`, project: withFile(project, file, `${text}\n${text}\nexport const dup = 1;\nexport const dup = 2;\n`), badFiles: [] };
  },
  circularReexports(project, random) {
    const folder = sourceFolder(project);
    const size = 2 + randomInt(random, 4);
    let copy = project;
    for (let i = 0; i < size; i++) {
      const next = (i + 1) % size;
      copy = withFile(copy, `${folder}/ring-${i}.ts`, `export * from './ring-${next}.js';\nexport { ghost as ghost${i} } from './ring-${next}.js';\nexport * as ns${i} from './ring-${next}.js';\n`);
    }
    const user = pick(random, sourceFiles(project));
    const text = copy.get(user)!.toString('utf8');
    const fromUser = posix.relative(posix.dirname(user), folder);
    const specifier = `${fromUser === '' ? '.' : fromUser.startsWith('.') ? fromUser : `./${fromUser}`}/ring-0.js`;
    copy = withFile(copy, user, `import { ghost0, nothing } from '${specifier}';\n${text}\nexport const useRing = [ghost0, nothing];\n`);
    return { name: `re-export ring of ${size}`, project: copy, badFiles: [] };
  },
  selfImport(project, random) {
    const file = pick(random, sourceFiles(project));
    const base = file.split('/').pop()!.replace(/\.tsx?$/, '.js');
    const text = project.get(file)!.toString('utf8');
    const code = `import { selfValue } from './${base}';\nexport * from './${base}';\nexport { selfValue as again } from './${base}';\n${text}\nexport const selfValue = selfValue;\n`;
    return { name: `${file} imports itself`, project: withFile(project, file, code), badFiles: [] };
  },
  brokenTsconfig(project, random) {
    const text = pick(random, [
      '{ "compilerOptions": { "strict": true ',
      '{ "extends": "./tsconfig.json" }',
      '{ "extends": "./missing-base.json" }',
      '{ "include": 42, "compilerOptions": { "paths": "nope" } }',
      '[1, 2, 3]',
      '\u0000\u0001\u00ff',
      '{ "compilerOptions": { "baseUrl": "../../../../../../" }, "include": ["../../../../**/*"] }',
      '{ "references": [{ "path": "." }, { "path": "./nowhere" }] }',
    ]);
    return { name: `tsconfig ${JSON.stringify(text.slice(0, 30))}`, project: withFile(project, 'tsconfig.json', text), badFiles: [], mayRefuse: true };
  },
  brokenManifests(project, random) {
    const which = pick(random, ['package.json', 'pnpm-workspace.yaml']);
    const text =
      which === 'package.json'
        ? pick(random, ['{ "name": ', '{"workspaces": 42}', '{"workspaces": {"packages": [1, null, "../../../../**", "/"]}}', 'null', '{"name": "\u001b[31mred"}'])
        : pick(random, ['packages: [', 'packages: 42', 'packages:\n  - "../../../../**"\n  - "/"\n  - 7', ': : :\n\t- x', '\u0000']);
    return { name: `broken ${which}`, project: withFile(project, which, text), badFiles: [] };
  },
  brokenPrismaSchema(project, random) {
    const text = pick(random, [
      'model User {\n  id Int @id\n',
      'model {\n}\n}}}',
      `model ${'A'.repeat(100_000)} {\n id Int @id\n}\n`,
      '\u0000\u00ff',
      'model User {\n  id Int @id\n  @@map("users")\n}\nmodel User {\n  id Int @id\n}\n',
    ]);
    return { name: 'broken schema.prisma', project: withFile(project, 'prisma/schema.prisma', text), badFiles: [] };
  },
  hugeSql(project, random) {
    const file = `${sourceFolder(project)}/huge-sql.ts`;
    const shape = pick(random, ['long', 'nested', 'unions', 'broken']);
    const sql =
      shape === 'long'
        ? `SELECT ${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(', ')} FROM orders`
        : shape === 'nested'
          ? `SELECT * FROM orders WHERE ${'('.repeat(5_000)}id = 1${')'.repeat(5_000)}`
          : shape === 'unions'
            ? Array.from({ length: 3_000 }, (_, i) => `SELECT id FROM t${i}`).join(' UNION ')
            : `SELECT * FROM WHERE ((( ${'x'.repeat(200_000)}`;
    const code = `declare const db: { query(sql: string): unknown };\nexport const run = () => db.query(${JSON.stringify(sql)});\n`;
    return { name: `huge SQL (${shape})`, project: withFile(project, file, code), badFiles: [] };
  },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS).sort();

/** One to three mutations stacked, chosen by the seed (the first is `first` when given); bad files accumulate. */
export function mutateProject(project: Project, random: RandomSource, modules: readonly string[], first?: string): Mutation {
  readFiles = [...modules].sort();
  const count = 1 + (random() < 0.25 ? 1 + randomInt(random, 2) : 0);
  let current: Mutation = { name: '', project, badFiles: [] };
  for (let i = 0; i < count; i++) {
    const mutator = MUTATORS[i === 0 && first !== undefined ? first : pick(random, MUTATOR_NAMES)]!;
    const next = mutator(current.project, random);
    current = {
      name: current.name ? `${current.name} + ${next.name}` : next.name,
      project: next.project,
      badFiles: [...current.badFiles, ...next.badFiles],
      ...(current.mayRefuse || next.mayRefuse ? { mayRefuse: true } : {}),
      ...(next.maxFileBytes ?? current.maxFileBytes ? { maxFileBytes: next.maxFileBytes ?? current.maxFileBytes } : {}),
    };
  }
  return current;
}
