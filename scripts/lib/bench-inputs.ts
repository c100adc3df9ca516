/**
 * The bench's inputs, made fresh in a scratch folder at bench time: seeded generated monoliths and
 * real TypeScript source trees that npm packages ship (rxjs's and effect's src/, installed from the
 * npm registry at pinned versions).
 * Every input is a folder with tsconfig.json and src/, so both tools are pointed at the same files.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { generateMonolith } from '../generate-monolith.js';
import { DEFAULT_IMPORTS_PER_FILE } from './monolith-model.js';

export interface BenchInput {
  name: string;
  dir: string;
  /** .ts files under src/. */
  files: number;
  description: string;
}

export interface SkippedInput {
  name: string;
  reason: string;
}

const GENERATED: readonly { name: string; files: number; seed: number; isLarge: boolean; isIsolated?: boolean }[] = [
  { name: 'generated-1k', files: 1000, seed: 1, isLarge: false },
  { name: 'generated-5k', files: 5000, seed: 2, isLarge: false },
  { name: 'generated-20k', files: 20000, seed: 3, isLarge: true },
  // Files that barely import each other: one cluster per file until clean-up (issue 12 #8).
  { name: 'generated-isolated-10k', files: 10000, seed: 0, isLarge: false, isIsolated: true },
];

/** Names of the generated inputs, for --only. */
export const GENERATED_NAMES = GENERATED.map((g) => g.name);

/** Files per folder of the isolated input; ISOLATED_CHAINED_EVERY-th folder is a chain of imports. */
const ISOLATED_FOLDER_SIZE = 10;
const ISOLATED_CHAINED_EVERY = 50;

/**
 * `files` files in folders of ten that import nothing, except every fifth file, which imports the
 * next one, and every fiftieth folder, whose files import each other in a chain (a real context).
 * Returns the number of import edges.
 */
export function writeIsolatedProject(dir: string, files: number): number {
  const folderOf = (file: number): string => `src/part${Math.floor(file / ISOLATED_FOLDER_SIZE)}`;
  let edges = 0;
  for (let file = 0; file < files; file++) {
    const isChained = Math.floor(file / ISOLATED_FOLDER_SIZE) % ISOLATED_CHAINED_EVERY === 0;
    const hasNext = file + 1 < files && folderOf(file + 1) === folderOf(file);
    const importsNext = hasNext && (isChained || file % 5 === 0);
    const lines = importsNext ? [`import { value${file + 1} } from './file${file + 1}.js';`, ''] : [];
    lines.push(`export const value${file} = ${importsNext ? `value${file + 1} + 1` : file};`, '');
    const path = join(dir, folderOf(file), `file${file}.ts`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, lines.join('\n'));
    if (importsNext) edges++;
  }
  const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src/**/*.ts'] };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return edges;
}

function listTsFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTsFiles(path, base));
    else if (name.endsWith('.ts')) out.push(relative(base, path));
  }
  return out;
}

/** The generated monoliths to bench (20k only when isLarge), each made or skipped with a reason. */
export function generatedInputs(
  scratch: string,
  isLarge: boolean,
  only: ReadonlySet<string> | null,
  log: (line: string) => void,
): (BenchInput | SkippedInput)[] {
  const inputs: (BenchInput | SkippedInput)[] = [];
  for (const g of GENERATED) {
    if ((g.isLarge && !isLarge) || (only && !only.has(g.name))) continue;
    const started = Date.now();
    try {
      if (g.isIsolated) {
        const dir = join(scratch, g.name);
        const edges = writeIsolatedProject(dir, g.files);
        log(`  ${g.name}: ${g.files} files, ${edges} edges (${Date.now() - started} ms)`);
        inputs.push({ name: g.name, dir, files: g.files, description: `${g.files} files in folders of ten, most importing nothing (scripts/lib/bench-inputs.ts, writeIsolatedProject)` });
        continue;
      }
      const result = generateMonolith(join(scratch, g.name), { files: g.files, domains: 12, mixing: 0.2, seed: g.seed });
      log(`  ${g.name}: ${result.files.length} files, ${result.importEdges} edges (${Date.now() - started} ms)`);
      inputs.push({
        name: g.name,
        dir: result.root,
        files: result.files.length,
        description: `generate-monolith --files ${g.files} --domains 12 --mixing 0.2 --seed ${g.seed}`,
      });
    } catch (error) {
      inputs.push({ name: g.name, reason: `generating it failed: ${(error as Error).message}`.slice(0, 300) });
    }
  }
  return inputs;
}

export const isSkipped = (input: BenchInput | SkippedInput): input is SkippedInput => 'reason' in input;

/** A real TypeScript source tree an npm package ships, pinned, with a tsconfig for its self-imports. */
export interface RealPackage {
  /** Input name (for --only and the tables). */
  name: string;
  /** npm install spec, pinned to one version. */
  spec: string;
  tsconfig: { compilerOptions: Record<string, unknown>; include: string[] };
}

export const REAL_PACKAGES: readonly RealPackage[] = [
  {
    name: 'rxjs',
    spec: 'rxjs@7.8.2',
    tsconfig: {
      compilerOptions: {
        target: 'ES2015',
        module: 'es2015',
        moduleResolution: 'node',
        strict: true,
        baseUrl: '.',
        paths: { rxjs: ['src/index.ts'], 'rxjs/*': ['src/*'] },
      },
      include: ['src/**/*.ts'],
    },
  },
  {
    // 361 .ts files importing each other with relative `.js` specifiers (NodeNext).
    name: 'effect',
    spec: 'effect@3.19.0',
    tsconfig: {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        baseUrl: '.',
        paths: { effect: ['src/index.ts'], 'effect/*': ['src/*.ts'] },
      },
      include: ['src/**/*.ts'],
    },
  },
];

/**
 * The telling part of npm's error output: "ECONNREFUSED: FetchError: request to ... failed" rather
 * than the last line (the path of npm's debug log).
 */
export function npmFailure(stderr: string, spawnError?: string): string {
  const lines = stderr.split('\n').filter((l) => l.startsWith('npm error ')).map((l) => l.slice('npm error '.length).trim());
  const code = lines.find((l) => l.startsWith('code '))?.slice('code '.length);
  const message = lines.find((l) => !/^(code|syscall|errno|path|at) /.test(l) && !l.startsWith('A complete log') && l.length > 0);
  const text = [code, message].filter((x) => x !== undefined).join(': ');
  return text || spawnError || stderr.trim().split('\n').slice(-1)[0] || 'no output';
}

/** 'rxjs@7.8.2' -> 'rxjs', '@scope/x@1.0.0' -> '@scope/x'. */
export function packageName(spec: string): string {
  const at = spec.lastIndexOf('@');
  return at > 0 ? spec.slice(0, at) : spec;
}

/**
 * Installs the pinned package into scratch/npm-<name> and copies only its src/ .ts files into
 * scratch/<name>, beside a tsconfig.json mapping the package's self-imports onto src/. Never throws:
 * an install that fails (offline, registry down) or a package without src/ is a SkippedInput.
 */
export function realInput(pkg: RealPackage, scratch: string, log: (line: string) => void): BenchInput | SkippedInput {
  try {
    const prefix = join(scratch, `npm-${pkg.name}`);
    mkdirSync(prefix, { recursive: true });
    const started = Date.now();
    const install = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', pkg.spec], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const packageSrc = join(prefix, 'node_modules', packageName(pkg.spec), 'src');
    if (install.status !== 0 || !existsSync(packageSrc)) {
      const why = install.status === 0 ? 'no src/ folder in the package' : npmFailure(install.stderr ?? '', install.error?.message);
      return { name: pkg.name, reason: `npm install ${pkg.spec} failed: ${why}`.slice(0, 300) };
    }
    const dir = join(scratch, pkg.name);
    const files = listTsFiles(packageSrc).filter((file) => !file.endsWith('.d.ts'));
    if (files.length === 0) return { name: pkg.name, reason: `${pkg.spec} shipped no .ts files under src/` };
    for (const file of files) {
      const target = join(dir, 'src', file);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(packageSrc, file), target);
    }
    writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(pkg.tsconfig, null, 2)}\n`);
    log(`  ${pkg.name}: ${files.length} files from ${pkg.spec} (${Date.now() - started} ms)`);
    return { name: pkg.name, dir, files: files.length, description: `${pkg.spec} src/ (.ts files only, no declaration files)` };
  } catch (error) {
    return { name: pkg.name, reason: `preparing ${pkg.spec} failed: ${(error as Error).message}`.slice(0, 300) };
  }
}

/** The pinned real inputs that --only (null: all) selects, each prepared or skipped with a reason. */
export function realInputs(scratch: string, only: ReadonlySet<string> | null, log: (line: string) => void): (BenchInput | SkippedInput)[] {
  return REAL_PACKAGES.filter((pkg) => !only || only.has(pkg.name)).map((pkg) => realInput(pkg, scratch, log));
}
