/**
 * `npm run bench`: Carve's `analyze` against dependency-cruiser on the same inputs in the same run,
 * alternating the two tools, one warm-up each and then N timed runs; wall time and peak RSS of each
 * child process tree. Inputs: generated monoliths of 1,000 and 5,000 files (20,000 with --large) and
 * rxjs's real src/ tree. Prints a table and writes bench/results.md (+ results.json).
 *
 *   node dist/scripts/bench.js [--runs N] [--quick] [--large] [--no-real] [--only a,b] [--out file] [--keep]
 *
 * --quick is one timed run per tool, no warm-up, and writes nothing unless --out is given. Input names
 * for --only: generated-1k, generated-5k, generated-20k (with --large), rxjs.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generatedInputs, realInput, type BenchInput } from './lib/bench-inputs.js';
import {
  TABLE_HEADER,
  describeMachine,
  markdownTable,
  renderResultsMarkdown,
  tableRows,
  type BenchMeta,
  type InputResult,
  type ToolResult,
} from './lib/bench-report.js';
import { carveCoverage, carveTool, depcruiseCoverage, depcruiseTool, type BenchTool } from './lib/bench-tools.js';
import { measureRun } from './lib/measure.js';

const RUN_TIMEOUT_MS = 20 * 60_000;

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

interface Job {
  tool: BenchTool;
  result: ToolResult;
}

async function runOnce(job: Job, input: BenchInput, scratch: string, label: string, isLast: boolean): Promise<void> {
  const isCarve = job.tool.name === 'carve';
  const out = join(scratch, 'out', `${input.name}-${job.tool.name}-${label}${isCarve ? '' : '.json'}`);
  mkdirSync(dirname(out), { recursive: true });
  const { file, args, cwd } = job.tool.command(input.dir, out);
  // A fresh cache folder per run, so a tool that caches anyway starts cold and writes nowhere else.
  const env = { ...process.env, XDG_CACHE_HOME: join(scratch, 'cache', `${input.name}-${label}`) };
  const run = await measureRun(file, args, { cwd, env, timeoutMs: RUN_TIMEOUT_MS });
  if (run.exitCode !== 0) {
    const why = run.stderr.trim().split('\n')[0] ?? '';
    job.result.error = `exit ${run.exitCode}: ${why}`.slice(0, 200);
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
  rmSync(out, { recursive: true, force: true });
  rmSync(env.XDG_CACHE_HOME, { recursive: true, force: true });
}

/** One untimed `carve analyze --timings <file>` run: Carve's wall time per stage, the data pass among them. */
async function carveTimings(tool: BenchTool, input: BenchInput, scratch: string): Promise<Record<string, number> | null> {
  const out = join(scratch, 'out', `${input.name}-carve-timings`);
  const timingsFile = join(scratch, `${input.name}-timings.json`);
  const { file, args, cwd } = tool.command(input.dir, out);
  const run = await measureRun(file, [...args, '--timings', timingsFile], { cwd, captureStdout: true, timeoutMs: RUN_TIMEOUT_MS });
  rmSync(out, { recursive: true, force: true });
  if (run.exitCode !== 0) return null;
  try {
    const timings = JSON.parse(readFileSync(timingsFile, 'utf8')) as unknown;
    if (!timings || typeof timings !== 'object') return null;
    const numeric = Object.entries(timings as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number');
    return numeric.length > 0 ? Object.fromEntries(numeric) : null;
  } catch {
    return null;
  }
}

async function benchInput(input: BenchInput, tools: BenchTool[], runs: number, warmup: boolean, scratch: string): Promise<InputResult> {
  log(`${input.name} (${input.files} files)`);
  const jobs = tools.map((tool): Job => ({ tool, result: { error: tool.missing, runs: [], coverage: null } }));
  const live = (): Job[] => jobs.filter((j) => j.result.error === null);
  if (warmup) for (const job of live()) await runOnce(job, input, scratch, 'warmup', false);
  for (let round = 0; round < runs; round += 1) {
    // Alternate, and flip the order every round, so neither tool always runs on a cooler machine.
    const order = round % 2 === 0 ? live() : live().reverse();
    for (const job of order) await runOnce(job, input, scratch, `run${round + 1}`, round === runs - 1);
  }
  const carve = jobs.find((j) => j.tool.name === 'carve') as Job;
  const depcruise = jobs.find((j) => j.tool.name === 'depcruise') as Job;
  const timings = carve.result.error === null ? await carveTimings(carve.tool, input, scratch) : null;
  return { name: input.name, files: input.files, description: input.description, carve: carve.result, depcruise: depcruise.result, carveTimings: timings };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      large: { type: 'boolean', default: false },
      'no-real': { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = values.quick ? 1 : Number(values.runs ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const warmup = !values.quick;
  const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  const outPath = values.out ? resolve(values.out) : values.quick ? null : join(repoRoot, 'bench', 'results.md');
  const notes: string[] = [];
  const loadAtStart = loadavg();

  const tools = [carveTool(repoRoot), depcruiseTool(repoRoot)];
  for (const tool of tools) {
    if (tool.missing) {
      log(`${tool.name} not available: ${tool.missing}`);
      notes.push(`${tool.name} was not run: ${tool.missing}`);
    }
  }
  const scratch = mkdtempSync(join(tmpdir(), 'carve-bench-'));
  try {
    log(`preparing inputs in ${scratch}`);
    const only = values.only ? new Set(values.only.split(',')) : null;
    const inputs = generatedInputs(scratch, values.large, only, log);
    if (!values['no-real'] && (!only || only.has('rxjs'))) {
      const real = realInput(scratch, log);
      if ('dir' in real) inputs.push(real);
      else {
        log(`  skipped ${real.name}: ${real.reason}`);
        notes.push(`input ${real.name} skipped: ${real.reason}`);
      }
    }
    const results: InputResult[] = [];
    for (const input of inputs) {
      results.push(await benchInput(input, tools, runs, warmup, scratch));
    }
    for (const r of results) {
      for (const [name, result] of [['carve', r.carve], ['depcruise', r.depcruise]] as const) {
        if (result.error && !tools.some((t) => t.name === name && t.missing)) notes.push(`${name} failed on ${r.name}: ${result.error}`);
      }
    }
    process.stdout.write(`${markdownTable(TABLE_HEADER, tableRows(results))}\n`);
    for (const note of notes) process.stdout.write(`note: ${note}\n`);
    if (outPath) {
      const [carve, depcruise] = tools as [BenchTool, BenchTool];
      const meta: BenchMeta = {
        machine: describeMachine(repoRoot, new Date()),
        runs,
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
      writeFileSync(outPath, renderResultsMarkdown(meta, results));
      writeFileSync(outPath.replace(/\.md$/, '') + '.json', `${JSON.stringify({ meta, results }, null, 2)}\n`);
      log(`wrote ${outPath}`);
    }
    return 0;
  } finally {
    if (values.keep) log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`bench: error: ${(error as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
