/**
 * `npm run bench`: every figure issue 8's speed targets need, from one run. Carve and
 * dependency-cruiser on the same inputs, alternating, one warm-up each and then N timed runs; wall
 * time and peak RSS of each child process tree:
 * - cold: `carve analyze --no-cache` against dependency-cruiser (no cache of its own either);
 * - warm: `carve analyze --cache-dir <dir>` on a cache an untimed run filled, nothing changed, timed in
 *   the same rounds, compared with dependency-cruiser's cold median;
 * - warm check: on a copy of the 5k input with a carve.config.json from `carve init`, `carve check
 *   --cache-dir <dir>` after a comment line is appended to one file; in the same rounds, `carve check
 *   --base HEAD~1` after another one-file change committed, against the warm check (issue 15);
 * - start-up: `carve --version`;
 * - data pass share (issue 13): the `dataAccess` stage over the whole cold run, from `--timings`.
 * Inputs: generated monoliths of 1,000, 5,000 and 20,000 files, 10,000 files that barely import each
 * other (generated-isolated-10k), and the src/ trees of pinned npm packages (rxjs, effect). Prints the
 * Targets table and writes bench/results.md (+ results.json).
 *
 *   node dist/scripts/bench.js [--runs N] [--runs-large N] [--quick] [--no-large] [--no-real] [--no-check]
 *                              [--only a,b] [--out file] [--keep]
 *
 * --quick is one timed run per measure, no warm-up, and writes nothing unless --out is given.
 * --runs-large sets the timed runs on generated-20k (default: --runs). Input names for --only:
 * generated-1k, generated-5k, generated-20k, generated-isolated-10k, rxjs, effect (the warm check runs
 * with generated-5k).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GENERATED_NAMES, REAL_PACKAGES, generatedInputs, isSkipped, realInputs, type BenchInput, type SkippedInput } from './lib/bench-inputs.js';
import {
  TABLE_HEADER,
  TARGET_HEADER,
  describeMachine,
  markdownTable,
  renderResultsMarkdown,
  tableRows,
  targetRows,
  targetTableRows,
  type BenchExtras,
  type BenchMeta,
  type CacheUse,
  type CheckResult,
  type InputResult,
  type ToolResult,
} from './lib/bench-report.js';
import {
  carveCoverage,
  carveTool,
  carveWarmTool,
  depcruiseCoverage,
  depcruiseTool,
  parseCacheLine,
  type BenchTool,
  type CarveTool,
} from './lib/bench-tools.js';
import { measureRun, readTimings } from './lib/measure.js';
import { runScript } from './lib/script-entry.js';

const RUN_TIMEOUT_MS = 20 * 60_000;
const LARGE_INPUT = 'generated-20k';
const CHECK_INPUT = 'generated-5k';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'carve') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the carve repository root');
    dir = parent;
  }
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const firstLine = (text: string): string => text.trim().split('\n')[0] ?? '';

interface Job {
  tool: BenchTool;
  result: ToolResult;
}

async function runOnce(job: Job, input: BenchInput, scratch: string, label: string, isLast: boolean): Promise<void> {
  const isCarve = job.tool.name !== 'depcruise';
  const out = join(scratch, 'out', `${input.name}-${job.tool.name}-${label}${isCarve ? '' : '.json'}`);
  mkdirSync(dirname(out), { recursive: true });
  const { file, args, cwd } = job.tool.command(input.dir, out);
  // A fresh cache folder per run, so a tool that caches anyway starts cold and writes nowhere else
  // (the warm runs name their cache folder with --cache-dir).
  const env = { ...process.env, XDG_CACHE_HOME: join(scratch, 'cache', `${input.name}-${label}`) };
  try {
    const run = await measureRun(file, args, { cwd, env, timeoutMs: RUN_TIMEOUT_MS });
    if (run.exitCode !== 0) {
      job.result.error = `exit ${run.exitCode}: ${firstLine(run.stderr)}`.slice(0, 200);
      log(`    ${job.tool.name} ${label}: FAILED (${job.result.error})`);
    } else {
      log(`    ${job.tool.name} ${label}: ${Math.round(run.wallMs)} ms, ${Math.round(run.peakRssKb / 1024)} MiB`);
    }
    if (label !== 'warmup') {
      job.result.runs.push({ wallMs: run.wallMs, peakRssKb: run.peakRssKb, rssSource: run.rssSource, exitCode: run.exitCode });
    }
    if (isLast || run.exitCode !== 0) {
      job.result.coverage = isCarve ? carveCoverage(join(out, 'analysis.json')) : depcruiseCoverage(out);
    }
  } catch (error) {
    job.result.error = `could not run: ${(error as Error).message}`.slice(0, 200);
    log(`    ${job.tool.name} ${label}: FAILED (${job.result.error})`);
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(env.XDG_CACHE_HOME, { recursive: true, force: true });
  }
}

/**
 * One untimed `carve analyze --timings <file>` run: Carve's wall time per stage, the data pass among
 * them. With showSummary, --quiet is dropped and the summary's cache line is read too.
 */
async function carveTimings(
  tool: BenchTool,
  input: BenchInput,
  scratch: string,
  label: string,
  showSummary: boolean,
): Promise<{ timings: Record<string, number> | null; cache: CacheUse | null; error: string | null }> {
  const out = join(scratch, 'out', `${input.name}-${label}-timings`);
  const timingsFile = join(scratch, `${input.name}-${label}-timings.json`);
  const { file, args, cwd } = tool.command(input.dir, out);
  const runArgs = [...(showSummary ? args.filter((a) => a !== '--quiet' && a !== '-q') : args), '--timings', timingsFile];
  const env = { ...process.env, XDG_CACHE_HOME: join(scratch, 'cache', `${input.name}-${label}-timings`) };
  try {
    const run = await measureRun(file, runArgs, { cwd, env, captureStdout: true, timeoutMs: RUN_TIMEOUT_MS });
    if (run.exitCode !== 0) return { timings: null, cache: null, error: `exit ${run.exitCode}: ${firstLine(run.stderr)}`.slice(0, 200) };
    return { timings: readTimings(timingsFile), cache: showSummary ? parseCacheLine(run.stdout) : null, error: null };
  } catch (error) {
    return { timings: null, cache: null, error: `could not run: ${(error as Error).message}`.slice(0, 200) };
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(env.XDG_CACHE_HOME, { recursive: true, force: true });
  }
}

/** Fills the warm job's cache with one untimed run; on failure the job is marked failed. */
async function fillCache(job: Job, input: BenchInput, scratch: string): Promise<void> {
  if (job.result.error !== null) return;
  const fill: Job = { tool: job.tool, result: { error: null, runs: [], coverage: null } };
  await runOnce(fill, input, scratch, 'fill', false);
  if (fill.result.error !== null) job.result.error = `filling the cache: ${fill.result.error}`;
}

async function benchInput(input: BenchInput, carve: CarveTool, depcruise: BenchTool, runs: number, warmup: boolean, scratch: string): Promise<InputResult> {
  log(`${input.name} (${input.files} files, ${runs} timed run${runs === 1 ? '' : 's'})`);
  const cacheDir = join(scratch, 'cache', `${input.name}-warm`);
  const warmTool = carveWarmTool(carve, () => cacheDir);
  const make = (tool: BenchTool): Job => ({ tool, result: { error: tool.missing, runs: [], coverage: null } });
  const cold = make(carve);
  const dc = make(depcruise);
  const warm = make(warmTool);
  const jobs = [cold, dc, warm];
  const live = (): Job[] => jobs.filter((j) => j.result.error === null);

  await fillCache(warm, input, scratch);
  // One more untimed run on the filled cache, with the summary on: did the warm runs really reuse it?
  let warmCache: CacheUse | null = null;
  let warmTimings: Record<string, number> | null = null;
  if (warm.result.error === null) {
    const probe = await carveTimings(warmTool, input, scratch, 'warm', true);
    warmCache = probe.cache;
    warmTimings = probe.timings;
    if (probe.error !== null) log(`    carve-warm probe: FAILED (${probe.error})`);
    else log(`    carve-warm cache: ${warmCache ? `${warmCache.hits} hits, ${warmCache.misses} read, result ${warmCache.resultFromCache ? 'from cache' : 'recomputed'}` : 'no cache line'}`);
  }
  if (warmup) for (const job of live()) await runOnce(job, input, scratch, 'warmup', false);
  for (let round = 0; round < runs; round += 1) {
    // Alternate, and flip the order every round, so no measure always runs on a cooler machine.
    const order = round % 2 === 0 ? live() : live().reverse();
    for (const job of order) await runOnce(job, input, scratch, `run${round + 1}`, round === runs - 1);
  }
  const coldTimings = cold.result.error === null ? (await carveTimings(carve, input, scratch, 'cold', false)).timings : null;
  rmSync(cacheDir, { recursive: true, force: true });
  return {
    name: input.name,
    files: input.files,
    description: input.description,
    runs,
    carve: cold.result,
    depcruise: dc.result,
    carveTimings: coldTimings,
    carveWarm: warm.result,
    carveWarmTimings: warmTimings,
    warmCache,
  };
}

function listSourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listSourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * `carve check` after one changed file, on a copy of the input (so its carve.config.json cannot change
 * the analyze runs) made a git repository: init once, one untimed check to fill the cache, then per
 * round a new comment line in one source file (the middle one in sorted order), committed, and a timed
 * check; then another line, committed, and a timed `check --base HEAD~1` (its base one file away).
 * Exit 1 (violations) is fine.
 */
async function benchCheck(input: BenchInput, carve: CarveTool, repoRoot: string, runs: number, warmup: boolean, scratch: string): Promise<CheckResult> {
  const result: ToolResult = { error: carve.missing, runs: [], coverage: null };
  const base: ToolResult = { error: carve.missing, runs: [], coverage: null };
  const check: CheckResult = { input: input.name, files: input.files, editedFile: '', result, base };
  if (carve.missing !== null) return check;
  log(`check on ${input.name} (one changed file, ${runs} timed run${runs === 1 ? '' : 's'}, then check --base HEAD~1)`);
  const copy = join(scratch, `${input.name}-check`);
  const cacheDir = join(scratch, 'cache', `${input.name}-check`);
  const env = { ...process.env, XDG_CACHE_HOME: join(scratch, 'cache', `${input.name}-check-xdg`) };
  const carveRun = (args: string[]) => measureRun(process.execPath, [carve.bin, ...args], { cwd: repoRoot, env, timeoutMs: RUN_TIMEOUT_MS });
  // No user or system git config (hooks, signing), fixed identity: the commits are the bench's own.
  const gitEnv = { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'carve bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'carve bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };
  const git = (args: string[]): void => {
    execFileSync('git', args, { cwd: copy, env: gitEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const checkArgs = ['check', copy, '--cache-dir', cacheDir];
  let current: ToolResult = result;
  try {
    cpSync(input.dir, copy, { recursive: true });
    const sources = listSourceFiles(join(copy, 'src'));
    const edited = sources[Math.floor(sources.length / 2)];
    if (edited === undefined) throw new Error('no source file to change');
    check.editedFile = relative(copy, edited);
    const init = await carveRun(['init', copy, '--force', '--no-cache']);
    if (init.exitCode !== 0) throw new Error(`carve init: exit ${init.exitCode}: ${firstLine(init.stderr)}`);
    git(['init', '--quiet', '--initial-branch=main']);
    git(['add', '--all']);
    git(['commit', '--quiet', '--no-verify', '-m', 'bench input']);
    const fill = await carveRun(checkArgs);
    if (fill.exitCode !== 0 && fill.exitCode !== 1) throw new Error(`filling the cache: exit ${fill.exitCode}: ${firstLine(fill.stderr)}`);
    log(`    check fill: ${Math.round(fill.wallMs)} ms (exit ${fill.exitCode}), changing ${check.editedFile}`);
    const total = runs + (warmup ? 1 : 0);
    for (let i = 0; i < total; i += 1) {
      const label = warmup && i === 0 ? 'warmup' : `run${warmup ? i : i + 1}`;
      for (const [target, name, args] of [[result, 'carve check', checkArgs], [base, 'carve check --base HEAD~1', [...checkArgs, '--base', 'HEAD~1']]] as const) {
        current = target;
        appendFileSync(edited, `// carve bench: changed before ${name} ${label}\n`);
        git(['commit', '--quiet', '--no-verify', '--all', '-m', `bench change ${label}`]);
        const run = await carveRun([...args]);
        const ok = run.exitCode === 0 || run.exitCode === 1;
        log(`    ${name} ${label}: ${Math.round(run.wallMs)} ms, ${Math.round(run.peakRssKb / 1024)} MiB (exit ${run.exitCode})`);
        if (label !== 'warmup') target.runs.push({ wallMs: run.wallMs, peakRssKb: run.peakRssKb, rssSource: run.rssSource, exitCode: run.exitCode });
        if (!ok) throw new Error(`exit ${run.exitCode}: ${firstLine(run.stderr)}`);
      }
    }
  } catch (error) {
    current.error = (error as Error).message.slice(0, 200);
    log(`    carve check: FAILED (${current.error})`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(env.XDG_CACHE_HOME, { recursive: true, force: true });
  }
  return check;
}

/** `carve --version`: Node's start-up plus Carve's module loading, nothing else. */
async function benchStartup(carve: CarveTool, repoRoot: string, runs: number, warmup: boolean): Promise<ToolResult> {
  const result: ToolResult = { error: carve.missing, runs: [], coverage: null };
  if (carve.missing !== null) return result;
  log(`carve --version (${runs} timed run${runs === 1 ? '' : 's'})`);
  try {
    for (let i = 0; i < runs + (warmup ? 1 : 0); i += 1) {
      const run = await measureRun(process.execPath, [carve.bin, '--version'], { cwd: repoRoot, timeoutMs: 60_000 });
      if (warmup && i === 0) continue;
      result.runs.push({ wallMs: run.wallMs, peakRssKb: run.peakRssKb, rssSource: run.rssSource, exitCode: run.exitCode });
      if (run.exitCode !== 0) throw new Error(`exit ${run.exitCode}: ${firstLine(run.stderr)}`);
    }
    log(`    ${result.runs.map((r) => Math.round(r.wallMs)).join(', ')} ms`);
  } catch (error) {
    result.error = (error as Error).message.slice(0, 200);
    log(`    carve --version: FAILED (${result.error})`);
  }
  return result;
}

function positiveInt(value: string | undefined, fallback: number, flag: string): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer`);
  return n;
}

/** Notes on what the tables alone would hide: failures, cache misses, coverage that differs. */
function resultNotes(results: readonly InputResult[], extras: BenchExtras, tools: readonly BenchTool[]): string[] {
  const notes: string[] = [];
  const missing = (name: string): boolean => tools.some((t) => t.name === name && t.missing !== null);
  for (const r of results) {
    for (const [name, result] of [['carve', r.carve], ['carve warm', r.carveWarm], ['depcruise', r.depcruise]] as const) {
      if (result?.error && !missing(name === 'carve warm' ? 'carve' : name)) notes.push(`${name} failed on ${r.name}: ${result.error}`);
    }
    if (r.carveWarm && r.carveWarm.error === null && (!r.warmCache || !r.warmCache.resultFromCache || r.warmCache.misses > 0)) {
      notes.push(`the warm runs on ${r.name} did not find everything cached: ${r.warmCache ? `${r.warmCache.misses} files read, result ${r.warmCache.resultFromCache ? 'from cache' : 'recomputed'}` : 'no cache line in the summary'}`);
    }
    const c = r.carve.coverage;
    const d = r.depcruise.coverage;
    if (c && d && c.modules !== d.modules) notes.push(`${r.name}: carve read ${c.modules} modules, dependency-cruiser ${d.modules}`);
    const w = r.carveWarm?.coverage;
    if (c && w && (c.modules !== w.modules || c.dependencies !== w.dependencies)) {
      notes.push(`${r.name}: the warm analysis.json differs from the cold one (${w.modules} modules / ${w.dependencies} dependencies against ${c.modules} / ${c.dependencies})`);
    }
  }
  if (extras.check?.result.error && !missing('carve')) notes.push(`carve check failed on ${extras.check.input}: ${extras.check.result.error}`);
  if (extras.check?.base?.error && !missing('carve')) notes.push(`carve check --base failed on ${extras.check.input}: ${extras.check.base.error}`);
  if (extras.startup?.error && !missing('carve')) notes.push(`carve --version failed: ${extras.startup.error}`);
  for (const s of extras.skipped) notes.push(`input ${s.name} skipped: ${s.reason}`);
  return notes;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      'runs-large': { type: 'string' },
      quick: { type: 'boolean', default: false },
      // The 20k input is in by default now; --large is kept so older commands still parse.
      large: { type: 'boolean', default: false },
      'no-large': { type: 'boolean', default: false },
      'no-real': { type: 'boolean', default: false },
      'no-check': { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = values.quick ? 1 : positiveInt(values.runs, 5, '--runs');
  const runsLarge = values.quick ? 1 : positiveInt(values['runs-large'], runs, '--runs-large');
  const warmup = !values.quick;
  const known = [...GENERATED_NAMES, ...REAL_PACKAGES.map((p) => p.name)];
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) : null;
  const unknown = only ? [...only].filter((name) => !known.includes(name)) : [];
  if (unknown.length > 0) throw new Error(`--only: unknown input ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  const outPath = values.out ? resolve(values.out) : values.quick ? null : join(repoRoot, 'bench', 'results.md');
  const notes: string[] = [];
  const loadAtStart = loadavg();

  const carve = carveTool(repoRoot);
  const depcruise = depcruiseTool(repoRoot);
  const tools: BenchTool[] = [carve, depcruise];
  for (const tool of tools) {
    if (tool.missing) {
      log(`${tool.name} not available: ${tool.missing}`);
      notes.push(`${tool.name} was not run: ${tool.missing}`);
    }
  }
  const scratch = mkdtempSync(join(tmpdir(), 'carve-bench-'));
  try {
    const startup = await benchStartup(carve, repoRoot, runs, warmup);
    log(`preparing inputs in ${scratch}`);
    const prepared: (BenchInput | SkippedInput)[] = [
      ...generatedInputs(scratch, !values['no-large'], only, log),
      ...(values['no-real'] ? [] : realInputs(scratch, only, log)),
    ];
    const skipped = prepared.filter(isSkipped);
    for (const s of skipped) log(`  skipped ${s.name}: ${s.reason}`);
    const results: InputResult[] = [];
    let check: CheckResult | null = null;
    for (const input of prepared) {
      if (isSkipped(input)) continue;
      results.push(await benchInput(input, carve, depcruise, input.name === LARGE_INPUT ? runsLarge : runs, warmup, scratch));
      if (input.name === CHECK_INPUT && !values['no-check']) check = await benchCheck(input, carve, repoRoot, runs, warmup, scratch);
      if (!values.keep) rmSync(input.dir, { recursive: true, force: true });
    }
    const extras: BenchExtras = { check, startup, skipped, inputOrder: prepared.map((p) => p.name) };
    notes.push(...resultNotes(results, extras, tools));
    const targets = targetRows(results, extras);
    process.stdout.write(`${markdownTable(TARGET_HEADER, targetTableRows(targets))}\n\n`);
    process.stdout.write(`${markdownTable(TABLE_HEADER, tableRows(results))}\n`);
    for (const note of notes) process.stdout.write(`note: ${note}\n`);
    if (outPath) {
      const meta: BenchMeta = {
        machine: describeMachine(repoRoot, new Date()),
        runs,
        runsLarge,
        warmup,
        command: `node dist/scripts/bench.js ${argv.join(' ')}`.trim(),
        carveVersion: carve.version,
        carveFlags: carve.flags,
        depcruiseVersion: depcruise.version,
        depcruiseFlags: depcruise.flags,
        loadAverage: { start: loadAtStart, end: loadavg() },
        notes,
      };
      mkdirSync(dirname(outPath), { recursive: true });
      writeFileSync(outPath, renderResultsMarkdown(meta, results, extras));
      writeFileSync(outPath.replace(/\.md$/, '') + '.json', `${JSON.stringify({ meta, targets, results, check, startup, skipped }, null, 2)}\n`);
      log(`wrote ${outPath}`);
    }
    return 0;
  } finally {
    if (values.keep) log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

runScript(import.meta.url, 'bench', main);
