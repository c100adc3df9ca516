/**
 * The bench's inputs, made fresh in a scratch folder at bench time: seeded generated monoliths and
 * one real TypeScript source tree (rxjs's src/, installed from the npm registry at a pinned version).
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

export const REAL_PACKAGE = 'rxjs@7.8.2';

const GENERATED: readonly { name: string; files: number; seed: number; isLarge: boolean }[] = [
  { name: 'generated-1k', files: 1000, seed: 1, isLarge: false },
  { name: 'generated-5k', files: 5000, seed: 2, isLarge: false },
  { name: 'generated-20k', files: 20000, seed: 3, isLarge: true },
];

function listTsFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTsFiles(path, base));
    else if (name.endsWith('.ts')) out.push(relative(base, path));
  }
  return out;
}

export function generatedInputs(scratch: string, isLarge: boolean, only: ReadonlySet<string> | null, log: (line: string) => void): BenchInput[] {
  const inputs: BenchInput[] = [];
  for (const g of GENERATED) {
    if ((g.isLarge && !isLarge) || (only && !only.has(g.name))) continue;
    const started = Date.now();
    const result = generateMonolith(join(scratch, g.name), { files: g.files, domains: 12, mixing: 0.2, seed: g.seed });
    log(`  ${g.name}: ${result.files.length} files, ${result.importEdges} edges (${Date.now() - started} ms)`);
    inputs.push({
      name: g.name,
      dir: result.root,
      files: result.files.length,
      description: `generate-monolith --files ${g.files} --domains 12 --mixing 0.2 --seed ${g.seed} --imports-per-file ${DEFAULT_IMPORTS_PER_FILE}`,
    });
  }
  return inputs;
}

/**
 * Installs the pinned package into scratch/npm and copies only its src/ .ts files into scratch/rxjs,
 * beside a tsconfig.json mapping the package's self-imports ('rxjs', 'rxjs/*') onto src/.
 */
export function realInput(scratch: string, log: (line: string) => void): BenchInput | SkippedInput {
  const prefix = join(scratch, 'npm');
  mkdirSync(prefix, { recursive: true });
  const started = Date.now();
  const install = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', REAL_PACKAGE], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const packageSrc = join(prefix, 'node_modules', 'rxjs', 'src');
  if (install.status !== 0 || !existsSync(packageSrc)) {
    const why = (install.stderr ?? install.error?.message ?? '').trim().split('\n').slice(-1)[0] ?? '';
    return { name: 'rxjs', reason: `npm install ${REAL_PACKAGE} failed or shipped no src/: ${why}` };
  }
  const dir = join(scratch, 'rxjs');
  const files = listTsFiles(packageSrc);
  for (const file of files) {
    const target = join(dir, 'src', file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(packageSrc, file), target);
  }
  const tsconfig = {
    compilerOptions: {
      target: 'ES2015',
      module: 'es2015',
      moduleResolution: 'node',
      strict: true,
      baseUrl: '.',
      paths: { rxjs: ['src/index.ts'], 'rxjs/*': ['src/*'] },
    },
    include: ['src/**/*.ts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  log(`  rxjs: ${files.length} files from ${REAL_PACKAGE} (${Date.now() - started} ms)`);
  return { name: 'rxjs', dir, files: files.length, description: `${REAL_PACKAGE} src/ (.ts files only)` };
}
