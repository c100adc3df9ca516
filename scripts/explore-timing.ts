/**
 * Measures `carve explore` on a large codebase: how long after analysis.json is read the first screen
 * is written, and how long each keypress takes to redraw. Generates a monolith (5,000 files, 40
 * domains, seed 1), analyses it with the built CLI, and when the contexts stage gives fewer than two
 * contexts (a build without it) fills them from the generator's truth, so the screens have contexts.
 * Then, in this process, drives the real explore session on a fake 120x40 TTY, and, with tmux, also
 * times the built CLI from spawn to the first screen in a real pseudo-terminal.
 *
 *   npm run build && node dist/scripts/explore-timing.js [--files 5000] [--domains 40] [--analysis file]
 *     [--runs 5] [--rounds 3] [--json out.json] [--save analysis.json] [--truth]
 *
 * --truth takes the contexts (and a plan ranked by coupling) from the generator's hidden domains even
 * when the contexts stage found some, for exactly --domains contexts.
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseAnalysisJson } from '../src/explore/analysis-file.js';
import type { Analysis, PlanStep } from '../src/shared/analysis.js';
import { generateMonolith, type GeneratedMonolith } from './generate-monolith.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 120;
  readonly rows = 40;
  writes = 0;
  write = (): boolean => {
    this.writes += 1;
    this.emit('frame', performance.now());
    return true;
  };
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string[] = [];
  write(data: string): void {
    this.pending.push(data);
    this.emit('readable');
  }
  read = (): string | null => this.pending.shift() ?? null;
  setRawMode(): void {}
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const KEYS = { down: '\u001b[B', up: '\u001b[A', enter: '\r', escape: '\u001b', tab: '\t', pageDown: '\u001b[6~' };

/** Each entry redraws something, in every round (the views keep their cursors between rounds). */
const KEY_SEQUENCE: Array<[string, string]> = [
  ['down', KEYS.down], ['down', KEYS.down], ['up', KEYS.up], ['Enter (context)', KEYS.enter], ['page down', KEYS.pageDown],
  ['G (last file)', 'G'], ['g (first row)', 'g'], ['Esc (back)', KEYS.escape], ['Tab (dependencies)', KEYS.tab], ['down', KEYS.down],
  ['Enter (pair)', KEYS.enter], ['G (last import)', 'G'], ['Esc (back)', KEYS.escape], ['Tab (data)', KEYS.tab], ['Enter (table)', KEYS.enter],
  ['Esc (back)', KEYS.escape], ['Tab (plan)', KEYS.tab], ['G (last plan row)', 'G'], ['Enter (step or cycle)', KEYS.enter], ['Esc (back)', KEYS.escape], ['g (verdict)', 'g'], ['Tab (contexts)', KEYS.tab],
  ['/ (filter)', '/'], ['type 1', '1'], ['type 7', '7'], ['Enter (keep)', KEYS.enter], ['Esc (clear)', KEYS.escape], ['? (help)', '?'], ['any key', 'x'],
];

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The next frame's time; a key that draws nothing within 5 s is a failure of the sequence, not a figure. */
function nextFrame(stdout: FakeStdout, timeoutMs = 5000): Promise<number> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no frame within ${timeoutMs / 1000} s`)), timeoutMs);
    stdout.once('frame', (at: number) => {
      clearTimeout(timer);
      done(at);
    });
  });
}

interface FirstScreen {
  readMs: number;
  parseMs: number;
  firstFrameMs: number;
  /** Read + parse + model + first frame: the time from "load analysis.json" to the first screen. */
  totalMs: number;
}

/** Loaded the way `carve explore` loads it: React in production mode (see src/cli/commands/explore.ts). */
async function loadExplore(): Promise<typeof import('../src/explore/index.js')> {
  process.env.NODE_ENV ??= 'production';
  return import('../src/explore/index.js');
}

async function measureSession(file: string, rounds: number): Promise<{ first: FirstScreen; keys: Array<{ name: string; ms: number }> }> {
  // Module loading is not part of "after the analysis is loaded"; the tmux figure includes it.
  const { openExploreSession } = await loadExplore();
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const started = performance.now();
  const text = readFileSync(file, 'utf8');
  const read = performance.now();
  const analysis = parseAnalysisJson(text, file);
  const parsed = performance.now();
  const firstFrame = nextFrame(stdout);
  const session = openExploreSession({
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    theme: { isColor: true },
    useAlternateScreen: false,
  });
  session.showAnalysis(analysis);
  const drawn = await firstFrame;
  const first = { readMs: read - started, parseMs: parsed - read, firstFrameMs: drawn - parsed, totalMs: drawn - started };
  const keys: Array<{ name: string; ms: number }> = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, sequence] of KEY_SEQUENCE) {
      // Past ink's 30 fps frame throttle, so each press is timed as a lone keystroke.
      await sleep(60);
      const frame = nextFrame(stdout);
      const sent = performance.now();
      stdin.write(sequence);
      const at = await frame.catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
      keys.push({ name, ms: at - sent });
    }
  }
  session.close('quit');
  await session.exited;
  return { first, keys };
}

/** Spawn to first screen of the built CLI in tmux (node start-up and module loading included). */
function measurePty(file: string): number | null {
  if (spawnSync('sh', ['-c', 'command -v tmux'], { stdio: 'ignore' }).status !== 0) return null;
  const socket = `carve-timing-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const started = performance.now();
  tmux('new-session', '-d', '-s', 'timing', '-x', '120', '-y', '40', `env -u CI NO_COLOR=1 ${process.execPath} ${join(repoRoot, 'bin', 'carve.js')} explore ${file}; sleep 5`);
  try {
    for (;;) {
      if (tmux('capture-pane', '-p', '-t', 'timing').stdout.includes('> ')) return performance.now() - started;
      if (performance.now() - started > 20_000) return null;
      spawnSync('sleep', ['0.01']);
    }
  } finally {
    tmux('kill-server');
  }
}

/** The generator's tables and data accesses, for builds whose extract stage finds none yet. */
function withTruthData(analysis: Analysis, monolith: GeneratedMonolith): Analysis {
  const entityOf = (table: string): string => `Entity_${table}`;
  const entities = Object.keys(monolith.tables)
    .sort()
    .map((table) => ({ id: entityOf(table), table, orm: 'typeorm' as const, definedIn: null, line: null }));
  const dataAccess = monolith.dataAccess.map((access) => ({
    module: access.module,
    entity: entityOf(access.table),
    mode: access.mode,
    orm: access.via === 'sql' ? ('sql' as const) : ('typeorm' as const),
    operations: [],
    locations: [],
  }));
  return { ...analysis, entities, dataAccess, summary: { ...analysis.summary, entities: entities.length, dataAccesses: dataAccess.length } };
}

/**
 * The generator's hidden domains as contexts, with the metrics the contexts stage defines (cohesion and
 * coupling from import weights) and plan steps ranked by coupling: stand-ins so the screens are full.
 */
function withTruthContexts(analysis: Analysis, truth: Record<string, string>, tables: Record<string, string>): Analysis {
  const ids = [...new Set(Object.values(truth))].sort();
  const weights = new Map(ids.map((id) => [id, { internal: 0, cross: 0, inbound: {} as Record<string, number>, outbound: {} as Record<string, number> }]));
  for (const dependency of analysis.dependencies) {
    const from = truth[dependency.from];
    const to = truth[dependency.to];
    if (!from || !to) continue;
    if (from === to) {
      weights.get(from)!.internal += dependency.weight;
      continue;
    }
    const out = weights.get(from)!;
    const into = weights.get(to)!;
    out.cross += dependency.weight;
    into.cross += dependency.weight;
    out.outbound[to] = (out.outbound[to] ?? 0) + dependency.weight;
    into.inbound[from] = (into.inbound[from] ?? 0) + dependency.weight;
  }
  const modules = analysis.modules.map((module) => ({ ...module, context: truth[module.id] ?? null }));
  const contexts = ids.map((id) => {
    const w = weights.get(id)!;
    const total = w.internal + w.cross;
    const owned = Object.keys(tables).filter((table) => tables[table] === id).sort();
    const files = modules.filter((module) => module.context === id);
    return {
      id,
      modules: files.map((module) => module.id),
      entities: analysis.entities.filter((entity) => owned.includes(entity.table)).map((entity) => entity.id),
      origin: 'detected' as const,
      metrics: {
        size: files.length,
        loc: files.reduce((sum, module) => sum + module.loc, 0),
        cohesion: total === 0 ? 1 : w.internal / total,
        coupling: total === 0 ? 0 : w.cross / total,
        stability: 1,
        inbound: w.inbound,
        outbound: w.outbound,
        tablesOwned: owned,
        tablesShared: [],
      },
    };
  });
  const ranked = [...contexts].sort((a, b) => a.metrics.coupling - b.metrics.coupling || (a.id < b.id ? -1 : 1));
  const steps = ranked.map((context, i): PlanStep => {
    const outbound = Object.entries(context.metrics.outbound).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return {
      rank: i + 1,
      context: context.id,
      coupling: context.metrics.coupling,
      breakdown: { inbound: 0, outbound: context.metrics.coupling, data: 0, cycles: 0, score: context.metrics.coupling },
      size: context.metrics.size,
      loc: context.metrics.loc,
      churn: null,
      facade: { entryPoints: [], wiring: [] },
      inboundSeams: [],
      // One entry per context it calls: enough rows to draw, not a real plan.
      outboundSeams: outbound.map(([to, weight]) => ({ from: context.id, to, weight, antiCorruptionLayer: false, reason: 'from the generator', seams: [] })),
      data: { owned: context.metrics.tablesOwned, shared: [], foreign: [] },
      after: [],
      prerequisites: [],
      sharedKernel: [],
      effort: {
        points: context.metrics.size,
        size: 'M',
        counts: { entryPoints: 0, operations: 0, callSites: 0, outboundSeams: outbound.length, syncSeams: 0, tablesOwned: context.metrics.tablesOwned.length, tablesShared: 0, cycleBreaks: 0, loc: context.metrics.loc },
      },
    };
  });
  return { ...analysis, modules, contexts, plan: { steps }, summary: { ...analysis.summary, contexts: contexts.length } };
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** Median and max per key, in the sequence's order: which screens are slow to open. */
function byKey(keys: Array<{ name: string; ms: number }>): Record<string, { medianMs: number; maxMs: number }> {
  const times = new Map<string, number[]>();
  for (const key of keys) times.set(key.name, [...(times.get(key.name) ?? []), key.ms]);
  return Object.fromEntries(
    [...times].map(([name, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return [name, { medianMs: percentile(sorted, 0.5), maxMs: sorted[sorted.length - 1] ?? 0 }];
    }),
  );
}

function summarize(input: { analysis: Analysis; source: string; firsts: FirstScreen[]; keys: Array<{ name: string; ms: number }>; ptyMs: number | null }) {
  const firstTotals = input.firsts.map((first) => first.totalMs).sort((a, b) => a - b);
  const keyTimes = input.keys.map((key) => key.ms).sort((a, b) => a - b);
  const slowest = [...input.keys].sort((a, b) => b.ms - a.ms).slice(0, 3);
  const median = (list: number[]): number => percentile(list, 0.5);
  const data = {
    node: process.version,
    /** Other work on the machine skews the figures; recorded so a slow run can be told from a slow build. */
    loadAverage: loadavg()[0] ?? 0,
    files: input.analysis.modules.length,
    contexts: input.analysis.contexts.length,
    dependencies: input.analysis.dependencies.length,
    contextsFrom: input.source,
    firstScreen: {
      runs: input.firsts.length,
      medianMs: median(firstTotals),
      maxMs: firstTotals[firstTotals.length - 1] ?? 0,
      readMedianMs: median(input.firsts.map((first) => first.readMs).sort((a, b) => a - b)),
      parseMedianMs: median(input.firsts.map((first) => first.parseMs).sort((a, b) => a - b)),
      modelAndFrameMedianMs: median(input.firsts.map((first) => first.firstFrameMs).sort((a, b) => a - b)),
    },
    keypress: { presses: keyTimes.length, medianMs: median(keyTimes), p95Ms: percentile(keyTimes, 0.95), maxMs: keyTimes[keyTimes.length - 1] ?? 0, slowest, byKey: byKey(input.keys) },
    ptySpawnToFirstScreenMs: input.ptyMs,
  };
  const text = [
    `explore timing: ${data.files} files, ${data.contexts} contexts (from ${data.contextsFrom}), ${data.dependencies} dependencies`,
    `node ${data.node}, load average ${data.loadAverage.toFixed(2)} at the end`,
    `first screen after loading analysis.json (${data.firstScreen.runs} runs): median ${ms(data.firstScreen.medianMs)}, max ${ms(data.firstScreen.maxMs)}`,
    `  of which read ${ms(data.firstScreen.readMedianMs)}, parse+validate ${ms(data.firstScreen.parseMedianMs)}, model+first frame ${ms(data.firstScreen.modelAndFrameMedianMs)}`,
    `keypress to redraw (${data.keypress.presses} presses): median ${ms(data.keypress.medianMs)}, p95 ${ms(data.keypress.p95Ms)}, max ${ms(data.keypress.maxMs)}`,
    `  slowest: ${slowest.map((key) => `${key.name} ${ms(key.ms)}`).join(', ')}`,
    `built CLI in tmux, spawn to first screen: ${input.ptyMs === null ? 'not measured (no tmux)' : ms(input.ptyMs)}`,
    '',
  ].join('\n');
  return { text, data };
}

function prepareAnalysis(values: { files: string; domains: string; seed: string; truth: boolean }, scratch: string): { file: string; source: string } {
  const monolith: GeneratedMonolith = generateMonolith(join(scratch, 'monolith'), {
    files: Number(values.files),
    domains: Number(values.domains),
    mixing: 0.2,
    seed: Number(values.seed),
  });
  // Analysed by the built CLI in its own process: the measuring process then holds only what explore
  // holds, not the compiler's heap, whose collections would be timed as redraws.
  const out = join(scratch, 'report');
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin', 'carve.js'), 'analyze', monolith.root, '--out', out, '--no-cache', '--quiet'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`carve analyze failed: ${run.stderr}`);
  let analysis: Analysis = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8'));
  let source = 'the contexts stage';
  if (analysis.entities.length === 0 && monolith.dataAccess.length > 0) {
    analysis = withTruthData(analysis, monolith);
    source = 'the contexts stage; tables and data access from the generator (extract found none)';
  }
  if (analysis.contexts.length < 2 || values.truth) {
    analysis = withTruthContexts(analysis, monolith.truth, monolith.tables);
    const why = values.truth ? '--truth' : 'the contexts stage gave fewer than 2';
    source = `the generator's truth (${why})${source.includes(';') ? ', as are tables and data access' : ''}`;
  }
  const file = join(scratch, 'analysis.json');
  writeFileSync(file, JSON.stringify(analysis));
  return { file, source };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '5000' },
      domains: { type: 'string', default: '40' },
      seed: { type: 'string', default: '1' },
      analysis: { type: 'string' },
      runs: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      json: { type: 'string' },
      save: { type: 'string' },
      truth: { type: 'boolean', default: false },
    },
  });
  const scratch = mkdtempSync(join(tmpdir(), 'carve-explore-timing-'));
  try {
    const { file, source } = values.analysis ? { file: resolve(values.analysis), source: values.analysis } : prepareAnalysis(values, scratch);
    const analysis: Analysis = JSON.parse(readFileSync(file, 'utf8'));
    if (values.save) writeFileSync(values.save, readFileSync(file));
    const runs = Number(values.runs);
    const firsts: FirstScreen[] = [];
    const keys: Array<{ name: string; ms: number }> = [];
    for (let run = 0; run < runs; run += 1) {
      const measured = await measureSession(file, run === 0 ? Number(values.rounds) : 1);
      firsts.push(measured.first);
      keys.push(...measured.keys);
    }
    const pty = measurePty(file);
    const report = summarize({ analysis, source, firsts, keys, ptyMs: pty });
    process.stdout.write(report.text);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(report.data, null, 2)}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`explore-timing: error: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
