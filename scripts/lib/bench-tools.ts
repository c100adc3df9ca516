/**
 * The tools the bench compares, as commands to run on one input: Carve's built CLI (cold, with
 * --no-cache, and warm, on a filled --cache-dir) and dependency-cruiser from node_modules. All run
 * under the same Node binary as the bench.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchTool {
  name: 'carve' | 'carve-warm' | 'depcruise';
  /** Null when the tool can be run; otherwise why not. */
  missing: string | null;
  version: string;
  /** Command and arguments for one run over input dir, writing its result to out (a file or folder). */
  command(dir: string, out: string): { file: string; args: string[]; cwd: string };
  /** Flags the bench passed, for the report. */
  flags: string[];
}

function runText(file: string, args: readonly string[], cwd: string): { code: number; text: string } {
  const result = spawnSync(file, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status ?? 1, text: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

export interface CarveTool extends BenchTool {
  name: 'carve';
  /** bin/carve.js, for the commands other than analyze (check, init, --version). */
  bin: string;
}

export function carveTool(repoRoot: string): CarveTool {
  const bin = join(repoRoot, 'bin', 'carve.js');
  const main = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  let missing: string | null = null;
  let version = '';
  const flags = ['--quiet'];
  if (!existsSync(bin)) missing = 'bin/carve.js not found';
  else if (!existsSync(main)) missing = 'dist/src/cli/main.js not found (run npm run build)';
  else {
    const help = runText(process.execPath, [bin, 'analyze', '--help'], repoRoot);
    if (help.code !== 0) missing = `carve analyze --help failed: ${help.text.trim().split('\n')[0] ?? ''}`;
    else {
      // Probe optional flags instead of failing on an unknown one.
      if (help.text.includes('--no-cache')) flags.push('--no-cache');
      if (!help.text.includes('--quiet')) flags.splice(flags.indexOf('--quiet'), 1);
      version = runText(process.execPath, [bin, '--version'], repoRoot).text.trim();
    }
  }
  return {
    name: 'carve',
    bin,
    missing,
    version,
    flags,
    command: (dir, out) => ({ file: process.execPath, args: [bin, 'analyze', dir, '--out', out, ...flags], cwd: repoRoot }),
  };
}

/**
 * Carve's analyze with its cache on: `--cache-dir cacheDir(dir)` instead of --no-cache. The bench
 * fills that folder with an untimed run first, so the timed runs find every file and the whole result
 * cached (nothing changed).
 */
export function carveWarmTool(carve: CarveTool, cacheDir: (dir: string) => string): BenchTool {
  const flags = [...carve.flags.filter((f) => f !== '--no-cache'), '--cache-dir', '<scratch cache folder>'];
  const base = carve.flags.filter((f) => f !== '--no-cache');
  return {
    name: 'carve-warm',
    missing: carve.missing,
    version: carve.version,
    flags,
    command: (dir, out) => ({
      file: process.execPath,
      args: [carve.bin, 'analyze', dir, '--out', out, ...base, '--cache-dir', cacheDir(dir)],
      cwd: carve.command(dir, out).cwd,
    }),
  };
}

/**
 * The facts-cache line of Carve's summary (not printed with --quiet): "(1,000 files from cache, 0 read;
 * contexts and plan unchanged, from cache)". Null when the summary has no such line.
 */
export function parseCacheLine(summary: string): { hits: number; misses: number; resultFromCache: boolean } | null {
  const match = /\(([\d,]+) files? from cache, ([\d,]+) read(; contexts and plan unchanged, from cache)?\)/.exec(summary);
  if (!match) return null;
  return {
    hits: Number((match[1] as string).replace(/,/g, '')),
    misses: Number((match[2] as string).replace(/,/g, '')),
    resultFromCache: match[3] !== undefined,
  };
}

export function depcruiseTool(repoRoot: string): BenchTool {
  const packageDir = join(repoRoot, 'node_modules', 'dependency-cruiser');
  const bin = join(packageDir, 'bin', 'dependency-cruise.mjs');
  let missing: string | null = null;
  let version = '';
  if (!existsSync(bin)) missing = 'node_modules/dependency-cruiser not installed';
  else version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  // --ts-pre-compilation-deps keeps type-only imports (Carve records them too); --ts-config makes it
  // follow the tsconfig `paths` aliases; --no-config so no rules file changes what it does.
  const flags = ['--no-config', '--ts-config', 'tsconfig.json', '--ts-pre-compilation-deps', '--output-type', 'json', '--no-progress'];
  return {
    name: 'depcruise',
    missing,
    version,
    flags,
    command: (dir, out) => ({ file: process.execPath, args: [bin, 'src', ...flags, '--output-to', out], cwd: dir }),
  };
}

/** How much of the input each tool's output covers, to check they did the same work. */
export interface Coverage {
  modules: number;
  dependencies: number;
  /** Carve only: entities and contexts found, showing how much of the pipeline this build ran. */
  entities?: number;
  contexts?: number;
}

/** Carve's analysis.json: modules and resolved module-to-module dependencies. */
export function carveCoverage(analysisPath: string): Coverage | null {
  if (!existsSync(analysisPath)) return null;
  const analysis = JSON.parse(readFileSync(analysisPath, 'utf8')) as Partial<Record<'modules' | 'dependencies' | 'entities' | 'contexts', unknown[]>>;
  return {
    modules: analysis.modules?.length ?? 0,
    dependencies: analysis.dependencies?.length ?? 0,
    entities: analysis.entities?.length ?? 0,
    contexts: analysis.contexts?.length ?? 0,
  };
}

interface CruiseModule {
  source: string;
  coreModule?: boolean;
  couldNotResolve?: boolean;
  dependencies: { resolved: string; couldNotResolve?: boolean; coreModule?: boolean }[];
}

/** dependency-cruiser's JSON: modules under src/ and distinct resolved src-to-src dependencies. */
export function depcruiseCoverage(outputPath: string): Coverage | null {
  if (!existsSync(outputPath)) return null;
  const output = JSON.parse(readFileSync(outputPath, 'utf8')) as { modules?: CruiseModule[] };
  const modules = (output.modules ?? []).filter((m) => m.source.startsWith('src/') && !m.coreModule && !m.couldNotResolve);
  const pairs = new Set<string>();
  for (const m of modules) {
    for (const d of m.dependencies) {
      if (!d.couldNotResolve && !d.coreModule && d.resolved.startsWith('src/')) pairs.add(`${m.source}\n${d.resolved}`);
    }
  }
  return { modules: modules.length, dependencies: pairs.size };
}
